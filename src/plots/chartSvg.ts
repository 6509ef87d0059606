/**
 * A standalone SVG of a 2D chart, for slides (issue 21): the series with their colours, dashes,
 * point markers and labels, the axes with their ticks (log10 where the chart uses it), the title
 * and the legend text exactly as the page shows it (the error chart's fitted slopes included).
 * uPlot draws on a canvas, so the chart is redrawn here from its data and options. The output has
 * no external references, generic font families only and escaped text. Pure apart from
 * `downloadSvg`; unit-tested in Node.
 */
import type uPlot from 'uplot';
import { formatSignificant, isDecade, pow10Label } from './chartMath';
import { themeColors, type ChartTheme } from './chartTheme';
import { niceTicks } from './planeAxes';
import { downloadBlob } from './download';

/** One axis: its name, linear or log10, and the range shown. */
export interface SvgAxis {
  readonly label: string;
  readonly log: boolean;
  readonly min: number;
  readonly max: number;
  /** An asinh axis (uPlot distr 4): its linear range around 0; pixels follow asinh(v / asinh). */
  readonly asinh?: number;
  /** Ticks to use instead of the automatic ones (an asinh axis's 0 and ±10^k). */
  readonly ticks?: readonly { readonly value: number; readonly label: string }[];
}

/** Point markers of a series. */
export interface SvgPoints {
  readonly size: number;
  readonly fill: string;
  readonly stroke: string;
  readonly width: number;
}

/** One series against the shared x: null is a gap. */
export interface SvgSeries {
  readonly label: string;
  readonly color: string;
  readonly width: number;
  readonly dash?: readonly number[];
  /** False for a points-only series (its path is then an unstroked trace of the points). */
  readonly line: boolean;
  readonly points: SvgPoints | null;
  readonly y: readonly (number | null | undefined)[];
}

/** One legend line: a swatch of the colour and the page's text. */
export interface SvgLegendEntry {
  readonly color: string;
  readonly text: string;
  readonly dashed?: boolean;
}

/** A vertical (at x) or horizontal (at y) dashed line across the plot, with an optional label. */
export interface SvgMark {
  readonly kind: 'vline' | 'hline';
  readonly at: number;
  readonly color: string;
  readonly label?: string;
}

/** Extra drawing in data space (optimizer iterates, the expansion point): a polyline and/or dots. */
export interface SvgOverlay {
  readonly color: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
  readonly line: boolean;
  readonly dotRadius: number;
  readonly dash?: readonly number[];
}

/** Everything the SVG shows. */
export interface SvgChartSpec {
  readonly title: string;
  /** Size of the chart area (axes included, legend excluded), as on the page. */
  readonly width: number;
  readonly height: number;
  readonly theme: ChartTheme;
  readonly x: SvgAxis;
  readonly y: SvgAxis;
  readonly xs: readonly number[];
  readonly series: readonly SvgSeries[];
  readonly legend: readonly SvgLegendEntry[];
  readonly marks?: readonly SvgMark[];
  readonly overlays?: readonly SvgOverlay[];
}

/** Where things go in the SVG, in its user units (CSS pixels). */
export interface SvgLayout {
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly left: number; readonly top: number; readonly width: number; readonly height: number };
  readonly legendTop: number;
  readonly lineHeight: number;
}

/** Generic font families only: the file must not depend on fonts the slide machine lacks. */
export const SVG_FONT = 'sans-serif';

/** Escapes text and attribute values for XML. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** A number for an SVG attribute: 3 decimals, no exponent, no "-0". */
export function num(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Value -> pixel along an axis drawn from pixel `lo` (at min) to `hi` (at max); log10 axes map log10(v). */
export function axisToPixel(axis: SvgAxis, lo: number, hi: number): (v: number) => number {
  const lin = axis.asinh;
  const t = (v: number) => (axis.log ? Math.log10(v) : lin !== undefined && lin > 0 ? Math.asinh(v / lin) : v);
  const a = t(axis.min);
  const span = t(axis.max) - a;
  return (v) => lo + ((t(v) - a) / (span === 0 ? 1 : span)) * (hi - lo);
}

/** Ticks of an axis: the decades of a log axis (thinned to at most ~8 labels), nice steps of a linear one. */
export function axisTicks(axis: SvgAxis): { value: number; label: string }[] {
  if (axis.ticks) return axis.ticks.filter((t) => t.value >= axis.min && t.value <= axis.max).map((t) => ({ ...t }));
  if (!(axis.max > axis.min) || !Number.isFinite(axis.min) || !Number.isFinite(axis.max)) return [];
  if (axis.log) {
    if (!(axis.min > 0)) return [];
    const lo = Math.ceil(Math.log10(axis.min) - 1e-9);
    const hi = Math.floor(Math.log10(axis.max) + 1e-9);
    const stride = Math.max(1, Math.ceil((hi - lo + 1) / 8));
    const ticks: { value: number; label: string }[] = [];
    for (let k = lo; k <= hi; k++) {
      if (k % stride !== 0) continue;
      const v = Number(`1e${k}`);
      ticks.push({ value: v, label: isDecade(v) ? pow10Label(v) : formatSignificant(v, 2) });
    }
    return ticks;
  }
  return niceTicks(axis.min, axis.max, 6).map((v) => ({ value: v, label: formatSignificant(v, 4) }));
}

/** Plot area, legend position and overall size of the SVG for a spec. */
export function svgLayout(spec: SvgChartSpec): SvgLayout {
  const fs = spec.theme.fontSize;
  const yLabels = axisTicks(spec.y).map((t) => t.label.length);
  const left = Math.round(fs * 1.8 + Math.max(3, ...yLabels) * fs * 0.62 + 12);
  const top = Math.round(spec.title ? fs * 2.4 : fs * 0.8);
  const right = Math.round(fs * 1.2);
  const bottom = Math.round(fs * 3.4);
  const lineHeight = Math.round(fs * 1.5);
  const legendTop = Math.max(spec.height, top + bottom + 40) + Math.round(fs * 0.4);
  return {
    width: Math.max(spec.width, 160),
    height: legendTop + spec.legend.length * lineHeight + Math.round(fs * 0.6),
    plot: { left, top, width: Math.max(20, Math.max(spec.width, 160) - left - right), height: Math.max(20, legendTop - Math.round(fs * 0.4) - top - bottom) },
    legendTop,
    lineHeight,
  };
}

/** A CSS colour as SVG 1.1 paint: rgba(r, g, b, a) becomes rgb(r, g, b) plus an opacity. */
function paint(attr: 'stroke' | 'fill', color: string): string {
  const m = /^rgba\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*\)$/.exec(color.trim());
  if (!m) return `${attr}="${escapeXml(color)}"`;
  return `${attr}="rgb(${m[1]},${m[2]},${m[3]})" ${attr}-opacity="${num(Number(m[4]))}"`;
}

function dashAttr(dash: readonly number[] | undefined): string {
  return dash && dash.length > 0 ? ` stroke-dasharray="${dash.map(num).join(' ')}"` : '';
}

function usable(v: number | null | undefined, log: boolean): v is number {
  return typeof v === 'number' && Number.isFinite(v) && (!log || v > 0);
}

/** "M x y L x y …" through the usable points, a new "M" after each gap. */
export function pathData(points: readonly ({ x: number; y: number } | null)[]): string {
  const parts: string[] = [];
  let open = false;
  for (const p of points) {
    if (!p) {
      open = false;
      continue;
    }
    parts.push(`${open ? 'L' : 'M'}${num(p.x)} ${num(p.y)}`);
    open = true;
  }
  return parts.join(' ');
}

/** The chart as a standalone SVG document. */
export function chartSvg(spec: SvgChartSpec): string {
  const L = svgLayout(spec);
  const c = themeColors(spec.theme);
  const fs = spec.theme.fontSize;
  const { plot } = L;
  const px = axisToPixel(spec.x, plot.left, plot.left + plot.width);
  const py = axisToPixel(spec.y, plot.top + plot.height, plot.top);
  const at = (x: number | null | undefined, y: number | null | undefined) => (usable(x, spec.x.log) && usable(y, spec.y.log) ? { x: px(x), y: py(y) } : null);
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${L.width}" height="${L.height}" viewBox="0 0 ${L.width} ${L.height}" font-family="${SVG_FONT}" font-size="${num(fs)}">`);
  out.push(`<title>${escapeXml(spec.title)}</title>`);
  out.push(`<rect class="background" x="0" y="0" width="${L.width}" height="${L.height}" ${paint('fill', c.background)}/>`);
  if (spec.title) out.push(`<text class="title" x="${num(plot.left)}" y="${num(fs * 1.5)}" font-weight="bold" ${paint('fill', c.text)}>${escapeXml(spec.title)}</text>`);
  out.push(`<defs><clipPath id="plot-area"><rect x="${num(plot.left)}" y="${num(plot.top)}" width="${num(plot.width)}" height="${num(plot.height)}"/></clipPath></defs>`);
  out.push(...axesSvg(spec, L, px, py));
  out.push('<g class="plot" clip-path="url(#plot-area)">');
  for (const m of spec.marks ?? []) out.push(markSvg(m, L, spec, px, py, fs));
  spec.series.forEach((s, i) => out.push(seriesSvg(s, i, spec.xs.map((x, j) => at(x, s.y[j])))));
  for (const o of spec.overlays ?? []) out.push(overlaySvg(o, o.points.map((p) => at(p.x, p.y))));
  out.push('</g>');
  out.push(`<rect class="frame" x="${num(plot.left)}" y="${num(plot.top)}" width="${num(plot.width)}" height="${num(plot.height)}" fill="none" ${paint('stroke', c.faint)} stroke-width="1"/>`);
  out.push(...legendSvg(spec, L));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function axesSvg(spec: SvgChartSpec, L: SvgLayout, px: (v: number) => number, py: (v: number) => number): string[] {
  const c = themeColors(spec.theme);
  const fs = spec.theme.fontSize;
  const { plot } = L;
  const out = ['<g class="axes">'];
  const bottom = plot.top + plot.height;
  for (const t of axisTicks(spec.x)) {
    const x = px(t.value);
    out.push(`<line class="grid" x1="${num(x)}" y1="${num(plot.top)}" x2="${num(x)}" y2="${num(bottom + 6)}" ${paint('stroke', c.grid)} stroke-width="1"/>`);
    out.push(`<text class="tick x" x="${num(x)}" y="${num(bottom + 6 + fs)}" text-anchor="middle" ${paint('fill', c.text)}>${escapeXml(t.label)}</text>`);
  }
  for (const t of axisTicks(spec.y)) {
    const y = py(t.value);
    out.push(`<line class="grid" x1="${num(plot.left - 6)}" y1="${num(y)}" x2="${num(plot.left + plot.width)}" y2="${num(y)}" ${paint('stroke', c.grid)} stroke-width="1"/>`);
    out.push(`<text class="tick y" x="${num(plot.left - 9)}" y="${num(y + fs * 0.35)}" text-anchor="end" ${paint('fill', c.text)}>${escapeXml(t.label)}</text>`);
  }
  out.push(`<text class="axis-label x" x="${num(plot.left + plot.width / 2)}" y="${num(bottom + 6 + fs * 2.4)}" text-anchor="middle" font-weight="bold" ${paint('fill', c.text)}>${escapeXml(spec.x.label)}</text>`);
  const ly = plot.top + plot.height / 2;
  out.push(`<text class="axis-label y" x="${num(fs * 1.1)}" y="${num(ly)}" transform="rotate(-90 ${num(fs * 1.1)} ${num(ly)})" text-anchor="middle" font-weight="bold" ${paint('fill', c.text)}>${escapeXml(spec.y.label)}</text>`);
  out.push('</g>');
  return out;
}

function markSvg(m: SvgMark, L: SvgLayout, spec: SvgChartSpec, px: (v: number) => number, py: (v: number) => number, fs: number): string {
  const { plot } = L;
  const axis = m.kind === 'vline' ? spec.x : spec.y;
  if (!usable(m.at, axis.log)) return '';
  const p = m.kind === 'vline' ? px(m.at) : py(m.at);
  const line =
    m.kind === 'vline'
      ? `<line x1="${num(p)}" y1="${num(plot.top)}" x2="${num(p)}" y2="${num(plot.top + plot.height)}"`
      : `<line x1="${num(plot.left)}" y1="${num(p)}" x2="${num(plot.left + plot.width)}" y2="${num(p)}"`;
  const label = m.label
    ? m.kind === 'hline'
      ? `<text x="${num(plot.left + 6)}" y="${num(p - 4)}" ${paint('fill', m.color)}>${escapeXml(m.label)}</text>`
      : `<text x="${num(p + 4)}" y="${num(plot.top + fs * 1.1)}" ${paint('fill', m.color)}>${escapeXml(m.label)}</text>`
    : '';
  return `<g class="mark ${m.kind}">${line} ${paint('stroke', m.color)} stroke-width="2" stroke-dasharray="4 5"/>${label}</g>`;
}

function seriesSvg(s: SvgSeries, index: number, points: readonly ({ x: number; y: number } | null)[]): string {
  const stroke = s.line ? `${paint('stroke', s.color)} stroke-width="${num(s.width)}"${dashAttr(s.dash)} stroke-linejoin="round"` : 'stroke="none"';
  const out = [`<g class="series" data-index="${index}" data-label="${escapeXml(s.label)}">`, `<title>${escapeXml(s.label)}</title>`];
  out.push(`<path class="series-path" d="${pathData(points)}" fill="none" ${stroke}/>`);
  if (s.points) {
    const r = s.points.size / 2;
    for (const p of points) if (p) out.push(`<circle cx="${num(p.x)}" cy="${num(p.y)}" r="${num(r)}" ${paint('fill', s.points.fill)} ${paint('stroke', s.points.stroke)} stroke-width="${num(s.points.width)}"/>`);
  }
  out.push('</g>');
  return out.join('');
}

function overlaySvg(o: SvgOverlay, points: readonly ({ x: number; y: number } | null)[]): string {
  const out = ['<g class="overlay">'];
  if (o.line) out.push(`<path d="${pathData(points)}" fill="none" ${paint('stroke', o.color)} stroke-width="1.5"${dashAttr(o.dash)}/>`);
  if (o.dotRadius > 0) for (const p of points) if (p) out.push(`<circle cx="${num(p.x)}" cy="${num(p.y)}" r="${num(o.dotRadius)}" ${paint('fill', o.color)}/>`);
  out.push('</g>');
  return out.join('');
}

function legendSvg(spec: SvgChartSpec, L: SvgLayout): string[] {
  const c = themeColors(spec.theme);
  const fs = spec.theme.fontSize;
  const out = ['<g class="legend">'];
  spec.legend.forEach((e, i) => {
    const y = L.legendTop + i * L.lineHeight + L.lineHeight / 2;
    const x = L.plot.left;
    out.push(
      `<g class="legend-row"><line x1="${num(x)}" y1="${num(y)}" x2="${num(x + fs * 2)}" y2="${num(y)}" ${paint('stroke', e.color)} stroke-width="${num(Math.max(3, Math.round(fs / 5)))}"${e.dashed ? ' stroke-dasharray="6 4"' : ''}/>` +
        `<text class="legend-text" x="${num(x + fs * 2.5)}" y="${num(y + fs * 0.35)}" xml:space="preserve" ${paint('fill', c.text)}>${escapeXml(e.text)}</text></g>`,
    );
  });
  out.push('</g>');
  return out;
}

/** A uPlot series' stroke as a colour ('' for a function or a gradient, which the SVG cannot show). */
function colorOf(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * The spec of a uPlot chart from its options and data as the page shows them: visible series with
 * their stroke, width, dash and points (a series whose paths are turned off or whose width is 0 draws
 * points only), log10 scales (distr 3) and the scale ranges in view.
 */
export function uplotSvgSpec(
  options: Pick<uPlot.Options, 'series' | 'axes' | 'scales'>,
  data: uPlot.AlignedData,
  ranges: { readonly x: readonly [number, number]; readonly y: readonly [number, number] },
  rest: Pick<SvgChartSpec, 'title' | 'width' | 'height' | 'theme' | 'legend' | 'marks' | 'overlays'>,
): SvgChartSpec {
  const axis = (scale: 'x' | 'y', index: number): SvgAxis => ({
    label: String(options.axes?.[index]?.label ?? ''),
    log: options.scales?.[scale]?.distr === 3,
    ...(options.scales?.[scale]?.distr === 4 ? { asinh: options.scales[scale].asinh ?? 1 } : {}),
    min: ranges[scale][0],
    max: ranges[scale][1],
  });
  const series: SvgSeries[] = [];
  options.series.forEach((s, i) => {
    if (i === 0 || s.show === false) return;
    const color = colorOf(s.stroke) || '#888888';
    const line = (s.width ?? 1) > 0 && !(typeof s.paths === 'function' && isNullPaths(s.paths));
    const p = s.points;
    const points: SvgPoints | null =
      p?.show === true ? { size: typeof p.size === 'number' ? p.size : 6, fill: colorOf(p.fill) || color, stroke: colorOf(p.stroke) || color, width: typeof p.width === 'number' ? p.width : 1 } : null;
    series.push({ label: String(s.label ?? `series ${i}`), color, width: s.width ?? 1, dash: s.dash, line, points, y: (data[i] ?? []) as (number | null)[] });
  });
  return { ...rest, x: axis('x', 0), y: axis('y', 1), xs: Array.from(data[0] ?? []), series };
}

/** True for a `paths` function that draws nothing (`() => null`, how the lab turns a line off). */
function isNullPaths(f: (...args: never[]) => unknown): boolean {
  try {
    return (f as () => unknown)() === null;
  } catch {
    return false;
  }
}

/** The legend rows of a chart's DOM legend as the page shows them (text and data-color of each row). */
export function domLegend(legend: HTMLElement): SvgLegendEntry[] {
  return [...legend.querySelectorAll<HTMLElement>('.taylor-legend-row')].map((row) => ({
    color: row.dataset.color ?? '#888888',
    text: legendText(row.querySelector('.taylor-legend-text')),
    dashed: row.dataset.dashed === 'true',
  }));
}

const SUBSCRIPT: Record<string, string> = { '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉' };

/** A legend text's characters, a <sub> part (T<sub>3</sub>) as subscript digits (T₃). */
function legendText(el: Element | null): string {
  if (!el) return '';
  return [...el.childNodes].map((n) => (n.nodeName === 'SUB' ? [...(n.textContent ?? '')].map((ch) => SUBSCRIPT[ch] ?? ch).join('') : (n.textContent ?? ''))).join('');
}

/** Starts a download of the SVG text as `filename`. */
export function downloadSvg(svg: string, filename: string): void {
  downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), filename);
}

/**
 * Adds a keyboard-reachable "SVG" button (aria-label "Download <what> as SVG") that downloads
 * `make()` as `<name>.svg`, where name is the chart's section data-testid (e.g. error1d) or `fallback`.
 */
export function svgButton(root: HTMLElement, what: string, fallback: string, make: () => string): HTMLButtonElement {
  const button = root.ownerDocument.createElement('button');
  button.type = 'button';
  button.className = 'taylor-svg-button';
  button.textContent = 'SVG';
  button.setAttribute('aria-label', `Download ${what} as SVG`);
  button.title = `Download ${what} as SVG (for slides)`;
  Object.assign(button.style, { marginLeft: 'auto', font: 'inherit', fontSize: '0.8em', padding: '0.05em 0.5em', cursor: 'pointer', background: 'transparent', color: 'inherit', border: '1px solid currentColor', borderRadius: '4px' });
  button.addEventListener('click', () => {
    const section = root.closest<HTMLElement>('[data-testid]');
    const name = section?.dataset.testid && section !== root ? section.dataset.testid : fallback;
    downloadSvg(make(), `${name.replace(/[^\w.-]+/g, '-')}.svg`);
  });
  return button;
}

/** The heading of the section a chart sits in ('' when none): the SVG's title. */
export function sectionTitle(root: HTMLElement): string {
  const section = root.closest('section');
  return section?.querySelector(':scope > h2, :scope > h3')?.textContent?.trim() ?? '';
}

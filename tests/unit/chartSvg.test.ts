/**
 * The SVG export of the 2D charts (issue 21, figures for slides): well-formed XML, one path per
 * visible series whose vertices are the data through the axis transform (log10 included) to
 * 0.01 px, the page's legend text (the error chart's fitted slopes), escaped text, no external refs.
 */
import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import { axisTicks, chartSvg, escapeXml, svgLayout, uplotSvgSpec, type SvgChartSpec } from '../../src/plots/chartSvg';
import { errorLegendText, prepareErrorData } from '../../src/plots/errorChartData';
import { orderColor, withAlpha } from '../../src/plots/orderColors';

/** Checks the document is well-formed: every tag closed in order, no raw '<' or stray '&' in text or attributes. */
function expectWellFormed(svg: string): void {
  const body = svg.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  let roots = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const text = body.slice(last, m.index);
    expect(text, `text before ${m[0]}`).not.toMatch(/[<>]/);
    expect(text.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, ''), 'stray & in text').not.toContain('&');
    expect(m[3].replace(/&(amp|lt|gt|quot|apos|#\d+);/g, ''), `attributes of ${m[2]}`).not.toContain('&');
    last = m.index + m[0].length;
    if (m[1] === '/') expect(stack.pop(), `closing ${m[2]}`).toBe(m[2]);
    else if (m[4] !== '/') {
      if (stack.length === 0) roots++;
      stack.push(m[2]);
    } else if (stack.length === 0) roots++;
  }
  expect(body.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  expect(body.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Per series group: its label and the absolute vertices of its path. */
function seriesPaths(svg: string): { label: string; points: [number, number][] }[] {
  return [...svg.matchAll(/<g class="series" data-index="\d+" data-label="([^"]*)">.*?<path class="series-path" d="([^"]*)"/g)].map((m) => ({
    label: unescape(m[1]),
    points: [...m[2].matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((p) => [Number(p[1]), Number(p[2])] as [number, number]),
  }));
}

const legendTexts = (svg: string) => [...svg.matchAll(/<text class="legend-text"[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]));

const THEME = { dark: false, fontSize: 16 };

/** An error study like the 1D view's: three orders, the smallest steps of order 5 in round-off. */
function errorStudy() {
  const h = [0.5, 0.1, 0.02, 0.004, 8e-4, 1.6e-4];
  const orders = [1, 3, 5];
  const errors = orders.map((k) => h.map((s, j) => (k === 5 && j >= 4 ? 3e-16 * (1 + j) : 0.3 * s ** (k + 1))));
  const roundoff = orders.map((k) => h.map((_, j) => k === 5 && j >= 4));
  return prepareErrorData({ h, errors, orders, roundoff, slopes: [2.01, 3.98, 6.02], breakdown: [0.3, null, 0.05], tolerance: 1e-6 });
}

/** The error chart's uPlot options for the prepared study (same shapes as ErrorChart.orderSeries). */
function errorOptions(orders: readonly number[]): Pick<uPlot.Options, 'series' | 'axes' | 'scales'> {
  const series: uPlot.Series[] = [{}];
  for (const k of orders) {
    const c = orderColor(k);
    series.push({ label: `k=${k}`, stroke: c, width: 3, points: { show: true, size: 10, fill: c, stroke: c } });
    series.push({ label: `k=${k} round-off`, stroke: withAlpha(c, 0.7), width: 0, paths: () => null, points: { show: true, size: 12, width: 2, fill: '#fff', stroke: withAlpha(c, 0.7) } });
    series.push({ label: `k=${k} slope ${k + 1}`, stroke: withAlpha(c, 0.8), width: 2, dash: [10, 8], points: { show: false } });
  }
  return { series, axes: [{ label: 'step h' }, { label: 'error |f − Tₖ|' }], scales: { x: { distr: 3, log: 10 }, y: { distr: 3, log: 10 } } };
}

function errorSpec(): { spec: SvgChartSpec; data: uPlot.AlignedData } {
  const p = errorStudy();
  const cols: (number | null)[][] = [];
  for (const s of p.series) cols.push(s.fit, s.roundoff, s.guide);
  const data: uPlot.AlignedData = [p.h, ...cols];
  const legend = p.series.map((s) => ({ color: orderColor(s.order), text: errorLegendText(s) }));
  const spec = uplotSvgSpec(errorOptions(p.series.map((s) => s.order)), data, { x: p.xRange, y: p.yRange }, { title: 'error vs step h', width: 640, height: 360, theme: THEME, legend });
  return { spec, data };
}

describe('chartSvg', () => {
  it('draws the error chart: well-formed, one path per series through the log-log transform, the page legend', () => {
    const { spec, data } = errorSpec();
    const svg = chartSvg(spec);
    expectWellFormed(svg);
    // Standalone: no links, images, scripts or named fonts beyond generic families.
    expect(svg).not.toMatch(/href|<image|<script|url\((?!#plot-area\))|@import/);
    expect([...svg.matchAll(/font-family="([^"]*)"/g)].map((m) => m[1])).toEqual(['sans-serif']);

    const paths = seriesPaths(svg);
    expect(paths.map((p) => p.label)).toEqual(['k=1', 'k=1 round-off', 'k=1 slope 2', 'k=3', 'k=3 round-off', 'k=3 slope 4', 'k=5', 'k=5 round-off', 'k=5 slope 6']);
    // The axis transform written out here: log10 of the value, linear in pixels across the plot box.
    const { plot } = svgLayout(spec);
    const [x0, x1] = [Math.log10(spec.x.min), Math.log10(spec.x.max)];
    const [y0, y1] = [Math.log10(spec.y.min), Math.log10(spec.y.max)];
    paths.forEach((path, i) => {
      const col = data[i + 1] as (number | null)[];
      const expected = (data[0] as number[]).flatMap((h, j) => (col[j] === null ? [] : [[plot.left + ((Math.log10(h) - x0) / (x1 - x0)) * plot.width, plot.top + plot.height - ((Math.log10(col[j] as number) - y0) / (y1 - y0)) * plot.height]]));
      expect(path.points.length, path.label).toBe(expected.length);
      path.points.forEach(([x, y], j) => {
        expect(Math.abs(x - expected[j][0]), `${path.label} x ${j}`).toBeLessThanOrEqual(0.01);
        expect(Math.abs(y - expected[j][1]), `${path.label} y ${j}`).toBeLessThanOrEqual(0.01);
      });
    });
    expect(paths.map((p) => p.points.length)).toEqual([6, 0, 6, 6, 0, 6, 4, 2, 6]);
    // Round-off series draw points only: their path has no stroke, their markers are circles.
    expect(svg).toMatch(/data-label="k=5 round-off"><title>k=5 round-off<\/title><path class="series-path" d="[^"]*" fill="none" stroke="none"\/><circle/);
    // Dashed guides keep their dash; rgba colours become rgb + opacity (SVG 1.1 paint).
    expect(svg).toMatch(/data-label="k=3 slope 4">.*?stroke-dasharray="10 8"/);
    expect(svg).not.toContain('rgba(');

    // The legend says what the page's legend says, slopes and all.
    expect(legendTexts(svg)).toEqual(['k=1  slope 2.01 (theory 2)  breakdown h=0.3', 'k=3  slope 3.98 (theory 4)  no breakdown', 'k=5  slope 6.02 (theory 6)  breakdown h=0.05']);
    // Log axes: decade ticks with superscript labels.
    expect([...svg.matchAll(/<text class="tick y"[^>]*>([^<]*)</g)].map((m) => m[1])).toContain('10⁻⁶');
  });

  it('maps a linear axis and skips gaps (null, NaN) with a new subpath', () => {
    const xs = [-2, -1, 0, 1, 2, 3];
    const spec: SvgChartSpec = {
      title: 'f(x)',
      width: 500,
      height: 300,
      theme: { dark: true, fontSize: 14 },
      x: { label: 'x', log: false, min: -2, max: 3 },
      y: { label: 'y', log: false, min: -1, max: 9 },
      xs,
      series: [{ label: 'f', color: '#909090', width: 3, line: true, points: null, y: [4, 1, null, 1, NaN, 9] }],
      legend: [{ color: '#909090', text: 'f(x)' }],
    };
    const svg = chartSvg(spec);
    expectWellFormed(svg);
    const d = /class="series-path" d="([^"]*)"/.exec(svg)?.[1] ?? '';
    expect(d.match(/M/g)?.length).toBe(3);
    const { plot } = svgLayout(spec);
    const pts = seriesPaths(svg)[0].points;
    const want = [[-2, 4], [-1, 1], [1, 1], [3, 9]].map(([x, y]) => [plot.left + ((x + 2) / 5) * plot.width, plot.top + plot.height - ((y + 1) / 10) * plot.height]);
    expect(pts.length).toBe(4);
    pts.forEach(([x, y], j) => {
      expect(Math.abs(x - want[j][0])).toBeLessThanOrEqual(0.01);
      expect(Math.abs(y - want[j][1])).toBeLessThanOrEqual(0.01);
    });
  });

  it('escapes text: a label with "<&>" and quotes keeps the document valid and reads back', () => {
    const { spec } = errorSpec();
    const evil = 'a <b> & "c" \'d\' </svg>';
    const svg = chartSvg({ ...spec, title: evil, x: { ...spec.x, label: evil }, legend: [{ color: '#000', text: evil }], series: spec.series.map((s, i) => (i === 0 ? { ...s, label: evil } : s)) });
    expectWellFormed(svg);
    expect(legendTexts(svg)).toEqual([evil]);
    expect(seriesPaths(svg)[0].label).toBe(evil);
    expect(svg).toContain(escapeXml(evil));
    expect(escapeXml('<&>')).toBe('&lt;&amp;&gt;');
  });

  it('hides series uPlot does not show and drops non-positive values on a log axis', () => {
    const { spec } = errorSpec();
    const opts = errorOptions([1]);
    (opts.series[2] as uPlot.Series).show = false;
    const data: uPlot.AlignedData = [[0.1, 1, 10], [1e-3, 0, 1e-1], [null, null, null], [1e-4, 1e-2, 1]];
    const s = uplotSvgSpec(opts, data, { x: [0.1, 10], y: [1e-4, 1] }, { ...spec, legend: [] });
    expect(s.series.map((x) => x.label)).toEqual(['k=1', 'k=1 slope 2']);
    const paths = seriesPaths(chartSvg(s));
    expect(paths[0].points.length).toBe(2);
    // Ticks of a log axis are its decades; of a linear one, nice steps inside the range.
    expect(axisTicks({ label: '', log: true, min: 1e-4, max: 1 }).map((t) => t.label)).toEqual(['10⁻⁴', '10⁻³', '10⁻²', '10⁻¹', '1']);
    expect(axisTicks({ label: '', log: false, min: -1.1, max: 1.3 }).map((t) => t.value)).toEqual([-1, -0.5, 0, 0.5, 1]);
  });
});

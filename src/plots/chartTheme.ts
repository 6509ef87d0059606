/**
 * Shared look of the 2D charts, tuned for a projector: big fonts, thick lines, high contrast, a dark
 * and a light theme. Also the small DOM legend both charts use (uPlot's own legend is off so rows
 * can carry data-* attributes and fixed text).
 */
import type uPlot from 'uplot';
import { decadeStride, decadesOnly, logTickLabels } from './chartMath';

/** Theme of a chart: dark or light background, base font size in CSS pixels. */
export interface ChartTheme {
  readonly dark: boolean;
  readonly fontSize: number;
}

/** Size and theme options every chart constructor accepts. */
export interface ChartOptions {
  readonly width?: number;
  readonly height?: number;
  readonly fontSize?: number;
  readonly dark?: boolean;
}

/** Default theme: dark background, 14 px text. */
export const DEFAULT_THEME: ChartTheme = { dark: true, fontSize: 14 };

/** Colours derived from a theme. */
export interface ThemeColors {
  readonly background: string;
  readonly text: string;
  readonly grid: string;
  readonly faint: string;
}

/** The background, text, grid and faint colours of a theme. */
export function themeColors(theme: ChartTheme): ThemeColors {
  return theme.dark
    ? { background: '#121212', text: '#f2f2f2', grid: 'rgba(255,255,255,0.16)', faint: 'rgba(255,255,255,0.55)' }
    : { background: '#ffffff', text: '#111111', grid: 'rgba(0,0,0,0.14)', faint: 'rgba(0,0,0,0.55)' };
}

/** The theme from constructor options, falling back to DEFAULT_THEME. */
export function themeFromOptions(opts: ChartOptions | undefined): ChartTheme {
  const fontSize = opts?.fontSize;
  return {
    dark: opts?.dark ?? DEFAULT_THEME.dark,
    fontSize: fontSize !== undefined && fontSize > 0 ? fontSize : DEFAULT_THEME.fontSize,
  };
}

/** CSS/canvas font string at the given size. */
export function chartFont(fontSize: number, bold = false): string {
  return `${bold ? 'bold ' : ''}${Math.round(fontSize)}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
}

/** Options of one uPlot axis in the theme's colours and fonts. */
export function axisOptions(
  theme: ChartTheme,
  scale: string,
  side: 2 | 3,
  label: string,
  values?: uPlot.Axis.Values,
): uPlot.Axis {
  const c = themeColors(theme);
  const fs = theme.fontSize;
  const lines = { stroke: c.grid, width: 1 };
  const axis: uPlot.Axis = {
    scale,
    side,
    label,
    stroke: c.text,
    font: chartFont(fs),
    labelFont: chartFont(fs, true),
    labelSize: Math.round(fs * 1.5 + 4),
    gap: 6,
    grid: lines,
    ticks: { ...lines, size: 6 },
    space: side === 2 ? fs * 5 : fs * 2.5,
    // Width of a y axis follows its longest label so big fonts are never clipped.
    size: side === 2 ? Math.round(fs * 1.4 + 14) : (_u, vals) => axisWidth(vals, fs),
  };
  if (values) axis.values = values;
  return axis;
}

/**
 * Options of a log10 axis: grid and ticks on decades only, labels "10⁻⁸" thinned to every n-th
 * decade so they never overlap at big font sizes (uPlot's own thinning counts sub-decade splits).
 */
export function logAxisOptions(theme: ChartTheme, scale: string, side: 2 | 3, label: string): uPlot.Axis {
  const fs = theme.fontSize;
  const minGap = side === 2 ? fs * 4 : fs * 1.6;
  const axis = axisOptions(theme, scale, side, label, (u, splits) => {
    const perDecade = Math.abs(u.valToPos(10, scale) - u.valToPos(1, scale));
    return logTickLabels(splits, decadeStride(perDecade, minGap));
  });
  axis.filter = (_u, splits) => splits;
  axis.grid = { ...axis.grid, filter: (_u, splits) => decadesOnly(splits) };
  axis.ticks = { ...axis.ticks, filter: (_u, splits) => decadesOnly(splits) };
  return axis;
}

function axisWidth(vals: readonly string[] | null | undefined, fontSize: number): number {
  const longest = (vals ?? []).reduce((m, v) => Math.max(m, String(v ?? '').length), 3);
  return Math.ceil(longest * fontSize * 0.62) + 16;
}

/** Applies the theme's colours and font to a chart's root element. */
export function styleRoot(root: HTMLElement, theme: ChartTheme): void {
  const c = themeColors(theme);
  root.style.background = c.background;
  root.style.color = c.text;
  root.style.font = chartFont(theme.fontSize);
}

/** One row of a chart legend: a swatch and a text span. */
export interface LegendRow {
  readonly row: HTMLElement;
  readonly swatch: HTMLElement;
  readonly text: HTMLElement;
}

/** Appends a legend row whose swatch is a line of the given colour (dashed when asked). */
export function addLegendRow(parent: HTMLElement, color: string, theme: ChartTheme, dashed = false): LegendRow {
  const doc = parent.ownerDocument;
  const row = doc.createElement('div');
  row.className = 'taylor-legend-row';
  // The swatch's colour and dash, for the SVG export (chartSvg.domLegend).
  row.dataset.color = color;
  if (dashed) row.dataset.dashed = 'true';
  row.style.display = 'flex';
  row.style.alignItems = 'center';
  row.style.gap = '0.5em';
  row.style.whiteSpace = 'pre';
  const swatch = doc.createElement('span');
  swatch.className = 'taylor-legend-swatch';
  swatch.style.display = 'inline-block';
  swatch.style.width = `${Math.round(theme.fontSize * 2)}px`;
  swatch.style.borderTop = `${Math.max(3, Math.round(theme.fontSize / 5))}px ${dashed ? 'dashed' : 'solid'} ${color}`;
  const text = doc.createElement('span');
  text.className = 'taylor-legend-text';
  row.append(swatch, text);
  parent.append(row);
  return { row, swatch, text };
}

/** Creates the legend container below a chart. */
export function createLegend(root: HTMLElement, theme: ChartTheme): HTMLElement {
  const legend = root.ownerDocument.createElement('div');
  legend.className = 'taylor-legend';
  legend.style.display = 'flex';
  legend.style.flexWrap = 'wrap';
  legend.style.gap = '0.25em 1.5em';
  legend.style.padding = '0.4em 0.6em';
  legend.style.font = chartFont(theme.fontSize);
  root.append(legend);
  return legend;
}

/** Sets an attribute, or removes it when the value is null (so tests read null back). */
export function setOrRemove(el: HTMLElement, name: string, value: string | null): void {
  if (value === null) el.removeAttribute(name);
  else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Sets textContent only when it changes, so per-frame updates do not touch the layout. */
export function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

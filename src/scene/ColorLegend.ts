import {
  colormapCss,
  CURVATURE_COLORS,
  DIVERGING_COLORS,
  ERROR_DECADES,
  FLAT_CURVATURE_FRACTION,
  OVERLAY_COLORS,
} from './palette';
import { COLOR_MODES, type ColorMode, type SurfaceRanges } from './Surface';

/** A label under the colour bar, at fraction `at` in [0, 1] of the bar's width. */
export interface LegendTick {
  /** Text as shown; empty for an unlabelled tick mark. */
  readonly text: string;
  /** Position along the bar, 0 = left end, 1 = right end. */
  readonly at: number;
  /** The number the text stands for (unrounded). */
  readonly value: number;
  /** data-legend of the label: the bar's ends are 'min' and 'max'. */
  readonly role: 'min' | 'max' | 'mid' | 'tick';
}

/** A labelled colour sample: a filled box (class colour) or a short line (an outline drawn on the surface). */
export interface LegendSwatch {
  /** Text beside the sample. */
  readonly label: string;
  /** CSS colour of the sample. */
  readonly color: string;
  /** Box or line. */
  readonly kind: 'box' | 'line';
}

/** What the legend shows for one colour mode: a title, an optional gradient bar with labels, swatches. */
export interface LegendContent {
  /** Legend heading, e.g. "height f". */
  readonly title: string;
  /** Colour bar (CSS background) and its labels, or null for a mode painted in classes. */
  readonly bar: { readonly css: string; readonly ticks: readonly LegendTick[] } | null;
  /** Class colours or overlay samples. */
  readonly swatches: readonly LegendSwatch[];
}

const MINUS = '\u2212';

/**
 * A legend number to 3 significant digits, short enough to read across a lecture hall: plain from
 * 0.001 to 999 ("0", "13", "0.0123"), otherwise "2.5e+3"; negatives take a real minus sign.
 */
export function formatLegendNumber(value: number): string {
  if (Number.isNaN(value)) return 'undefined';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : `${MINUS}∞`;
  const rounded = Number(value.toPrecision(3));
  if (rounded === 0) return '0';
  const abs = Math.abs(rounded);
  const text = abs >= 1e-3 && abs < 1e3 ? String(abs) : abs.toExponential();
  return rounded < 0 ? MINUS + text : text;
}

/** CSS linear-gradient of the diverging eigenvalue map (left = negative, middle = 0, right = positive). */
export function divergingCss(): string {
  return `linear-gradient(to right, ${DIVERGING_COLORS.negative}, ${DIVERGING_COLORS.zero}, ${DIVERGING_COLORS.positive})`;
}

function tick(value: number, at: number, role: LegendTick['role'], text = formatLegendNumber(value)): LegendTick {
  return { text, at, value, role };
}

function endTicks(low: number, high: number): LegendTick[] {
  return [tick(low, 0, 'min'), tick(high, 1, 'max')];
}

function decadeTicks(): LegendTick[] {
  const [lo, hi] = ERROR_DECADES;
  const ticks: LegendTick[] = [];
  for (let d = lo; d <= hi; d++) {
    const role = d === lo ? 'min' : d === hi ? 'max' : 'tick';
    // Every other decade is labelled (the rest get a mark): seven labels do not fit 30% of the view at 24 px.
    const text = (d - lo) % 2 === 1 ? '' : d === 0 ? '1' : `1e${d}`;
    ticks.push(tick(10 ** d, (d - lo) / (hi - lo), role, text));
  }
  return ticks;
}

function eigenvalueContent(title: string, scale: number): LegendContent {
  const ticks = [tick(-scale, 0, 'min'), tick(0, 0.5, 'mid'), tick(scale, 1, 'max')];
  return { title, bar: { css: divergingCss(), ticks }, swatches: [] };
}

function curvatureSwatches(lambdaScale: number): LegendSwatch[] {
  const eps = formatLegendNumber(FLAT_CURVATURE_FRACTION * lambdaScale);
  return [
    { label: 'convex (λ₁, λ₂ > 0)', color: CURVATURE_COLORS.convex, kind: 'box' },
    { label: 'concave (λ₁, λ₂ < 0)', color: CURVATURE_COLORS.concave, kind: 'box' },
    { label: 'saddle (λ₁ < 0 < λ₂)', color: CURVATURE_COLORS.saddle, kind: 'box' },
    { label: `flat (|λ| < ${eps})`, color: CURVATURE_COLORS.flat, kind: 'box' },
  ];
}

/** The legend of a colour mode for the surface's current ranges and the trust-region tolerance (pure, DOM-free). */
export function legendContent(mode: ColorMode, ranges: SurfaceRanges, tolerance: number): LegendContent {
  switch (mode) {
    case 'gradient':
      return { title: '|∇f|', bar: { css: colormapCss('viridis'), ticks: endTicks(0, ranges.gradMax) }, swatches: [] };
    case 'lambdaMin':
      return eigenvalueContent('smallest eigenvalue λ₁', ranges.lambdaScale);
    case 'lambdaMax':
      return eigenvalueContent('largest eigenvalue λ₂', ranges.lambdaScale);
    case 'curvature':
      return { title: 'curvature class', bar: null, swatches: curvatureSwatches(ranges.lambdaScale) };
    case 'modelError': {
      const trust: LegendSwatch = {
        label: `trust region (tolerance ${formatLegendNumber(tolerance)})`,
        color: OVERLAY_COLORS.trustRegion,
        kind: 'line',
      };
      return { title: 'model error |f − T_k| / |f(p)|', bar: { css: colormapCss('magma'), ticks: decadeTicks() }, swatches: [trust] };
    }
    default: {
      const [low, high] = ranges.height;
      return { title: 'height f', bar: { css: colormapCss('viridis'), ticks: endTicks(low, high) }, swatches: [] };
    }
  }
}

/**
 * The colour legend of the 3D view: a compact, click-through DOM box in the bottom-left corner of
 * the viewport whose text follows --font (so projector themes make it large). Built with
 * textContent and style properties only, never HTML strings; rebuilt only when its content changes.
 */
export class ColorLegend {
  /** The legend box (data-testid="color-legend", data-mode = the colour mode). */
  readonly element: HTMLDivElement;
  private shown = '';

  /** Adds the (hidden until the first update) legend to container. */
  constructor(container: HTMLElement) {
    this.element = container.ownerDocument.createElement('div');
    this.element.className = 'color-legend';
    this.element.dataset.testid = 'color-legend';
    this.element.setAttribute('role', 'group');
    this.element.setAttribute('aria-label', 'colour legend');
    this.element.hidden = true;
    container.append(this.element);
  }

  /** Shows the legend of a colour mode (an unknown mode falls back to 'height', as the surface does). */
  update(mode: ColorMode, ranges: SurfaceRanges, tolerance: number): void {
    const known = COLOR_MODES.includes(mode) ? mode : 'height';
    const content = legendContent(known, ranges, tolerance);
    const key = `${known}|${JSON.stringify(content)}`;
    if (key === this.shown) return;
    this.shown = key;
    this.element.dataset.mode = known;
    this.element.replaceChildren(...this.build(content));
  }

  /** Shows or hides the legend (hidden while there is no surface to explain). */
  setVisible(visible: boolean): void {
    this.element.hidden = !visible;
  }

  /** Removes the legend from the page. */
  dispose(): void {
    this.element.remove();
    this.shown = '';
  }

  private build(content: LegendContent): HTMLElement[] {
    const title = this.div('color-legend-title', content.title);
    const parts = [title];
    if (content.bar) {
      const bar = this.div('color-legend-bar');
      bar.style.background = content.bar.css;
      const ticks = this.div('color-legend-ticks');
      for (const t of content.bar.ticks) {
        const label = this.div(t.text === '' ? 'color-legend-tick mark' : 'color-legend-tick', t.text);
        label.dataset.legend = t.role;
        label.dataset.value = String(t.value);
        // End labels sit flush with the bar's ends; the others are centred on their position.
        const anchor = t.at <= 0 ? 0 : t.at >= 1 ? -100 : -50;
        label.style.left = `${t.at * 100}%`;
        label.style.transform = `translateX(${anchor}%)`;
        ticks.append(label);
      }
      parts.push(bar, ticks);
    }
    for (const s of content.swatches) {
      const row = this.div('color-legend-row');
      const sample = this.div(`color-legend-swatch ${s.kind}`);
      sample.style.backgroundColor = s.color;
      row.append(sample, this.div('color-legend-label', s.label));
      parts.push(row);
    }
    return parts;
  }

  private div(className: string, text?: string): HTMLDivElement {
    const el = this.element.ownerDocument.createElement('div');
    el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }
}

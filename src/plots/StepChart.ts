import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { addLegendRow, axisOptions, createLegend, logAxisOptions, styleRoot, themeColors, type ChartTheme } from './chartTheme';
import { chartSvg, domLegend, sectionTitle, svgButton, uplotSvgSpec } from './chartSvg';

/** One line of a StepChart. */
export interface StepSeries {
  readonly label: string;
  readonly color: string;
  readonly dashed?: boolean;
  /** Draw a dot at each value (sparse samples), not only the line. */
  readonly points?: boolean;
}

/** How a StepChart's y axis is scaled. */
export type StepScale = 'linear' | 'log' | 'asinh';

/** What a StepChart is: its title for screen readers, y label and scale, and its lines. */
export interface StepChartSpec {
  readonly testid: string;
  readonly label: string;
  readonly yLabel: string;
  readonly scale: StepScale;
  /** asinh's linear range around 0 (default 1e-6). */
  readonly asinhLinear?: number;
  readonly series: readonly StepSeries[];
}

/** Ticks of an asinh axis: 0 and ±10^k, at most four decades a side, above its linear range. */
export function asinhTicks(min: number, max: number, linear: number): number[] {
  const top = Math.max(Math.abs(min), Math.abs(max));
  if (!(top > linear)) return [0];
  const lo = Math.ceil(Math.log10(linear));
  const hi = Math.floor(Math.log10(top));
  const stride = Math.max(1, Math.ceil((hi - lo + 1) / 4));
  const ticks = [0];
  for (let k = hi; k >= lo; k -= stride) {
    const v = 10 ** k;
    if (v <= max) ticks.push(v);
    if (-v >= min) ticks.push(-v);
  }
  return ticks.sort((a, b) => a - b);
}

/** Listener of the step under the pointer (null when the pointer leaves). */
export type StepHoverListener = (step: number | null) => void;

/**
 * A uPlot chart of values against the training step with a DOM legend and a vertical marker at a
 * linked step: hovering it reports the step under the pointer, and `markStep` draws the step another
 * chart is hovering, so several charts of one run read together. Plain arrays in, pixels out.
 */
export class StepChart {
  /** Root element (chart + legend); data-marked-step is the marked step ('' when none). */
  readonly element: HTMLElement;
  private readonly legend: HTMLElement;
  private plot: uPlot | null = null;
  private data: uPlot.AlignedData;
  private marked: number | null = null;
  private width = 480;
  private height = 200;
  private hover: StepHoverListener | null = null;
  private readonly svgButton: HTMLButtonElement;

  /** Builds an empty chart in the container. */
  constructor(container: HTMLElement, private readonly spec: StepChartSpec, private theme: ChartTheme) {
    this.element = container.ownerDocument.createElement('div');
    this.element.className = 'step-chart';
    this.element.dataset.testid = spec.testid;
    this.element.setAttribute('role', 'img');
    this.element.setAttribute('aria-label', spec.label);
    container.append(this.element);
    this.legend = createLegend(this.element, theme);
    this.data = [[], ...spec.series.map(() => [])];
    this.svgButton = svgButton(this.element, spec.label, spec.testid, () => this.toSvg());
    this.build();
  }

  /** The chart as a standalone SVG (series, axes, the marked step, the legend), titled by its section. */
  toSvg(title = sectionTitle(this.element) || this.spec.label): string {
    const plot = this.plot;
    const range = (k: 'x' | 'y'): [number, number] => [plot?.scales[k]?.min ?? 0, plot?.scales[k]?.max ?? 1];
    const y = range('y');
    const spec = uplotSvgSpec(this.options(), this.data, { x: range('x'), y }, {
      title,
      width: this.width,
      height: this.height,
      theme: this.theme,
      legend: domLegend(this.legend),
      marks: this.marked === null ? [] : [{ kind: 'vline', at: this.marked, color: themeColors(this.theme).text }],
    });
    if (this.spec.scale !== 'asinh') return chartSvg(spec);
    const linear = this.spec.asinhLinear ?? 1e-6;
    const ticks = asinhTicks(y[0], y[1], linear).map((v) => ({ value: v, label: v === 0 ? '0' : v.toExponential(0).replace('e', '·1e') }));
    return chartSvg({ ...spec, y: { ...spec.y, ticks } });
  }

  /** Reports the hovered step. */
  onHover(listener: StepHoverListener): void {
    this.hover = listener;
  }

  /** New columns: x (steps) then one array per series (null or NaN: a gap). */
  update(x: ArrayLike<number>, columns: readonly ArrayLike<number | null>[]): void {
    this.data = [Array.from(x), ...columns.map((c) => Array.from(c, (v) => (v === null || !Number.isFinite(v) || (this.spec.scale === 'log' && v <= 0) ? null : v)))];
    this.plot?.setData(this.data);
  }

  /** Draws the vertical marker at a step (null: none). */
  markStep(step: number | null): void {
    if (step === this.marked) return;
    this.marked = step;
    this.element.dataset.markedStep = step === null ? '' : String(step);
    this.plot?.redraw(false, false);
  }

  /** Resizes the plot in CSS pixels. */
  resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    this.plot?.setSize({ width, height });
  }

  /** Rebuilds in a new theme. */
  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    this.build();
  }

  /** Destroys the chart. */
  dispose(): void {
    this.plot?.destroy();
    this.plot = null;
    this.element.remove();
  }

  private build(): void {
    this.plot?.destroy();
    styleRoot(this.element, this.theme);
    this.legend.replaceChildren();
    for (const s of this.spec.series) addLegendRow(this.legend, s.color, this.theme, s.dashed).text.textContent = s.label;
    this.legend.append(this.svgButton);
    this.plot = new uPlot(this.options(), this.data, (u, init) => {
      this.element.insertBefore(u.root, this.legend);
      init();
    });
  }

  private yScale(): uPlot.Scale {
    if (this.spec.scale === 'log') return { distr: 3, log: 10 };
    if (this.spec.scale === 'asinh') return { distr: 4, asinh: this.spec.asinhLinear ?? 1e-6 };
    return {};
  }

  private options(): uPlot.Options {
    const t = this.theme;
    const width = Math.max(2, Math.min(3.5, t.fontSize / 6));
    const series: uPlot.Series[] = [{}, ...this.spec.series.map((s) => ({ label: s.label, stroke: s.color, width, dash: s.dashed ? [10, 8] : undefined, spanGaps: false, points: { show: s.points ?? false, size: Math.round(t.fontSize * 0.4), fill: s.color, stroke: s.color } }))];
    const y = this.spec.scale === 'log' ? logAxisOptions(t, 'y', 3, this.spec.yLabel) : axisOptions(t, 'y', 3, this.spec.yLabel);
    if (this.spec.scale === 'asinh') {
      const linear = this.spec.asinhLinear ?? 1e-6;
      y.splits = (_u, _i, min, max) => asinhTicks(min, max, linear);
      // uPlot passes null splits while a chart has no data.
      y.values = (_u, splits) => splits.map((v: number | null) => (v === null || !Number.isFinite(v) ? '' : v === 0 ? '0' : v.toExponential(0).replace('e', '·1e')));
    }
    return {
      width: this.width,
      height: this.height,
      legend: { show: false },
      cursor: { drag: { x: false, y: false, setScale: false }, points: { show: false } },
      scales: { x: { time: false }, y: this.yScale() },
      axes: [axisOptions(t, 'x', 2, 'step t'), y],
      series,
      hooks: { draw: [(u) => this.drawMarker(u)], setCursor: [(u) => this.reportCursor(u)] },
    };
  }

  private reportCursor(u: uPlot): void {
    const left = u.cursor.left;
    const step = left === undefined || left < 0 ? null : Math.round(u.posToVal(left, 'x'));
    this.hover?.(step);
  }

  private drawMarker(u: uPlot): void {
    if (this.marked === null) return;
    const x = u.valToPos(this.marked, 'x', true);
    const { ctx, bbox } = u;
    if (!Number.isFinite(x) || x < bbox.left || x > bbox.left + bbox.width) return;
    const px = devicePixelRatio || 1;
    ctx.save();
    ctx.strokeStyle = themeColors(this.theme).text;
    ctx.lineWidth = 1.5 * px;
    ctx.setLineDash([4 * px, 4 * px]);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.restore();
  }
}

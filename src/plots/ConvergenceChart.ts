import uPlot from 'uplot';
import { decadeRange } from './chartMath';
import { addLegendRow, axisOptions, logAxisOptions, setText, themeColors, type ChartOptions, type LegendRow } from './chartTheme';
import type { SvgMark } from './chartSvg';
import { withAlpha } from './orderColors';
import { OrderChart } from './OrderChart';

/** One run on the chart: |∇f| per iterate and, when the Taylor model predicts a linear rate, its line. */
export interface ConvergenceSeries {
  /** Run index (0..2): the legend row's data-run-index. */
  readonly index: number;
  readonly color: string;
  /** Legend text ("GD η = 0.05: measured ×0.9 per step, predicted ×0.9"). */
  readonly label: string;
  /** |∇f| at iterates 0..n. */
  readonly values: readonly number[];
  /** The predicted rate's line at the same iterates (null where it is not drawn), or null for none. */
  readonly predicted: readonly (number | null)[] | null;
}

/** Input of ConvergenceChart.update. */
export interface ConvergenceData {
  readonly series: readonly ConvergenceSeries[];
  /** The step shown in the 3D view (a vertical marker). */
  readonly current: number;
}

/**
 * |∇f| against iteration on a log axis for every optimizer run, with the rate predicted from the
 * quadratic model at the minimum drawn dashed beside the measured curve; a vertical line marks the
 * step on screen. Same look and legend as the error chart (OrderChart's base, run index as "order").
 */
export class ConvergenceChart extends OrderChart {
  private data: ConvergenceData = { series: [], current: 0 };
  private rows: LegendRow[] = [];

  /** Creates an empty chart in the container; call update() with data. */
  constructor(container: HTMLElement, opts?: ChartOptions) {
    super(container, opts, 'taylor-convergence-chart');
    this.build();
  }

  /** Shows new runs or a new current step; a data swap while the set of runs is unchanged. */
  update(data: ConvergenceData): void {
    const sameRuns = data.series.length === this.data.series.length && data.series.every((s, i) => s.color === this.data.series[i].color);
    this.data = data;
    // New runs rebuild the chart: a data swap would hand uPlot fewer columns than series (going from
    // runs to none threw "reading 'length'" in uPlot while stepping through lecture scenes).
    if (!sameRuns) {
      this.orders = data.series.map((s) => s.index);
      this.build();
    } else this.showOrders(data.series.map((s) => s.index));
    this.plot?.redraw(false, false);
    this.updateLegend();
  }

  protected alignedData(): uPlot.AlignedData {
    const n = Math.max(1, ...this.data.series.map((s) => s.values.length));
    const x = Array.from({ length: n }, (_, k) => k);
    const cols: (number | null)[][] = [];
    for (const s of this.data.series) {
      cols.push(x.map((k) => positive(s.values[k])));
      cols.push(x.map((k) => positive(s.predicted?.[k] ?? null)));
    }
    return [x, ...cols];
  }

  protected options(): uPlot.Options {
    const t = this.theme;
    const width = Math.max(2, Math.min(3.5, t.fontSize / 5));
    const series: uPlot.Series[] = [{}];
    for (const s of this.data.series) {
      series.push({ label: s.label, stroke: s.color, width, points: { show: true, size: Math.round(t.fontSize * 0.45), fill: s.color, stroke: s.color } });
      series.push({ label: `${s.label} predicted`, stroke: withAlpha(s.color, 0.85), width: 2, dash: [10, 8], points: { show: false } });
    }
    return {
      ...this.baseOptions(),
      scales: {
        x: { time: false, range: (_u, lo, hi) => [0, Math.max(1, hi ?? lo ?? 1)] },
        y: { distr: 3, log: 10, range: () => this.yRange() },
      },
      axes: [axisOptions(t, 'x', 2, 'iteration k'), logAxisOptions(t, 'y', 3, '|∇f|')],
      series,
      hooks: { draw: [(u) => this.drawCurrent(u)] },
    };
  }

  protected afterBuild(): void {
    this.legend.replaceChildren();
    this.rows = this.data.series.map((s) => {
      const row = addLegendRow(this.legend, s.color, this.theme);
      row.row.dataset.runIndex = String(s.index);
      return row;
    });
    this.updateLegend();
  }

  protected override svgWhat(): string {
    return 'the convergence chart';
  }

  protected override svgMarks(): SvgMark[] {
    return [{ kind: 'vline', at: this.data.current, color: themeColors(this.theme).faint }];
  }

  private yRange(): [number, number] {
    const all: number[] = [];
    for (const s of this.data.series) for (const v of s.values) if (positive(v) !== null) all.push(Math.max(v, 1e-20));
    return decadeRange(all) ?? [1e-10, 10];
  }

  private updateLegend(): void {
    this.data.series.forEach((s, i) => {
      const row = this.rows[i];
      if (row) setText(row.text, s.label);
    });
  }

  /** A dashed vertical line at the step shown in the 3D view. */
  private drawCurrent(u: uPlot): void {
    const { ctx, bbox } = u;
    const px = devicePixelRatio || 1;
    const x = u.valToPos(this.data.current, 'x', true);
    if (!Number.isFinite(x) || x < bbox.left || x > bbox.left + bbox.width) return;
    ctx.save();
    ctx.strokeStyle = themeColors(this.theme).faint;
    ctx.lineWidth = 2 * px;
    ctx.setLineDash([4 * px, 5 * px]);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.restore();
  }
}

/** A positive finite value, else null (a log axis cannot show 0 or a runaway). */
function positive(v: number | null | undefined): number | null {
  return v !== null && v !== undefined && v > 0 && Number.isFinite(v) && v < 1e30 ? v : null;
}

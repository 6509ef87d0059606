import uPlot from 'uplot';
import { formatSignificant, formatSlope, formatStep } from './chartMath';
import {
  addLegendRow,
  chartFont,
  logAxisOptions,
  setOrRemove,
  setText,
  themeColors,
  type ChartOptions,
  type LegendRow,
} from './chartTheme';
import type { SvgMark } from './chartSvg';
import { errorLegendText, prepareErrorData, type ErrorChartData, type PreparedErrorData } from './errorChartData';
import { orderColor, withAlpha } from './orderColors';
import { OrderChart } from './OrderChart';

/** Input of ErrorChart.update, re-exported so callers import one module. */
export type { ErrorChartData } from './errorChartData';

const EMPTY: ErrorChartData = { h: [], errors: [], orders: [], roundoff: [], slopes: [], breakdown: [] };

/**
 * Error |f(p + h d) - T_k(p + h d)| against step h on log-log axes, one colour per order: solid
 * points and line where truncation dominates, hollow faded points where round-off does, a dashed
 * slope k+1 guide, a dashed vertical marker at each breakdown step and a legend with the fits.
 */
export class ErrorChart extends OrderChart {
  private rows: LegendRow[] = [];
  private prepared: PreparedErrorData = prepareErrorData(EMPTY);

  /** Creates an empty chart in the container; call update() with data. */
  constructor(container: HTMLElement, opts?: ChartOptions) {
    super(container, opts, 'taylor-error-chart');
    this.build();
  }

  /** Shows a new study; cheap when the orders are unchanged (data swap, no new chart). */
  update(data: ErrorChartData): void {
    try {
      this.prepared = prepareErrorData(data);
      this.showOrders(this.prepared.series.map((s) => s.order));
      this.updateLegend();
    } catch (error) {
      // A chart that cannot draw some input must not take the page's update down with it: it
      // empties and says why (the input is already sanitised; this is the last line of defence).
      this.prepared = prepareErrorData(EMPTY);
      this.orders = [];
      this.build();
      this.legend.textContent = `The error chart cannot show this point (${String(error)}).`;
    }
  }

  protected alignedData(): uPlot.AlignedData {
    const p = this.prepared;
    const cols: (number | null)[][] = [];
    for (const s of p.series) cols.push(s.fit, s.roundoff, s.guide);
    return [p.h, ...cols];
  }

  protected afterBuild(): void {
    this.rebuildLegend();
  }

  protected options(): uPlot.Options {
    const t = this.theme;
    return {
      ...this.baseOptions(),
      scales: {
        x: { time: false, distr: 3, log: 10, range: () => this.prepared.xRange },
        y: { distr: 3, log: 10, range: () => this.prepared.yRange },
      },
      axes: [
        logAxisOptions(t, 'x', 2, 'step h'),
        logAxisOptions(t, 'y', 3, 'error |f − Tₖ|'),
      ],
      series: [{}, ...this.orders.flatMap((k) => this.orderSeries(k))],
      hooks: { draw: [(u) => this.drawMarkers(u)] },
    };
  }

  protected override svgWhat(): string {
    return 'the error chart';
  }

  /** The tolerance line and the breakdown markers, as drawMarkers draws them. */
  protected override svgMarks(): SvgMark[] {
    const p = this.prepared;
    const marks: SvgMark[] = [];
    if (p.tolerance !== null) marks.push({ kind: 'hline', at: p.tolerance, color: themeColors(this.theme).faint, label: `tolerance ${formatSignificant(p.tolerance, 3)}` });
    for (const s of p.series) if (s.breakdown !== null) marks.push({ kind: 'vline', at: s.breakdown, color: orderColor(s.order) });
    return marks;
  }

  private orderSeries(k: number): uPlot.Series[] {
    const color = orderColor(k);
    const fs = this.theme.fontSize;
    const width = Math.max(2, Math.min(3.5, fs / 5));
    const size = Math.round(fs * 0.6);
    const bg = themeColors(this.theme).background;
    return [
      { label: `k=${k}`, stroke: color, width, spanGaps: false, points: { show: true, size, fill: color, stroke: color } },
      {
        label: `k=${k} round-off`,
        stroke: withAlpha(color, 0.7),
        width: 0,
        paths: () => null,
        points: { show: true, size: size + 2, width: 2, fill: bg, stroke: withAlpha(color, 0.7) },
      },
      { label: `k=${k} slope ${k + 1}`, stroke: withAlpha(color, 0.8), width: 2, dash: [10, 8], points: { show: false } },
    ];
  }

  /** Draws the tolerance line and the per-order breakdown markers over the series. */
  private drawMarkers(u: uPlot): void {
    const { ctx, bbox } = u;
    const p = this.prepared;
    const px = devicePixelRatio || 1;
    ctx.save();
    ctx.beginPath();
    ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
    ctx.clip();
    ctx.lineWidth = 2 * px;
    ctx.setLineDash([4 * px, 5 * px]);
    if (p.tolerance !== null) {
      const y = u.valToPos(p.tolerance, 'y', true);
      ctx.strokeStyle = ctx.fillStyle = themeColors(this.theme).faint;
      strokeLine(ctx, bbox.left, y, bbox.left + bbox.width, y);
      ctx.font = chartFont(this.theme.fontSize * px);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'bottom';
      ctx.fillText(`tolerance ${formatSignificant(p.tolerance, 3)}`, bbox.left + 6 * px, y - 3 * px);
    }
    const tri = 7 * px;
    for (const s of p.series) {
      if (s.breakdown === null) continue;
      const x = u.valToPos(s.breakdown, 'x', true);
      ctx.strokeStyle = orderColor(s.order);
      ctx.fillStyle = orderColor(s.order);
      strokeLine(ctx, x, bbox.top, x, bbox.top + bbox.height);
      ctx.beginPath();
      ctx.moveTo(x - tri, bbox.top);
      ctx.lineTo(x + tri, bbox.top);
      ctx.lineTo(x, bbox.top + 1.6 * tri);
      ctx.fill();
    }
    ctx.restore();
  }

  private rebuildLegend(): void {
    this.legend.replaceChildren();
    this.rows = this.orders.map((k) => {
      const row = addLegendRow(this.legend, orderColor(k), this.theme);
      row.row.dataset.order = String(k);
      return row;
    });
    this.updateLegend();
  }

  private updateLegend(): void {
    this.prepared.series.forEach((s, i) => {
      const row = this.rows[i];
      if (!row) return;
      setText(row.text, errorLegendText(s));
      setOrRemove(row.row, 'data-slope', s.slope === null ? null : formatSlope(s.slope));
      setOrRemove(row.row, 'data-theory', s.theorySlope === null ? null : String(s.theorySlope));
      setOrRemove(row.row, 'data-breakdown', s.breakdown === null ? null : formatStep(s.breakdown));
    });
  }
}

function strokeLine(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

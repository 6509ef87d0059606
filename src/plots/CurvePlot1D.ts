import uPlot from 'uplot';
import { clamp, clampToBand, curveYRange, type Range } from './chartMath';
import {
  addLegendRow,
  axisOptions,
  themeColors,
  type ChartOptions,
} from './chartTheme';
import type { SvgMark, SvgOverlay } from './chartSvg';
import { orderColor, TRUE_FUNCTION_COLOR } from './orderColors';
import { OrderChart } from './OrderChart';

/** Input of CurvePlot1D.update: f and Taylor polynomials sampled at the same ascending x. */
export interface CurvePlotData {
  readonly x: readonly number[];
  readonly f: readonly number[];
  readonly approximations: readonly { readonly order: number; readonly y: readonly number[] }[];
  /** Expansion point and f there: where the marker sits. */
  readonly x0: number;
  readonly f0: number;
  /** Optimizer runs drawn over the curve: iterates as dots, optional parabola per iterate (Newton's model). */
  readonly runs?: readonly CurveRun[];
}

/** One optimizer run over the curve: its colour, its iterates, and whether each gets its parabola. */
export interface CurveRun {
  readonly color: string;
  readonly iterates: readonly { readonly x: number; readonly f: number; readonly df: number; readonly d2f: number }[];
  readonly parabolas: boolean;
  /** The iterate stepped to: dots and parabolas up to it, its parabola drawn bold (default: the last). */
  readonly shown?: number;
}

/** Options of CurvePlot1D: size, theme and axis labels. */
export interface CurvePlotOptions extends ChartOptions {
  readonly xLabel?: string;
  readonly yLabel?: string;
}

/** Called with the new expansion point while the user drags the marker or clicks the plot. */
export type PointDragListener = (x: number) => void;

/**
 * f(x) and its Taylor polynomials around x0 over an x range, with a draggable marker at (x0, f0).
 * The y range follows f only, because the polynomials explode away from x0.
 */
export class CurvePlot1D extends OrderChart {
  private readonly listeners = new Set<PointDragListener>();
  private data: CurvePlotData = { x: [], f: [], approximations: [], x0: NaN, f0: NaN };
  private xRange: Range = [0, 1];
  private yRange: Range = [-1, 1];
  private readonly xLabel: string;
  private readonly yLabel: string;
  private grabOffset: number | null = null;

  /** Creates an empty plot in the container; call update() with data. */
  constructor(container: HTMLElement, opts?: CurvePlotOptions) {
    super(container, opts, 'taylor-curve-plot');
    this.xLabel = opts?.xLabel ?? 'x';
    this.yLabel = opts?.yLabel ?? 'y';
    this.build();
  }

  /** Shows new curves; cheap when the orders are unchanged (data swap, no new chart). */
  update(data: CurvePlotData): void {
    this.data = data;
    const n = data.x.length;
    const lo = n > 0 ? data.x[0] : 0;
    const hi = n > 1 ? data.x[n - 1] : lo + 1;
    this.xRange = lo < hi ? [lo, hi] : [lo - 1, lo + 1];
    this.yRange = curveYRange(data.f, [data.f0]);
    this.showOrders(data.approximations.map((a) => a.order));
  }

  /** Registers a listener for marker drags and plot clicks; returns a function that removes it. */
  onPointDrag(cb: PointDragListener): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Destroys the uPlot instance, drops listeners and removes the plot from the page. */
  override dispose(): void {
    this.listeners.clear();
    super.dispose();
  }

  protected alignedData(): uPlot.AlignedData {
    const d = this.data;
    const ys = d.approximations.map((a) => clampToBand(a.y, this.yRange));
    return [d.x as number[], clampToBand(d.f, this.yRange), ...ys];
  }

  protected afterBuild(plot: uPlot): void {
    this.attachPointer(plot);
    this.rebuildLegend();
  }


  protected options(): uPlot.Options {
    const t = this.theme;
    const width = Math.max(2, Math.min(3.5, t.fontSize / 5));
    const approx: uPlot.Series[] = this.orders.map((k) => ({
      label: `T${k}`,
      stroke: orderColor(k),
      width,
      points: { show: false },
    }));
    return {
      ...this.baseOptions(),
      scales: {
        x: { time: false, range: () => this.xRange },
        y: { range: () => this.yRange },
      },
      axes: [axisOptions(t, 'x', 2, this.xLabel), axisOptions(t, 'y', 3, this.yLabel)],
      series: [{}, { label: 'f', stroke: TRUE_FUNCTION_COLOR, width: width + 1, points: { show: false } }, ...approx],
      hooks: { draw: [(u) => this.drawRuns(u), (u) => this.drawMarker(u)] },
    };
  }

  protected override svgWhat(): string {
    return 'the curve plot';
  }

  protected override svgMarks(): SvgMark[] {
    return Number.isFinite(this.data.x0) ? [{ kind: 'vline', at: this.data.x0, color: themeColors(this.theme).faint }] : [];
  }

  /** The runs (iterates joined in order, Newton's parabolas dashed) and the expansion point, as drawRuns and drawMarker draw them. */
  protected override svgOverlays(): SvgOverlay[] {
    const out: SvgOverlay[] = [];
    const span = Math.abs(this.xRange[1] - this.xRange[0]);
    for (const run of this.data.runs ?? []) {
      const last = Math.min(run.shown ?? run.iterates.length - 1, run.iterates.length - 1);
      const shown = run.iterates.slice(0, last + 1);
      if (run.parabolas) {
        shown.forEach((it, k) => {
          const next = run.iterates[k + 1];
          const reach = Math.max(Math.abs((next?.x ?? it.x) - it.x) * 2, 0.05 * span);
          const points = Array.from({ length: 41 }, (_, s) => {
            const t = -reach + (2 * reach * s) / 40;
            return { x: it.x + t, y: it.f + it.df * t + 0.5 * it.d2f * t * t };
          });
          out.push({ color: run.color, points, line: true, dotRadius: 0, dash: [6, 4] });
        });
      }
      out.push({ color: run.color, points: shown.map((it) => ({ x: it.x, y: it.f })), line: true, dotRadius: 3.5 });
    }
    if (Number.isFinite(this.data.x0) && Number.isFinite(this.data.f0)) {
      out.push({ color: themeColors(this.theme).text, points: [{ x: this.data.x0, y: this.data.f0 }], line: false, dotRadius: this.theme.fontSize * 0.5 });
    }
    return out;
  }

  /**
   * Draws each run up to its shown iterate: the parabolas f + f′t + f″t²/2 around its iterates
   * (out to the next one and as far again; the current one bold, with a ring at its vertex), then
   * the iterates as dots joined in order.
   */
  private drawRuns(u: uPlot): void {
    const runs = this.data.runs ?? [];
    if (runs.length === 0) return;
    const { ctx, bbox } = u;
    const px = devicePixelRatio || 1;
    ctx.save();
    ctx.beginPath();
    ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
    ctx.clip();
    for (const run of runs) {
      ctx.strokeStyle = run.color;
      ctx.fillStyle = run.color;
      const last = Math.min(run.shown ?? run.iterates.length - 1, run.iterates.length - 1);
      const shown = run.iterates.slice(0, last + 1);
      if (run.parabolas) this.drawParabolas(u, run, last, px);
      ctx.setLineDash([]);
      ctx.lineWidth = 1 * px;
      ctx.beginPath();
      shown.forEach((it, k) => (k === 0 ? ctx.moveTo(u.valToPos(it.x, 'x', true), u.valToPos(it.f, 'y', true)) : ctx.lineTo(u.valToPos(it.x, 'x', true), u.valToPos(it.f, 'y', true))));
      ctx.stroke();
      for (const it of shown) {
        ctx.beginPath();
        ctx.arc(u.valToPos(it.x, 'x', true), u.valToPos(it.f, 'y', true), 3.5 * px, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.restore();
  }

  /** The dashed parabolas of iterates 0..last; the last one bold with a ring at its vertex (Newton's next x, on the model). */
  private drawParabolas(u: uPlot, run: CurveRun, last: number, px: number): void {
    const { ctx } = u;
    ctx.setLineDash([6 * px, 4 * px]);
    for (let k = 0; k <= last; k++) {
      const it = run.iterates[k];
      const next = run.iterates[k + 1];
      // The current iterate's model is the one the next step minimises: drawn bolder.
      ctx.lineWidth = (k === last ? 3 : 1.5) * px;
      const reach = Math.max(Math.abs((next?.x ?? it.x) - it.x) * 2, 0.05 * Math.abs(u.scales.x.max! - u.scales.x.min!));
      ctx.beginPath();
      for (let s = 0; s <= 40; s++) {
        const t = -reach + (2 * reach * s) / 40;
        const X = u.valToPos(it.x + t, 'x', true);
        const Y = u.valToPos(it.f + it.df * t + 0.5 * it.d2f * t * t, 'y', true);
        if (s === 0) ctx.moveTo(X, Y);
        else ctx.lineTo(X, Y);
      }
      ctx.stroke();
    }
    const current = run.iterates[last];
    if (!current || current.d2f === 0) return;
    const t = -current.df / current.d2f;
    ctx.setLineDash([]);
    ctx.lineWidth = 2 * px;
    ctx.beginPath();
    ctx.arc(u.valToPos(current.x + t, 'x', true), u.valToPos(current.f + 0.5 * current.df * t, 'y', true), 6 * px, 0, 2 * Math.PI);
    ctx.stroke();
  }

  /** Draws a dashed vertical line at x0 and a ringed dot at (x0, f0). */
  private drawMarker(u: uPlot): void {
    const { x0, f0 } = this.data;
    if (!Number.isFinite(x0)) return;
    const { ctx, bbox } = u;
    const px = devicePixelRatio || 1;
    const c = themeColors(this.theme);
    const x = u.valToPos(x0, 'x', true);
    ctx.save();
    ctx.beginPath();
    ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
    ctx.clip();
    ctx.strokeStyle = c.faint;
    ctx.lineWidth = 1.5 * px;
    ctx.setLineDash([5 * px, 5 * px]);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    if (Number.isFinite(f0)) {
      const y = u.valToPos(f0, 'y', true);
      ctx.setLineDash([]);
      ctx.beginPath();
      ctx.arc(x, y, this.theme.fontSize * 0.5 * px, 0, 2 * Math.PI);
      ctx.fillStyle = c.text;
      ctx.fill();
      ctx.lineWidth = 3 * px;
      ctx.strokeStyle = c.background;
      ctx.stroke();
    }
    ctx.restore();
  }

  /** Press near the marker drags it (keeping the grab offset); press elsewhere jumps there first. */
  private attachPointer(u: uPlot): void {
    const over = u.over;
    over.style.touchAction = 'none';
    over.style.cursor = 'crosshair';
    const localX = (e: PointerEvent) => e.clientX - over.getBoundingClientRect().left;
    over.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      const lx = localX(e);
      const mx = u.valToPos(this.data.x0, 'x');
      this.grabOffset = this.nearMarker(u, lx, e.clientY - over.getBoundingClientRect().top) ? lx - mx : 0;
      over.setPointerCapture?.(e.pointerId);
      this.emit(u, lx - this.grabOffset);
    });
    over.addEventListener('pointermove', (e) => {
      const lx = localX(e);
      if (this.grabOffset !== null) this.emit(u, lx - this.grabOffset);
      else over.style.cursor = this.nearMarker(u, lx, e.clientY - over.getBoundingClientRect().top) ? 'ew-resize' : 'crosshair';
    });
    const end = (e: PointerEvent) => {
      this.grabOffset = null;
      if (over.hasPointerCapture?.(e.pointerId)) over.releasePointerCapture(e.pointerId);
    };
    over.addEventListener('pointerup', end);
    over.addEventListener('pointercancel', end);
  }

  private nearMarker(u: uPlot, lx: number, ly: number): boolean {
    if (!Number.isFinite(this.data.x0)) return false;
    const grab = Math.max(16, this.theme.fontSize * 1.2);
    const dx = lx - u.valToPos(this.data.x0, 'x');
    if (!Number.isFinite(this.data.f0)) return Math.abs(dx) <= grab;
    const dy = ly - u.valToPos(this.data.f0, 'y');
    // The dashed guide is grabbable too, so a marker near the plot edge is still easy to catch.
    return Math.hypot(dx, dy) <= grab || Math.abs(dx) <= grab / 3;
  }

  private emit(u: uPlot, lx: number): void {
    const x = clamp(u.posToVal(lx, 'x'), this.xRange[0], this.xRange[1]);
    if (!Number.isFinite(x)) return;
    for (const cb of this.listeners) cb(x);
  }

  private rebuildLegend(): void {
    this.legend.replaceChildren();
    const f = addLegendRow(this.legend, TRUE_FUNCTION_COLOR, this.theme);
    f.row.dataset.series = 'f';
    f.text.textContent = 'f(x)';
    for (const k of this.orders) {
      const row = addLegendRow(this.legend, orderColor(k), this.theme);
      row.row.dataset.order = String(k);
      row.row.dataset.series = `T${k}`;
      const sub = row.text.ownerDocument.createElement('sub');
      sub.textContent = String(k);
      row.text.append('T', sub);
    }
  }
}

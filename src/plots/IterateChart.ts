/**
 * The iterates of one gradient-descent run, x_t against t: dots joined by thin lines, so a fixed
 * point reads as a flat line, a 2-cycle as a zigzag between two levels, chaos as scatter. Dashed
 * lines mark levels worth comparing with (the minima). Plain arrays in, pixels out.
 */
import { chartFont, styleRoot, themeColors, type ChartTheme } from './chartTheme';
import { drawAxes, line, plotFrame, sizeCanvas, strokeDataPath, toPixelU, toPixelV, type DataBox } from './planeAxes';

/** What the chart shows: a title line, the iterates and the reference levels. */
export interface IterateChartData {
  readonly title: string;
  readonly xs: readonly number[];
  readonly levels: readonly number[];
  /** Name of the coordinate ("x", "u"). */
  readonly observed: string;
}

/** Okabe–Ito vermilion for the run, orange for the levels. */
const RUN_COLOR = '#D55E00';
const LEVEL_COLOR = '#E69F00';

/** x_t against t on a canvas (data-count: iterates drawn, data-last: the last one). */
export class IterateChart {
  /** The canvas. */
  readonly canvas: HTMLCanvasElement;
  private data: IterateChartData | null = null;
  private width = 480;
  private height = 220;

  /** Creates the canvas in the container. */
  constructor(container: HTMLElement, private theme: ChartTheme) {
    this.canvas = container.ownerDocument.createElement('canvas');
    this.canvas.className = 'iterate-chart';
    this.canvas.dataset.testid = 'gdmap-iterates';
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'iterates of gradient descent at the picked step size against the step');
    container.append(this.canvas);
    this.draw();
  }

  /** Shows a run (null: empty axes). */
  update(data: IterateChartData | null): void {
    this.data = data;
    this.draw();
  }

  /** Resizes in CSS pixels. */
  resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    this.draw();
  }

  /** New colours and font size. */
  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    this.draw();
  }

  /** Removes the canvas. */
  dispose(): void {
    this.canvas.remove();
  }

  private box(): DataBox {
    const xs = (this.data?.xs ?? []).filter((v) => Number.isFinite(v) && Math.abs(v) < 1e6);
    const all = [...xs, ...(this.data?.levels ?? [])];
    if (all.length === 0) return { uMin: 0, uMax: 1, vMin: -1, vMax: 1 };
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    const pad = Math.max(1e-3, 0.08 * (hi - lo));
    return { uMin: 0, uMax: Math.max(1, (this.data?.xs.length ?? 1) - 1), vMin: lo - pad, vMax: hi + pad };
  }

  private draw(): void {
    const ctx = sizeCanvas(this.canvas, this.width, this.height);
    const xs = this.data?.xs ?? [];
    this.canvas.dataset.count = String(xs.length);
    this.canvas.dataset.last = xs.length > 0 ? String(xs[xs.length - 1]) : '';
    styleRoot(this.canvas, this.theme);
    if (!ctx) return;
    const frame = plotFrame(this.width, this.height, this.theme.fontSize);
    const box = this.box();
    ctx.fillStyle = themeColors(this.theme).background;
    ctx.fillRect(0, 0, this.width, this.height);
    drawAxes(ctx, frame, box, this.theme, { u: 'step t', v: `${this.data?.observed ?? 'x'}ₜ` });
    ctx.save();
    ctx.beginPath();
    ctx.rect(frame.left, frame.top, frame.width, frame.height);
    ctx.clip();
    ctx.strokeStyle = LEVEL_COLOR;
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 1.5;
    for (const v of this.data?.levels ?? []) line(ctx, frame.left, toPixelV(frame, box, v), frame.left + frame.width, toPixelV(frame, box, v));
    ctx.setLineDash([]);
    ctx.strokeStyle = RUN_COLOR;
    ctx.lineWidth = 1;
    strokeDataPath(ctx, frame, box, xs.map((_, t) => t), xs);
    ctx.fillStyle = RUN_COLOR;
    const dot = Math.max(2, Math.min(5, frame.width / Math.max(1, xs.length) / 1.5));
    xs.forEach((x, t) => ctx.fillRect(toPixelU(frame, box, t) - dot / 2, toPixelV(frame, box, x) - dot / 2, dot, dot));
    ctx.restore();
    ctx.fillStyle = themeColors(this.theme).text;
    ctx.font = chartFont(this.theme.fontSize * 0.9, true);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(this.data?.title ?? 'click the diagram to pick η', frame.left + 4, frame.top + 4);
  }
}

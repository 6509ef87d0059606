/**
 * The λ-slice panel on a canvas: F(·, λ) (or its potential V, V' = F) against x for one λ, the
 * zero line, and the roots as dots, filled where stable for dx/dt = -F and hollow where unstable.
 * Plain arrays in, pixels out.
 */
import { formatSignificant } from './chartMath';
import { chartFont, styleRoot, themeColors, type ChartTheme } from './chartTheme';
import { drawAxes, line, plotFrame, sizeCanvas, strokeDataPath, toPixelU, toPixelV, type DataBox } from './planeAxes';

/** A root drawn on the curve: where, at what height, and whether it is stable. */
export interface SliceDot {
  readonly x: number;
  readonly y: number;
  readonly stable: boolean;
}

/** Everything one frame of the slice panel shows. */
export interface SliceData {
  readonly lambda: number;
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly dots: readonly SliceDot[];
  /** 'F': y = F(x, λ); 'V': y = V(x), the potential. */
  readonly quantity: 'F' | 'V';
}

const CURVE_COLOR = '#56B4E9';
const ROOT_COLOR = '#009E73';

/** The slice panel. */
export class SlicePlot {
  /** Root element (the canvas's parent). */
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private data: SliceData | null = null;
  private width = 480;
  private height = 280;

  /** Builds the canvas in the container. */
  constructor(container: HTMLElement, private theme: ChartTheme) {
    this.element = container.ownerDocument.createElement('div');
    this.element.className = 'slice-plot';
    this.canvas = container.ownerDocument.createElement('canvas');
    this.element.append(this.canvas);
    container.append(this.element);
    styleRoot(this.element, theme);
  }

  /** Shows a new slice. */
  update(data: SliceData): void {
    this.data = data;
    this.draw();
  }

  /** Resizes the canvas in CSS pixels. */
  resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    this.draw();
  }

  /** Changes colours and font size. */
  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    styleRoot(this.element, theme);
    this.draw();
  }

  /** Removes the panel from the page. */
  dispose(): void {
    this.element.remove();
  }

  private draw(): void {
    const ctx = sizeCanvas(this.canvas, this.width, this.height);
    const d = this.data;
    if (!ctx || !d || d.x.length < 2) return;
    const frame = plotFrame(this.width, this.height, this.theme.fontSize);
    const box = sliceBox(d);
    const name = d.quantity === 'F' ? `F(x, λ = ${formatSignificant(d.lambda, 3)})` : `V(x), V′ = F (λ = ${formatSignificant(d.lambda, 3)})`;
    drawAxes(ctx, frame, box, this.theme, { u: 'x', v: name });
    ctx.save();
    ctx.beginPath();
    ctx.rect(frame.left, frame.top, frame.width, frame.height);
    ctx.clip();
    const c = themeColors(this.theme);
    ctx.strokeStyle = c.faint;
    ctx.lineWidth = 1.5;
    if (d.quantity === 'F') line(ctx, frame.left, toPixelV(frame, box, 0), frame.left + frame.width, toPixelV(frame, box, 0));
    ctx.strokeStyle = CURVE_COLOR;
    ctx.lineWidth = Math.max(2.5, this.theme.fontSize / 5);
    strokeDataPath(ctx, frame, box, d.x, d.y);
    const r = Math.max(5, this.theme.fontSize * 0.4);
    for (const dot of d.dots) {
      ctx.beginPath();
      ctx.arc(toPixelU(frame, box, dot.x), toPixelV(frame, box, dot.y), r, 0, 2 * Math.PI);
      ctx.fillStyle = dot.stable ? ROOT_COLOR : c.background;
      ctx.fill();
      ctx.lineWidth = 3;
      ctx.strokeStyle = ROOT_COLOR;
      ctx.stroke();
    }
    ctx.restore();
    ctx.fillStyle = c.text;
    ctx.font = chartFont(this.theme.fontSize * 0.9);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'top';
    ctx.fillText('● stable root   ○ unstable root', frame.left + frame.width - 4, frame.top + 4);
  }
}

/** The data box of a slice: its x range, and its finite y range padded by a tenth (0 always inside for F). */
export function sliceBox(d: Pick<SliceData, 'x' | 'y' | 'quantity'>): DataBox {
  const ys = d.y.filter(Number.isFinite);
  let lo = Math.min(...ys, ...(d.quantity === 'F' ? [0] : []));
  let hi = Math.max(...ys, ...(d.quantity === 'F' ? [0] : []));
  if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
  const pad = 0.1 * (hi - lo);
  return { uMin: d.x[0], uMax: d.x[d.x.length - 1], vMin: lo - pad, vMax: hi + pad };
}

/**
 * A small line chart on a canvas: several named series against a shared x, a linear or log y axis,
 * an optional dashed horizontal reference line with its label (2/η over training). Plain arrays in.
 */
import { plotCanvas } from './plotCanvas';

/** One line. */
export interface ChartSeries {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/** What one chart draws. */
export interface SeriesPicture {
  readonly series: readonly ChartSeries[];
  readonly logY?: boolean;
  /** A dashed horizontal line (drawn only when finite). */
  readonly reference?: { readonly y: number; readonly label: string } | null;
  readonly title: string;
  readonly xLabel: string;
}

/** Colour-blind-safe colours (Okabe–Ito), one per series in order. */
export const SERIES_COLORS = ['#0072b2', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#f0e442'];

const PAD = { left: 44, right: 8, top: 16, bottom: 20 };

/** The y range of a picture (finite, positive on a log axis), including the reference line. */
export function seriesRange(p: SeriesPicture): [number, number] {
  const values = p.series.flatMap((s) => s.y).filter((v) => Number.isFinite(v) && (!p.logY || v > 0));
  if (p.reference && Number.isFinite(p.reference.y) && (!p.logY || p.reference.y > 0)) values.push(p.reference.y);
  if (values.length === 0) return p.logY ? [1e-16, 1] : [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (p.logY) return hi > lo ? [lo, hi] : [lo / 10, hi * 10];
  if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
  const pad = 0.05 * (hi - lo);
  return [lo - pad, hi + pad];
}

/** Draws a SeriesPicture into a canvas it owns. */
export class SeriesChart {
  /** The canvas; data-series and data-points say what was drawn (for tests). */
  readonly canvas: HTMLCanvasElement;

  /** Creates the canvas in the parent. */
  constructor(parent: HTMLElement, name: string, label: string, private readonly width = 440, private readonly height = 170) {
    this.canvas = plotCanvas(parent, width, height, name, label);
  }

  /** Redraws. */
  update(p: SeriesPicture): void {
    this.canvas.dataset.series = String(p.series.length);
    this.canvas.dataset.points = String(p.series.reduce((n, s) => n + s.x.length, 0));
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const xs = p.series.flatMap((s) => s.x).filter(Number.isFinite);
    const [x0, x1] = xs.length > 0 ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
    const [y0, y1] = seriesRange(p);
    const t = (v: number): number => (p.logY ? Math.log10(v) : v);
    const px = (v: number): number => PAD.left + ((v - x0) / Math.max(1e-300, x1 - x0)) * (this.width - PAD.left - PAD.right);
    const py = (v: number): number => this.height - PAD.bottom - ((t(v) - t(y0)) / Math.max(1e-300, t(y1) - t(y0))) * (this.height - PAD.top - PAD.bottom);
    ctx.fillStyle = '#f7f7f7';
    ctx.fillRect(0, 0, this.width, this.height);
    ctx.strokeStyle = '#555';
    ctx.strokeRect(PAD.left, PAD.top, this.width - PAD.left - PAD.right, this.height - PAD.top - PAD.bottom);
    if (p.reference && Number.isFinite(p.reference.y) && (!p.logY || p.reference.y > 0)) {
      ctx.strokeStyle = '#d55e00';
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(PAD.left, py(p.reference.y));
      ctx.lineTo(this.width - PAD.right, py(p.reference.y));
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#d55e00';
      ctx.font = '10px sans-serif';
      ctx.fillText(p.reference.label, PAD.left + 3, py(p.reference.y) - 3);
    }
    p.series.forEach((s, k) => this.drawLine(ctx, s, SERIES_COLORS[k % SERIES_COLORS.length], px, py, p.logY === true));
    this.drawLabels(ctx, p, [x0, x1], [y0, y1]);
  }

  /** Removes the canvas. */
  dispose(): void {
    this.canvas.remove();
  }

  private drawLine(ctx: CanvasRenderingContext2D, s: ChartSeries, color: string, px: (v: number) => number, py: (v: number) => number, logY: boolean): void {
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let open = false;
    for (let i = 0; i < s.x.length; i++) {
      const ok = Number.isFinite(s.y[i]) && (!logY || s.y[i] > 0);
      if (!ok) {
        open = false;
        continue;
      }
      if (open) ctx.lineTo(px(s.x[i]), py(s.y[i]));
      else ctx.moveTo(px(s.x[i]), py(s.y[i]));
      open = true;
      if (s.x.length < 30) ctx.fillRect(px(s.x[i]) - 1.5, py(s.y[i]) - 1.5, 3, 3);
    }
    ctx.stroke();
    ctx.lineWidth = 1;
  }

  private drawLabels(ctx: CanvasRenderingContext2D, p: SeriesPicture, [x0, x1]: [number, number], [y0, y1]: [number, number]): void {
    ctx.fillStyle = '#222';
    ctx.font = '10px sans-serif';
    ctx.fillText(p.title, PAD.left, 11);
    ctx.fillText(y1.toPrecision(2), 2, PAD.top + 8);
    ctx.fillText(y0.toPrecision(2), 2, this.height - PAD.bottom);
    ctx.fillText(`${p.xLabel} ${x0} … ${x1}`, PAD.left, this.height - 5);
    let lx = this.width - PAD.right - 4;
    for (let k = p.series.length - 1; k >= 0; k--) {
      const name = p.series[k].name;
      lx -= ctx.measureText(name).width + 8;
      ctx.fillStyle = SERIES_COLORS[k % SERIES_COLORS.length];
      ctx.fillText(name, lx, 11);
    }
  }
}

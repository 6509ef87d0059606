/**
 * An eigenvalue density on a canvas: a smooth curve (the SLQ estimate), a histogram drawn under it
 * (the exact spectrum, as a density), short ticks on the axis (exact eigenvalues) and labelled
 * markers (the top eigenvalue estimates). Plain arrays in; the y axis can be log-compressed so a
 * bulk near zero and outliers far out are both visible.
 */
import { plotCanvas } from './plotCanvas';

/** What one chart draws; every part is optional. */
export interface DensityPicture {
  readonly curve?: { readonly x: ArrayLike<number>; readonly y: ArrayLike<number> } | null;
  readonly histogram?: { readonly centres: ArrayLike<number>; readonly heights: ArrayLike<number>; readonly width: number } | null;
  /** Values ticked on the axis (the exact eigenvalues). */
  readonly ticks?: ArrayLike<number> | null;
  /** Values marked with a line and a label (the top estimates). */
  readonly markers?: readonly number[];
  /** x range; default the curve's, else the histogram's, else the ticks'. */
  readonly range?: readonly [number, number];
  readonly title: string;
}

const PAD = { left: 8, right: 8, top: 16, bottom: 22 };

function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  return [lo, hi];
}

/** The x range a picture spans (curve, histogram or ticks, widened when degenerate). */
export function pictureRange(p: DensityPicture): [number, number] {
  const [lo, hi] = p.range ?? (p.curve ? extent(p.curve.x) : p.histogram ? extent(p.histogram.centres) : extent(p.ticks ?? p.markers ?? []));
  if (!(hi > lo)) return [lo - 1, (Number.isFinite(hi) ? hi : 0) + 1];
  return [lo, hi];
}

/** Draws a density picture into a canvas it owns. */
export class SpectrumDensityChart {
  /** The canvas; data-* attributes say what was drawn (for tests). */
  readonly canvas: HTMLCanvasElement;

  /** Creates the canvas in the parent. */
  constructor(parent: HTMLElement, name: string, label: string, private readonly width = 440, private readonly height = 180) {
    this.canvas = plotCanvas(parent, width, height, name, label);
  }

  /** Redraws with a new picture. */
  update(p: DensityPicture): void {
    const c = this.canvas;
    c.dataset.curvePoints = String(p.curve?.x.length ?? 0);
    c.dataset.histogramBins = String(p.histogram?.heights.length ?? 0);
    c.dataset.ticks = String(p.ticks?.length ?? 0);
    c.dataset.markers = (p.markers ?? []).map((m) => m.toPrecision(6)).join(',');
    const ctx = c.getContext('2d');
    if (!ctx) return;
    const [lo, hi] = pictureRange(p);
    const top = Math.max(1e-12, ...(p.curve ? Array.from(p.curve.y) : []), ...(p.histogram ? Array.from(p.histogram.heights) : []));
    // sqrt-compressed heights: the bulk at 0 is tall, isolated eigenvalues carry 1/P of the mass each.
    const x = (v: number): number => PAD.left + ((v - lo) / (hi - lo)) * (this.width - PAD.left - PAD.right);
    const y = (d: number): number => this.height - PAD.bottom - Math.sqrt(Math.max(0, d) / top) * (this.height - PAD.top - PAD.bottom);
    ctx.fillStyle = '#f7f7f7';
    ctx.fillRect(0, 0, this.width, this.height);
    if (p.histogram) this.drawHistogram(ctx, p.histogram, x, y);
    if (p.curve) this.drawCurve(ctx, p.curve, x, y);
    ctx.strokeStyle = '#555';
    ctx.beginPath();
    ctx.moveTo(PAD.left, this.height - PAD.bottom);
    ctx.lineTo(this.width - PAD.right, this.height - PAD.bottom);
    ctx.stroke();
    if (p.ticks) this.drawTicks(ctx, p.ticks, x);
    this.drawMarkers(ctx, p.markers ?? [], x);
    ctx.fillStyle = '#222';
    ctx.font = '11px sans-serif';
    ctx.fillText(p.title, PAD.left, 11);
    ctx.fillText(lo.toPrecision(3), PAD.left, this.height - 4);
    const hiText = hi.toPrecision(3);
    ctx.fillText(hiText, this.width - PAD.right - ctx.measureText(hiText).width, this.height - 4);
    // '0' only where it does not collide with the end labels.
    if (lo < 0 && hi > 0 && x(0) - PAD.left > 50 && this.width - PAD.right - x(0) > 50) ctx.fillText('0', x(0) - 3, this.height - 4);
  }

  /** Removes the canvas. */
  dispose(): void {
    this.canvas.remove();
  }

  private drawHistogram(ctx: CanvasRenderingContext2D, h: NonNullable<DensityPicture['histogram']>, x: (v: number) => number, y: (d: number) => number): void {
    ctx.fillStyle = 'rgba(230, 159, 0, 0.55)';
    for (let b = 0; b < h.heights.length; b++) {
      if (h.heights[b] <= 0) continue;
      const x0 = x(h.centres[b] - h.width / 2);
      const x1 = x(h.centres[b] + h.width / 2);
      const top = y(h.heights[b]);
      ctx.fillRect(x0, top, Math.max(1, x1 - x0), this.height - PAD.bottom - top);
    }
  }

  private drawCurve(ctx: CanvasRenderingContext2D, curve: NonNullable<DensityPicture['curve']>, x: (v: number) => number, y: (d: number) => number): void {
    ctx.strokeStyle = '#0072b2';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let i = 0; i < curve.x.length; i++) (i === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, x(curve.x[i]), y(curve.y[i]));
    ctx.stroke();
    ctx.lineWidth = 1;
  }

  private drawTicks(ctx: CanvasRenderingContext2D, ticks: ArrayLike<number>, x: (v: number) => number): void {
    ctx.strokeStyle = '#a05a00';
    ctx.beginPath();
    const base = this.height - PAD.bottom;
    for (let i = 0; i < ticks.length; i++) {
      ctx.moveTo(x(ticks[i]), base);
      ctx.lineTo(x(ticks[i]), base + 5);
    }
    ctx.stroke();
  }

  private drawMarkers(ctx: CanvasRenderingContext2D, markers: readonly number[], x: (v: number) => number): void {
    ctx.strokeStyle = '#d55e00';
    ctx.fillStyle = '#d55e00';
    ctx.font = '10px sans-serif';
    ctx.setLineDash([3, 2]);
    markers.forEach((m, i) => {
      ctx.beginPath();
      ctx.moveTo(x(m), PAD.top);
      ctx.lineTo(x(m), this.height - PAD.bottom);
      ctx.stroke();
      if (i < 3) ctx.fillText(`λ${i + 1}`, Math.min(this.width - 18, x(m) + 2), PAD.top + 9 + 10 * i);
    });
    ctx.setLineDash([]);
  }
}

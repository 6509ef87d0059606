/**
 * λmax of the full Hessian against the training step, with the stability line 2/η: full-batch
 * gradient descent drives the sharpness up to 2/η and then hovers there (the "edge of stability",
 * Cohen et al. 2021). A small canvas; plain numbers in.
 */
import { plotCanvas } from './plotCanvas';

/** Draws sharpness samples into a canvas it owns. */
export class SharpnessChart {
  /** The canvas (data-testid="sharpness-chart"). */
  readonly canvas: HTMLCanvasElement;

  /** Creates the (hidden until used) canvas inside the parent. */
  constructor(parent: HTMLElement, private readonly width = 180, private readonly height = 90) {
    this.canvas = plotCanvas(parent, width, height, 'sharpness-chart', 'largest Hessian eigenvalue against training step, with the line 2 over the learning rate');
    this.canvas.hidden = true;
  }

  /** Redraws; hidden when the limit is not finite (tracking off). */
  update(points: readonly { step: number; lambdaMax: number }[], limit: number, totalSteps: number): void {
    this.canvas.hidden = !Number.isFinite(limit);
    this.canvas.dataset.samples = String(points.length);
    const ctx = this.canvas.getContext('2d');
    if (!ctx || this.canvas.hidden) return;
    ctx.fillStyle = '#f4f4f4';
    ctx.fillRect(0, 0, this.width, this.height);
    const top = Math.max(limit * 1.25, ...points.map((p) => p.lambdaMax).filter(Number.isFinite));
    const x = (step: number) => 2 + (step / Math.max(1, totalSteps)) * (this.width - 4);
    const y = (v: number) => this.height - 4 - (Math.max(0, v) / top) * (this.height - 8);
    ctx.strokeStyle = '#d55e00';
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(0, y(limit));
    ctx.lineTo(this.width, y(limit));
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.strokeStyle = '#0072b2';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    points.forEach((p, i) => (i === 0 ? ctx.moveTo(x(p.step), y(p.lambdaMax)) : ctx.lineTo(x(p.step), y(p.lambdaMax))));
    ctx.stroke();
    ctx.fillStyle = '#333';
    ctx.font = '10px sans-serif';
    ctx.fillText(`2/η = ${limit.toPrecision(3)}`, 3, Math.max(10, y(limit) - 3));
    if (points.length > 0) ctx.fillText(`λmax ${points[points.length - 1].lambdaMax.toPrecision(3)}`, 3, this.height - 3);
  }

  /** Removes the canvas. */
  dispose(): void {
    this.canvas.remove();
  }
}

/** A small canvas plot of the training loss against the step, on a log axis. Plain arrays in. */
import { plotCanvas } from './plotCanvas';

/** Draws a loss history into a canvas it owns. */
export class LossCurve {
  /** The canvas (data-testid="loss-curve"). */
  readonly canvas: HTMLCanvasElement;

  /** Creates the canvas inside the parent. */
  constructor(parent: HTMLElement, private readonly width = 180, private readonly height = 90) {
    this.canvas = plotCanvas(parent, width, height, 'loss-curve', 'training loss against step (log scale)');
  }

  /** Redraws the curve of losses[0..count) for a run of totalSteps steps. */
  update(losses: ArrayLike<number>, count: number, totalSteps: number): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, this.width, this.height);
    ctx.fillStyle = '#f4f4f4';
    ctx.fillRect(0, 0, this.width, this.height);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < count; i++) {
      const v = losses[i];
      if (!(v > 0) || !Number.isFinite(v)) continue;
      lo = Math.min(lo, Math.log10(v));
      hi = Math.max(hi, Math.log10(v));
    }
    if (!Number.isFinite(lo)) return;
    if (hi - lo < 1e-6) hi = lo + 1;
    const x = (i: number) => (i / Math.max(1, totalSteps)) * (this.width - 4) + 2;
    const y = (v: number) => this.height - 4 - ((Math.log10(v) - lo) / (hi - lo)) * (this.height - 8);
    ctx.strokeStyle = '#0072b2';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let started = false;
    for (let i = 0; i < count; i++) {
      const v = losses[i];
      if (!(v > 0) || !Number.isFinite(v)) continue;
      if (started) ctx.lineTo(x(i), y(v));
      else ctx.moveTo(x(i), y(v));
      started = true;
    }
    ctx.stroke();
    ctx.fillStyle = '#333';
    ctx.font = '10px sans-serif';
    ctx.fillText(`${(10 ** hi).toPrecision(2)}`, 3, 10);
    ctx.fillText(`${(10 ** lo).toPrecision(2)}`, 3, this.height - 3);
  }

  /** Removes the canvas. */
  dispose(): void {
    this.canvas.remove();
  }
}

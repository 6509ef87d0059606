/**
 * A small canvas showing a data set and the network's current prediction: decision regions
 * (P(class 1) = sigmoid(z) as a two-colour wash) with the samples on top for classification, or
 * the samples and the fitted curve for regression. Plain arrays in, pixels out.
 */
import { plotCanvas } from './plotCanvas';

/** What the inset draws; the prediction grid is row-major over [lo, hi]^2 (x fastest). */
export interface InsetData {
  readonly task: 'classification' | 'regression';
  /** Sample inputs, inputDim per sample (1 or 2), and targets. */
  readonly inputs: ArrayLike<number>;
  readonly targets: ArrayLike<number>;
  readonly inputDim: number;
  /** Axis range of the inputs (both axes in 2D; x only in 1D, y from the targets). */
  readonly lo: number;
  readonly hi: number;
  /** Classification: z on a size x size grid. Regression: z at `size` x-values from lo to hi. */
  readonly prediction: ArrayLike<number>;
  readonly size: number;
}

/** Okabe–Ito orange and blue: the two classes, distinguishable under the common colour-vision deficiencies. */
const CLASS_RGB: readonly (readonly [number, number, number])[] = [
  [230, 159, 0],
  [0, 114, 178],
];

/** Draws data and prediction into a canvas it owns. */
export class NetworkInset {
  /** The canvas (data-testid="network-inset"). */
  readonly canvas: HTMLCanvasElement;

  /** Creates the canvas (CSS pixels) inside the parent. */
  constructor(parent: HTMLElement, private readonly sizePx = 180) {
    this.canvas = plotCanvas(parent, sizePx, sizePx, 'network-inset', 'training data and the network prediction');
  }

  /** Redraws everything from the given data. */
  update(data: InsetData): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, this.sizePx, this.sizePx);
    if (data.task === 'classification') this.drawRegions(ctx, data);
    else this.drawCurve(ctx, data);
    this.canvas.dataset.drawn = String(Number(this.canvas.dataset.drawn ?? '0') + 1);
  }

  /** Removes the canvas. */
  dispose(): void {
    this.canvas.remove();
  }

  private drawRegions(ctx: CanvasRenderingContext2D, d: InsetData): void {
    const img = ctx.createImageData(d.size, d.size);
    for (let j = 0; j < d.size; j++) {
      for (let i = 0; i < d.size; i++) {
        const p = 1 / (1 + Math.exp(-d.prediction[j * d.size + i]));
        const k = 4 * ((d.size - 1 - j) * d.size + i); // y up
        for (let c = 0; c < 3; c++) img.data[k + c] = 255 - 0.45 * (255 - (p * CLASS_RGB[1][c] + (1 - p) * CLASS_RGB[0][c]));
        img.data[k + 3] = 255;
      }
    }
    const scratch = document.createElement('canvas');
    scratch.width = d.size;
    scratch.height = d.size;
    scratch.getContext('2d')?.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(scratch, 0, 0, this.sizePx, this.sizePx);
    const px = (v: number) => ((v - d.lo) / (d.hi - d.lo)) * this.sizePx;
    for (let s = 0; s < d.targets.length; s++) {
      const rgb = CLASS_RGB[d.targets[s] > 0.5 ? 1 : 0];
      ctx.fillStyle = `rgb(${rgb.join(',')})`;
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 0.6;
      ctx.beginPath();
      ctx.arc(px(d.inputs[2 * s]), this.sizePx - px(d.inputs[2 * s + 1]), 2.4, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }

  private drawCurve(ctx: CanvasRenderingContext2D, d: InsetData): void {
    let tlo = Infinity;
    let thi = -Infinity;
    for (let s = 0; s < d.targets.length; s++) {
      tlo = Math.min(tlo, d.targets[s]);
      thi = Math.max(thi, d.targets[s]);
    }
    const pad = 0.15 * (thi - tlo || 1);
    const py = (v: number) => this.sizePx - ((v - (tlo - pad)) / (thi - tlo + 2 * pad)) * this.sizePx;
    const px = (v: number) => ((v - d.lo) / (d.hi - d.lo)) * this.sizePx;
    ctx.fillStyle = '#f4f4f4';
    ctx.fillRect(0, 0, this.sizePx, this.sizePx);
    ctx.fillStyle = `rgb(${CLASS_RGB[0].join(',')})`;
    for (let s = 0; s < d.targets.length; s++) ctx.fillRect(px(d.inputs[s]) - 1.5, py(d.targets[s]) - 1.5, 3, 3);
    ctx.strokeStyle = `rgb(${CLASS_RGB[1].join(',')})`;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let i = 0; i < d.size; i++) {
      const x = d.lo + ((d.hi - d.lo) * i) / (d.size - 1);
      const y = Math.max(-1e6, Math.min(1e6, d.prediction[i]));
      if (i === 0) ctx.moveTo(px(x), py(y));
      else ctx.lineTo(px(x), py(y));
    }
    ctx.stroke();
  }
}

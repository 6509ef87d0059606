/**
 * A grid of test images with the network's predicted and true labels at the expansion point: each
 * cell draws the raw pixels in grey, the predicted label in its corner and, for a wrong prediction,
 * a red frame with the true label beside it. Plain arrays in, pixels out; the canvas carries the
 * predictions as data attributes for tests and its aria-label says how many are wrong.
 */
import { plotCanvas } from './plotCanvas';

/** What the grid draws: `count` images of rows × cols raw pixels, their predicted and true classes. */
export interface TestImagesData {
  readonly rows: number;
  readonly cols: number;
  /** count × rows × cols pixel values, image by image, row-major; 0 is drawn white, `maxValue` black. */
  readonly pixels: ArrayLike<number>;
  readonly maxValue: number;
  readonly predicted: ArrayLike<number>;
  readonly truth: ArrayLike<number>;
  /** Class names by index. */
  readonly classNames: readonly string[];
  /** Where the predictions were made: θ* or a point (a, b) of the slice. */
  readonly at: string;
}

/** Images per row and rows of the grid. */
export const GRID_COLUMNS = 6;
/** Rows of the grid. */
export const GRID_ROWS = 4;
const CELL = 46;
const LABEL = 13;
/** Okabe–Ito vermillion: a wrong prediction's frame and label. */
const WRONG = '#d55e00';

/** Draws the test images and their labels into a canvas it owns. */
export class TestImagesInset {
  /** The canvas (data-testid="test-images"). */
  readonly canvas: HTMLCanvasElement;

  /** Creates the canvas inside the parent. */
  constructor(parent: HTMLElement) {
    this.canvas = plotCanvas(parent, GRID_COLUMNS * CELL, GRID_ROWS * (CELL + LABEL), 'test-images', 'test images with predicted and true labels');
  }

  /** Redraws the grid (at most GRID_COLUMNS × GRID_ROWS images). */
  update(d: TestImagesData): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    const count = Math.min(d.predicted.length, GRID_COLUMNS * GRID_ROWS);
    let wrong = 0;
    for (let k = 0; k < count; k++) {
      const x = (k % GRID_COLUMNS) * CELL;
      const y = Math.floor(k / GRID_COLUMNS) * (CELL + LABEL);
      this.drawImage(ctx, d, k, x + 3, y + 3, CELL - 6);
      const bad = d.predicted[k] !== d.truth[k];
      if (bad) wrong++;
      ctx.strokeStyle = bad ? WRONG : '#bbbbbb';
      ctx.lineWidth = bad ? 3 : 1;
      ctx.strokeRect(x + 2, y + 2, CELL - 4, CELL - 4);
      ctx.fillStyle = bad ? WRONG : '#111111';
      ctx.font = `${bad ? 'bold ' : ''}11px sans-serif`;
      const name = (c: number) => d.classNames[c] ?? String(c);
      ctx.fillText(bad ? `${name(d.predicted[k])} ✗ ${name(d.truth[k])}` : `${name(d.predicted[k])} ✓`, x + 4, y + CELL + LABEL - 3);
    }
    this.canvas.dataset.predicted = Array.from(d.predicted).slice(0, count).join(',');
    this.canvas.dataset.truth = Array.from(d.truth).slice(0, count).join(',');
    this.canvas.dataset.wrong = String(wrong);
    this.canvas.dataset.at = d.at;
    this.canvas.setAttribute('aria-label', `${count} test images at ${d.at}: ${wrong} predicted wrongly (marked ✗ with the true label)`);
  }

  /** Removes the canvas. */
  dispose(): void {
    this.canvas.remove();
  }

  private drawImage(ctx: CanvasRenderingContext2D, d: TestImagesData, k: number, x: number, y: number, size: number): void {
    const img = ctx.createImageData(d.cols, d.rows);
    const offset = k * d.rows * d.cols;
    for (let p = 0; p < d.rows * d.cols; p++) {
      const v = 255 - Math.round((255 * Math.max(0, Math.min(d.maxValue, d.pixels[offset + p]))) / d.maxValue);
      img.data.set([v, v, v, 255], 4 * p);
    }
    const scratch = document.createElement('canvas');
    scratch.width = d.cols;
    scratch.height = d.rows;
    scratch.getContext('2d')?.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(scratch, x, y, size, size);
  }
}

/**
 * The confusion matrix of a classifier on the test part at the expansion point: true class down,
 * predicted class across, each cell shaded by its share of the row, counts written in. Plain
 * numbers in, pixels out; the matrix is also on the canvas as data-matrix (JSON) for tests.
 */
import { plotCanvas } from './plotCanvas';

const SIZE = 220;
const MARGIN = 22;

/** Draws confusion[t][p] (how many samples of true class t were predicted as p) into a canvas it owns. */
export class ConfusionMatrix {
  /** The canvas (data-testid="confusion-matrix"). */
  readonly canvas: HTMLCanvasElement;

  /** Creates the canvas inside the parent. */
  constructor(parent: HTMLElement) {
    this.canvas = plotCanvas(parent, SIZE, SIZE, 'confusion-matrix', 'confusion matrix on the test samples');
  }

  /** Redraws the matrix; `classNames` label the rows and columns. */
  update(matrix: readonly (readonly number[])[], classNames: readonly string[], at: string): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const K = matrix.length;
    const cell = (SIZE - MARGIN) / Math.max(1, K);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, SIZE, SIZE);
    ctx.font = `${Math.max(8, Math.min(12, cell * 0.45))}px sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    let right = 0;
    let total = 0;
    for (let t = 0; t < K; t++) {
      const rowTotal = matrix[t].reduce((a, b) => a + b, 0);
      total += rowTotal;
      right += matrix[t][t] ?? 0;
      for (let p = 0; p < K; p++) {
        const share = rowTotal > 0 ? matrix[t][p] / rowTotal : 0;
        // Blue on the diagonal (right), vermillion off it (wrong), stronger for a larger share of the row.
        const rgb = t === p ? [0, 114, 178] : [213, 94, 0];
        ctx.fillStyle = `rgba(${rgb.join(',')},${share === 0 ? 0 : 0.15 + 0.85 * share})`;
        ctx.fillRect(MARGIN + p * cell, MARGIN + t * cell, cell - 1, cell - 1);
        if (matrix[t][p] > 0 && cell >= 12) {
          ctx.fillStyle = share > 0.55 ? '#ffffff' : '#111111';
          ctx.fillText(String(matrix[t][p]), MARGIN + (p + 0.5) * cell, MARGIN + (t + 0.5) * cell);
        }
      }
      ctx.fillStyle = '#111111';
      ctx.fillText(classNames[t] ?? String(t), MARGIN / 2, MARGIN + (t + 0.5) * cell);
      ctx.fillText(classNames[t] ?? String(t), MARGIN + (t + 0.5) * cell, MARGIN / 2);
    }
    this.canvas.dataset.matrix = JSON.stringify(matrix);
    this.canvas.dataset.at = at;
    this.canvas.setAttribute('aria-label', `confusion matrix at ${at}: ${right} of ${total} test samples on the diagonal (rows: true class, columns: predicted)`);
  }

  /** Removes the canvas. */
  dispose(): void {
    this.canvas.remove();
  }
}

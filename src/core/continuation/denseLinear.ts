/**
 * Small dense linear algebra for continuation: the bordered systems are 2x2 to 4x4, so Gaussian
 * elimination with partial pivoting on plain arrays is both the simplest and the fastest choice.
 */

/** A square matrix as rows. */
export type Matrix = readonly (readonly number[])[];

/** LU factors with the row swaps folded in: the determinant and a solve for any right side. */
interface Factored {
  readonly lu: number[][];
  readonly perm: number[];
  readonly sign: number;
}

function factor(a: Matrix): Factored {
  const n = a.length;
  const lu = a.map((row) => row.slice());
  const perm = a.map((_, k) => k);
  let sign = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(lu[r][col]) > Math.abs(lu[pivot][col])) pivot = r;
    if (pivot !== col) {
      [lu[pivot], lu[col]] = [lu[col], lu[pivot]];
      [perm[pivot], perm[col]] = [perm[col], perm[pivot]];
      sign = -sign;
    }
    const p = lu[col][col];
    if (p === 0) continue;
    for (let r = col + 1; r < n; r++) {
      const m = (lu[r][col] /= p);
      for (let c = col + 1; c < n; c++) lu[r][c] -= m * lu[col][c];
    }
  }
  return { lu, perm, sign };
}

/** det A by LU with partial pivoting. */
export function determinant(a: Matrix): number {
  const { lu, sign } = factor(a);
  return lu.reduce((d, row, k) => d * row[k], sign);
}

/** x with A x = b, or null when A is singular or the answer is not finite. */
export function solveLinear(a: Matrix, b: readonly number[]): number[] | null {
  const { lu, perm } = factor(a);
  const n = a.length;
  const x = perm.map((p) => b[p]);
  for (let r = 0; r < n; r++) for (let c = 0; c < r; c++) x[r] -= lu[r][c] * x[c];
  for (let r = n - 1; r >= 0; r--) {
    for (let c = r + 1; c < n; c++) x[r] -= lu[r][c] * x[c];
    if (lu[r][r] === 0) return null;
    x[r] /= lu[r][r];
  }
  return x.every(Number.isFinite) ? x : null;
}

/** Euclidean norm. */
export function norm(v: readonly number[]): number {
  return Math.hypot(...v);
}

/** Dot product of two vectors of the same length. */
export function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((s, v, k) => s + v * b[k], 0);
}

/** The rows of J with one more row appended: the bordered matrix [J; r]. */
export function bordered(jacobian: Matrix, row: readonly number[]): number[][] {
  return [...jacobian.map((r) => r.slice()), row.slice()];
}

/**
 * Exact spectra where the operator is small enough to write down: the dense matrix from P products
 * with the unit vectors (symmetrised, with how asymmetric the products were), its full symmetric
 * eigendecomposition by ml-matrix (Householder tridiagonalisation + implicit QL, not a hand-written
 * Jacobi), and the normalised spectral moments tr(Hᵏ)/P that SLQ and Hutchinson estimate.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { applyOperator, type HessianVectorProduct } from './operator';

/** A dense symmetric matrix built from an operator, and how far the products were from symmetric. */
export interface DenseMatrix {
  /** Row-major size × size entries, (M + Mᵀ)/2 of the columns Me_j. */
  readonly data: Float64Array;
  readonly size: number;
  /** max |M_ij − M_ji| / max |M_ij|: 0 for an exactly symmetric operator, ~1e-7 for float32 HVPs. */
  readonly asymmetry: number;
  /** Products spent (= size). */
  readonly hvps: number;
}

/** Options of denseFromOperator. */
export interface DenseOptions {
  /** Aborting rejects with an Error named AbortError at the next product. */
  readonly signal?: AbortSignal;
  /** Called after each column with the columns done and the size. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The dense matrix of an operator, one product per column, symmetrised. */
export async function denseFromOperator(hvp: HessianVectorProduct, size: number, options: DenseOptions = {}): Promise<DenseMatrix> {
  const columns: Float64Array[] = [];
  for (let j = 0; j < size; j++) {
    const e = new Float64Array(size);
    e[j] = 1;
    columns.push(await applyOperator(hvp, e, options.signal));
    options.onProgress?.(j + 1, size);
  }
  const data = new Float64Array(size * size);
  let largest = 0;
  let skew = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      data[i * size + j] = 0.5 * (columns[j][i] + columns[i][j]);
      largest = Math.max(largest, Math.abs(columns[j][i]));
      skew = Math.max(skew, Math.abs(columns[j][i] - columns[i][j]));
    }
  }
  return { data, size, asymmetry: largest > 0 ? skew / largest : 0, hvps: size };
}

/** Eigenvalues in ascending order, with vectors[i] the unit eigenvector of values[i]. */
export interface SymmetricEigen {
  readonly values: Float64Array;
  readonly vectors: Float64Array[];
}

/** Throws RangeError unless matrix is a row-major size × size symmetric matrix (to 1e-12 relative). */
function checkSymmetric(matrix: ArrayLike<number>, size: number): void {
  if (!Number.isInteger(size) || size < 1 || matrix.length !== size * size) throw new RangeError(`a ${size} × ${size} matrix needs ${size * size} entries, got ${matrix.length}`);
  let largest = 0;
  for (let k = 0; k < matrix.length; k++) largest = Math.max(largest, Math.abs(matrix[k]));
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < i; j++) {
      if (!(Math.abs(matrix[i * size + j] - matrix[j * size + i]) <= 1e-12 * largest)) throw new RangeError(`the matrix is not symmetric at (${i}, ${j})`);
    }
  }
}

/** The full eigendecomposition of a symmetric matrix (row-major) by ml-matrix's symmetric EVD. */
export function symmetricEigen(matrix: ArrayLike<number>, size: number): SymmetricEigen {
  checkSymmetric(matrix, size);
  const m = Matrix.from1DArray(size, size, Array.from(matrix));
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const raw = evd.realEigenvalues;
  const order = raw.map((_, i) => i).sort((a, b) => raw[a] - raw[b]);
  const vectors = evd.eigenvectorMatrix;
  return {
    values: Float64Array.from(order, (i) => raw[i]),
    vectors: order.map((i) => Float64Array.from(vectors.getColumn(i))),
  };
}

/** tr(Hᵏ)/P for k = 1 … maxOrder from the eigenvalues: the normalised moments SLQ estimates. */
export function spectralMoments(eigenvalues: ArrayLike<number>, maxOrder: number): number[] {
  const moments: number[] = [];
  for (let k = 1; k <= maxOrder; k++) {
    let s = 0;
    for (let i = 0; i < eigenvalues.length; i++) s += eigenvalues[i] ** k;
    moments.push(s / eigenvalues.length);
  }
  return moments;
}

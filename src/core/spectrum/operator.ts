/**
 * The shared vocabulary of the spectrum estimators: a symmetric linear operator given only by its
 * products v ↦ Hv (a Hessian-vector product, or a dense matrix in tests), float64 vector helpers,
 * and the cancellation rule every estimator follows (an aborted signal stops at the next product).
 */
import type { Random } from '../network/random';

/** v ↦ Hv for a symmetric H of the given dimension; may be synchronous (float64 tests) or not (tfjs). */
export type HessianVectorProduct = (v: Float64Array) => Float64Array | Promise<Float64Array>;

/** u · v. */
export function dot(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

/** ‖v‖₂. */
export function norm(v: ArrayLike<number>): number {
  return Math.sqrt(dot(v, v));
}

/** y ← y + a x, in place. */
export function axpy(a: number, x: ArrayLike<number>, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i];
}

/** A vector of independent ±1 entries (a Rademacher probe). */
export function rademacher(rng: Random, dim: number): Float64Array {
  return Float64Array.from({ length: dim }, () => (rng.uniform() < 0.5 ? -1 : 1));
}

/** The Error an aborted estimator rejects with (name 'AbortError', as fetch and DOM APIs use). */
export function abortError(): Error {
  return Object.assign(new Error('the spectrum computation was stopped'), { name: 'AbortError' });
}

/** Throws abortError() when the signal has been aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/**
 * One checked product Hv: stops first if the signal is aborted, then insists on a finite vector of
 * the right length (a NaN Hessian would otherwise turn every estimate into NaN silently).
 */
export async function applyOperator(hvp: HessianVectorProduct, v: Float64Array, signal: AbortSignal | undefined): Promise<Float64Array> {
  throwIfAborted(signal);
  const w = await hvp(v);
  if (w.length !== v.length) throw new Error(`the Hessian-vector product has length ${w.length}, expected ${v.length}`);
  for (let i = 0; i < w.length; i++) if (!Number.isFinite(w[i])) throw new Error('the Hessian-vector product is not finite at these parameters');
  // A copy: the estimators work in place, and an operator may hand back a buffer it keeps (or v itself).
  return Float64Array.from(w);
}

/** The operator of a dense symmetric matrix (row-major, size × size): v ↦ Mv in float64. */
export function denseOperator(matrix: ArrayLike<number>, size: number): HessianVectorProduct {
  if (matrix.length !== size * size) throw new RangeError(`a ${size} × ${size} matrix needs ${size * size} entries, got ${matrix.length}`);
  return (v) => {
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      let s = 0;
      for (let j = 0; j < size; j++) s += matrix[i * size + j] * v[j];
      out[i] = s;
    }
    return out;
  };
}

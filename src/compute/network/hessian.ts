/**
 * Curvature of the full network loss at θ: Hessian-vector products Hv = ∇θ(∇θL · v) by nested
 * tfjs autodiff, and the top eigenpairs of H by power iteration with deflation, as PyHessian does
 * (each iterate is orthogonalised against the eigenvectors already found, so the k-th run finds
 * the largest-magnitude eigenvalue of H restricted to their complement).
 */
import { tf } from '../tf';
import type { Dataset, NetworkSpec } from '../../core/network/types';
import { createRandom } from '../../core/network/random';
import { assertSpecFitsData, dataTensors, lossOf, type DataTensors } from './tfNetwork';
import { registerSecondOrderGradients } from '../registerGradients';

/** Hv at θ as a tensor [P]; theta and v are [P] tensors; call inside tf.tidy. */
export function hvpTensor(spec: NetworkSpec, data: DataTensors, theta: tf.Tensor, v: tf.Tensor): tf.Tensor1D {
  registerSecondOrderGradients();
  const directional = (th: tf.Tensor): tf.Scalar => {
    const g = tf.grad((t: tf.Tensor) => lossOf(spec, t, data.X, data.T))(th);
    return tf.sum(tf.mul(g, v));
  };
  return tf.grad(directional)(theta) as tf.Tensor1D;
}

/** Hv at θ in float64 arrays (computed in float32 by tfjs). */
export async function hessianVectorProduct(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, v: ArrayLike<number>): Promise<Float64Array> {
  assertSpecFitsData(spec, data);
  const tensors = dataTensors(data);
  try {
    const hv = tf.tidy(() => hvpTensor(spec, tensors, tf.tensor1d(Float32Array.from(theta)), tf.tensor1d(Float32Array.from(v))));
    try {
      return Float64Array.from(await hv.data());
    } finally {
      hv.dispose();
    }
  } finally {
    tensors.X.dispose();
    tensors.T.dispose();
  }
}

/** Options of the power iteration (PyHessian's defaults: 100 iterations, relative tolerance 1e-3). */
export interface EigenOptions {
  /** Number of eigenpairs (default 2). */
  readonly k?: number;
  /** Most iterations per eigenpair (default 100). */
  readonly maxIter?: number;
  /** Stop when |λ_i - λ_{i-1}| <= rtol * |λ_{i-1}| (default 1e-3). */
  readonly rtol?: number;
  /** Seed of the random start vectors (default 0). */
  readonly seed?: number;
  /** Aborting rejects with an Error named AbortError at the next iteration. */
  readonly signal?: AbortSignal;
}

/** Top eigenpairs of the Hessian: eigenvalues (largest magnitude first), unit eigenvectors, iterations used per pair. */
export interface Eigenpairs {
  readonly eigenvalues: number[];
  readonly eigenvectors: Float64Array[];
  readonly iterations: number[];
}

function dot(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

/** Removes the components along the (orthonormal) vectors found so far, then scales v to unit length. */
function orthonormalize(v: Float64Array, basis: readonly Float64Array[]): Float64Array {
  // Twice, so float32 roundoff in Hv cannot leak a found direction back in (Gram–Schmidt, re-orthogonalised).
  for (let pass = 0; pass < 2; pass++) {
    for (const q of basis) {
      const c = dot(v, q);
      for (let i = 0; i < v.length; i++) v[i] -= c * q[i];
    }
  }
  const norm = Math.sqrt(dot(v, v));
  if (!(norm > 0)) throw new Error('power iteration lost its direction (the Hessian is zero on the remaining subspace)');
  for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}

/** One eigenpair by power iteration in the complement of `found`; hv reads back H v for a unit v. */
async function powerIteration(hv: (v: Float64Array) => Promise<Float64Array>, size: number, found: readonly Float64Array[], options: Required<Omit<EigenOptions, 'signal' | 'k'>> & { signal?: AbortSignal }, seed: number): Promise<{ value: number; vector: Float64Array; iterations: number }> {
  const rng = createRandom(seed);
  let v = orthonormalize(Float64Array.from({ length: size }, () => rng.normal()), found);
  let value: number | null = null;
  for (let it = 1; it <= options.maxIter; it++) {
    if (options.signal?.aborted) throw Object.assign(new Error('the eigenvalue search was stopped'), { name: 'AbortError' });
    const w = await hv(v);
    const next = dot(v, w); // Rayleigh quotient of the unit vector v
    if (!Number.isFinite(next)) throw new Error('the Hessian-vector product is not finite at these parameters');
    const converged = value !== null && Math.abs(next - value) <= options.rtol * Math.abs(value);
    value = next;
    v = orthonormalize(w, found);
    if (converged) return { value, vector: v, iterations: it };
  }
  return { value: value ?? NaN, vector: v, iterations: options.maxIter };
}

/** The k top (largest-magnitude) eigenpairs of the full Hessian at θ by HVP power iteration with deflation. */
export async function topEigenpairs(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, options: EigenOptions = {}): Promise<Eigenpairs> {
  assertSpecFitsData(spec, data);
  const k = options.k ?? 2;
  if (!Number.isInteger(k) || k < 1 || k > theta.length) throw new Error(`k must be a whole number from 1 to ${theta.length}, got ${k}`);
  const settings = { maxIter: options.maxIter ?? 100, rtol: options.rtol ?? 1e-3, seed: options.seed ?? 0, signal: options.signal };
  const tensors = dataTensors(data);
  const thetaTensor = tf.tensor1d(Float32Array.from(theta));
  const hv = async (v: Float64Array): Promise<Float64Array> => {
    const out = tf.tidy(() => hvpTensor(spec, tensors, thetaTensor, tf.tensor1d(Float32Array.from(v))));
    try {
      return Float64Array.from(await out.data());
    } finally {
      out.dispose();
    }
  };
  try {
    const result: Eigenpairs = { eigenvalues: [], eigenvectors: [], iterations: [] };
    for (let j = 0; j < k; j++) {
      const pair = await powerIteration(hv, theta.length, result.eigenvectors, settings, settings.seed * 7919 + j);
      result.eigenvalues.push(pair.value);
      result.eigenvectors.push(pair.vector);
      result.iterations.push(pair.iterations);
    }
    return result;
  } finally {
    thetaTensor.dispose();
    tensors.X.dispose();
    tensors.T.dispose();
  }
}

/** The top Hessian eigenvalue λmax at θ (largest magnitude; at a minimum the largest), and 2/λmax, the largest stable GD step. */
export async function lambdaMax(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, options: Omit<EigenOptions, 'k'> = {}): Promise<{ lambdaMax: number; stableLearningRate: number; iterations: number }> {
  const pairs = await topEigenpairs(spec, data, theta, { ...options, k: 1 });
  const value = pairs.eigenvalues[0];
  return { lambdaMax: value, stableLearningRate: value > 0 ? 2 / value : Infinity, iterations: pairs.iterations[0] };
}

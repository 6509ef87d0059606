/**
 * Curvature of the full network loss at θ: Hessian-vector products Hv = ∇θ(∇θL · v) by nested
 * tfjs autodiff (float32), served by an HvpSession that uploads the data and θ once, and the extreme
 * eigenpairs of H by Lanczos with full re-orthogonalisation (core/spectrum/lanczos.ts): λmax is the
 * largest algebraic eigenvalue, λmin the smallest, and every reported pair carries its true residual
 * ‖Hv − λv‖ and the number of HVPs it cost. Convergence means residual ≤ tol·‖H‖, nothing else.
 */
import { tf } from '../tf';
import type { Dataset, NetworkSpec } from '../../core/network/types';
import { lanczosExtremes, type EigenPair, type LanczosResult } from '../../core/spectrum/lanczos';
import { throwIfAborted } from '../../core/spectrum/operator';
import { hessianVectorProduct64 } from '../../core/network/backprop64';
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

/** HVPs at one θ with the data and θ uploaded once; dispose() frees them. */
export interface HvpSession {
  /** Number of parameters P. */
  readonly size: number;
  /** Hv in float64 arrays (computed in float32 by tfjs); rejects with an AbortError once the signal is aborted. */
  readonly hvp: (v: Float64Array) => Promise<Float64Array>;
  /** HVPs computed so far. */
  readonly count: () => number;
  readonly dispose: () => void;
}

/** Longest stretch of HVPs without yielding to the event loop. */
const YIELD_EVERY_MS = 30;

/** Where HVPs are computed: tfjs nested autodiff (float32, any backend) or the float64 R-operator in plain JS. */
export type HvpEngine = 'tfjs' | 'float64';

/** Resolves after a macrotask when `last` is more than YIELD_EVERY_MS ago, so a cancel message can land. */
function pacer(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last <= YIELD_EVERY_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
}

/** A session of exact float64 HVPs (backprop64.ts): nothing to upload, nothing to dispose. */
function float64Session(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, signal: AbortSignal | undefined): HvpSession {
  const pace = pacer();
  const thetaCopy = Float64Array.from(theta);
  let count = 0;
  const hvp = async (v: Float64Array): Promise<Float64Array> => {
    await pace();
    throwIfAborted(signal);
    count++;
    return hessianVectorProduct64(spec, data, thetaCopy, v);
  };
  return { size: theta.length, hvp, count: () => count, dispose: () => undefined };
}

/**
 * Opens an HVP session at θ (the caller disposes it; the algorithms below do so themselves). The
 * tfjs engine uploads data and θ once; 'float64' is exact and, on the CPU backend, faster.
 */
export function createHvpSession(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, signal?: AbortSignal, engine: HvpEngine = 'tfjs'): HvpSession {
  assertSpecFitsData(spec, data);
  if (engine === 'float64') return float64Session(spec, data, theta, signal);
  const tensors = dataTensors(data);
  const thetaTensor = tf.tensor1d(Float32Array.from(theta));
  let count = 0;
  let disposed = false;
  // A macrotask now and then, so a cancel message (a worker's postMessage) can abort the signal mid-solve.
  const pace = pacer();
  const hvp = async (v: Float64Array): Promise<Float64Array> => {
    await pace();
    throwIfAborted(signal);
    if (disposed) throw new Error('the HVP session was disposed');
    const out = tf.tidy(() => hvpTensor(spec, tensors, thetaTensor, tf.tensor1d(Float32Array.from(v))));
    try {
      const values = await out.data();
      count++;
      return Float64Array.from(values);
    } finally {
      out.dispose();
    }
  };
  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    tf.dispose([thetaTensor, tensors.X, tensors.T]);
  };
  return { size: theta.length, hvp, count: () => count, dispose };
}

/** Runs `work` on a fresh session and disposes it whatever happens. */
export async function withHvpSession<T>(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, signal: AbortSignal | undefined, work: (session: HvpSession) => Promise<T>, engine: HvpEngine = 'tfjs'): Promise<T> {
  const session = createHvpSession(spec, data, theta, signal, engine);
  try {
    return await work(session);
  } finally {
    session.dispose();
  }
}

/** Hv at θ in float64 arrays (computed in float32 by tfjs); one product, so one upload. */
export async function hessianVectorProduct(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, v: ArrayLike<number>): Promise<Float64Array> {
  return withHvpSession(spec, data, theta, undefined, (s) => s.hvp(Float64Array.from(v)));
}

/** Default residual tolerance with float32 HVPs: residual ≤ 1e-4·‖H‖ (their noise floor is ~1e-6·‖H‖). */
export const DEFAULT_HVP_TOL = 1e-4;

/** Options of the Lanczos eigen-solves on the network Hessian. */
export interface EigenOptions {
  /** Number of eigenpairs (default 2). */
  readonly k?: number;
  /** Converged when every residual ‖Hv − λv‖ ≤ tol·‖H‖ (default DEFAULT_HVP_TOL). */
  readonly tol?: number;
  /** Most Lanczos steps (default min(P, max(80, 20k))); the run stops there unconverged. */
  readonly maxSteps?: number;
  /** Seed of the random start vector (default 0). */
  readonly seed?: number;
  /** Aborting rejects with an Error named AbortError at the next HVP. */
  readonly signal?: AbortSignal;
  /** HVP engine (default 'tfjs'); 'float64' is exact, so a smaller tol (1e-8) is within reach. */
  readonly engine?: HvpEngine;
}

/** Eigenpairs of the Hessian with their true residuals and what they cost. */
export interface Eigenpairs {
  /** topEigenpairs: largest algebraic first; bottomEigenpairs: most negative first. */
  readonly eigenvalues: number[];
  /** Unit eigenvectors, one per eigenvalue. */
  readonly eigenvectors: Float64Array[];
  /** ‖Hv − λv‖ per pair (one HVP each, float32). */
  readonly residuals: number[];
  /** HVPs spent by the whole solve. */
  readonly hvps: number;
  /** Every residual ≤ tol·scale. */
  readonly converged: boolean;
  /** ‖H‖'s estimate (largest |Ritz value|) that tol multiplies. */
  readonly scale: number;
}

function asEigenpairs(pairs: readonly EigenPair[], run: LanczosResult): Eigenpairs {
  return {
    eigenvalues: pairs.map((p) => p.value),
    eigenvectors: pairs.map((p) => p.vector),
    residuals: pairs.map((p) => p.residual),
    hvps: run.hvps,
    converged: run.converged,
    scale: run.scale,
  };
}

/** The full Lanczos run on the network Hessian at θ: `top` largest and `bottom` most negative pairs. */
export async function hessianLanczos(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, options: Omit<EigenOptions, 'k'> & { top?: number; bottom?: number }): Promise<LanczosResult> {
  const top = options.top ?? 1;
  const bottom = options.bottom ?? 0;
  if (!Number.isInteger(top + bottom) || top < 0 || bottom < 0 || top + bottom < 1 || top + bottom > theta.length) {
    throw new Error(`top + bottom must be a whole number from 1 to ${theta.length}, got ${top} + ${bottom}`);
  }
  return withHvpSession(
    spec,
    data,
    theta,
    options.signal,
    (s) => lanczosExtremes(s.hvp, theta.length, { top, bottom, tol: options.tol ?? DEFAULT_HVP_TOL, maxSteps: options.maxSteps, seed: options.seed, signal: options.signal }),
    options.engine,
  );
}

/** The k largest (algebraic) eigenpairs of the full Hessian at θ, largest first, with residuals. */
export async function topEigenpairs(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, options: EigenOptions = {}): Promise<Eigenpairs> {
  const run = await hessianLanczos(spec, data, theta, { ...options, top: options.k ?? 2, bottom: 0 });
  return asEigenpairs(run.top, run);
}

/** The k smallest (most negative) eigenpairs of the full Hessian at θ, most negative first, with residuals. */
export async function bottomEigenpairs(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, options: EigenOptions = {}): Promise<Eigenpairs> {
  const run = await hessianLanczos(spec, data, theta, { ...options, top: 0, bottom: options.k ?? 2 });
  return asEigenpairs(run.bottom, run);
}

/** λmax, λmin and the largest stable full-batch GD learning rate (parameter space) from one Lanczos run. */
export interface CurvatureExtremes {
  /** Largest algebraic eigenvalue of H and its residual. */
  readonly lambdaMax: number;
  readonly lambdaMaxResidual: number;
  /** Smallest algebraic eigenvalue (negative: a descent direction of curvature) and its residual. */
  readonly lambdaMin: number;
  readonly lambdaMinResidual: number;
  /** 2/λmax when λmax > 0 (λmax is then the largest positive eigenvalue), else Infinity. */
  readonly stableLearningRate: number;
  readonly hvps: number;
  readonly converged: boolean;
}

/** λmax and λmin of the full Hessian at θ (both ends from one Krylov space) and 2/λmax. */
export async function curvatureExtremes(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, options: Omit<EigenOptions, 'k'> = {}): Promise<CurvatureExtremes> {
  const run = await hessianLanczos(spec, data, theta, { ...options, top: 1, bottom: theta.length > 1 ? 1 : 0 });
  const max = run.top[0];
  const min = run.bottom[0] ?? max;
  return { lambdaMax: max.value, lambdaMaxResidual: max.residual, lambdaMin: min.value, lambdaMinResidual: min.residual, stableLearningRate: stableLearningRate(max.value), hvps: run.hvps, converged: run.converged };
}

/** 2/λmax for the largest algebraic eigenvalue: Infinity when no eigenvalue is positive. */
export function stableLearningRate(lambdaMaxValue: number): number {
  return lambdaMaxValue > 0 ? 2 / lambdaMaxValue : Number.POSITIVE_INFINITY;
}

/** λmax at θ (largest algebraic eigenvalue) with its residual, and 2/λmax, the largest stable GD step. */
export async function lambdaMax(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, options: Omit<EigenOptions, 'k'> = {}): Promise<{ lambdaMax: number; residual: number; stableLearningRate: number; hvps: number; converged: boolean }> {
  const pairs = await topEigenpairs(spec, data, theta, { ...options, k: 1 });
  const value = pairs.eigenvalues[0];
  return { lambdaMax: value, residual: pairs.residuals[0], stableLearningRate: stableLearningRate(value), hvps: pairs.hvps, converged: pairs.converged };
}

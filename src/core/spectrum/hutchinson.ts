/**
 * Hutchinson's trace estimator: tr(H) = E[zᵀHz] for z with independent ±1 entries (Rademacher), so
 * the mean of n samples zᵀHz is unbiased and its standard error is the samples' standard deviation
 * over √n. The same seed gives the same probes, so a rerun reproduces the estimate.
 */
import { createRandom } from '../network/random';
import { applyOperator, dot, rademacher, type HessianVectorProduct } from './operator';

/** Options of hutchinsonTrace. */
export interface TraceOptions {
  /** Number of probes, ≥ 2 (default 100). */
  readonly probes?: number;
  /** Seed of the probes (default 0). */
  readonly seed?: number;
  /** Aborting rejects with an Error named AbortError at the next product. */
  readonly signal?: AbortSignal;
  /** Called after each probe with the probes done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A trace estimate with its standard error and the samples it came from. */
export interface TraceEstimate {
  /** Mean of the samples zᵀHz. */
  readonly trace: number;
  /** Sample standard deviation / √probes. */
  readonly standardError: number;
  readonly probes: number;
  /** zᵀHz per probe, in order (running means of these draw the estimate against HVPs spent). */
  readonly samples: Float64Array;
  /** Products spent (= probes). */
  readonly hvps: number;
}

/** Mean and standard error of the mean (sample standard deviation / √n) of at least two numbers. */
export function meanAndStandardError(samples: ArrayLike<number>): { mean: number; standardError: number } {
  const n = samples.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += samples[i] / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (samples[i] - mean) ** 2;
  return { mean, standardError: n > 1 ? Math.sqrt(squares / (n - 1) / n) : Number.NaN };
}

/** tr(H) of the symmetric operator on R^dim by Hutchinson's estimator with Rademacher probes. */
export async function hutchinsonTrace(hvp: HessianVectorProduct, dim: number, options: TraceOptions = {}): Promise<TraceEstimate> {
  const probes = options.probes ?? 100;
  if (!Number.isInteger(probes) || probes < 2) throw new RangeError(`probes must be a whole number ≥ 2 (for a standard error), got ${probes}`);
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`the dimension must be a whole number ≥ 1, got ${dim}`);
  const rng = createRandom(options.seed ?? 0);
  const samples = new Float64Array(probes);
  for (let p = 0; p < probes; p++) {
    const z = rademacher(rng, dim);
    samples[p] = dot(z, await applyOperator(hvp, z, options.signal));
    options.onProgress?.(p + 1, probes);
  }
  const { mean, standardError } = meanAndStandardError(samples);
  return { trace: mean, standardError, probes, samples, hvps: probes };
}

/**
 * Everything the spectrum panel and `taylor-lab spectrum` show about the Hessian at θ, from one
 * HVP session (one upload): the top and bottom eigenpairs by Lanczos with residuals, λmax/λmin and
 * 2/λmax, the trace by Hutchinson with its standard error, the SLQ eigenvalue density, and where P
 * is small enough the exact spectrum (float64 forward-over-reverse Hessian, ml-matrix EVD) of H and
 * of the Gauss–Newton matrix G, so the estimates can be checked against it.
 */
import type { Dataset, NetworkSpec } from '../../core/network/types';
import { hessianVectorProduct64 } from '../../core/network/backprop64';
import { gaussNewtonOperator } from '../../core/network/gaussNewton';
import { denseFromOperator, spectralMoments, symmetricEigen } from '../../core/spectrum/dense';
import { hutchinsonTrace, type TraceEstimate } from '../../core/spectrum/hutchinson';
import { lanczosExtremes, type EigenPair, type LanczosResult } from '../../core/spectrum/lanczos';
import { throwIfAborted, type HessianVectorProduct } from '../../core/spectrum/operator';
import { slqDensity, type DensityOptions, type SpectralDensity } from '../../core/spectrum/slq';
import { DEFAULT_HVP_TOL, stableLearningRate, withHvpSession, type HvpEngine } from './hessian';

/** Largest P for which the exact spectrum is computed unless told otherwise (the EVD is O(P³)). */
export const EXACT_MAX_PARAMETERS = 3000;

/** Stages of a spectrum run, as progress reports name them. */
export type SpectrumStage = 'lanczos' | 'trace' | 'density' | 'exact' | 'gaussNewton';

/** What hessianSpectrum computes; every part but the eigenpairs is optional. */
export interface SpectrumOptions {
  /** Largest algebraic eigenpairs (default 5; at least 1, at most P). */
  readonly top?: number;
  /** Most negative eigenpairs (default 1; at least 1 while top < P). */
  readonly bottom?: number;
  /** Residual tolerance of the eigenpairs, relative to ‖H‖ (default DEFAULT_HVP_TOL). */
  readonly tol?: number;
  /** Most Lanczos steps of the eigen-solve. */
  readonly maxSteps?: number;
  /** Seed of every random vector (Lanczos start, trace and density probes); default 0. */
  readonly seed?: number;
  /** Hutchinson trace: true or { probes } (default 100 probes). */
  readonly trace?: boolean | { readonly probes?: number };
  /** SLQ density: true or its options (default 10 probes of min(P, 80) steps, σ 1% of the spread, 256 points). */
  readonly density?: boolean | Omit<DensityOptions, 'seed' | 'signal' | 'onProgress'>;
  /** Exact spectrum: true or { maxParameters } (default EXACT_MAX_PARAMETERS); skipped above it. */
  readonly exact?: boolean | { readonly maxParameters?: number };
  /** Also the Gauss–Newton matrix: its top eigenpairs (float64 Lanczos), and its exact spectrum with `exact` (one-output nets). */
  readonly gaussNewton?: boolean;
  /** HVP engine of the estimates (default 'tfjs'); 'float64' is exact and faster on the CPU backend. */
  readonly engine?: HvpEngine;
  /** Aborting rejects with an Error named AbortError at the next HVP. */
  readonly signal?: AbortSignal;
  /** Called as the work goes: the stage, the units done and the stage's total. */
  readonly onProgress?: (stage: SpectrumStage, done: number, total: number) => void;
}

/** The exact spectrum of a dense matrix, for comparison with the estimates. */
export interface ExactSpectrum {
  /** All P eigenvalues, ascending. */
  readonly eigenvalues: Float64Array;
  /** tr(H) = Σλ. */
  readonly trace: number;
  /** tr(Hᵏ)/P for k = 1, 2, 3, 4. */
  readonly moments: number[];
}

/** The Gauss–Newton side of the comparison. */
export interface GaussNewtonSpectrum {
  /** Largest eigenpairs of G (float64 products, so residuals near roundoff). */
  readonly top: EigenPair[];
  readonly exact: ExactSpectrum | null;
}

/** Everything hessianSpectrum found at θ. */
export interface HessianSpectrum {
  readonly parameters: number;
  /** The HVP engine of the estimates. */
  readonly engine: HvpEngine;
  /** The eigen-solve: top (largest first), bottom (most negative first), HVPs, convergence, history. */
  readonly lanczos: LanczosResult;
  /** Largest and smallest algebraic eigenvalue, and 2/λmax (Infinity when λmax ≤ 0), parameter space. */
  readonly lambdaMax: number;
  readonly lambdaMin: number;
  readonly stableLearningRate: number;
  readonly trace: TraceEstimate | null;
  readonly density: SpectralDensity | null;
  readonly exact: ExactSpectrum | null;
  /** Why the exact spectrum was asked for and not computed (P too large), else null. */
  readonly exactSkipped: string | null;
  readonly gaussNewton: GaussNewtonSpectrum | null;
  /** HVPs spent by the estimates' session (eigenpairs, trace, density; the exact parts' products not counted). */
  readonly hvps: number;
}

/** The exact spectrum of an operator from its dense matrix, yielding to the event loop between columns. */
async function exactSpectrum(op: HessianVectorProduct, size: number, signal: AbortSignal | undefined, progress: (done: number, total: number) => void): Promise<ExactSpectrum> {
  let last = performance.now();
  const pacedOp = async (v: Float64Array): Promise<Float64Array> => {
    if (performance.now() - last > 30) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      last = performance.now();
    }
    return op(v);
  };
  const dense = await denseFromOperator(pacedOp, size, { signal, onProgress: progress });
  throwIfAborted(signal);
  const { values } = symmetricEigen(dense.data, size);
  return { eigenvalues: values, trace: values.reduce((s, x) => s + x, 0), moments: spectralMoments(values, 4) };
}

function exactLimit(exact: SpectrumOptions['exact']): number | null {
  if (!exact) return null;
  return exact === true ? EXACT_MAX_PARAMETERS : (exact.maxParameters ?? EXACT_MAX_PARAMETERS);
}

/** The Hessian's spectrum at θ as asked for by `options` (see SpectrumOptions for the defaults). */
export async function hessianSpectrum(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, options: SpectrumOptions = {}): Promise<HessianSpectrum> {
  const P = theta.length;
  const { signal, onProgress } = options;
  const seed = options.seed ?? 0;
  // λmax and λmin are always computed (both ends are always shown), whatever else is asked for.
  const top = Math.min(Math.max(1, options.top ?? 5), P);
  const bottom = Math.min(Math.max(1, options.bottom ?? 1), P - top);
  const estimates = await withHvpSession(spec, data, theta, signal, async (session) => {
    onProgress?.('lanczos', 0, 1);
    const lanczos = await lanczosExtremes(session.hvp, P, { top, bottom, tol: options.tol ?? DEFAULT_HVP_TOL, maxSteps: options.maxSteps, seed, signal });
    onProgress?.('lanczos', 1, 1);
    const probes = typeof options.trace === 'object' ? options.trace.probes : undefined;
    const trace = options.trace ? await hutchinsonTrace(session.hvp, P, { probes, seed: seed + 1, signal, onProgress: (d, t) => onProgress?.('trace', d, t) }) : null;
    const densityOptions = typeof options.density === 'object' ? options.density : {};
    const density = options.density ? await slqDensity(session.hvp, P, { ...densityOptions, seed: seed + 2, signal, onProgress: (d, t) => onProgress?.('density', d, t) }) : null;
    return { lanczos, trace, density, hvps: session.count() };
  }, options.engine);
  // The float64 oracle (backprop64.ts) covers one-output networks; a K-class net gets the estimates only.
  const oneOutput = spec.widths[spec.widths.length - 1] === 1;
  const limit = exactLimit(options.exact);
  const wantExact = limit !== null && P <= limit && oneOutput;
  const exact = wantExact ? await exactSpectrum((v) => hessianVectorProduct64(spec, data, theta, v), P, signal, (d, t) => onProgress?.('exact', d, t)) : null;
  const exactSkipped = limit === null || wantExact ? null : oneOutput ? `P = ${P} parameters is above the exact limit of ${limit}` : 'the exact float64 Hessian covers one-output networks only';
  const gaussNewton = options.gaussNewton && oneOutput ? await gaussNewtonSpectrum(spec, data, theta, top, wantExact, seed, signal, onProgress) : null;
  const { lanczos } = estimates;
  const lambdaMax = lanczos.top[0]?.value ?? Number.NaN;
  const lambdaMin = lanczos.bottom[0]?.value ?? Number.NaN;
  return { parameters: P, engine: options.engine ?? 'tfjs', ...estimates, lambdaMax, lambdaMin, stableLearningRate: stableLearningRate(lambdaMax), exact, exactSkipped, gaussNewton };
}

/** G's top eigenpairs by float64 Lanczos and, when asked, its exact spectrum. */
async function gaussNewtonSpectrum(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, top: number, exact: boolean, seed: number, signal: AbortSignal | undefined, onProgress: SpectrumOptions['onProgress']): Promise<GaussNewtonSpectrum> {
  const op = gaussNewtonOperator(spec, data, theta);
  const P = theta.length;
  const run = await lanczosExtremes(op.apply, P, { top: Math.max(1, top), tol: 1e-8, seed, signal });
  onProgress?.('gaussNewton', 1, exact ? 2 : 1);
  return { top: run.top, exact: exact ? await exactSpectrum(op.apply, P, signal, () => undefined) : null };
}

/**
 * The spectrum view's compute jobs: the Hessian's spectrum at one θ (Lanczos top/bottom pairs with
 * residuals, Hutchinson trace, SLQ density, and the exact and Gauss–Newton spectra where P is
 * small), and the spectrum tracked over training (the run replayed with the page's settings —
 * training is deterministic — with top eigenvalues and the trace every K steps). Eigenvectors stay
 * in the worker: only numbers the page draws travel back.
 */
import type { Dataset, NetworkSpec } from '../core/network/types';
import { initParameters } from '../core/network/mlp';
import { gaussNewtonOperator } from '../core/network/gaussNewton';
import { sliceLossCoefficients } from '../core/network/sliceJets';
import { hutchinsonTrace } from '../core/spectrum/hutchinson';
import { lanczosExtremes, type LanczosCheck } from '../core/spectrum/lanczos';
import { DEFAULT_HVP_TOL, withHvpSession, type HvpEngine } from '../compute/network/hessian';
import { hessianSpectrum, type SpectrumStage } from '../compute/network/hessianSpectrum';
import { trainNetwork, type OptimizerKind } from '../compute/network/train';
import { abortError } from './protocol';
import type { JobContext } from './ComputeServer';

/** Largest P the page computes the exact spectrum for (P HVPs and an O(P³) EVD in the worker: ~1 s at this size). */
export const PAGE_EXACT_MAX_PARAMETERS = 600;

/** What the spectrum view asks for at one θ. */
export interface SpectrumJob {
  readonly spec: NetworkSpec;
  readonly data: Dataset;
  readonly theta: Float64Array;
  readonly top: number;
  readonly bottom: number;
  /** Hutchinson probes (≥ 2). */
  readonly probes: number;
  /** SLQ probes (≥ 1). */
  readonly densityProbes: number;
  /** Exact spectrum up to this P (0: never). */
  readonly exactMax: number;
  readonly gaussNewton: boolean;
  readonly engine: HvpEngine;
  readonly seed: number;
  /** The slice and the point θ(a, b) = θ* + a d1 + b d2 for the Gauss–Newton vs Taylor models (absent: none). */
  readonly slice?: SliceModelJob | null;
}

/** Where the slice's two quadratic models are built. */
export interface SliceModelJob {
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  readonly a: number;
  readonly b: number;
  /** Half-width of the square (slice units) the page draws the models on. */
  readonly radius: number;
}

/**
 * The slice's second-order Taylor model and its Gauss–Newton model at θ(a, b): the same value and
 * gradient, Hessians [dᵢ·H dⱼ] (true, from the slice jets) and [dᵢ·G dⱼ] (G = JᵀH_ℓJ), 2×2 stored
 * as [aa, ab, bb]; their difference is the residual term (1/S) Σ ℓ′(z_s) dᵢ·∇²z_s dⱼ.
 */
export interface SliceModels {
  readonly a: number;
  readonly b: number;
  readonly radius: number;
  readonly value: number;
  readonly gradient: [number, number];
  readonly hessian: [number, number, number];
  readonly gaussNewton: [number, number, number];
  /** ‖d1‖, ‖d2‖ (the slice Hessians are in slice units: divide by these for per-unit-length curvature). */
  readonly norms: [number, number];
}

/** Largest samples × parameters the worker builds J for the slice's Gauss–Newton model (~40 MB of float64). */
export const SLICE_GN_MAX_ENTRIES = 5_000_000;

/** One eigenvalue estimate as the page shows it. */
export interface PairEstimate {
  readonly value: number;
  readonly residual: number;
}

/** The spectrum at θ, without eigenvectors. */
export interface SpectrumJobResult {
  readonly parameters: number;
  readonly engine: HvpEngine;
  readonly top: PairEstimate[];
  readonly bottom: PairEstimate[];
  /** HVPs of the eigen-solve (residual checks included), its tolerance and ‖H‖ estimate. */
  readonly lanczosHvps: number;
  readonly converged: boolean;
  readonly tol: number;
  readonly scale: number;
  readonly history: LanczosCheck[];
  readonly lambdaMax: number;
  readonly lambdaMin: number;
  readonly stableLearningRate: number;
  readonly trace: { readonly trace: number; readonly standardError: number; readonly probes: number; readonly samples: Float64Array } | null;
  readonly density: { readonly grid: Float64Array; readonly density: Float64Array; readonly sigma: number; readonly hvps: number } | null;
  /** All P eigenvalues ascending, tr(H) and the moments tr(Hᵏ)/P, k = 1..4. */
  readonly exact: { readonly eigenvalues: Float64Array; readonly trace: number; readonly moments: number[] } | null;
  readonly exactSkipped: string | null;
  readonly gaussNewton: { readonly top: PairEstimate[]; readonly eigenvalues: Float64Array | null } | null;
  /** The slice's Gauss–Newton and Taylor models at θ(a, b), or why they were not built (absent: not asked). */
  readonly slice?: SliceModels | null;
  readonly sliceSkipped?: string | null;
  /** HVPs of the estimates together (eigen-solve, trace, density). */
  readonly hvps: number;
  readonly ms: number;
}

/** A progress report: the stage and how far it is. */
export interface SpectrumProgress {
  readonly stage: SpectrumStage;
  readonly done: number;
  readonly total: number;
}

const pair = (p: { value: number; residual: number }): PairEstimate => ({ value: p.value, residual: p.residual });

const dot = (x: ArrayLike<number>, y: ArrayLike<number>): number => {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += x[k] * y[k];
  return s;
};

/** Why the slice models cannot be built for this job, or null when they can. */
export function sliceModelsSkipped(spec: NetworkSpec, data: Dataset, P: number): string | null {
  if (spec.widths[spec.widths.length - 1] !== 1) return 'the Gauss–Newton slice model covers one-output networks only';
  if (data.size * P > SLICE_GN_MAX_ENTRIES) return `J would have ${data.size} × ${P} entries, above the page's limit of ${SLICE_GN_MAX_ENTRIES.toLocaleString('en')}`;
  return null;
}

/** Both quadratic models of the slice at θ(a, b), in float64 (the slice jets for H, gaussNewtonOperator for G). */
export function sliceModels(spec: NetworkSpec, data: Dataset, thetaStar: ArrayLike<number>, slice: SliceModelJob): SliceModels {
  const { d1, d2, a, b } = slice;
  const c = sliceLossCoefficients(spec, data, thetaStar, d1, d2, a, b, 2);
  const theta = Float64Array.from(thetaStar, (t, k) => t + a * d1[k] + b * d2[k]);
  const G = gaussNewtonOperator(spec, data, theta);
  const g1 = G.apply(Float64Array.from(d1));
  const g2 = G.apply(Float64Array.from(d2));
  return {
    a,
    b,
    radius: slice.radius,
    value: c[0],
    gradient: [c[1], c[2]],
    hessian: [2 * c[3], c[4], 2 * c[5]],
    gaussNewton: [dot(d1, g1), (dot(d1, g2) + dot(d2, g1)) / 2, dot(d2, g2)],
    norms: [Math.sqrt(dot(d1, d1)), Math.sqrt(dot(d2, d2))],
  };
}

/** Computes the spectrum at θ in one HVP session; stops at the next HVP when cancelled. */
export async function spectrumJob(job: SpectrumJob, context: JobContext): Promise<SpectrumJobResult> {
  const t0 = performance.now();
  const r = await hessianSpectrum(job.spec, job.data, job.theta, {
    top: job.top,
    bottom: job.bottom,
    seed: job.seed,
    trace: { probes: job.probes },
    density: { probes: job.densityProbes },
    exact: job.exactMax > 0 ? { maxParameters: job.exactMax } : false,
    gaussNewton: job.gaussNewton,
    engine: job.engine,
    signal: context.signal,
    onProgress: (stage, done, total) => context.progress({ stage, done, total } satisfies SpectrumProgress),
  });
  const { lanczos } = r;
  const sliceSkipped = job.slice ? sliceModelsSkipped(job.spec, job.data, job.theta.length) : null;
  const slice = job.slice && sliceSkipped === null ? sliceModels(job.spec, job.data, job.theta, job.slice) : null;
  if (context.signal.aborted) throw abortError();
  return {
    parameters: r.parameters,
    engine: r.engine,
    top: lanczos.top.map(pair),
    bottom: lanczos.bottom.map(pair),
    lanczosHvps: lanczos.hvps,
    converged: lanczos.converged,
    tol: lanczos.tol,
    scale: lanczos.scale,
    history: lanczos.history,
    lambdaMax: r.lambdaMax,
    lambdaMin: r.lambdaMin,
    stableLearningRate: r.stableLearningRate,
    trace: r.trace && { trace: r.trace.trace, standardError: r.trace.standardError, probes: r.trace.probes, samples: r.trace.samples },
    density: r.density && { grid: r.density.grid, density: r.density.density, sigma: r.density.sigma, hvps: r.density.hvps },
    exact: r.exact,
    exactSkipped: r.exactSkipped,
    gaussNewton: r.gaussNewton && { top: r.gaussNewton.top.map(pair), eigenvalues: r.gaussNewton.exact?.eigenvalues ?? null },
    slice,
    sliceSkipped,
    hvps: r.hvps,
    ms: performance.now() - t0,
  };
}

/** The spectrum over training: the page's run replayed, sampled every `every` steps. */
export interface SpectrumTrackJob {
  readonly spec: NetworkSpec;
  readonly data: Dataset;
  readonly optimizer: OptimizerKind;
  readonly lr: number;
  readonly steps: number;
  readonly seed: number;
  /** Steps between samples (K ≥ 1); step 0 and the last step are sampled too. */
  readonly every: number;
  readonly top: number;
  /** Hutchinson probes per sample (0: no trace). */
  readonly probes: number;
  readonly engine: HvpEngine;
}

/** One sample over training. */
export interface TrackSample {
  readonly step: number;
  /** Largest algebraic eigenvalues, largest first. */
  readonly top: number[];
  readonly trace: number;
  readonly traceError: number;
  readonly hvps: number;
}

/** The largest divisor of k that is at most 20: training chunks end on every multiple of k. */
export function chunkSize(k: number): number {
  for (let d = Math.min(20, k); d > 1; d--) if (k % d === 0) return d;
  return 1;
}

/** Top eigenvalues and the trace at θ, in one HVP session. */
async function sampleAt(job: SpectrumTrackJob, step: number, theta: Float64Array, signal: AbortSignal): Promise<TrackSample> {
  return withHvpSession(job.spec, job.data, theta, signal, async (s) => {
    const run = await lanczosExtremes(s.hvp, theta.length, { top: Math.min(job.top, theta.length), tol: DEFAULT_HVP_TOL, seed: job.seed, signal });
    const trace = job.probes >= 2 ? await hutchinsonTrace(s.hvp, theta.length, { probes: job.probes, seed: job.seed + 1, signal }) : null;
    return { step, top: run.top.map((p) => p.value), trace: trace?.trace ?? Number.NaN, traceError: trace?.standardError ?? Number.NaN, hvps: s.count() };
  }, job.engine);
}

/** Replays training and reports a TrackSample as progress every K steps; resolves with them all. */
export async function spectrumTrackJob(job: SpectrumTrackJob, context: JobContext): Promise<TrackSample[]> {
  const { signal } = context;
  if (!Number.isInteger(job.every) || job.every < 1) throw new RangeError(`K must be a whole number ≥ 1, got ${job.every}`);
  const samples: TrackSample[] = [];
  const record = async (step: number, theta: Float64Array): Promise<void> => {
    const sample = await sampleAt(job, step, theta, signal);
    samples.push(sample);
    context.progress(sample);
  };
  // θ₀ as training starts from it (tfjs holds it in float32).
  await record(0, Float64Array.from(Float32Array.from(initParameters(job.spec, job.seed))));
  await trainNetwork(job.spec, job.data, {
    optimizer: job.optimizer,
    lr: job.lr,
    steps: job.steps,
    seed: job.seed,
    snapshotEvery: job.steps,
    yieldEvery: chunkSize(job.every),
    signal,
    onParameters: async (step, theta) => {
      if (!signal.aborted && (step % job.every === 0 || step === job.steps)) await record(step, theta);
    },
  });
  if (signal.aborted) throw abortError();
  return samples;
}

/**
 * The network's compute jobs, as the compute worker runs them (or the in-process fallback): train
 * a run and pick its slice directions, compute the slice grid coarse levels first with the
 * Taylor-mode engine, and the top eigenpairs of the full Hessian at a point. Each checks its
 * signal between chunks, so a superseded job stops within one chunk.
 */
import type { Dataset, NetworkSpec } from '../core/network/types';
import type { Domain } from '../core/types';
import { filterNormalizedDirections, hessianDirections, pathDirections } from '../compute/network/directions';
import { hessianLanczos, topEigenpairs } from '../compute/network/hessian';
import { trainNetwork, type OptimizerKind, type TrainReason, type TrainResult } from '../compute/network/train';
import { accuracy, networkLoss } from '../core/network/mlp';
import { createSliceEngine, evaluateSliceGrid } from '../compute/network/sliceGrid';
import type { SliceGridEngine, SliceProblem } from '../core/network/sliceGridEngine';
import { tf } from '../compute/tf';
import { abortError } from './protocol';
import type { JobContext } from './ComputeServer';

/** How the slice directions are chosen. */
export type DirectionsKind = 'filter' | 'hessian' | 'path';

/** A training run and its slice directions. */
export interface TrainJob {
  readonly spec: NetworkSpec;
  readonly data: Dataset;
  readonly optimizer: OptimizerKind;
  readonly lr: number;
  readonly steps: number;
  readonly seed: number;
  readonly directions: DirectionsKind;
  /** Track λmax of the full Hessian this many times over the run (0: not at all). */
  readonly sharpnessSamples: number;
  /** Samples per step (absent: full batch), seeded by `seed`. */
  readonly batchSize?: number;
  /** Start from these parameters (an imported model); with steps 0 they are θ* as they are. */
  readonly initialTheta?: Float64Array;
}

/** One progress report of a training job. */
export type TrainProgress =
  | { readonly kind: 'chunk'; readonly step: number; readonly loss: number; readonly accuracy: number; readonly theta: Float64Array }
  | { readonly kind: 'sharpness'; readonly step: number; readonly lambdaMax: number }
  | { readonly kind: 'directions' };

/** The outcome of a training job: θ*, the loss per step, the path and the slice directions. */
export interface TrainJobResult {
  readonly theta: Float64Array;
  readonly lossHistory: Float64Array;
  readonly loss: number;
  readonly accuracy: number;
  readonly snapshots: Float64Array[];
  readonly snapshotSteps: number[];
  readonly steps: number;
  readonly reason: TrainReason;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  /** The path in slice coordinates (path directions only). */
  readonly pathA: Float64Array | null;
  readonly pathB: Float64Array | null;
}

/** Shortest time between two training reports to the page. */
const PROGRESS_MS = 100;

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError();
}

/** Trains the network, then picks the directions; stops at the next chunk when cancelled. */
export async function trainJob(job: TrainJob, context: JobContext): Promise<TrainJobResult> {
  const { signal } = context;
  const every = job.sharpnessSamples > 0 ? Math.max(1, Math.floor(job.steps / job.sharpnessSamples)) : Infinity;
  let nextSharpness = 0;
  let last = { loss: NaN, accuracy: NaN };
  let sentAt = -Infinity;
  const result = job.steps === 0 && job.initialTheta ? asLoaded(job, job.initialTheta) : await trainNetwork(job.spec, job.data, {
    optimizer: job.optimizer,
    lr: job.lr,
    steps: job.steps,
    seed: job.seed,
    batchSize: job.batchSize,
    initialTheta: job.initialTheta,
    snapshotEvery: Math.max(1, Math.floor(job.steps / 50)),
    signal,
    onProgress: (_step, loss, accuracy) => {
      last = { loss, accuracy };
    },
    onParameters: async (step, theta) => {
      // At most every PROGRESS_MS (and at the end): the page redraws its curve and inset per report.
      const now = performance.now();
      if (now - sentAt >= PROGRESS_MS || step === job.steps) {
        sentAt = now;
        context.progress({ kind: 'chunk', step, loss: last.loss, accuracy: last.accuracy, theta });
      }
      if (job.sharpnessSamples === 0 || step < nextSharpness || signal.aborted) return;
      nextSharpness = step + every;
      const top = await topEigenpairs(job.spec, job.data, theta, { k: 1, seed: job.seed, signal });
      context.progress({ kind: 'sharpness', step, lambdaMax: top.eigenvalues[0] });
    },
  });
  // A cancelled run ends as 'stopped' inside trainNetwork: the caller has gone, say so.
  throwIfAborted(signal);
  context.progress({ kind: 'directions' });
  const directions = await chooseDirections(job, result.theta, result.snapshots, signal);
  throwIfAborted(signal);
  return { ...result, ...directions };
}

/** An imported model's θ* as loaded (no training): its loss and accuracy on the job's data. */
function asLoaded(job: TrainJob, theta: Float64Array): TrainResult {
  const loss = networkLoss(job.spec, theta, job.data);
  const fit = job.spec.task === 'classification' ? accuracy(job.spec, theta, job.data) : NaN;
  return { theta: Float64Array.from(theta), lossHistory: Float64Array.of(loss), loss, accuracy: fit, snapshots: [Float64Array.from(theta)], snapshotSteps: [0], steps: 0, reason: 'done' };
}

async function chooseDirections(job: TrainJob, theta: Float64Array, snapshots: readonly Float64Array[], signal: AbortSignal): Promise<Pick<TrainJobResult, 'd1' | 'd2' | 'pathA' | 'pathB'>> {
  if (job.directions === 'hessian') {
    const h = await hessianDirections(job.spec, job.data, theta, { seed: job.seed, signal });
    return { d1: h.d1, d2: h.d2, pathA: null, pathB: null };
  }
  if (job.directions === 'path') {
    const p = pathDirections(snapshots, theta);
    return { d1: p.d1, d2: p.d2, pathA: p.a, pathB: p.b };
  }
  const f = filterNormalizedDirections(job.spec, theta, job.seed);
  return { d1: f.d1, d2: f.d2, pathA: null, pathB: null };
}

/** A slice grid request: the slice (by key, so the worker reuses its engine), the window and the levels. */
export interface GridJob {
  /** Identity of the slice: the same key means the same problem (the engine is reused). */
  readonly key: string;
  readonly problem: SliceProblem;
  readonly domain: Domain;
  /** Grid sizes to compute in order, coarse first; the last is the one asked for. */
  readonly levels: readonly number[];
  /** 'jets' (Taylor mode, default) or 'autodiff' (the nested reverse-mode reference). */
  readonly engine?: 'jets' | 'autodiff';
}

/** One computed level: the six fields of an n x n grid (field k at k n², x fastest). */
export interface GridLevel {
  readonly n: number;
  readonly domain: Domain;
  readonly fields: Float32Array;
  /** Milliseconds the level took, and the engine that computed it. */
  readonly ms: number;
  readonly engine: string;
}

let cachedEngine: { key: string; kind: string; engine: SliceGridEngine } | null = null;

function engineFor(job: GridJob): SliceGridEngine {
  const kind = job.engine ?? 'jets';
  if (cachedEngine && cachedEngine.key === job.key && cachedEngine.kind === kind) return cachedEngine.engine;
  cachedEngine?.engine.dispose();
  cachedEngine = { key: job.key, kind, engine: createSliceEngine(job.problem, kind, tf.getBackend()) };
  return cachedEngine.engine;
}

/** Computes the slice grid at each level, sending every level but the last as progress. */
export async function gridJob(job: GridJob, context: JobContext): Promise<GridLevel> {
  const engine = engineFor(job);
  let level: GridLevel | null = null;
  for (let i = 0; i < job.levels.length; i++) {
    const n = job.levels[i];
    const t0 = performance.now();
    const grid = await evaluateSliceGrid(engine, job.domain, n, { isCancelled: () => context.signal.aborted });
    if (grid === null) throw abortError();
    const fields = new Float32Array(6 * n * n);
    [grid.f, grid.gx, grid.gy, grid.hxx, grid.hxy, grid.hyy].forEach((f, k) => fields.set(f, k * n * n));
    level = { n, domain: job.domain, fields, ms: performance.now() - t0, engine: engine.name };
    if (i + 1 < job.levels.length) context.progress(level);
  }
  if (!level) throw new Error('a grid job needs at least one level');
  return level;
}

/** The top-k eigenpairs of the full network Hessian at θ. */
export interface EigenJob {
  readonly spec: NetworkSpec;
  readonly data: Dataset;
  readonly theta: Float64Array;
  readonly k: number;
  readonly seed: number;
  /** Also the this many most negative eigenpairs, from the same Lanczos run (default 0). */
  readonly bottom?: number;
}

/** Eigenvalues (largest algebraic first) with their residuals ‖Hv − λv‖, and the bottom ones (most negative first) when asked. */
export interface EigenJobResult {
  readonly eigenvalues: number[];
  readonly residuals: number[];
  readonly bottomEigenvalues?: number[];
  readonly bottomResiduals?: number[];
}

/** Runs the eigen-solver on HVPs; stops at the next HVP when cancelled. */
export async function eigenJob(job: EigenJob, context: JobContext): Promise<EigenJobResult> {
  if (job.bottom && job.theta.length > job.k) {
    const run = await hessianLanczos(job.spec, job.data, job.theta, { top: job.k, bottom: Math.min(job.bottom, job.theta.length - job.k), seed: job.seed, signal: context.signal });
    return { eigenvalues: run.top.map((p) => p.value), residuals: run.top.map((p) => p.residual), bottomEigenvalues: run.bottom.map((p) => p.value), bottomResiduals: run.bottom.map((p) => p.residual) };
  }
  const pairs = await topEigenpairs(job.spec, job.data, job.theta, { k: job.k, seed: job.seed, signal: context.signal });
  const residuals = (pairs as { residuals?: number[] }).residuals ?? pairs.eigenvalues.map(() => NaN);
  return { eigenvalues: pairs.eigenvalues, residuals };
}

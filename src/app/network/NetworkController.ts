/**
 * Turns the state's network settings into a landscape. Training, the slice directions, the slice
 * grid and the Hessian eigen-solves run on the compute side (a Web Worker, or in-process where
 * there is none) behind the compute protocol; this thread keeps the float64 slice for the point
 * model. The newest request wins on each channel; a finished run is kept by its key, so a scene
 * revisited or Back reuses it; leaving the network cancels the work nobody waits for; while a run
 * trains, the 3D view says so instead of showing another landscape under the network's name.
 */
import { forward } from '../../core/network/mlp';
import { NetworkSliceLandscape } from '../../core/network/NetworkSliceLandscape';
import type { PointModel } from '../../core/landscape/pointModel';
import type { Domain, GridField } from '../../core/types';
import { filterNormalizedDirections } from '../../compute/network/directions';
import { networkGridLandscape } from '../../compute/network/NetworkGridLandscape';
import type { GridLandscape } from '../../compute/landscape/GridLandscape';
import type { ComputeClient } from '../../worker/ComputeClient';
import type { CriticalJobPoint } from '../../worker/criticalJobs';
import type { BreakdownResult } from '../../core/breakdownAnalysis';
import type { EigenJobResult, GridLevel, TrainJob, TrainJobResult, TrainProgress } from '../../worker/networkJobs';
import type { LabState, LandscapeChoice } from '../../state/schema';
import type { Store } from '../../state/Store';
import type { InsetData } from '../../plots/NetworkInset';
import { NETWORK_KEYS, networkSettings, type NetworkSettings } from './networkSettings';
import { trainingPathData } from './trainingPath';
import type { PathRunData } from '../../scene/OptimizerPaths';
import { RunCache, typedArrayBytes } from './RunCache';
import { gramOf, type Sym2 } from '../../core/network/unitLength';
import { outputCount } from '../../core/network/mlp';
import type { UserFiles } from '../../ui/UserFiles';
import { NetworkSources, sameRun, siteFetcher } from './networkSources';
import { ASSET_URLS } from './assetUrls';
import { RealDataReadouts, type RealDataView } from './RealDataReadouts';
import { viewShows } from '../../state/views';

/** What the network panel shows; the controller calls these, the panel only renders. */
export interface NetworkView {
  progress(step: number, total: number, loss: number, accuracy: number, losses: Float64Array): void;
  prediction(data: InsetData): void;
  status(text: string, kind?: 'info' | 'error'): void;
  parameters(count: number): void;
  fullHessian(values: FullHessianReadout): void;
  path(a: ArrayLike<number> | null, b: ArrayLike<number> | null): void;
  /** λmax of the full Hessian at training step `step`, against the stability line 2/η. */
  sharpness(points: readonly { step: number; lambdaMax: number }[], limit: number, total: number): void;
  gridProgress(done: number | null): void;
  busy(running: boolean): void;
  /** Real data (issue 16): the user's files in the page and the panel's test pictures, where the view has them. */
  readonly dataSource?: RealDataView & { readonly files: UserFiles };
}

/**
 * The full network Hessian at the point beside the slice's: λmax (largest algebraic), λ₂, and
 * optionally λmin (smallest algebraic) with residuals, the slice Hessian (slice units) and the
 * Gram matrix of d₁, d₂, so the panel can compare the two per unit length.
 */
export interface FullHessianReadout {
  lambdaMax: number;
  lambda2: number;
  at: 'θ*' | 'point';
  slice: [number, number] | null;
  lambdaMin?: number;
  residuals?: { lambdaMax: number; lambdaMin: number };
  sliceHessian?: Sym2;
  gram?: Sym2;
}

/** The trained network on screen, as views read it (the spectrum view). */
export interface PublishedNetwork {
  readonly settings: NetworkSettings;
  readonly theta: Float64Array;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  /** Steps trained and why training ended. */
  readonly steps: number;
  readonly reason: TrainJobResult['reason'];
}

/** The part of the lab app the controller uses (LabApp in the page, a fake in unit tests). */
export interface NetworkHost {
  setExternalLandscape(choice: LandscapeChoice, landscape: GridLandscape | null): void;
  setWaiting(choice: LandscapeChoice, text: string): void;
  onPointModel(listener: (model: PointModel, landscape: GridLandscape) => void): void;
  onGridProgress(listener: ((done: number) => void) | null): void;
}

/** Settings keys that retrain the network (or, for landscape and mode, start or cancel it). */
const KEYS: ReadonlySet<keyof LabState> = new Set([...NETWORK_KEYS, 'landscape', 'mode']);
const INSET_SIZE = 40;
/** How many λmax samples a training run with sharpness tracking takes. */
const SHARPNESS_SAMPLES = 40;
/** Finished runs kept for reuse (θ*, the path's snapshots, the directions). */
const RUN_CACHE_BYTES = 64 * 1024 * 1024;
/** Parameters × samples up to which the point's jets run on this thread (the default net: 21,000). */
const LOCAL_POINT_COST = 200_000;
/** Coarse grid sizes drawn before the full one. */
const COARSE_LEVELS = [16, 32];

/** Samples the prediction of θ over the data's input range for the inset. */
function insetData(settings: NetworkSettings, theta: ArrayLike<number>): InsetData {
  const { spec, data } = settings;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.inputs.length; i++) {
    lo = Math.min(lo, data.inputs[i]);
    hi = Math.max(hi, data.inputs[i]);
  }
  const pad = 0.1 * (hi - lo);
  lo -= pad;
  hi += pad;
  const at = (k: number) => lo + ((hi - lo) * k) / (INSET_SIZE - 1);
  const prediction = new Float64Array(data.inputDim === 2 ? INSET_SIZE * INSET_SIZE : INSET_SIZE);
  if (data.inputDim === 2) {
    for (let j = 0; j < INSET_SIZE; j++) for (let i = 0; i < INSET_SIZE; i++) prediction[j * INSET_SIZE + i] = forward(spec, theta, [at(i), at(j)]);
  } else {
    for (let i = 0; i < INSET_SIZE; i++) prediction[i] = forward(spec, theta, [at(i)]);
  }
  return { task: spec.task, inputs: data.inputs, targets: data.targets, inputDim: data.inputDim, lo, hi, prediction, size: INSET_SIZE };
}

/** Whether the data/prediction inset can draw the run: one or two inputs and one output. */
function hasPlaneInset(settings: NetworkSettings): boolean {
  return settings.data.inputDim <= 2 && outputCount(settings.spec) === 1;
}

/** The grid sizes of one request: the coarse previews below n, then n. */
export function gridLevels(n: number): number[] {
  return [...COARSE_LEVELS.filter((m) => m < n), n];
}

/** A level's one buffer as a grid field (views, no copy). */
function levelField(level: GridLevel): GridField {
  const size = level.n * level.n;
  const [f, gx, gy, hxx, hxy, hyy] = [0, 1, 2, 3, 4, 5].map((k) => level.fields.subarray(k * size, (k + 1) * size));
  return { n: level.n, domain: level.domain, f, gx, gy, hxx, hxy, hyy };
}

function isAbort(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'AbortError';
}

/** Trains, slices and publishes the network landscape while the state asks for it. */
export class NetworkController {
  /** Key of the run on screen ('' when none or a partial one). */
  private shownKey = '';
  private readonly cache = new RunCache<TrainJobResult>(RUN_CACHE_BYTES);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pointTimer: ReturnType<typeof setTimeout> | undefined;
  private slice: NetworkSliceLandscape | null = null;
  private settings: NetworkSettings | null = null;
  private running = 0;
  private stopRequested = false;
  private pathListener: ((path: PathRunData | null) => void) | null = null;
  private published: PublishedNetwork | null = null;
  private readonly publishedListeners = new Set<(network: PublishedNetwork) => void>();
  private readonly sources: NetworkSources;

  /** Follows the store and the app's point models; jobs go to the compute client. */
  constructor(private readonly store: Store, private readonly app: NetworkHost, private readonly view: NetworkView, private readonly compute: Promise<ComputeClient>) {
    this.sources = new NetworkSources(view.dataSource?.files ?? null, siteFetcher(ASSET_URLS));
    if (view.dataSource) new RealDataReadouts(this, app, view.dataSource);
    app.onGridProgress((done) => {
      if (this.store.get().landscape === 'network') this.view.gridProgress(done >= 1 ? null : done);
    });
    store.subscribe((s, changed) => {
      if (![...changed].some((k) => KEYS.has(k))) return;
      if (s.landscape !== 'network' || !viewShows(s.mode, 'network')) void this.cancelAll();
      else this.schedule(s);
    });
    app.onPointModel((model, landscape) => {
      if (landscape.kind === 'network') this.schedulePointCurvature(model);
    });
    this.schedule(store.get());
  }

  /** True while a training run is in flight. */
  get busy(): boolean {
    return this.running > 0;
  }

  /** The slice on screen (null before the first run). */
  get currentSlice(): NetworkSliceLandscape | null {
    return this.slice;
  }

  /** The trained network on screen (θ*, its directions and settings), null before the first run. */
  get current(): PublishedNetwork | null {
    return this.published;
  }

  /** Calls `listener` each time a network is published; returns the unsubscribe. */
  onPublished(listener: (network: PublishedNetwork) => void): () => void {
    this.publishedListeners.add(listener);
    return () => this.publishedListeners.delete(listener);
  }

  /** Receives the training path projected on the slice (path directions; null otherwise), for the scene. */
  onTrainingPath(listener: (path: PathRunData | null) => void): void {
    this.pathListener = listener;
  }

  /** Trains again with the current settings (the panel's button). */
  retrain(): void {
    const settings = networkSettings(this.store.get());
    if (typeof settings !== 'string') this.cache.delete(settings.key);
    this.cache.delete(this.shownKey);
    this.shownKey = '';
    this.schedule(this.store.get(), 0);
  }

  /** Stops the run in flight; the partly trained network is sliced along filter-normalised directions. */
  stop(): void {
    if (this.running === 0) return;
    this.stopRequested = true;
    void this.compute.then((client) => client.cancelChannel('train'));
  }

  private async cancelAll(): Promise<void> {
    clearTimeout(this.timer);
    const client = await this.compute;
    for (const channel of ['train', 'grid', 'eigen', 'critical', 'point', 'breakdown']) client.cancelChannel(channel);
  }

  private schedule(s: Readonly<LabState>, delayMs = 150): void {
    if (s.landscape !== 'network' || !viewShows(s.mode, 'network')) return;
    clearTimeout(this.timer);
    // Coalesce a burst of setting changes (a link, a scene, typing) into one run.
    this.timer = setTimeout(() => void this.run(this.store.get()), delayMs);
  }

  private async run(s: Readonly<LabState>): Promise<void> {
    if (s.landscape !== 'network' || !viewShows(s.mode, 'network')) return;
    const settings = await this.sources.resolve(s);
    // A newer change has its own run scheduled.
    if (!sameRun(s, this.store.get())) return;
    if ('missingFile' in settings) {
      this.shownKey = '';
      this.app.setExternalLandscape('network', null);
      this.app.setWaiting('network', settings.missingFile);
      this.view.status(settings.missingFile, 'error');
      return;
    }
    if ('problem' in settings) {
      this.view.status(`${settings.problem}; the last good landscape stays.`, 'error');
      return;
    }
    if (settings.key === this.shownKey) return;
    const cached = this.cache.get(settings.key);
    if (cached) {
      this.publish(settings, cached, 'reused');
      return;
    }
    await this.train(settings);
  }

  private async train(settings: NetworkSettings): Promise<void> {
    this.shownKey = '';
    this.app.setExternalLandscape('network', null);
    this.app.setWaiting('network', `Training the network (${settings.steps} steps)…`);
    this.view.parameters(settings.spec.widths.slice(1).reduce((n, w, l) => n + w * (settings.spec.widths[l] + 1), 0));
    this.view.sharpness([], settings.sharpness ? 2 / settings.lr : NaN, settings.steps);
    const progress = this.progressHandler(settings);
    this.stopRequested = false;
    this.running++;
    this.view.busy(true);
    try {
      const client = await this.compute;
      const job: TrainJob = { batchSize: settings.batchSize, initialTheta: settings.initialTheta, spec: settings.spec, data: settings.trainData ?? settings.data, optimizer: settings.optimizer, lr: settings.lr, steps: settings.steps, seed: settings.seed, directions: settings.directions, sharpnessSamples: settings.sharpness ? SHARPNESS_SAMPLES : 0 };
      const result = await client.run<TrainJobResult, TrainProgress>('train', job, { channel: 'train', onProgress: progress.onProgress });
      if (result.reason === 'diverged') {
        this.failed(`Training diverged at step ${result.steps} (the loss is no longer finite): lower the learning rate.`);
        return;
      }
      this.cache.set(settings.key, result, typedArrayBytes(result as unknown as Record<string, unknown>));
      this.publish(settings, result, 'trained');
    } catch (error) {
      if (isAbort(error) && this.stopRequested) this.publishPartial(settings, progress.last());
      else if (!isAbort(error)) this.failed((error as Error).message);
    } finally {
      this.running--;
      if (this.running === 0) this.view.busy(false);
    }
  }

  /** Routes a training job's reports to the panel and the 3D view's waiting line. */
  private progressHandler(settings: NetworkSettings): { onProgress: (p: TrainProgress) => void; last: () => { step: number; theta: Float64Array } | null } {
    const losses = new Float64Array(settings.steps + 1);
    const sharpness: { step: number; lambdaMax: number }[] = [];
    let last: { step: number; theta: Float64Array } | null = null;
    const onProgress = (p: TrainProgress): void => {
      if (p.kind === 'directions') {
        this.app.setWaiting('network', 'Trained; choosing the slice directions…');
        return;
      }
      if (p.kind === 'sharpness') {
        sharpness.push({ step: p.step, lambdaMax: p.lambdaMax });
        this.view.sharpness(sharpness, 2 / settings.lr, settings.steps);
        return;
      }
      losses[Math.min(p.step, settings.steps)] = p.loss;
      for (let k = p.step - 1; k >= 0 && losses[k] === 0; k--) losses[k] = p.loss; // chunks report their last step only
      last = { step: p.step, theta: p.theta };
      this.view.progress(p.step, settings.steps, p.loss, p.accuracy, losses);
      if (hasPlaneInset(settings)) this.view.prediction(insetData(settings, p.theta));
      this.app.setWaiting('network', `Training the network: step ${p.step} of ${settings.steps}, loss ${p.loss.toPrecision(4)}…`);
    };
    return { onProgress, last: () => last };
  }

  private failed(message: string): void {
    this.view.status(`${message} The last good landscape stays.`, 'error');
    this.app.setWaiting('network', `${message}`);
  }

  /** A stopped run: its last parameters, sliced along filter-normalised directions (not kept for reuse). */
  private publishPartial(settings: NetworkSettings, last: { step: number; theta: Float64Array } | null): void {
    if (!last) {
      this.failed('Stopped before the first step finished.');
      return;
    }
    const { d1, d2 } = filterNormalizedDirections(settings.spec, last.theta, settings.seed);
    const partial: TrainJobResult = { theta: last.theta, lossHistory: new Float64Array(0), loss: NaN, accuracy: NaN, snapshots: [], snapshotSteps: [], steps: last.step, reason: 'stopped', d1, d2, pathA: null, pathB: null };
    this.publish({ ...settings, directions: 'filter' }, partial, 'stopped');
    this.shownKey = '';
  }

  private publish(settings: NetworkSettings, result: TrainJobResult, how: 'trained' | 'reused' | 'stopped'): void {
    const slice = new NetworkSliceLandscape(settings.spec, settings.data, result.theta, result.d1, result.d2, { dataName: settings.dataName });
    this.slice = slice;
    this.settings = settings;
    this.shownKey = settings.key;
    if (result.lossHistory.length > 0) this.view.progress(result.steps, settings.steps, result.loss, result.accuracy, result.lossHistory);
    if (hasPlaneInset(settings)) this.view.prediction(insetData(settings, result.theta));
    this.view.path(result.pathA, result.pathB);
    const s = this.store.get();
    const domain: Domain = { xmin: s.xmin, xmax: s.xmax, ymin: s.ymin, ymax: s.ymax };
    this.pathListener?.(result.pathA && result.pathB ? trainingPathData(slice, result.pathA, result.pathB, domain) : null);
    this.view.gridProgress(0);
    this.app.setExternalLandscape('network', this.remoteGrid(settings, result, slice));
    this.view.status(statusLine(settings, result, how));
    this.published = { settings, theta: result.theta, d1: result.d1, d2: result.d2, steps: result.steps, reason: result.reason };
    for (const listener of this.publishedListeners) listener(this.published);
  }

  /** The slice as a grid landscape whose grid the compute side computes, coarse levels first. */
  private remoteGrid(settings: NetworkSettings, result: TrainJobResult, slice: NetworkSliceLandscape): GridLandscape {
    const local = networkGridLandscape(slice, settings.spec, settings.data, result.theta, result.d1, result.d2);
    const problem = { spec: settings.spec, data: settings.data, thetaStar: result.theta, d1: result.d1, d2: result.d2 };
    const key = `${settings.key}|${result.reason}|${result.steps}`;
    const computeGrid = async (domain: Domain, n: number, onLevel: (grid: GridField, final: boolean) => void, signal: AbortSignal): Promise<void> => {
      const client = await this.compute;
      const final = await client.run<GridLevel, GridLevel>('grid', { key, problem, domain, levels: gridLevels(n) }, { channel: 'grid', signal, onProgress: (level) => onLevel(levelField(level), false) });
      onLevel(levelField(final), true);
    };
    return {
      kind: local.kind,
      key: local.key,
      label: local.label,
      value: (a, b) => local.value(a, b),
      coefficients: (a, b, order) => local.coefficients(a, b, order),
      tensorFunction: () => local.tensorFunction(),
      maxPointsPerPass: local.maxPointsPerPass,
      computeGrid,
      findCriticalPoints: async (domain, seeds, signal) => (await this.compute).run<CriticalJobPoint[]>('critical', { key, problem, domain, seeds }, { channel: 'critical', signal }),
      // Past a few hundred thousand parameter-samples a point's jets cost tens of milliseconds or
      // more (a digits net ~165 ms): the point model and the error study go to the worker too.
      remotePoint:
        result.theta.length * settings.data.size <= LOCAL_POINT_COST
          ? undefined
          : {
              coefficients: async (x, y, order, signal) => (await this.compute).run<Float64Array>('point', { key, problem, x, y, order }, { channel: 'point', signal }),
              breakdown: async (request, signal) => (await this.compute).run<{ study: BreakdownResult; value: number }>('breakdown', { key, problem, request }, { channel: 'breakdown', signal }),
            },
    };
  }

  private schedulePointCurvature(model: PointModel): void {
    clearTimeout(this.pointTimer);
    this.pointTimer = setTimeout(() => void this.pointCurvature(model), 200);
  }

  /** λmax and λ2 of the full network Hessian at θ(a, b), on the compute side; newest wins. */
  private async pointCurvature(model: PointModel): Promise<void> {
    const slice = this.slice;
    const settings = this.settings;
    if (!slice || !settings || this.running > 0) return;
    try {
      const client = await this.compute;
      const theta = slice.parametersAt(model.x, model.y);
      const top = await client.run<EigenJobResult>('eigen', { spec: settings.spec, data: settings.data, theta, k: 2, bottom: 1, seed: settings.seed }, { channel: 'eigen' });
      const atStar = model.x === 0 && model.y === 0;
      const lambdaMin = top.bottomEigenvalues?.[0];
      const residuals = lambdaMin === undefined ? undefined : { lambdaMax: top.residuals[0], lambdaMin: top.bottomResiduals?.[0] ?? NaN };
      const { hxx, hxy, hyy } = model.derivs;
      this.view.fullHessian({ lambdaMax: top.eigenvalues[0], lambda2: top.eigenvalues[1], at: atStar ? 'θ*' : 'point', slice: [model.eigen.lambda1, model.eigen.lambda2], lambdaMin, residuals, sliceHessian: { xx: hxx, xy: hxy, yy: hyy }, gram: gramOf(slice.d1, slice.d2) });
    } catch (error) {
      if (!isAbort(error)) this.view.status(`λmax failed: ${(error as Error).message}`, 'error');
    }
  }
}

/** The panel's one-line summary of the run on screen. */
function statusLine(settings: NetworkSettings, result: TrainJobResult, how: 'trained' | 'reused' | 'stopped'): string {
  const along = settings.directions === 'filter' ? 'filter-normalised random directions' : settings.directions === 'hessian' ? 'the top two Hessian eigenvectors' : 'the training path’s principal components';
  if (how === 'stopped') return `Stopped at step ${result.steps}: slice of the partly trained network along ${along}.`;
  const scores = `loss ${result.loss.toPrecision(4)}${Number.isFinite(result.accuracy) ? `, accuracy ${(100 * result.accuracy).toFixed(1)}%` : ''}`;
  if (result.steps === 0 && settings.modelName) return `Loaded ${settings.modelName} as θ* (not trained): ${scores}; slice along ${along}.`;
  return `${how === 'reused' ? 'Reused the run trained earlier' : 'Trained'} (${result.steps} steps): ${scores}; slice along ${along}.`;
}

/**
 * Turns the state's network settings into a landscape: trains the MLP in the page (tfjs, active
 * backend), picks the slice directions, builds the slice landscape and hands it to the app. Long
 * work reports progress, can be stopped, never blocks a frame, and the newest request wins. At the
 * point it tracks the full network Hessian's λmax by HVP power iteration (debounced, async).
 */
import { forward } from '../../core/network/mlp';
import { NetworkSliceLandscape } from '../../core/network/NetworkSliceLandscape';
import type { PointModel } from '../../core/landscape/pointModel';
import { filterNormalizedDirections, hessianDirections, pathDirections, type SliceDirections } from '../../compute/network/directions';
import { lambdaMax, topEigenpairs } from '../../compute/network/hessian';
import { networkGridLandscape } from '../../compute/network/NetworkGridLandscape';
import { trainNetwork, type TrainResult } from '../../compute/network/train';
import type { LabState } from '../../state/schema';
import type { Store } from '../../state/Store';
import type { InsetData } from '../../plots/NetworkInset';
import type { LabApp } from '../LabApp';
import { NETWORK_KEYS, networkSettings, type NetworkSettings } from './networkSettings';
import { trainingPathData } from './trainingPath';
import type { PathRunData } from '../../scene/OptimizerPaths';

/** What the network panel shows; the controller calls these, the panel only renders. */
export interface NetworkView {
  progress(step: number, total: number, loss: number, accuracy: number, losses: Float64Array): void;
  prediction(data: InsetData): void;
  status(text: string, kind?: 'info' | 'error'): void;
  parameters(count: number): void;
  fullHessian(values: { lambdaMax: number; lambda2: number; at: 'θ*' | 'point'; slice: [number, number] | null }): void;
  path(a: ArrayLike<number> | null, b: ArrayLike<number> | null): void;
  /** λmax of the full Hessian at training step `step`, against the stability line 2/η. */
  sharpness(points: readonly { step: number; lambdaMax: number }[], limit: number, total: number): void;
  gridProgress(done: number | null): void;
  busy(running: boolean): void;
}

/** Settings keys that retrain the network. */
const KEYS: ReadonlySet<keyof LabState> = new Set([...NETWORK_KEYS, 'landscape']);
const INSET_SIZE = 40;
/** How many λmax samples a training run with sharpness tracking takes. */
const SHARPNESS_SAMPLES = 40;

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

/** Trains, slices and publishes the network landscape while the state asks for it. */
export class NetworkController {
  private trainedKey = '';
  private abort: AbortController | null = null;
  private pointAbort: AbortController | null = null;
  private timer = 0;
  private pointTimer = 0;
  private slice: NetworkSliceLandscape | null = null;
  private settings: NetworkSettings | null = null;
  private running = false;
  private pathListener: ((path: PathRunData | null) => void) | null = null;

  /** Follows the store and the app's point models. */
  constructor(private readonly store: Store, private readonly app: LabApp, private readonly view: NetworkView) {
    app.onGridProgress((done) => {
      if (this.store.get().landscape === 'network') this.view.gridProgress(done >= 1 ? null : done);
    });
    store.subscribe((s, changed) => {
      if ([...changed].some((k) => KEYS.has(k))) this.schedule(s);
    });
    app.onPointModel((model, landscape) => {
      if (landscape.kind === 'network') this.schedulePointCurvature(model);
    });
    this.schedule(store.get());
  }

  /** True while a training run or its slice is being built. */
  get busy(): boolean {
    return this.running;
  }

  /** The slice on screen (null before the first run). */
  get currentSlice(): NetworkSliceLandscape | null {
    return this.slice;
  }

  /** Receives the training path projected on the slice (path directions; null otherwise), for the scene. */
  onTrainingPath(listener: (path: PathRunData | null) => void): void {
    this.pathListener = listener;
  }

  /** Trains again with the current settings (the panel's button). */
  retrain(): void {
    this.trainedKey = '';
    this.schedule(this.store.get(), 0);
  }

  /** Stops the run in flight; the last good landscape stays. */
  stop(): void {
    this.abort?.abort();
  }

  private schedule(s: Readonly<LabState>, delayMs = 250): void {
    if (s.landscape !== 'network') return;
    clearTimeout(this.timer);
    // Coalesce a burst of setting changes (a link, a scene, typing) into one run.
    this.timer = window.setTimeout(() => void this.run(this.store.get()), delayMs);
  }

  private async run(s: Readonly<LabState>): Promise<void> {
    const settings = networkSettings(s);
    if (typeof settings === 'string') {
      this.view.status(`${settings}; the last good landscape stays.`, 'error');
      return;
    }
    if (settings.key === this.trainedKey) return;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.setRunning(true);
    try {
      const result = await this.train(settings, abort.signal);
      if (abort.signal.aborted && result.reason !== 'stopped') return; // superseded by a newer run
      if (result.reason === 'diverged') {
        this.view.status(`Training diverged at step ${result.steps} (the loss is no longer finite): lower the learning rate. The last good landscape stays.`, 'error');
        return;
      }
      this.view.status(`${result.reason === 'stopped' ? 'Stopped' : 'Trained'} after ${result.steps} steps: loss ${result.loss.toPrecision(4)}${Number.isFinite(result.accuracy) ? `, accuracy ${(100 * result.accuracy).toFixed(1)}%` : ''}. Building the slice…`);
      const directions = await this.directions(settings, result, abort.signal);
      if (abort.signal.aborted && result.reason !== 'stopped') return;
      this.publish(settings, result, directions);
      this.trainedKey = result.reason === 'stopped' ? '' : settings.key;
    } catch (error) {
      if ((error as Error).name !== 'AbortError') this.view.status(`${(error as Error).message}; the last good landscape stays.`, 'error');
    } finally {
      if (this.abort === abort) {
        this.abort = null;
        this.setRunning(false);
      }
    }
  }

  private async train(settings: NetworkSettings, signal: AbortSignal): Promise<TrainResult> {
    const losses = new Float64Array(settings.steps + 1);
    this.view.parameters(settings.spec.widths.slice(1).reduce((n, w, l) => n + w * (settings.spec.widths[l] + 1), 0));
    const sharpness: { step: number; lambdaMax: number }[] = [];
    const sharpnessEvery = Math.max(1, Math.floor(settings.steps / SHARPNESS_SAMPLES));
    let nextSharpness = 0;
    this.view.sharpness([], settings.sharpness ? 2 / settings.lr : NaN, settings.steps);
    return trainNetwork(settings.spec, settings.data, {
      optimizer: settings.optimizer,
      lr: settings.lr,
      steps: settings.steps,
      seed: settings.seed,
      snapshotEvery: Math.max(1, Math.floor(settings.steps / 50)),
      signal,
      onProgress: (step, loss, accuracy) => {
        losses[Math.min(step, settings.steps)] = loss;
        for (let k = step - 1; k >= 0 && losses[k] === 0; k--) losses[k] = loss; // chunks report their last step only
        this.view.progress(step, settings.steps, loss, accuracy, losses);
      },
      onParameters: async (step, theta) => {
        this.view.prediction(insetData(settings, theta));
        if (!settings.sharpness || step < nextSharpness || signal.aborted) return;
        nextSharpness = step + sharpnessEvery;
        // A short power iteration: enough digits for a plot against 2/η, cheap enough to run every few chunks.
        const top = await lambdaMax(settings.spec, settings.data, theta, { maxIter: 30, rtol: 1e-3, seed: settings.seed, signal });
        sharpness.push({ step, lambdaMax: top.lambdaMax });
        this.view.sharpness(sharpness, 2 / settings.lr, settings.steps);
      },
    });
  }

  private async directions(settings: NetworkSettings, result: TrainResult, signal: AbortSignal): Promise<SliceDirections & { a?: Float64Array; b?: Float64Array }> {
    if (settings.directions === 'hessian') return hessianDirections(settings.spec, settings.data, result.theta, { seed: settings.seed, signal });
    if (settings.directions === 'path') return pathDirections(result.snapshots, result.theta);
    return filterNormalizedDirections(settings.spec, result.theta, settings.seed);
  }

  private publish(settings: NetworkSettings, result: TrainResult, directions: SliceDirections & { a?: Float64Array; b?: Float64Array }): void {
    const slice = new NetworkSliceLandscape(settings.spec, settings.data, result.theta, directions.d1, directions.d2, { dataName: settings.dataName });
    this.slice = slice;
    this.settings = settings;
    this.view.prediction(insetData(settings, result.theta));
    this.view.path(directions.a ?? null, directions.b ?? null);
    const s = this.store.get();
    const domain = { xmin: s.xmin, xmax: s.xmax, ymin: s.ymin, ymax: s.ymax };
    this.pathListener?.(directions.a && directions.b ? trainingPathData(slice, directions.a, directions.b, domain) : null);
    this.view.gridProgress(0);
    this.app.setExternalLandscape('network', networkGridLandscape(slice, settings.spec, settings.data, result.theta, directions.d1, directions.d2));
    this.view.status(`Trained ${result.steps} steps: loss ${result.loss.toPrecision(4)}${Number.isFinite(result.accuracy) ? `, accuracy ${(100 * result.accuracy).toFixed(1)}%` : ''}; slice along ${settings.directions === 'filter' ? 'filter-normalised random directions' : settings.directions === 'hessian' ? 'the top two Hessian eigenvectors' : 'the training path’s principal components'}.`);
  }

  private schedulePointCurvature(model: PointModel): void {
    clearTimeout(this.pointTimer);
    this.pointTimer = window.setTimeout(() => void this.pointCurvature(model), 200);
  }

  /** λmax (and λ2) of the full network Hessian at θ(a, b) by HVP power iteration; newest wins. */
  private async pointCurvature(model: PointModel): Promise<void> {
    const slice = this.slice;
    const settings = this.settings;
    if (!slice || !settings || this.running) return;
    this.pointAbort?.abort();
    const abort = new AbortController();
    this.pointAbort = abort;
    try {
      const theta = slice.parametersAt(model.x, model.y);
      const pairs = await topEigenpairs(settings.spec, settings.data, theta, { k: 2, seed: settings.seed, signal: abort.signal });
      if (abort.signal.aborted) return;
      const atStar = model.x === 0 && model.y === 0;
      this.view.fullHessian({ lambdaMax: pairs.eigenvalues[0], lambda2: pairs.eigenvalues[1], at: atStar ? 'θ*' : 'point', slice: [model.eigen.lambda1, model.eigen.lambda2] });
    } catch (error) {
      if ((error as Error).name !== 'AbortError') this.view.status(`λmax failed: ${(error as Error).message}`, 'error');
    }
  }

  private setRunning(running: boolean): void {
    this.running = running;
    this.view.busy(running);
  }
}

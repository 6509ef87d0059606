/**
 * Training of the network with tfjs on the active backend: gradient descent, heavy-ball momentum
 * or Adam, full-batch or on seeded mini-batches (batchSize), a few steps per chunk, one GPU read per chunk, and a yield to the event loop between chunks so
 * the page keeps drawing frames. Stops on an AbortSignal; a non-finite loss ends the run as
 * 'diverged' and returns the last parameters whose loss was finite.
 */
import { tf } from '../tf';
import type { Dataset, NetworkSpec } from '../../core/network/types';
import { initParameters, parameterCount } from '../../core/network/mlp';
import { MiniBatchSchedule } from '../../core/data/miniBatch';
import { accuracyOf, assertSpecFitsData, dataTensors, lossOf, type DataTensors } from './tfNetwork';

/** The optimizers a user can choose. */
export const OPTIMIZER_KINDS = ['gd', 'momentum', 'adam'] as const;
/** One optimizer: gradient descent, heavy-ball momentum (v = μ v + g, θ -= lr v) or Adam. */
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];

/** Settings of one training run. */
export interface TrainOptions {
  readonly optimizer: OptimizerKind;
  /** Learning rate, finite and > 0. */
  readonly lr: number;
  /** Number of optimizer steps, 1..100000 (stepsForEpochs turns epochs into steps). */
  readonly steps: number;
  /** Samples per step; absent (or >= the data size) means full batch. Batches are seeded by `seed`. */
  readonly batchSize?: number;
  /** Momentum μ of the 'momentum' optimizer, in [0, 1) (default 0.9). */
  readonly momentum?: number;
  /** Seed of the initial parameters (and of the mini-batch order). */
  readonly seed: number;
  /** Start from these parameters instead of the seeded initialisation (an imported model's θ). */
  readonly initialTheta?: ArrayLike<number>;
  /** Keep θ_t every this many steps for the path (θ_0 and the final θ are always kept). */
  readonly snapshotEvery: number;
  /** Steps between yields to the event loop (default 10). */
  readonly yieldEvery?: number;
  /** Aborting ends the run at the next chunk boundary with reason 'stopped'. */
  readonly signal?: AbortSignal;
  /** Called after every chunk with the steps done, the latest loss and accuracy (NaN for regression). */
  readonly onProgress?: (step: number, loss: number, accuracy: number) => void;
  /**
   * Called after every chunk with the steps done and θ after them (float64 copy), awaited before
   * training goes on: the page redraws its prediction inset and can track λmax while training.
   */
  readonly onParameters?: (step: number, theta: Float64Array) => void | Promise<void>;
}

/** Why a run ended. */
export type TrainReason = 'done' | 'stopped' | 'diverged';

/** The outcome of a run: final parameters θ*, loss per step, accuracy and the path. */
export interface TrainResult {
  readonly theta: Float64Array;
  /**
   * lossHistory[k] = L(θ_k), the loss before step k + 1 (length = steps taken, + the final loss);
   * with mini-batches, the loss of step k + 1's batch (the final entry is the full training loss).
   */
  readonly lossHistory: Float64Array;
  readonly loss: number;
  readonly accuracy: number;
  /** θ_t every snapshotEvery steps, then θ*; together with snapshotSteps they draw the path. */
  readonly snapshots: Float64Array[];
  readonly snapshotSteps: number[];
  readonly steps: number;
  readonly reason: TrainReason;
}

/** Most steps one run may take. */
export const MAX_TRAIN_STEPS = 100_000;

/** Throws a clear Error for settings no run can use. */
export function validateTrainOptions(options: TrainOptions): void {
  if (!(OPTIMIZER_KINDS as readonly string[]).includes(options.optimizer)) throw new Error(`unknown optimizer '${String(options.optimizer)}' (use ${OPTIMIZER_KINDS.join(', ')})`);
  const mu = options.momentum ?? 0.9;
  if (!(mu >= 0 && mu < 1)) throw new Error(`momentum must be a number in [0, 1), got ${mu}`);
  if (options.batchSize !== undefined && !(Number.isInteger(options.batchSize) && options.batchSize >= 1)) throw new Error(`the batch size must be a whole number >= 1, got ${options.batchSize}`);
  if (!(Number.isFinite(options.lr) && options.lr > 0)) throw new Error(`the learning rate must be a finite number > 0, got ${options.lr}`);
  if (!Number.isInteger(options.steps) || options.steps < 1 || options.steps > MAX_TRAIN_STEPS) {
    throw new Error(`steps must be a whole number from 1 to ${MAX_TRAIN_STEPS}, got ${options.steps}`);
  }
  if (!Number.isInteger(options.snapshotEvery) || options.snapshotEvery < 1) throw new Error(`snapshotEvery must be a whole number >= 1, got ${options.snapshotEvery}`);
  const every = options.yieldEvery ?? 10;
  if (!Number.isInteger(every) || every < 1) throw new Error(`yieldEvery must be a whole number >= 1, got ${every}`);
}

/** A macrotask yield (not a microtask), so the browser can draw a frame and handle Stop. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Optimizer state on the device: θ and the velocity (momentum) or the two moment estimates (Adam). */
interface OptimizerState {
  theta: tf.Tensor1D;
  m: tf.Tensor1D | null;
  v: tf.Tensor1D | null;
  t: number;
}

const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;

/** One optimizer step: returns L(θ_k) and replaces the state's tensors by the updated ones (old θ kept by the caller). */
function step(spec: NetworkSpec, data: DataTensors, options: TrainOptions, state: OptimizerState): tf.Scalar {
  const { value, grads } = tf.tidy(() => lossAndGradient(spec, data, state.theta));
  state.t += 1;
  const next: tf.Tensor1D[] = tf.tidy(() => {
    if (options.optimizer === 'gd') return [tf.sub(state.theta, tf.mul(options.lr, grads)) as tf.Tensor1D];
    if (options.optimizer === 'momentum') {
      const velocity = tf.add(tf.mul(options.momentum ?? 0.9, state.m!), grads) as tf.Tensor1D;
      return [tf.sub(state.theta, tf.mul(options.lr, velocity)) as tf.Tensor1D, velocity];
    }
    const m = tf.add(tf.mul(ADAM_BETA1, state.m!), tf.mul(1 - ADAM_BETA1, grads)) as tf.Tensor1D;
    const v = tf.add(tf.mul(ADAM_BETA2, state.v!), tf.mul(1 - ADAM_BETA2, tf.square(grads))) as tf.Tensor1D;
    const mHat = tf.div(m, 1 - ADAM_BETA1 ** state.t);
    const vHat = tf.div(v, 1 - ADAM_BETA2 ** state.t);
    return [tf.sub(state.theta, tf.mul(options.lr, tf.div(mHat, tf.add(tf.sqrt(vHat), ADAM_EPSILON)))) as tf.Tensor1D, m, v];
  });
  grads.dispose();
  state.m?.dispose();
  state.v?.dispose();
  // The old θ is not freed here: the chunk keeps it until its loss has been read.
  state.theta = next[0];
  state.m = next[1] ?? null;
  state.v = next[2] ?? null;
  return value;
}

/** L(θ) and ∇L(θ); call inside tf.tidy. */
function lossAndGradient(spec: NetworkSpec, data: DataTensors, theta: tf.Tensor1D): { value: tf.Scalar; grads: tf.Tensor1D } {
  const { value, grad } = tf.valueAndGrad((th: tf.Tensor1D) => lossOf(spec, th, data.X, data.T))(theta);
  return { value, grads: grad };
}

/** What one chunk of steps found: the losses read back and the θ_k they belong to. */
interface ChunkReadout {
  readonly losses: Float32Array;
  readonly thetas: tf.Tensor1D[];
}

/** Step k's data: the full set, or its mini-batch gathered on the device (the caller disposes a batch). */
function batchFor(data: DataTensors, schedule: MiniBatchSchedule | null, k: number): DataTensors {
  if (!schedule) return data;
  return tf.tidy(() => {
    const idx = tf.tensor1d(schedule.batch(k), 'int32');
    return { X: tf.gather(data.X, idx) as tf.Tensor2D, T: tf.gather(data.T, idx) as tf.Tensor1D };
  });
}

/** Runs up to `count` steps, keeping each θ_k until the chunk's losses are read in one go. */
async function runChunk(spec: NetworkSpec, data: DataTensors, options: TrainOptions, state: OptimizerState, count: number, schedule: MiniBatchSchedule | null): Promise<ChunkReadout> {
  const thetas: tf.Tensor1D[] = [];
  const losses: tf.Scalar[] = [];
  for (let k = 0; k < count; k++) {
    thetas.push(state.theta);
    const batch = batchFor(data, schedule, state.t);
    try {
      losses.push(step(spec, batch, options, state));
    } finally {
      if (batch !== data) tf.dispose([batch.X, batch.T]);
    }
  }
  const stacked = tf.stack(losses);
  for (const l of losses) l.dispose();
  try {
    return { losses: (await stacked.data()) as Float32Array, thetas };
  } finally {
    stacked.dispose();
  }
}

/** Trains the network (full-batch, or seeded mini-batches) from its seeded initialisation; same seed and backend, same run. */
export async function trainNetwork(spec: NetworkSpec, data: Dataset, options: TrainOptions): Promise<TrainResult> {
  assertSpecFitsData(spec, data);
  validateTrainOptions(options);
  const tensors = dataTensors(data);
  const init = options.initialTheta ? Float64Array.from(options.initialTheta) : initParameters(spec, options.seed);
  if (init.length !== parameterCount(spec)) throw new Error(`initialTheta has ${init.length} entries, the network has ${parameterCount(spec)} parameters`);
  const state: OptimizerState = { theta: tf.tensor1d(Float32Array.from(init)), m: null, v: null, t: 0 };
  if (options.optimizer !== 'gd') state.m = tf.zeros([init.length]);
  if (options.optimizer === 'adam') state.v = tf.zeros([init.length]);
  try {
    return await trainLoop(spec, tensors, options, state);
  } finally {
    state.theta.dispose();
    state.m?.dispose();
    state.v?.dispose();
    tensors.X.dispose();
    tensors.T.dispose();
  }
}

/** Host-side record of a run in progress. */
interface RunLog {
  readonly history: number[];
  readonly snapshots: Float64Array[];
  readonly snapshotSteps: number[];
  done: number;
  reason: TrainReason;
  /** θ_k of the latest step whose loss was finite (kept on the device for a diverged run). */
  lastGood: tf.Tensor1D | null;
}

/** The chunked loop of trainNetwork; owns the θ_k of the current chunk and the last good θ. */
async function trainLoop(spec: NetworkSpec, data: DataTensors, options: TrainOptions, state: OptimizerState): Promise<TrainResult> {
  const log: RunLog = { history: [], snapshots: [], snapshotSteps: [], done: 0, reason: 'done', lastGood: null };
  const every = options.yieldEvery ?? 10;
  const size = data.T.shape[0];
  const schedule = options.batchSize !== undefined && options.batchSize < size ? new MiniBatchSchedule(size, options.batchSize, options.seed) : null;
  try {
    while (log.done < options.steps) {
      if (options.signal?.aborted) {
        log.reason = 'stopped';
        break;
      }
      const chunk = await runChunk(spec, data, options, state, Math.min(every, options.steps - log.done), schedule);
      if (!(await recordChunk(log, chunk, options.snapshotEvery))) break;
      options.onProgress?.(log.done, log.history[log.history.length - 1], await readScalar(tf.tidy(() => accuracyOf(spec, state.theta, data.X, data.T))));
      if (options.onParameters) await options.onParameters(log.done, Float64Array.from(await state.theta.data()));
      await yieldToEventLoop();
    }
    return await finish(spec, data, state, log);
  } finally {
    log.lastGood?.dispose();
  }
}

/**
 * Appends a chunk's finite losses and due snapshots to the log, keeps the last θ with a finite
 * loss and frees the others; false when the chunk hit a non-finite loss (the run diverged).
 */
async function recordChunk(log: RunLog, chunk: ChunkReadout, snapshotEvery: number): Promise<boolean> {
  const { losses, thetas } = chunk;
  const bad = losses.findIndex((l) => !Number.isFinite(l));
  const good = bad < 0 ? losses.length : bad;
  for (let k = 0; k < good; k++) {
    log.history.push(losses[k]);
    if ((log.done + k) % snapshotEvery === 0) {
      log.snapshots.push(Float64Array.from(await thetas[k].data()));
      log.snapshotSteps.push(log.done + k);
    }
  }
  if (good > 0) {
    log.lastGood?.dispose();
    log.lastGood = thetas[good - 1];
  }
  thetas.forEach((t, k) => k !== good - 1 && t.dispose());
  log.done += good;
  if (bad >= 0) log.reason = 'diverged';
  return bad < 0;
}

/** Reads a scalar tensor and frees it. */
async function readScalar(t: tf.Tensor): Promise<number> {
  try {
    return (await t.data())[0];
  } finally {
    t.dispose();
  }
}

/**
 * The result: θ after the last step, or for a diverged run (also when the final loss is not
 * finite) the last θ whose loss was finite.
 */
async function finish(spec: NetworkSpec, data: DataTensors, state: OptimizerState, log: RunLog): Promise<TrainResult> {
  let theta: tf.Tensor1D = state.theta;
  let loss = NaN;
  if (log.reason !== 'diverged') {
    loss = await readScalar(tf.tidy(() => lossOf(spec, state.theta, data.X, data.T)));
    if (!Number.isFinite(loss)) log.reason = 'diverged';
  }
  if (log.reason === 'diverged' && !log.lastGood) throw new Error('the loss is not finite at the initial parameters (check the data for NaN or infinite values)');
  if (log.reason === 'diverged' && log.lastGood) {
    theta = log.lastGood;
    loss = log.history[log.history.length - 1];
  } else if (log.reason !== 'diverged') {
    log.history.push(loss);
  }
  const final = Float64Array.from(await theta.data());
  const accuracy = await readScalar(tf.tidy(() => accuracyOf(spec, theta, data.X, data.T)));
  const stepAt = log.reason === 'diverged' ? Math.max(0, log.done - 1) : log.done;
  if (log.snapshotSteps[log.snapshotSteps.length - 1] !== stepAt) {
    log.snapshots.push(final);
    log.snapshotSteps.push(stepAt);
  }
  return { theta: final, lossHistory: Float64Array.from(log.history), loss, accuracy, snapshots: log.snapshots, snapshotSteps: log.snapshotSteps, steps: log.done, reason: log.reason };
}

/**
 * The network's outputs on a data set on the main thread, in chunks of a few million
 * multiply-adds with a yield between them, so that MNIST's 500 test images (~55 M MACs for
 * 784-128-64-10) never hold a frame; a newer request cancels an older one between chunks.
 * Then the scores a panel shows: predicted classes, accuracy or R², the confusion matrix.
 */
import { confusionMatrix, argmax } from '../../core/network/softmax';
import { forwardOutputs, outputCount } from '../../core/network/mlp';
import type { Dataset, NetworkSpec } from '../../core/network/types';

/** Multiply-adds per chunk (~3–5 ms of float64 JavaScript). */
const MACS_PER_CHUNK = 4_000_000;

function macsPerSample(spec: NetworkSpec): number {
  let macs = 0;
  for (let l = 0; l + 1 < spec.widths.length; l++) macs += spec.widths[l] * spec.widths[l + 1];
  return macs;
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** All outputs (size × K) of θ on the data, or null when `isCancelled` turns true between chunks. */
export async function outputsInChunks(spec: NetworkSpec, theta: ArrayLike<number>, data: Dataset, isCancelled: () => boolean): Promise<Float64Array | null> {
  const K = outputCount(spec);
  const n = data.inputDim;
  const per = Math.max(1, Math.floor(MACS_PER_CHUNK / macsPerSample(spec)));
  const out = new Float64Array(data.size * K);
  for (let start = 0; start < data.size; start += per) {
    if (isCancelled()) return null;
    const end = Math.min(data.size, start + per);
    const part: Dataset = { ...data, size: end - start, inputs: data.inputs.subarray(start * n, end * n), targets: data.targets.subarray(start, end) };
    out.set(forwardOutputs(spec, theta, part), start * K);
    if (end < data.size) await nextTask();
  }
  return isCancelled() ? null : out;
}

/** What the outputs say about a data set: predicted classes (classification), the score and the confusion matrix. */
export interface Scores {
  readonly predicted: Int32Array | null;
  /** Accuracy (classification) or R² (regression; NaN when the targets do not vary). */
  readonly score: number;
  readonly confusion: number[][] | null;
}

/** Scores of the outputs z (size × K) against the data's targets. */
export function scoresOf(spec: NetworkSpec, z: Float64Array, data: Dataset): Scores {
  const K = outputCount(spec);
  if (spec.task === 'regression') {
    let mean = 0;
    for (let k = 0; k < data.size; k++) mean += data.targets[k] / data.size;
    let residual = 0;
    let total = 0;
    for (let k = 0; k < data.size; k++) {
      residual += (z[k] - data.targets[k]) ** 2;
      total += (data.targets[k] - mean) ** 2;
    }
    return { predicted: null, score: total > 0 ? 1 - residual / total : Number.NaN, confusion: null };
  }
  const predicted = Int32Array.from({ length: data.size }, (_, k) => (K === 1 ? (z[k] > 0 ? 1 : 0) : argmax(z, k * K, K)));
  let right = 0;
  for (let k = 0; k < data.size; k++) if (predicted[k] === data.targets[k]) right++;
  const classes = K === 1 ? 2 : K;
  return { predicted, score: right / data.size, confusion: confusionMatrix(predicted, data.targets, classes) };
}

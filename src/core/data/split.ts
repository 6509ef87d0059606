/**
 * Train / test splits and input standardisation: a seeded split of any data set (or the fixed split
 * an asset carries), standardisation statistics fitted on the training part only and applied to
 * both parts, and a fixed seeded subset of the training set for a cheaper curvature objective.
 */
import type { Dataset } from '../network/types';
import { createRandom } from '../network/random';

/** A data set split in two; indices point into the data set that was split (ascending). */
export interface TrainTestSplit {
  readonly train: Dataset;
  /** The held-out part, or null when nothing is held out. */
  readonly test: Dataset | null;
  readonly trainIndices: Int32Array;
  readonly testIndices: Int32Array;
}

/** How inputs are standardised: per feature, one mean and scale over all features (images), or not at all. */
export type StandardizeMode = 'feature' | 'global' | 'none';

/** Network input j = (x_j - mean[j]) / scale[j], with statistics of the training part. */
export interface Standardization {
  readonly mode: StandardizeMode;
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

/** The samples at the given indices, in that order, as a new data set. */
export function selectSamples(data: Dataset, indices: ArrayLike<number>): Dataset {
  const n = data.inputDim;
  const inputs = new Float64Array(indices.length * n);
  const targets = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= data.size) throw new RangeError(`sample index ${i} is outside 0 .. ${data.size - 1}`);
    inputs.set(data.inputs.subarray(i * n, (i + 1) * n), k * n);
    targets[k] = data.targets[i];
  }
  return { ...data, size: indices.length, inputs, targets };
}

/** A seeded permutation of 0 .. n - 1 (Fisher–Yates with the lab's seeded generator). */
export function seededPermutation(n: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, k) => k);
  const rng = createRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** Splits off round(size × testFraction) seeded random samples as the test part (0 keeps all for training). */
export function splitTrainTest(data: Dataset, testFraction: number, seed: number): TrainTestSplit {
  if (!(testFraction >= 0 && testFraction < 1)) throw new RangeError(`the test fraction must be in [0, 1), got ${testFraction}`);
  const testCount = Math.round(data.size * testFraction);
  if (data.size - testCount < 1) throw new RangeError(`a split of ${data.size} samples leaves no training sample`);
  const order = seededPermutation(data.size, seed);
  const testIndices = order.slice(0, testCount).sort();
  const trainIndices = order.slice(testCount).sort();
  return splitByIndices(data, trainIndices, testIndices);
}

/** The fixed split of an asset: the first trainCount samples train, the rest test. */
export function splitAt(data: Dataset, trainCount: number): TrainTestSplit {
  if (!Number.isInteger(trainCount) || trainCount < 1 || trainCount > data.size) throw new RangeError(`cannot train on ${trainCount} of ${data.size} samples`);
  const trainIndices = Int32Array.from({ length: trainCount }, (_, k) => k);
  const testIndices = Int32Array.from({ length: data.size - trainCount }, (_, k) => trainCount + k);
  return splitByIndices(data, trainIndices, testIndices);
}

function splitByIndices(data: Dataset, trainIndices: Int32Array, testIndices: Int32Array): TrainTestSplit {
  return { train: selectSamples(data, trainIndices), test: testIndices.length > 0 ? selectSamples(data, testIndices) : null, trainIndices, testIndices };
}

/**
 * Mean and scale (population standard deviation) of the training inputs. A feature (or, globally,
 * a set) without spread gets scale 1, so constant pixels become 0 instead of NaN.
 */
export function fitStandardization(train: Dataset, mode: StandardizeMode): Standardization {
  const n = train.inputDim;
  const mean = new Float64Array(n);
  const scale = new Float64Array(n).fill(1);
  if (mode === 'none') return { mode, mean, scale };
  const groups = mode === 'feature' ? n : 1;
  const sum = new Float64Array(groups);
  const sumSq = new Float64Array(groups);
  const perGroup = mode === 'feature' ? train.size : train.size * n;
  for (let k = 0; k < train.size * n; k++) sum[mode === 'feature' ? k % n : 0] += train.inputs[k];
  const mu = Float64Array.from(sum, (s) => s / perGroup);
  for (let k = 0; k < train.size * n; k++) {
    const g = mode === 'feature' ? k % n : 0;
    sumSq[g] += (train.inputs[k] - mu[g]) ** 2;
  }
  for (let j = 0; j < n; j++) {
    const g = mode === 'feature' ? j : 0;
    const sd = Math.sqrt(sumSq[g] / perGroup);
    mean[j] = mu[g];
    scale[j] = sd > 1e-12 * Math.max(1, Math.abs(mu[g])) ? sd : 1;
  }
  return { mode, mean, scale };
}

/** The data set with input j replaced by (x_j - mean[j]) / scale[j]. */
export function applyStandardization(data: Dataset, s: Standardization): Dataset {
  const n = data.inputDim;
  if (s.mean.length !== n || s.scale.length !== n) throw new RangeError(`standardisation for ${s.mean.length} features, data has ${n}`);
  const inputs = new Float64Array(data.inputs.length);
  for (let k = 0; k < inputs.length; k++) inputs[k] = (data.inputs[k] - s.mean[k % n]) / s.scale[k % n];
  return { ...data, inputs };
}

/** A fixed seeded subset of `size` samples (all of them when size >= data.size), in ascending order. */
export function subsetDataset(data: Dataset, size: number, seed: number): { readonly data: Dataset; readonly indices: Int32Array } {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`a subset needs a whole number of samples >= 1, got ${size}`);
  if (size >= data.size) return { data, indices: Int32Array.from({ length: data.size }, (_, k) => k) };
  const indices = seededPermutation(data.size, seed).slice(0, size).sort();
  return { data: selectSamples(data, indices), indices };
}

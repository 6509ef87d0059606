/**
 * The lab's data sets, generated in code from a seed: four 2D binary classification sets (the
 * tensorflow/playground classics, scaled so inputs lie roughly in [-1, 1]) and a noisy sine for
 * 1D regression. `noise` is the standard deviation of Gaussian jitter in input units (classification)
 * or in target units (sine). Classes are balanced: the first ceil(size / 2) samples have t = 1.
 */
import type { Dataset, Task } from './types';
import type { Random } from './random';
import { createRandom } from './random';

/** The data sets the lab can generate. */
export const DATASET_KINDS = ['circles', 'xor', 'gaussians', 'spiral', 'sine'] as const;
/** One data set kind. */
export type DatasetKind = (typeof DATASET_KINDS)[number];

/** Label and task of each data set kind, for menus and captions. */
export const DATASET_INFO: Readonly<Record<DatasetKind, { readonly label: string; readonly task: Task }>> = {
  circles: { label: 'Two circles', task: 'classification' },
  xor: { label: 'XOR quadrants', task: 'classification' },
  gaussians: { label: 'Two Gaussians', task: 'classification' },
  spiral: { label: 'Two-arm spiral', task: 'classification' },
  sine: { label: 'Noisy sine (regression)', task: 'regression' },
};

/** Options of `makeDataset`: the seed, the noise level (>= 0) and the number of samples (default 200). */
export interface DatasetOptions {
  readonly seed: number;
  readonly noise: number;
  readonly size?: number;
}

/** Default number of samples. */
export const DEFAULT_DATASET_SIZE = 200;

/** True for the names of the data sets the lab knows. */
export function isDatasetKind(name: string): name is DatasetKind {
  return (DATASET_KINDS as readonly string[]).includes(name);
}

/** One point of a classification set: its two inputs before jitter, given its class and rank in it. */
type PointMaker = (rng: Random, positive: boolean, rank: number, classSize: number) => readonly [number, number];

const circles: PointMaker = (rng, positive) => {
  // Inner disc (t = 1) against an outer ring (t = 0), with a gap between them.
  const r = positive ? rng.range(0, 0.5) : rng.range(0.7, 1);
  const angle = rng.range(0, 2 * Math.PI);
  return [r * Math.cos(angle), r * Math.sin(angle)];
};

const xor: PointMaker = (rng, positive) => {
  // t = 1 in the quadrants where x y > 0; a small margin keeps points off the axes.
  const pad = 0.06;
  const x = rng.range(pad, 1) * (rng.uniform() < 0.5 ? -1 : 1);
  const y = rng.range(pad, 1) * Math.sign(x) * (positive ? 1 : -1);
  return [x, y];
};

const gaussians: PointMaker = (rng, positive) => {
  const c = positive ? 0.5 : -0.5;
  return [c + 0.25 * rng.normal(), c + 0.25 * rng.normal()];
};

const spiral: PointMaker = (_rng, positive, rank, classSize) => {
  // Two arms, the second turned by π; radius grows from 0 to 1 over 1.75 turns.
  const s = classSize > 1 ? rank / classSize : 0;
  const angle = 1.75 * 2 * Math.PI * s + (positive ? 0 : Math.PI);
  return [s * Math.sin(angle), s * Math.cos(angle)];
};

const MAKERS: Readonly<Record<Exclude<DatasetKind, 'sine'>, PointMaker>> = { circles, xor, gaussians, spiral };

function classification(make: PointMaker, rng: Random, noise: number, size: number): Dataset {
  const inputs = new Float64Array(2 * size);
  const targets = new Float64Array(size);
  const positives = Math.ceil(size / 2);
  for (let k = 0; k < size; k++) {
    const positive = k < positives;
    const rank = positive ? k : k - positives;
    const [x, y] = make(rng, positive, rank, positive ? positives : size - positives);
    inputs[2 * k] = x + noise * rng.normal();
    inputs[2 * k + 1] = y + noise * rng.normal();
    targets[k] = positive ? 1 : 0;
  }
  return { task: 'classification', inputDim: 2, size, inputs, targets };
}

function sine(rng: Random, noise: number, size: number): Dataset {
  const inputs = new Float64Array(size);
  const targets = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    inputs[k] = rng.range(-Math.PI, Math.PI);
    targets[k] = Math.sin(inputs[k]) + noise * rng.normal();
  }
  return { task: 'regression', inputDim: 1, size, inputs, targets };
}

/** The data set of the given kind; the same seed, noise and size give the same samples. */
export function makeDataset(kind: DatasetKind, options: DatasetOptions): Dataset {
  const size = options.size ?? DEFAULT_DATASET_SIZE;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`data set size must be a positive integer, got ${size}`);
  if (!(options.noise >= 0) || !Number.isFinite(options.noise)) throw new RangeError(`noise must be a finite number >= 0, got ${options.noise}`);
  if (!isDatasetKind(kind)) throw new RangeError(`unknown data set '${String(kind)}'`);
  const rng = createRandom(options.seed);
  return kind === 'sine' ? sine(rng, options.noise, size) : classification(MAKERS[kind], rng, options.noise, size);
}

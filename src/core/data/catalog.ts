/**
 * The real data sets by name, prepared the same way for the page and the CLI: raw samples → train /
 * test split (seeded, or fixed by the asset) → standardisation fitted on the training part. The
 * image sets need their asset's bytes (the page fetches them from the built site, the CLI reads
 * the file); Iris and Chebyshev are made in code; a user CSV comes in through prepareCsv.
 */
import type { Dataset, Task } from '../network/types';
import type { CsvDataset } from './csvDataset';
import type { ImageAssetInfo } from './imageSets';
import { DIGITS_ASSET, MNIST_ASSET, decodeImageAsset, imageDataset } from './imageSets';
import type { StandardizeMode, Standardization } from './split';
import { applyStandardization, fitStandardization, splitAt, splitTrainTest } from './split';
import { chebyshevDataset, irisClassNames, irisDataset } from './tabular';

/** The named real data sets. */
export const DATA_SOURCES = ['digits', 'mnist', 'mnist14', 'iris', 'chebyshev'] as const;
/** One named data set. */
export type DataSourceName = (typeof DATA_SOURCES)[number];

/** What the lab states about a named data set and how it prepares it by default. */
export interface DataSourceInfo {
  readonly label: string;
  readonly task: Task;
  /** The asset whose bytes prepareSource needs (image sets only). */
  readonly asset: ImageAssetInfo | null;
  /** Average-pooling factor of the images (2: MNIST 28×28 → 14×14). */
  readonly pool: number;
  readonly standardize: StandardizeMode;
  /** Share held out for testing; null when the asset fixes the split. */
  readonly testFraction: number | null;
}

/** Defaults of every named data set (images: one mean and scale over all pixels; Chebyshev: x left on [-1, 1]). */
export const DATA_SOURCE_INFO: Readonly<Record<DataSourceName, DataSourceInfo>> = {
  digits: { label: '8×8 digits (1,797, 10 classes)', task: 'classification', asset: DIGITS_ASSET, pool: 1, standardize: 'global', testFraction: 0.2 },
  mnist: { label: 'MNIST 28×28 (2,000 + 500, 10 classes)', task: 'classification', asset: MNIST_ASSET, pool: 1, standardize: 'global', testFraction: null },
  mnist14: { label: 'MNIST 14×14 pooled (2,000 + 500, 10 classes)', task: 'classification', asset: MNIST_ASSET, pool: 2, standardize: 'global', testFraction: null },
  iris: { label: 'Iris (150, 3 classes)', task: 'classification', asset: null, pool: 1, standardize: 'feature', testFraction: 0.2 },
  chebyshev: { label: 'Chebyshev T_k on 20 points (regression)', task: 'regression', asset: null, pool: 1, standardize: 'none', testFraction: 0 },
};

/** True for the names of the named data sets. */
export function isDataSourceName(name: string): name is DataSourceName {
  return (DATA_SOURCES as readonly string[]).includes(name);
}

/** How a data set is prepared; fields left out take the data set's defaults. */
export interface PrepareOptions {
  /** Seed of the train / test split (ignored when the asset fixes the split). */
  readonly seed: number;
  readonly testFraction?: number;
  readonly standardize?: StandardizeMode;
  /** Degree k of the Chebyshev target T_k (default 4). */
  readonly chebyshevDegree?: number;
}

/** A prepared data set: what the network trains and is tested on, and how it was made from the raw samples. */
export interface PreparedData {
  /** 'digits', 'mnist', … or 'csv'. */
  readonly source: string;
  readonly label: string;
  /** The training objective's samples, standardised. */
  readonly train: Dataset;
  /** Held-out samples standardised with the training statistics, or null. */
  readonly test: Dataset | null;
  /** The same samples before standardisation (pixels 0..16 or 0..255, CSV values as written). */
  readonly rawTrain: Dataset;
  readonly rawTest: Dataset | null;
  readonly standardization: Standardization;
  /** Seed and fraction of the split (null when fixed by the asset) and the samples' indices in the source. */
  readonly split: { readonly seed: number | null; readonly testFraction: number | null; readonly trainIndices: Int32Array; readonly testIndices: Int32Array };
  /** Class names by index (classification), else null. */
  readonly classNames: readonly string[] | null;
  /** Image size of image data (after pooling), for pictures of test samples; else null. */
  readonly image: { readonly rows: number; readonly cols: number } | null;
}

/** Splits and standardises raw samples; `testFraction` null takes the first `fixedTrainCount` samples for training. */
export function prepareData(raw: Dataset, how: { source: string; label: string; seed: number; testFraction: number | null; fixedTrainCount?: number; standardize: StandardizeMode; classNames: readonly string[] | null; image?: { rows: number; cols: number } }): PreparedData {
  const split = how.testFraction === null ? splitAt(raw, how.fixedTrainCount ?? raw.size) : splitTrainTest(raw, how.testFraction, how.seed);
  const standardization = fitStandardization(split.train, how.standardize);
  return {
    source: how.source,
    label: how.label,
    train: applyStandardization(split.train, standardization),
    test: split.test && applyStandardization(split.test, standardization),
    rawTrain: split.train,
    rawTest: split.test,
    standardization,
    split: { seed: how.testFraction === null ? null : how.seed, testFraction: how.testFraction, trainIndices: split.trainIndices, testIndices: split.testIndices },
    classNames: how.classNames,
    image: how.image ?? null,
  };
}

/** A named data set prepared for training; image sets need their asset's bytes (AssetError if they are wrong). */
export function prepareSource(name: DataSourceName, options: PrepareOptions, assetBytes?: ArrayBuffer): PreparedData {
  const info = DATA_SOURCE_INFO[name];
  const common = { source: name, label: info.label, seed: options.seed, standardize: options.standardize ?? info.standardize };
  if (info.asset) {
    if (!assetBytes) throw new Error(`the ${name} data set needs the bytes of ${info.asset.path}`);
    const set = decodeImageAsset(assetBytes, info.asset);
    const raw = imageDataset(set, info.pool);
    const fixed = info.testFraction === null && options.testFraction === undefined;
    const digits = Array.from({ length: set.classes }, (_, k) => String(k));
    const image = { rows: set.rows / info.pool, cols: set.cols / info.pool };
    return prepareData(raw, { ...common, testFraction: fixed ? null : (options.testFraction ?? info.testFraction), fixedTrainCount: set.trainCount, classNames: digits, image });
  }
  if (name === 'iris') return prepareData(irisDataset(), { ...common, testFraction: options.testFraction ?? info.testFraction, classNames: irisClassNames() });
  const degree = options.chebyshevDegree ?? 4;
  return prepareData(chebyshevDataset(degree), { ...common, label: `Chebyshev T_${degree} on 20 points (regression)`, testFraction: options.testFraction ?? info.testFraction, classNames: null });
}

/** A user's CSV data set prepared for training (per-feature standardisation unless told otherwise, 20 % held out). */
export function prepareCsv(csv: CsvDataset, options: PrepareOptions & { readonly name?: string }): PreparedData {
  return prepareData(csv.data, {
    source: 'csv',
    label: `${options.name ?? 'CSV'}: ${csv.data.size} rows, target '${csv.targetName}'`,
    seed: options.seed,
    testFraction: options.testFraction ?? 0.2,
    standardize: options.standardize ?? 'feature',
    classNames: csv.classLabels?.map(String) ?? null,
  });
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATA_SOURCE_INFO, prepareSource } from '../../src/core/data/catalog';
import { crc32 } from '../../src/core/data/crc32';
import { AssetError, decodeImageSet, IMAGE_ASSET_HEADER_BYTES, sha256Hex } from '../../src/core/data/imageAsset';
import { averagePool, decodeImageAsset, DIGITS_ASSET, imageDataset, MNIST_ASSET } from '../../src/core/data/imageSets';
import { applyStandardization, fitStandardization, seededPermutation, splitTrainTest, subsetDataset } from '../../src/core/data/split';
import { chebyshevDataset, chebyshevT, irisDataset } from '../../src/core/data/tabular';
import { expectNear } from './support/expectNear';

/** The file's bytes as an ArrayBuffer of its own. */
function readAsset(path: string): ArrayBuffer {
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

const digitsBytes = readAsset(DIGITS_ASSET.path);
const mnistBytes = readAsset(MNIST_ASSET.path);

/** Counts of each label 0..9. */
function labelCounts(labels: ArrayLike<number>): number[] {
  const counts = new Array(10).fill(0);
  for (let k = 0; k < labels.length; k++) counts[labels[k]]++;
  return counts;
}

describe('image assets', () => {
  it.each([
    [DIGITS_ASSET, digitsBytes],
    [MNIST_ASSET, mnistBytes],
  ])('$name has the committed size and SHA-256 (node:crypto and Web Crypto agree)', async (info, bytes) => {
    expect(bytes.byteLength).toBe(info.bytes);
    expect(createHash('sha256').update(new Uint8Array(bytes)).digest('hex')).toBe(info.sha256);
    expect(await sha256Hex(bytes)).toBe(info.sha256);
  });

  it('CRC-32 is the standard one (check value of "123456789")', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('decodes the 8×8 digits: 1,797 images, scikit-learn\'s class counts and first image', () => {
    const set = decodeImageAsset(digitsBytes, DIGITS_ASSET);
    expect(set).toMatchObject({ count: 1797, rows: 8, cols: 8, classes: 10, maxValue: 16, trainCount: 1797 });
    expect(labelCounts(set.labels)).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    expect(Array.from(set.pixels.subarray(0, 16))).toEqual([0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0]);
    expect(Array.from(set.labels.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(set.labels.subarray(-3))).toEqual([8, 9, 8]);
    expect(set.pixels.reduce((s, p) => s + p, 0)).toBe(561718);
  });

  it('decodes the MNIST subset: 2,000 + 500 images, 28×28, known labels and pixels', () => {
    const set = decodeImageAsset(mnistBytes, MNIST_ASSET);
    expect(set).toMatchObject({ count: 2500, rows: 28, cols: 28, classes: 10, maxValue: 255, trainCount: 2000 });
    expect(Array.from(set.labels.subarray(0, 6))).toEqual([9, 3, 2, 6, 3, 9]);
    expect(Array.from(set.labels.subarray(2000, 2005))).toEqual([7, 8, 2, 0, 4]);
    expect(labelCounts(set.labels.subarray(0, 2000))).toEqual([197, 220, 208, 211, 196, 172, 199, 205, 209, 183]);
    expect(Array.from(set.pixels.subarray(14 * 28 + 10, 14 * 28 + 18))).toEqual([253, 245, 175, 253, 253, 253, 253, 253]);
    expect(set.pixels.subarray(0, 784).reduce((s, p) => s + p, 0)).toBe(24951);
  });

  it('refuses a wrong file, a truncated one, a corrupted one and another asset, each with its reason', () => {
    const copy = () => digitsBytes.slice(0);
    expect(() => decodeImageAsset(mnistBytes, DIGITS_ASSET)).toThrow(/digits-8x8.bin: 1962532 bytes, expected 116837/);
    expect(() => decodeImageSet(digitsBytes.slice(0, 1000), DIGITS_ASSET)).toThrow(/1000 bytes, the header promises 116837/);
    expect(() => decodeImageSet(digitsBytes.slice(0, 10), DIGITS_ASSET)).toThrow(/too short/);
    const corrupted = copy();
    new Uint8Array(corrupted)[IMAGE_ASSET_HEADER_BYTES + 5] ^= 1;
    expect(() => decodeImageAsset(corrupted, DIGITS_ASSET)).toThrow(/CRC-32 .* does not match .*corrupted/);
    const png = copy();
    new Uint8Array(png).set([0x89, 0x50, 0x4e, 0x47]);
    expect(() => decodeImageAsset(png, DIGITS_ASSET)).toThrow(AssetError);
    expect(() => decodeImageAsset(png, DIGITS_ASSET)).toThrow(/not a Taylor Lab image asset/);
    const version = copy();
    new DataView(version).setUint16(4, 9, true);
    expect(() => decodeImageAsset(version, DIGITS_ASSET)).toThrow(/asset version 9/);
    expect(() => decodeImageSet(digitsBytes, { name: 'x', classes: 3 })).toThrow(/classes = 10, expected 3/);
  });

  it('average-pools 28×28 to 14×14 (each value the mean of its 2×2 block)', () => {
    const set = decodeImageAsset(mnistBytes, MNIST_ASSET);
    const pooled = averagePool(set, 2);
    expect([pooled.rows, pooled.cols, pooled.values.length]).toEqual([14, 14, 2500 * 196]);
    const n = 7;
    const p = (r: number, c: number) => set.pixels[n * 784 + r * 28 + c];
    for (const [r, c] of [[7, 5], [10, 10], [0, 13]]) {
      expect(pooled.values[n * 196 + r * 14 + c]).toBe((p(2 * r, 2 * c) + p(2 * r, 2 * c + 1) + p(2 * r + 1, 2 * c) + p(2 * r + 1, 2 * c + 1)) / 4);
    }
    // Pooling keeps each image's mean.
    const mean = (a: ArrayLike<number>, from: number, len: number) => Array.from({ length: len }, (_, k) => a[from + k]).reduce((s, v) => s + v, 0) / len;
    expectNear(mean(pooled.values, n * 196, 196), mean(set.pixels, n * 784, 784), 1e-12, 'mean of image 7');
    expect(() => averagePool(set, 3)).toThrow(/cannot pool 28×28 images by 3/);
  });
});

describe('tabular sets, splits and standardisation', () => {
  it('Iris: 150 × 4, three classes of 50, first flower 5.1 3.5 1.4 0.2 setosa', () => {
    const iris = irisDataset();
    expect(iris).toMatchObject({ task: 'classification', inputDim: 4, size: 150, classes: 3 });
    expect(Array.from(iris.inputs.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect([0, 1, 2].map((c) => iris.targets.filter((t) => t === c).length)).toEqual([50, 50, 50]);
  });

  it('Chebyshev: 20 points on [-1, 1] with T_k(x) = cos(k arccos x) (1e-12)', () => {
    for (const k of [3, 4, 5, 6]) {
      const data = chebyshevDataset(k);
      expect(data).toMatchObject({ task: 'regression', inputDim: 1, size: 20 });
      expect([data.inputs[0], data.inputs[19]]).toEqual([-1, 1]);
      data.inputs.forEach((x, i) => expectNear(data.targets[i], Math.cos(k * Math.acos(x)), 1e-12, `T_${k}(${x})`));
    }
    expect(chebyshevT(4, 0.5)).toBeCloseTo(8 * 0.5 ** 4 - 8 * 0.25 + 1, 14);
    expect(() => chebyshevDataset(2.5)).toThrow(RangeError);
  });

  it('splits with a seed: disjoint, complete, the same for the same seed', () => {
    const iris = irisDataset();
    const a = splitTrainTest(iris, 0.2, 3);
    const b = splitTrainTest(iris, 0.2, 3);
    const c = splitTrainTest(iris, 0.2, 4);
    expect([a.train.size, a.test?.size]).toEqual([120, 30]);
    expect(Array.from(a.testIndices)).toEqual(Array.from(b.testIndices));
    expect(Array.from(a.testIndices)).not.toEqual(Array.from(c.testIndices));
    expect(new Set([...a.trainIndices, ...a.testIndices]).size).toBe(150);
    expect(a.train.classes).toBe(3);
    expect(Array.from(a.test!.inputs.subarray(0, 4))).toEqual(Array.from(iris.inputs.subarray(4 * a.testIndices[0], 4 * a.testIndices[0] + 4)));
    expect(splitTrainTest(iris, 0, 1).test).toBeNull();
    expect(() => splitTrainTest(iris, 1, 1)).toThrow(RangeError);
    expect(Array.from(seededPermutation(5, 1)).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('standardises with the training statistics only: the training part gets mean 0 and standard deviation 1 (1e-12)', () => {
    const { train, test } = splitTrainTest(irisDataset(), 0.2, 1);
    const s = fitStandardization(train, 'feature');
    const z = applyStandardization(train, s);
    for (let j = 0; j < 4; j++) {
      const col = Array.from({ length: z.size }, (_, k) => z.inputs[4 * k + j]);
      const m = col.reduce((a, v) => a + v, 0) / col.length;
      expectNear(m, 0, 1e-12, `mean of feature ${j}`);
      expectNear(col.reduce((a, v) => a + (v - m) ** 2, 0) / col.length, 1, 1e-12, `variance of feature ${j}`);
    }
    const zt = applyStandardization(test!, s);
    expect(zt.inputs[0]).toBe((test!.inputs[0] - s.mean[0]) / s.scale[0]);
    const g = fitStandardization(train, 'global');
    expect(new Set(g.mean).size).toBe(1);
    const none = fitStandardization(train, 'none');
    expect(applyStandardization(train, none).inputs).toEqual(train.inputs);
  });

  it('a constant feature (a blank pixel) standardises to 0, not NaN', () => {
    const data = { task: 'regression' as const, inputDim: 2, size: 3, inputs: Float64Array.from([5, 1, 5, 2, 5, 3]), targets: new Float64Array(3) };
    const z = applyStandardization(data, fitStandardization(data, 'feature'));
    expect([z.inputs[0], z.inputs[2], z.inputs[4]]).toEqual([0, 0, 0]);
  });

  it('a fixed seeded subset for the curvature objective', () => {
    const iris = irisDataset();
    const a = subsetDataset(iris, 40, 9);
    expect(a.data.size).toBe(40);
    expect(Array.from(subsetDataset(iris, 40, 9).indices)).toEqual(Array.from(a.indices));
    expect(subsetDataset(iris, 500, 9).data).toBe(iris);
  });
});

describe('prepared data sets', () => {
  it('digits: 1,438 + 359 by a seeded split, pixels standardised by one training mean and scale', () => {
    const d = prepareSource('digits', { seed: 1 }, digitsBytes);
    expect([d.train.size, d.test?.size, d.train.inputDim, d.train.classes]).toEqual([1438, 359, 64, 10]);
    expect(d.image).toEqual({ rows: 8, cols: 8 });
    expect(d.standardization.mode).toBe('global');
    expect(d.rawTest!.inputs[5]).toBe(new Uint8Array(digitsBytes, IMAGE_ASSET_HEADER_BYTES)[64 * d.split.testIndices[0] + 5]);
    expect(d.train.inputs[3]).toBe((d.rawTrain.inputs[3] - d.standardization.mean[3]) / d.standardization.scale[3]);
  });

  it('mnist and mnist14: the asset\'s fixed 2,000 / 500 split, 784 or 196 inputs', () => {
    const m = prepareSource('mnist', { seed: 7 }, mnistBytes);
    const m14 = prepareSource('mnist14', { seed: 7 }, mnistBytes);
    expect([m.train.size, m.test?.size, m.train.inputDim, m.split.seed]).toEqual([2000, 500, 784, null]);
    expect([m14.train.size, m14.test?.size, m14.train.inputDim]).toEqual([2000, 500, 196]);
    expect(Array.from(m14.train.targets.subarray(0, 6))).toEqual([9, 3, 2, 6, 3, 9]);
    expect(() => prepareSource('mnist', { seed: 7 })).toThrow(/needs the bytes of assets\/data\/mnist-2000-500.bin/);
  });

  it('iris and chebyshev from code, with their stated defaults', () => {
    const iris = prepareSource('iris', { seed: 2 });
    expect([iris.train.size, iris.test?.size, iris.classNames]).toEqual([120, 30, ['setosa', 'versicolor', 'virginica']]);
    const cheb = prepareSource('chebyshev', { seed: 2, chebyshevDegree: 5 });
    expect([cheb.train.size, cheb.test, cheb.train.inputs[0]]).toEqual([20, null, -1]);
    expect(DATA_SOURCE_INFO.chebyshev.task).toBe('regression');
    expect(imageDataset(decodeImageAsset(digitsBytes, DIGITS_ASSET)).inputs.length).toBe(1797 * 64);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/compute/tf';
import { initBackend } from '../../src/compute/backend';
import { GridEvaluator, isStaleGrid, type GridResult } from '../../src/compute/GridEvaluator';
import type { GridField } from '../../src/core/types';
import { derivativesFromCoefficients } from '../../src/core/landscape/Landscape';
import { makeDataset } from '../../src/core/network/datasets';
import { networkLoss } from '../../src/core/network/mlp';
import { NetworkSliceLandscape } from '../../src/core/network/NetworkSliceLandscape';
import { parameterLayout, type Dataset, type NetworkSpec } from '../../src/core/network/types';
import { dataTensors, lossOf } from '../../src/compute/network/tfNetwork';
import { trainNetwork, type TrainResult } from '../../src/compute/network/train';
import { hessianVectorProduct, lambdaMax, topEigenpairs } from '../../src/compute/network/hessian';
import { filterNormalizedDirection, filterNormalizedDirections, hessianDirections, pathDirections } from '../../src/compute/network/directions';
import { networkHessianMatrix } from '../../src/core/network/gaussNewton';
import { symmetricEigen } from '../../src/core/spectrum/dense';
import { GRID_PASS_BYTES, networkGridLandscape, type NetworkGridLandscape } from '../../src/compute/network/NetworkGridLandscape';

/** 2-3-1 tanh network: 13 parameters, small enough to build its Hessian explicitly. */
const TINY: NetworkSpec = { widths: [2, 3, 1], activation: 'tanh', task: 'classification', weightDecay: 1e-3 };
const XOR: Dataset = makeDataset('xor', { seed: 3, noise: 0.05, size: 40 });

function dot(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

function along(theta: ArrayLike<number>, d1: ArrayLike<number>, d2: ArrayLike<number>, a: number, b: number): Float64Array {
  return Float64Array.from(theta, (t, i) => t + a * d1[i] + b * d2[i]);
}

/** ∇θL at θ by tfjs autodiff (float32), read back. */
function gradientAt(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>): Float64Array {
  const { X, T } = dataTensors(data);
  const g = tf.tidy(() => tf.grad((th: tf.Tensor) => lossOf(spec, th, X, T))(tf.tensor1d(Float32Array.from(theta))));
  const out = Float64Array.from(g.dataSync());
  tf.dispose([g, X, T]);
  return out;
}

/** The Hessian built column by column from HVPs of the unit vectors, symmetrised. */
async function hessianFromHvps(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>): Promise<Float64Array[]> {
  const P = theta.length;
  const columns: Float64Array[] = [];
  for (let j = 0; j < P; j++) columns.push(await hessianVectorProduct(spec, data, theta, Float64Array.from({ length: P }, (_, i) => (i === j ? 1 : 0))));
  return columns.map((_, i) => Float64Array.from({ length: P }, (__, j) => (columns[j][i] + columns[i][j]) / 2));
}

/** Float64 Hessian of the float64 loss by central differences (no tfjs at all). */
function hessianByDifferences(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, h = 1e-4): Float64Array[] {
  const P = theta.length;
  const f = (i: number, si: number, j: number, sj: number): number => {
    const t = Float64Array.from(theta);
    t[i] += si * h;
    t[j] += sj * h;
    return networkLoss(spec, t, data);
  };
  return Array.from({ length: P }, (_, i) => Float64Array.from({ length: P }, (__, j) => (f(i, 1, j, 1) - f(i, 1, j, -1) - f(i, -1, j, 1) + f(i, -1, j, -1)) / (4 * h * h)));
}

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations, largest first. */
function jacobiEigenvalues(matrix: readonly Float64Array[]): number[] {
  const n = matrix.length;
  const a = matrix.map((r) => Float64Array.from(r));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (a[p][q] === 0) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
      }
    }
  }
  return a.map((r, i) => r[i]).sort((x, y) => y - x);
}

function fieldOf(result: GridResult): GridField {
  if (isStaleGrid(result)) throw new Error('unexpected stale grid');
  return result;
}

function sliceOf(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, d1: ArrayLike<number>, d2: ArrayLike<number>): NetworkGridLandscape {
  return networkGridLandscape(new NetworkSliceLandscape(spec, data, theta, d1, d2), spec, data, theta, d1, d2);
}

let trained: TrainResult;

beforeAll(async () => {
  await initBackend('cpu');
  trained = await trainNetwork(TINY, XOR, { optimizer: 'adam', lr: 0.05, steps: 300, seed: 1, snapshotEvery: 10 });
});

describe('training', () => {
  it('lowers the loss and ends with reason done and a finite θ*', () => {
    expect(trained.reason).toBe('done');
    expect(trained.steps).toBe(300);
    expect(trained.lossHistory.length).toBe(301);
    expect(trained.loss).toBeLessThan(0.5 * trained.lossHistory[0]);
    expect(trained.theta.every(Number.isFinite)).toBe(true);
    expect(trained.snapshotSteps[0]).toBe(0);
    expect(trained.snapshotSteps[trained.snapshotSteps.length - 1]).toBe(300);
  });

  it('reports a final loss equal to the float64 loss at θ* to float32 accuracy (1e-5 relative)', () => {
    expect(Math.abs(trained.loss - networkLoss(TINY, trained.theta, XOR))).toBeLessThan(1e-5 * (1 + trained.loss));
  });

  it('reproduces the same final loss and parameters from the same seed, and not from another', async () => {
    const again = await trainNetwork(TINY, XOR, { optimizer: 'adam', lr: 0.05, steps: 300, seed: 1, snapshotEvery: 10 });
    expect(again.loss).toBe(trained.loss);
    expect(Array.from(again.theta)).toEqual(Array.from(trained.theta));
    const other = await trainNetwork(TINY, XOR, { optimizer: 'adam', lr: 0.05, steps: 300, seed: 2, snapshotEvery: 10 });
    expect(other.loss).not.toBe(trained.loss);
  });

  it('stops at a chunk boundary when its signal is aborted', async () => {
    const controller = new AbortController();
    const result = await trainNetwork(TINY, XOR, {
      optimizer: 'gd', lr: 0.1, steps: 1000, seed: 1, snapshotEvery: 50, yieldEvery: 10, signal: controller.signal,
      onProgress: (step) => step >= 20 && controller.abort(),
    });
    expect(result.reason).toBe('stopped');
    expect(result.steps).toBe(20);
    expect(Math.abs(result.loss - networkLoss(TINY, result.theta, XOR))).toBeLessThan(1e-5);
  });

  it('ends a diverging run as diverged and keeps the last parameters whose loss was finite', async () => {
    const spec: NetworkSpec = { widths: [1, 4, 1], activation: 'tanh', task: 'regression', weightDecay: 0 };
    const sine = makeDataset('sine', { seed: 1, noise: 0.1, size: 30 });
    const result = await trainNetwork(spec, sine, { optimizer: 'gd', lr: 1e6, steps: 200, seed: 1, snapshotEvery: 5 });
    expect(result.reason).toBe('diverged');
    expect(result.steps).toBeLessThan(200);
    expect(Number.isFinite(result.loss)).toBe(true);
    expect(result.theta.every(Number.isFinite)).toBe(true);
  });

  it('rejects zero widths, 10^6 steps and a NaN learning rate with clear messages', async () => {
    const ok = { optimizer: 'gd', lr: 0.1, steps: 10, seed: 1, snapshotEvery: 1 } as const;
    await expect(trainNetwork({ ...TINY, widths: [2, 0, 1] }, XOR, ok)).rejects.toThrow(/width.*>= 1/);
    await expect(trainNetwork(TINY, XOR, { ...ok, steps: 1e6 })).rejects.toThrow(/steps must be a whole number from 1 to 100000/);
    await expect(trainNetwork(TINY, XOR, { ...ok, lr: NaN })).rejects.toThrow(/learning rate must be a finite number > 0/);
    await expect(trainNetwork({ ...TINY, widths: [3, 4, 1] }, XOR, ok)).rejects.toThrow(/input dimension/);
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await trainNetwork(TINY, XOR, { optimizer: 'adam', lr: 0.05, steps: 25, seed: 4, snapshotEvery: 5 });
    await trainNetwork(TINY, XOR, { optimizer: 'gd', lr: 0.5, steps: 25, seed: 4, snapshotEvery: 5 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

/**
 * Grid-pass tolerance: the grid is float32 tfjs, the references are float32 tfjs gradients/HVPs
 * at the same θ(a, b) or float64 jets; each field is compared against the largest magnitude of
 * that field on the grid (at least 1): |grid - reference| <= 1e-4 * max(1, max|reference|).
 */
const GRID_TOL = 1e-4;

function expectFieldClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = GRID_TOL): void {
  let scale = 1;
  for (let k = 0; k < expected.length; k++) scale = Math.max(scale, Math.abs(expected[k]));
  let worst = 0;
  for (let k = 0; k < expected.length; k++) worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
  expect(worst).toBeLessThanOrEqual(tol * scale);
}

describe('the slice on the grid', () => {
  const domain = { xmin: -0.5, xmax: 0.5, ymin: -0.5, ymax: 0.5 };
  const n = 5;

  it('has L(0, 0) equal to the training loss at θ*', async () => {
    const { d1, d2 } = filterNormalizedDirections(TINY, trained.theta, 7);
    const evaluator = new GridEvaluator();
    const field = fieldOf(await evaluator.evaluate(sliceOf(TINY, XOR, trained.theta, d1, d2), domain, n));
    evaluator.dispose();
    const centre = 2 * n + 2;
    expect(Math.abs(field.f[centre] - trained.loss)).toBeLessThan(1e-5 * (1 + trained.loss));
    expect(sliceOf(TINY, XOR, trained.theta, d1, d2).value(0, 0)).toBeCloseTo(networkLoss(TINY, trained.theta, XOR), 12);
  });

  it('gives ∂L/∂a = ∇θL·d1, ∂L/∂b = ∇θL·d2 and the Hessian d_iᵀ H d_j (HVPs) at every grid point', async () => {
    const { d1, d2 } = filterNormalizedDirections(TINY, trained.theta, 7);
    const evaluator = new GridEvaluator();
    const field = fieldOf(await evaluator.evaluate(sliceOf(TINY, XOR, trained.theta, d1, d2), domain, n));
    evaluator.dispose();
    const expected = { gx: [] as number[], gy: [] as number[], hxx: [] as number[], hxy: [] as number[], hyy: [] as number[] };
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const theta = along(trained.theta, d1, d2, domain.xmin + (i * 1) / (n - 1), domain.ymin + (j * 1) / (n - 1));
        const g = gradientAt(TINY, XOR, theta);
        const h1 = await hessianVectorProduct(TINY, XOR, theta, d1);
        const h2 = await hessianVectorProduct(TINY, XOR, theta, d2);
        expected.gx.push(dot(g, d1));
        expected.gy.push(dot(g, d2));
        expected.hxx.push(dot(d1, h1));
        expected.hxy.push(dot(d1, h2));
        expected.hyy.push(dot(d2, h2));
      }
    }
    for (const name of ['gx', 'gy', 'hxx', 'hxy', 'hyy'] as const) expectFieldClose(field[name], expected[name]);
  });

  it('agrees with the float64 jets of the slice (value, gradient, Hessian) at every grid point', async () => {
    const { d1, d2 } = filterNormalizedDirections(TINY, trained.theta, 11);
    const landscape = sliceOf(TINY, XOR, trained.theta, d1, d2);
    const evaluator = new GridEvaluator();
    const field = fieldOf(await evaluator.evaluate(landscape, domain, n));
    evaluator.dispose();
    const jets = Array.from({ length: n * n }, (_, k) => derivativesFromCoefficients(landscape.coefficients(domain.xmin + (k % n) / (n - 1), domain.ymin + Math.floor(k / n) / (n - 1), 2)));
    for (const name of ['f', 'gx', 'gy', 'hxx', 'hxy', 'hyy'] as const) expectFieldClose(field[name], jets.map((d) => d[name]));
  });

  it('gives the same fields in chunks as in one pass (each point depends on its own (a, b) only)', async () => {
    const { d1, d2 } = filterNormalizedDirections(TINY, trained.theta, 7);
    const whole = sliceOf(TINY, XOR, trained.theta, d1, d2);
    const chunked = { ...whole, key: whole.key, value: whole.value.bind(whole), coefficients: whole.coefficients.bind(whole), tensorFunction: () => whole.tensorFunction(), maxPointsPerPass: 7 };
    const evaluator = new GridEvaluator();
    const a = fieldOf(await evaluator.evaluate(whole, domain, n));
    const b = fieldOf(await evaluator.evaluate(chunked, domain, n));
    evaluator.dispose();
    for (const name of ['f', 'gx', 'gy', 'hxx', 'hxy', 'hyy'] as const) expectFieldClose(b[name], a[name], 1e-6);
  });

  it('bounds a pass of a 2-8-8-1 net on 200 samples to a few hundred points', () => {
    const spec: NetworkSpec = { widths: [2, 8, 8, 1], activation: 'tanh', task: 'classification', weightDecay: 0 };
    const data = makeDataset('spiral', { seed: 1, noise: 0.1 });
    const theta = new Float64Array(parameterLayout(spec.widths).count).fill(0.1);
    const max = sliceOf(spec, data, theta, theta, theta).maxPointsPerPass;
    expect(max).toBeGreaterThanOrEqual(64);
    expect(max).toBeLessThan(4096);
  });

  it('keeps one full chunk of the grid pass within GRID_PASS_BYTES (tf.profile peak) without being needlessly small', async () => {
    const { d1, d2 } = filterNormalizedDirections(TINY, trained.theta, 7);
    const landscape = sliceOf(TINY, XOR, trained.theta, d1, d2);
    const side = Math.floor(Math.sqrt(landscape.maxPointsPerPass));
    const evaluator = new GridEvaluator();
    const info = await tf.profile(async () => {
      await evaluator.evaluate(landscape, domain, side);
    });
    evaluator.dispose();
    const fullChunkBytes = (info.peakBytes * landscape.maxPointsPerPass) / (side * side);
    expect(fullChunkBytes).toBeLessThanOrEqual(GRID_PASS_BYTES);
    expect(fullChunkBytes).toBeGreaterThan(GRID_PASS_BYTES / 4);
  });

  it('leaves no tensors behind after a grid pass', async () => {
    const { d1, d2 } = filterNormalizedDirections(TINY, trained.theta, 7);
    const evaluator = new GridEvaluator();
    const landscape = sliceOf(TINY, XOR, trained.theta, d1, d2);
    await evaluator.evaluate(landscape, domain, n);
    const before = tf.memory().numTensors;
    await evaluator.evaluate({ ...landscape, value: landscape.value.bind(landscape), coefficients: landscape.coefficients.bind(landscape), tensorFunction: () => landscape.tensorFunction(), maxPointsPerPass: 6 }, domain, n);
    expect(tf.memory().numTensors).toBe(before);
    evaluator.dispose();
  });
});

describe('curvature of the full network', () => {
  it('builds from HVPs the same Hessian as float64 central differences of the float64 loss (1e-3 of its largest entry)', async () => {
    const byHvp = await hessianFromHvps(TINY, XOR, trained.theta);
    const byDifferences = hessianByDifferences(TINY, XOR, trained.theta);
    const scale = Math.max(...byDifferences.map((r) => Math.max(...r.map(Math.abs))));
    for (let i = 0; i < byHvp.length; i++) expectFieldClose(byHvp[i], byDifferences[i], 1e-3 * scale);
  });

  it('finds by Lanczos the largest (algebraic) eigenvalue of the explicit Hessian to 1e-3 (relative), and the second one, with residuals', async () => {
    const exact = jacobiEigenvalues(await hessianFromHvps(TINY, XOR, trained.theta));
    const pairs = await topEigenpairs(TINY, XOR, trained.theta, { k: 2, seed: 1 });
    expect(Math.abs(pairs.eigenvalues[0] - exact[0])).toBeLessThan(1e-3 * exact[0]);
    expect(Math.abs(pairs.eigenvalues[1] - exact[1])).toBeLessThan(1e-3 * exact[0]);
    expect(pairs.converged).toBe(true);
    // At most P = 13 Lanczos steps (the whole space), plus 2 HVPs per residual check.
    expect(pairs.hvps).toBeLessThanOrEqual(13 + 2 * 4);
    for (const r of pairs.residuals) expect(r).toBeLessThanOrEqual(1e-4 * pairs.scale);
    for (const v of pairs.eigenvectors) expect(dot(v, v)).toBeCloseTo(1, 10);
    expect(Math.abs(dot(pairs.eigenvectors[0], pairs.eigenvectors[1]))).toBeLessThan(1e-10);
    const single = await lambdaMax(TINY, XOR, trained.theta, { seed: 1 });
    expect(Math.abs(single.lambdaMax - pairs.eigenvalues[0])).toBeLessThan(1e-4 * exact[0]);
    expect(single.stableLearningRate).toBeCloseTo(2 / single.lambdaMax, 12);
  });

  it('gives the eigenvector slice an in-slice Hessian diag(λ1, λ2) at θ* (1e-3 of λ1)', async () => {
    const { d1, d2, eigenvalues } = await hessianDirections(TINY, XOR, trained.theta, { seed: 2, tol: 1e-6 });
    const evaluator = new GridEvaluator();
    const field = fieldOf(await evaluator.evaluate(sliceOf(TINY, XOR, trained.theta, d1, d2), { xmin: -0.1, xmax: 0.1, ymin: -0.1, ymax: 0.1 }, 3));
    evaluator.dispose();
    const [l1, l2] = eigenvalues;
    // λ1, λ2 are the two largest eigenvalues of the explicitly built float64 Hessian.
    const dense = symmetricEigen(networkHessianMatrix(TINY, XOR, trained.theta), trained.theta.length).values;
    expect(Math.abs(l1 - dense[dense.length - 1])).toBeLessThan(1e-3 * l1);
    expect(Math.abs(l2 - dense[dense.length - 2])).toBeLessThan(1e-3 * l1);
    expect(Math.abs(field.hxx[4] - l1)).toBeLessThan(1e-3 * l1);
    expect(Math.abs(field.hyy[4] - l2)).toBeLessThan(1e-3 * l1);
    expect(Math.abs(field.hxy[4])).toBeLessThan(1e-3 * l1);
  });

  it('leaves no tensors behind after a Lanczos eigen-solve', async () => {
    const before = tf.memory().numTensors;
    await topEigenpairs(TINY, XOR, trained.theta, { k: 2, maxSteps: 10 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('slice directions', () => {
  it('rescales each neuron row of a filter-normalised direction to the norm of that row in θ* and zeroes its biases', () => {
    const d = filterNormalizedDirection(TINY, trained.theta, 5);
    for (const slot of parameterLayout(TINY.widths).layers) {
      for (let r = 0; r < slot.rows; r++) {
        const begin = slot.weights + r * slot.cols;
        const rowNorm = Math.hypot(...trained.theta.subarray(begin, begin + slot.cols));
        expect(Math.hypot(...d.subarray(begin, begin + slot.cols))).toBeCloseTo(rowNorm, 12);
      }
      expect(Array.from(d.subarray(slot.bias, slot.bias + slot.rows))).toEqual(new Array(slot.rows).fill(0));
    }
    expect(Array.from(filterNormalizedDirection(TINY, trained.theta, 5))).toEqual(Array.from(d));
    expect(Array.from(filterNormalizedDirection(TINY, trained.theta, 6))).not.toEqual(Array.from(d));
  });

  it('finds the plane of a path that lies in a plane, with orthonormal directions and exact coordinates', () => {
    const P = 13;
    const u = Float64Array.from({ length: P }, (_, i) => Math.sin(i + 1));
    const w = Float64Array.from({ length: P }, (_, i) => Math.cos(3 * i));
    const star = Float64Array.from({ length: P }, (_, i) => i / 10);
    const snapshots = Array.from({ length: 20 }, (_, t) => along(star, u, w, 3 * Math.exp(-t / 5), Math.sin(t) * Math.exp(-t / 8)));
    const path = pathDirections(snapshots, star);
    expect(dot(path.d1, path.d1)).toBeCloseTo(1, 12);
    expect(dot(path.d2, path.d2)).toBeCloseTo(1, 12);
    expect(dot(path.d1, path.d2)).toBeCloseTo(0, 12);
    snapshots.forEach((s, t) => {
      const rebuilt = along(star, path.d1, path.d2, path.a[t], path.b[t]);
      for (let i = 0; i < P; i++) expect(rebuilt[i]).toBeCloseTo(s[i], 9);
    });
    expect(path.explained[0] + path.explained[1]).toBeCloseTo(1, 9);
    expect(path.explained[0]).toBeGreaterThanOrEqual(path.explained[1]);
  });

  it('uses the parameter space when there are more snapshots than parameters, with the same result', () => {
    const P = 4;
    const star = Float64Array.from([1, -1, 0.5, 2]);
    const snapshots = Array.from({ length: 9 }, (_, t) => Float64Array.from({ length: P }, (__, i) => star[i] + Math.sin(t * (i + 1)) * Math.exp(-t / 4)));
    const many = pathDirections(snapshots, star);
    const few = pathDirections(snapshots.slice(0, 3), star);
    expect(Math.abs(dot(many.d1, many.d1))).toBeCloseTo(1, 12);
    expect(Math.abs(dot(many.d1, many.d2))).toBeCloseTo(0, 12);
    // With three snapshots in 4D the first two components capture less than all the variance; with nine, the captured share is the top-two eigenvalue share.
    expect(few.explained[0]).toBeGreaterThan(0);
    const total = snapshots.reduce((s, x) => s + x.reduce((q, xi, i) => q + (xi - star[i]) ** 2, 0), 0);
    const captured = snapshots.reduce((s, x) => s + dot(x.map((xi, i) => xi - star[i]), many.d1) ** 2 + dot(x.map((xi, i) => xi - star[i]), many.d2) ** 2, 0);
    expect(captured / total).toBeCloseTo(many.explained[0] + many.explained[1], 9);
  });

  it('takes the training path of a real run and rejects a straight-line path', () => {
    const path = pathDirections(trained.snapshots, trained.theta);
    expect(path.a.length).toBe(trained.snapshots.length);
    expect(path.a[path.a.length - 1]).toBeCloseTo(0, 12);
    const star = new Float64Array(5);
    const line = [1, 2, 3].map((s) => Float64Array.from({ length: 5 }, (_, i) => s * (i + 1)));
    expect(() => pathDirections(line, star)).toThrow(/fewer than two directions/);
  });
});

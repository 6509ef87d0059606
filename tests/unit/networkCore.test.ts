import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/core/expr/ast';
import { taylorCoefficients } from '../../src/core/jet';
import { coefficientCount, coefficientIndex } from '../../src/core/taylorLayout';
import { createRandom } from '../../src/core/network/random';
import { DATASET_INFO, DATASET_KINDS, makeDataset } from '../../src/core/network/datasets';
import { accuracy, forward, initParameters, layersToNested, nestedToLayers, networkLoss, parameterCount } from '../../src/core/network/mlp';
import { NetworkSliceLandscape } from '../../src/core/network/NetworkSliceLandscape';
import type { Activation, Dataset, NetworkSpec } from '../../src/core/network/types';
import { parameterLayout } from '../../src/core/network/types';
import { expectNear, expectRelNear } from './support/expectNear';

const spec = (widths: number[], activation: Activation = 'tanh', weightDecay = 0, task: NetworkSpec['task'] = 'classification'): NetworkSpec => ({ widths, activation, task, weightDecay });

/** Seeded normal vector of the given length times a scale. */
function randomVector(length: number, seed: number, scale = 1): Float64Array {
  const rng = createRandom(seed);
  return Float64Array.from({ length }, () => scale * rng.normal());
}

describe('seeded random numbers', () => {
  it('repeat per seed and differ between seeds', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const xs = Array.from({ length: 20 }, () => a.uniform());
    expect(Array.from({ length: 20 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.uniform())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('give normals with mean 0 and variance 1 (10,000 draws, within 0.05)', () => {
    const rng = createRandom(3);
    const zs = Array.from({ length: 10000 }, () => rng.normal());
    const mean = zs.reduce((s, z) => s + z, 0) / zs.length;
    const variance = zs.reduce((s, z) => s + (z - mean) ** 2, 0) / zs.length;
    expectNear(mean, 0, 0.05, 'mean');
    expectNear(variance, 1, 0.05, 'variance');
  });
});

describe('data sets', () => {
  it('list five kinds with labels: four classification sets and one regression set', () => {
    expect(DATASET_KINDS).toEqual(['circles', 'xor', 'gaussians', 'spiral', 'sine']);
    expect(DATASET_KINDS.filter((k) => DATASET_INFO[k].task === 'regression')).toEqual(['sine']);
    for (const k of DATASET_KINDS) expect(DATASET_INFO[k].label.length).toBeGreaterThan(3);
  });

  it.each(DATASET_KINDS)('%s is deterministic per seed, 200 samples by default, and changes with the seed', (kind) => {
    const a = makeDataset(kind, { seed: 1, noise: 0.1 });
    const b = makeDataset(kind, { seed: 1, noise: 0.1 });
    const c = makeDataset(kind, { seed: 2, noise: 0.1 });
    expect(a.size).toBe(200);
    expect(a.inputs).toHaveLength(200 * a.inputDim);
    expect(a.targets).toHaveLength(200);
    expect(Array.from(b.inputs)).toEqual(Array.from(a.inputs));
    expect(Array.from(b.targets)).toEqual(Array.from(a.targets));
    expect(Array.from(c.inputs)).not.toEqual(Array.from(a.inputs));
    expect(a.inputs.every(Number.isFinite)).toBe(true);
  });

  it.each(DATASET_KINDS.filter((k) => k !== 'sine'))('%s has 2D inputs and balanced 0/1 targets (100 + 100, and 26 + 25 of 51)', (kind) => {
    const d = makeDataset(kind, { seed: 5, noise: 0.1 });
    expect(d.task).toBe('classification');
    expect(d.inputDim).toBe(2);
    expect(d.targets.every((t) => t === 0 || t === 1)).toBe(true);
    expect(d.targets.reduce((s, t) => s + t, 0)).toBe(100);
    const odd = makeDataset(kind, { seed: 5, noise: 0.1, size: 51 });
    expect(odd.targets.reduce((s, t) => s + t, 0)).toBe(26);
  });

  it('places noiseless circles, XOR and spiral points where their definitions say', () => {
    const radius = (d: Dataset, k: number) => Math.hypot(d.inputs[2 * k], d.inputs[2 * k + 1]);
    const circles = makeDataset('circles', { seed: 1, noise: 0 });
    for (let k = 0; k < 200; k++) {
      const r = radius(circles, k);
      if (circles.targets[k] === 1) expect(r).toBeLessThanOrEqual(0.5);
      else expect(r >= 0.7 && r <= 1).toBe(true);
    }
    const xor = makeDataset('xor', { seed: 1, noise: 0 });
    for (let k = 0; k < 200; k++) expect(xor.inputs[2 * k] * xor.inputs[2 * k + 1] > 0).toBe(xor.targets[k] === 1);
    const spiral = makeDataset('spiral', { seed: 1, noise: 0 });
    for (let k = 0; k < 200; k++) expect(radius(spiral, k)).toBeLessThanOrEqual(1);
    // The two arms are point reflections of each other: sample k of one arm is -(sample k of the other).
    expectNear(spiral.inputs[2 * 10], -spiral.inputs[2 * 110], 1e-12, 'arm reflection');
  });

  it('makes the noiseless sine t = sin x with x in [-π, π], and noise of the stated size', () => {
    const d = makeDataset('sine', { seed: 4, noise: 0 });
    expect(d.task).toBe('regression');
    expect(d.inputDim).toBe(1);
    for (let k = 0; k < d.size; k++) {
      expect(Math.abs(d.inputs[k])).toBeLessThanOrEqual(Math.PI);
      expect(d.targets[k]).toBe(Math.sin(d.inputs[k]));
    }
    const noisy = makeDataset('sine', { seed: 4, noise: 0.3, size: 4000 });
    let s2 = 0;
    for (let k = 0; k < noisy.size; k++) s2 += (noisy.targets[k] - Math.sin(noisy.inputs[k])) ** 2;
    expectNear(Math.sqrt(s2 / noisy.size), 0.3, 0.02, 'noise standard deviation');
  });

  it('refuses a negative noise, a zero size and an unknown kind', () => {
    expect(() => makeDataset('xor', { seed: 1, noise: -1 })).toThrow(RangeError);
    expect(() => makeDataset('xor', { seed: 1, noise: 0, size: 0 })).toThrow(RangeError);
    expect(() => makeDataset('moons' as never, { seed: 1, noise: 0 })).toThrow(/unknown data set/);
  });
});

describe('float64 MLP', () => {
  // 2-2-1 tanh: W1 = [[0.5, -1], [2, 0.25]], b1 = [0.1, -0.2], W2 = [[1.5, -0.5]], b2 = [0.3].
  const tiny = spec([2, 2, 1], 'tanh', 0.1);
  const theta = Float64Array.from([0.5, -1, 2, 0.25, 0.1, -0.2, 1.5, -0.5, 0.3]);
  const data: Dataset = { task: 'classification', inputDim: 2, size: 2, inputs: Float64Array.from([1, 2, -0.5, 0.5]), targets: Float64Array.from([1, 0]) };

  it('computes the loss of a 2-2-1 net as the hand calculation does (1e-15)', () => {
    const z1 = 1.5 * Math.tanh(0.5 * 1 - 1 * 2 + 0.1) - 0.5 * Math.tanh(2 * 1 + 0.25 * 2 - 0.2) + 0.3;
    const z2 = 1.5 * Math.tanh(0.5 * -0.5 - 1 * 0.5 + 0.1) - 0.5 * Math.tanh(2 * -0.5 + 0.25 * 0.5 - 0.2) + 0.3;
    const softplus = (z: number) => Math.log(1 + Math.exp(z));
    const penalty = (0.1 / 2) * (0.25 + 1 + 4 + 0.0625 + 2.25 + 0.25);
    expectNear(forward(tiny, theta, [1, 2]), z1, 1e-15, 'z1');
    expectNear(networkLoss(tiny, theta, data), (softplus(z1) - z1 + softplus(z2)) / 2 + penalty, 1e-15, 'loss');
    expect(accuracy(tiny, theta, data)).toBe(((z1 > 0 ? 1 : 0) + (z2 <= 0 ? 1 : 0)) / 2);
  });

  it('computes the regression loss as the mean squared error and accuracy as R²', () => {
    const reg = spec([1, 1], 'tanh', 0, 'regression');
    const line: Dataset = { task: 'regression', inputDim: 1, size: 3, inputs: Float64Array.from([0, 1, 2]), targets: Float64Array.from([1, 3, 4]) };
    // z = 2x + 1: residuals 0, 0, -1; mean t = 8/3, Σ(t - mean)² = 14/3.
    expectNear(networkLoss(reg, [2, 1], line), 1 / 3, 1e-15, 'mse');
    expectNear(accuracy(reg, [2, 1], line), 1 - 1 / (14 / 3), 1e-15, 'R²');
  });

  it('initialises Glorot-uniform weights and zero biases, the same per seed', () => {
    const s = spec([2, 8, 8, 1]);
    const p = initParameters(s, 3);
    expect(parameterCount(s)).toBe(105);
    expect(p).toHaveLength(105);
    expect(Array.from(initParameters(s, 3))).toEqual(Array.from(p));
    expect(Array.from(initParameters(s, 4))).not.toEqual(Array.from(p));
    for (const { weights, bias, rows, cols } of parameterLayout(s.widths).layers) {
      const limit = Math.sqrt(6 / (rows + cols));
      const w = p.subarray(weights, weights + rows * cols);
      expect(w.every((v) => Math.abs(v) <= limit)).toBe(true);
      expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(limit / 4);
      expect(p.subarray(bias, bias + rows).every((v) => v === 0)).toBe(true);
    }
  });

  it('converts flat parameters to out × in layers and back unchanged', () => {
    const nested = layersToNested(tiny, theta);
    expect(nested).toEqual([
      { weights: [[0.5, -1], [2, 0.25]], bias: [0.1, -0.2] },
      { weights: [[1.5, -0.5]], bias: [0.3] },
    ]);
    expect(Array.from(nestedToLayers(tiny, nested))).toEqual(Array.from(theta));
    expect(() => nestedToLayers(tiny, [nested[0]])).toThrow(RangeError);
    expect(() => nestedToLayers(tiny, [nested[0], { weights: [[1, 2, 3]], bias: [0] }])).toThrow(RangeError);
  });

  it('refuses parameters, data or tasks that do not fit the architecture', () => {
    expect(() => networkLoss(tiny, theta.subarray(1), data)).toThrow(RangeError);
    expect(() => networkLoss(spec([1, 2, 1]), [1, 1, 0, 0, 1, 1, 0], data)).toThrow(/inputs/);
    expect(() => networkLoss(spec([2, 2, 1], 'tanh', 0, 'regression'), theta, data)).toThrow(/regression/);
  });
});

/** The slice loss as an expression tree in x = a, y = b: an independent route to exact jets through jet.ts. */
function sliceExpr(s: NetworkSpec, data: Dataset, theta: ArrayLike<number>, d1: ArrayLike<number>, d2: ArrayLike<number>): Expr {
  const num = (value: number): Expr => ({ kind: 'num', value });
  const bin = (op: '+' | '-' | '*' | '/', left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
  const param = (k: number) => bin('+', num(theta[k]), bin('+', bin('*', num(d1[k]), { kind: 'var', name: 'x' }), bin('*', num(d2[k]), { kind: 'var', name: 'y' })));
  const act = (u: Expr): Expr => (s.activation === 'relu' ? bin('/', bin('+', u, { kind: 'call', fn: 'abs', arg: u }), num(2)) : { kind: 'call', fn: s.activation, arg: u });
  const { layers } = parameterLayout(s.widths);
  let total: Expr = num(0);
  for (let n = 0; n < data.size; n++) {
    let h: Expr[] = Array.from({ length: data.inputDim }, (_, c) => num(data.inputs[n * data.inputDim + c]));
    layers.forEach(({ weights, bias, rows, cols }, l) => {
      h = Array.from({ length: rows }, (_, r) => {
        let u = param(bias + r);
        for (let c = 0; c < cols; c++) u = bin('+', u, bin('*', param(weights + r * cols + c), h[c]));
        return l + 1 < layers.length ? act(u) : u;
      });
    });
    const z = h[0];
    const t = data.targets[n];
    const e = bin('-', z, num(t));
    total = bin('+', total, s.task === 'classification' ? bin('-', { kind: 'call', fn: 'softplus', arg: z }, bin('*', num(t), z)) : bin('*', e, e));
  }
  let penalty: Expr = num(0);
  for (const { weights, rows, cols } of layers) for (let k = weights; k < weights + rows * cols; k++) penalty = bin('+', penalty, bin('*', param(k), param(k)));
  return bin('+', bin('/', total, num(data.size)), bin('*', num(s.weightDecay / 2), penalty));
}

/** A landscape on `kind` data with random θ* and directions (θ* scaled so the activations are not saturated). */
function randomSlice(s: NetworkSpec, kind: 'spiral' | 'sine' | 'xor', size: number, seed: number): NetworkSliceLandscape {
  const data = makeDataset(kind, { seed, noise: 0.1, size });
  const p = parameterCount(s);
  return new NetworkSliceLandscape(s, data, randomVector(p, seed + 1, 0.7), randomVector(p, seed + 2, 0.3), randomVector(p, seed + 3, 0.3), { dataName: kind });
}

/** ∇θL by central differences in θ (step 1e-6). */
function gradientByDifferences(s: NetworkSpec, data: Dataset, theta: Float64Array): Float64Array {
  const h = 1e-6;
  const g = new Float64Array(theta.length);
  const p = Float64Array.from(theta);
  for (let i = 0; i < theta.length; i++) {
    p[i] = theta[i] + h;
    const up = networkLoss(s, p, data);
    p[i] = theta[i] - h;
    g[i] = (up - networkLoss(s, p, data)) / (2 * h);
    p[i] = theta[i];
  }
  return g;
}

const dot = (u: ArrayLike<number>, v: ArrayLike<number>) => Array.from(u).reduce((acc, ui, i) => acc + ui * v[i], 0);

describe('network slice landscape', () => {
  it('is a network landscape named after its architecture and data, with value(0, 0) = L(θ*)', () => {
    const g = randomSlice(spec([2, 8, 8, 1]), 'spiral', 200, 11);
    expect(g.kind).toBe('network');
    expect(g.label).toBe('loss of a 2-8-8-1 tanh MLP on spiral');
    expect(g.key).toMatch(/^network:2-8-8-1:tanh:classification:/);
    expect(g.value(0, 0)).toBe(networkLoss(g.spec, g.thetaStar, g.data));
    expectNear(g.coefficients(0, 0, 4)[0], g.value(0, 0), 1e-14, 'c00 vs value');
    expectNear(g.value(0.3, -0.2), networkLoss(g.spec, g.parametersAt(0.3, -0.2), g.data), 0, 'value off θ*');
    const other = new NetworkSliceLandscape(g.spec, g.data, g.thetaStar, g.d2, g.d1);
    expect(other.key).not.toBe(g.key);
    expect(() => new NetworkSliceLandscape(g.spec, g.data, g.thetaStar, g.d1.subarray(1), g.d2)).toThrow(RangeError);
  });

  it.each([
    ['tanh', 'classification', 0],
    ['sigmoid', 'classification', 0.05],
    ['softplus', 'regression', 0.1],
    ['relu', 'classification', 0.02],
  ] as const)('agrees with jets of the loss written as a formula to order 6 (%s, %s, wd %s; 1e-12 relative)', (activation, task, wd) => {
    const s = spec([task === 'regression' ? 1 : 2, 3, 2, 1], activation, wd, task);
    const g = randomSlice(s, task === 'regression' ? 'sine' : 'xor', 12, 21);
    const expr = sliceExpr(s, g.data, g.thetaStar, g.d1, g.d2);
    for (const [a, b] of [[0, 0], [0.4, -0.7]]) {
      const mine = g.coefficients(a, b, 6);
      const reference = taylorCoefficients(expr, a, b, 6);
      expect(mine).toHaveLength(coefficientCount(6));
      const scale = Math.max(...reference.map(Math.abs));
      mine.forEach((c, m) => expectNear(c, reference[m], 1e-12 * scale, `c[${m}] at (${a}, ${b})`));
    }
  });

  it('has Taylor coefficients that match central differences of value() on a 2-8-8-1 spiral net', () => {
    const g = randomSlice(spec([2, 8, 8, 1]), 'spiral', 200, 31);
    const [a, b] = [0.2, -0.1];
    const c = g.coefficients(a, b, 4);
    const f = (da: number, db: number) => g.value(a + da, b + db);
    const h = 1e-4;
    // First derivatives: error h² f''' / 6 ~ 1e-9; second: roundoff 1e-16 / h² ~ 1e-8 (h = 1e-4), tol 1e-6.
    expectNear(c[1], (f(h, 0) - f(-h, 0)) / (2 * h), 1e-7, 'c10');
    expectNear(c[2], (f(0, h) - f(0, -h)) / (2 * h), 1e-7, 'c01');
    expectNear(2 * c[3], (f(h, 0) - 2 * f(0, 0) + f(-h, 0)) / h ** 2, 1e-6, '2 c20');
    expectNear(c[4], (f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h), 1e-6, 'c11');
    // Third order along a: (f(2h) - 2f(h) + 2f(-h) - f(-2h)) / (2h³) = f''' with h = 1e-2 (error ~h² f^(5)).
    const H = 1e-2;
    expectRelNear(6 * c[coefficientIndex(3, 0)], (f(2 * H, 0) - 2 * f(H, 0) + 2 * f(-H, 0) - f(-2 * H, 0)) / (2 * H ** 3), 1e-2, 'f_aaa', 1e-2);
  });

  it('gives order-1 coefficients ∇θL·d1 and ∇θL·d2 (θ central differences, 1e-7)', () => {
    const g = randomSlice(spec([2, 8, 8, 1], 'tanh', 0.01), 'spiral', 200, 41);
    const theta = g.parametersAt(0.5, 0.25);
    const grad = gradientByDifferences(g.spec, g.data, theta);
    const c = g.coefficients(0.5, 0.25, 1);
    expectNear(c[1], dot(grad, g.d1), 1e-7, '∇L·d1');
    expectNear(c[2], dot(grad, g.d2), 1e-7, '∇L·d2');
  });

  it('gives order-2 coefficients d1ᵀHd1 / 2, d1ᵀHd2 and d2ᵀHd2 / 2 of an explicit finite-difference Hessian (1e-5)', () => {
    const s = spec([2, 4, 3, 1], 'sigmoid', 0.02);
    const g = randomSlice(s, 'spiral', 40, 51);
    const theta = g.thetaStar;
    const P = theta.length;
    const h = 1e-4;
    const gradients = Array.from({ length: P }, (_, j) => {
      const up = Float64Array.from(theta);
      const down = Float64Array.from(theta);
      up[j] += h;
      down[j] -= h;
      const gu = gradientByDifferences(s, g.data, up);
      const gd = gradientByDifferences(s, g.data, down);
      return gu.map((v, i) => (v - gd[i]) / (2 * h)); // column j of H
    });
    const Hv = (v: Float64Array) => Float64Array.from({ length: P }, (_, i) => gradients.reduce((acc, col, j) => acc + col[i] * v[j], 0));
    const c = g.coefficients(0, 0, 2);
    expectNear(2 * c[3], dot(g.d1, Hv(g.d1)), 1e-5, 'd1ᵀHd1');
    expectNear(c[4], dot(g.d1, Hv(g.d2)), 1e-5, 'd1ᵀHd2');
    expectNear(2 * c[5], dot(g.d2, Hv(g.d2)), 1e-5, 'd2ᵀHd2');
  });

  it('computes order 0 and order 1 as the leading terms of order 6', () => {
    const g = randomSlice(spec([2, 8, 8, 1], 'softplus'), 'xor', 50, 61);
    const six = g.coefficients(0.1, 0.2, 6);
    expect(Array.from(g.coefficients(0.1, 0.2, 0))).toEqual([six[0]]);
    Array.from(g.coefficients(0.1, 0.2, 1)).forEach((v, m) => expectNear(v, six[m], 1e-15, `c[${m}]`));
    expect(() => g.coefficients(0, 0, -1)).toThrow(RangeError);
  });

  it('computes order 4 of a 2-8-8-1 net on 200 samples in under 100 ms (aim: 20 ms)', () => {
    const g = randomSlice(spec([2, 8, 8, 1]), 'spiral', 200, 71);
    g.coefficients(0, 0, 4); // warm the plans and the JIT
    const runs = 20;
    const start = performance.now();
    for (let k = 0; k < runs; k++) g.coefficients(0.01 * k, 0, 4);
    const ms = (performance.now() - start) / runs;
    console.log(`order-4 slice coefficients, 2-8-8-1 on 200 samples: ${ms.toFixed(2)} ms`);
    expect(ms).toBeLessThan(100);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/compute/tf';
import { initWasmBackend } from '../../src/compute/wasmBackend';
import { AutodiffSliceEngine } from '../../src/compute/network/AutodiffSliceEngine';
import { GRID_PASS_BYTES, gridPointsPerPass } from '../../src/compute/network/NetworkGridLandscape';
import { JET_PASS_BYTES, TfJetGridEngine } from '../../src/compute/network/TfJetGridEngine';
import { createSliceEngine, evaluateSliceGrid } from '../../src/compute/network/sliceGrid';
import { gridCoordinates } from '../../src/compute/GridEvaluator';
import { gradientAndHvp, hessianVectorProduct } from '../../src/core/network/backprop';
import { NetworkSliceLandscape } from '../../src/core/network/NetworkSliceLandscape';
import { SliceJetEngineF64 } from '../../src/core/network/SliceJetEngineF64';
import type { SliceProblem } from '../../src/core/network/sliceGridEngine';
import { sliceLossCoefficients } from '../../src/core/network/sliceJets';
import { initParameters, networkLoss } from '../../src/core/network/mlp';
import { createRandom } from '../../src/core/network/random';
import { ACTIVATIONS, parameterLayout, type Activation, type Dataset, type NetworkSpec } from '../../src/core/network/types';
import { coefficientIndex } from '../../src/core/taylorLayout';
import { expectRelNear } from './support/expectNear';
import { expectFieldsNear, SLICE_DOMAIN, SLICE_N, sliceGridOf } from './support/sliceGridFields';

const DOMAIN = SLICE_DOMAIN;
const N = SLICE_N;

/** size samples of inputDim normal features with class targets 0 .. classes − 1 (every class present). */
function classData(inputDim: number, size: number, classes: number, seed: number): Dataset {
  const rng = createRandom(seed);
  const inputs = Float64Array.from({ length: size * inputDim }, () => rng.normal());
  const targets = Float64Array.from({ length: size }, (_, k) => (k < classes ? k : Math.floor(rng.uniform() * classes)));
  return { task: 'classification', inputDim, size, inputs, targets, classes };
}

/** A multi-class slice with non-zero biases and bias directions, θ* scaled up so the softmax is far from uniform. */
function problem(activation: Activation, weightDecay: number, widths: readonly number[] = [4, 6, 3], samples = 20): SliceProblem {
  const K = widths[widths.length - 1];
  const data = classData(widths[0], samples, K, 11);
  const spec: NetworkSpec = { widths, activation, task: 'classification', weightDecay };
  const rng = createRandom(5);
  const thetaStar = initParameters(spec, 3).map((w) => 1.5 * w + 0.3 * rng.normal());
  const direction = () => Float64Array.from(thetaStar, () => 0.5 * rng.normal());
  return { spec, data, thetaStar, d1: direction(), d2: direction() };
}

const FIELD_INDEX = [[0, 0], [1, 0], [0, 1], [2, 0], [1, 1], [0, 2]].map(([i, j]) => coefficientIndex(i, j));
const FIELD_SCALE = [1, 1, 1, 2, 1, 2];

/** The six fields at every node of the n × n grid from sliceLossCoefficients at order 2. */
function referenceFields(p: SliceProblem, n: number): Float64Array {
  const { xs, ys } = gridCoordinates(DOMAIN, n);
  const size = n * n;
  const out = new Float64Array(6 * size);
  for (let k = 0; k < size; k++) {
    const c = sliceLossCoefficients(p.spec, p.data, p.thetaStar, p.d1, p.d2, xs[k], ys[k], 2);
    for (let f = 0; f < 6; f++) out[f * size + k] = FIELD_SCALE[f] * c[FIELD_INDEX[f]];
  }
  return out;
}

const dot = (u: ArrayLike<number>, v: ArrayLike<number>) => Array.from(u).reduce((s, x, i) => s + x * v[i], 0);
const at = (p: SliceProblem, a: number, b: number) => Float64Array.from(p.thetaStar, (w, k) => w + a * p.d1[k] + b * p.d2[k]);

/**
 * The order-3 and order-4 coefficients [i, j, c_ij] at (a, b) from central differences (step h) of
 * H_aa = 2 c20 and H_bb = 2 c02, with c_ij = ∂^(i+j) L / ∂a^i ∂b^j / (i! j!).
 */
function differencedCoefficients(p: SliceProblem, a: number, b: number, h: number): (readonly [number, number, number])[] {
  const H = (da: number, db: number, k: number) => {
    const c = sliceLossCoefficients(p.spec, p.data, p.thetaStar, p.d1, p.d2, a + da * h, b + db * h, 2);
    return 2 * c[k === 0 ? coefficientIndex(2, 0) : coefficientIndex(0, 2)];
  };
  const slope = (k: number, alongA: boolean) => (alongA ? H(1, 0, k) - H(-1, 0, k) : H(0, 1, k) - H(0, -1, k)) / (2 * h);
  const curve = (k: number, alongA: boolean) => (alongA ? H(1, 0, k) - 2 * H(0, 0, k) + H(-1, 0, k) : H(0, 1, k) - 2 * H(0, 0, k) + H(0, -1, k)) / (h * h);
  const mixed = (k: number) => (H(1, 1, k) - H(1, -1, k) - H(-1, 1, k) + H(-1, -1, k)) / (4 * h * h);
  return [
    [3, 0, slope(0, true) / 6], [2, 1, slope(0, false) / 2], [1, 2, slope(1, true) / 2], [0, 3, slope(1, false) / 6],
    [4, 0, curve(0, true) / 24], [3, 1, mixed(0) / 6], [2, 2, curve(0, false) / 4], [1, 3, mixed(1) / 6], [0, 4, curve(1, false) / 24],
  ];
}

let wasmReason: string | null = 'not tried';

beforeAll(async () => {
  wasmReason = await initWasmBackend();
  await tf.setBackend('cpu');
  await tf.ready();
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

const SHAPES = [[4, 6, 3], [4, 5, 5, 3]] as const;
const CASES = ACTIVATIONS.flatMap((activation) => SHAPES.flatMap((widths) => [0, 0.05].map((wd) => ({ activation, widths, wd, name: widths.join('-') }))));

describe('sliceLossCoefficients for a K-class softmax network', () => {
  it.each(CASES)('$activation $name, weight decay $wd: order 2 is the exact gradient and HVP along d1, d2 (1e-9)', ({ activation, widths, wd }) => {
    const p = problem(activation, wd, widths);
    for (const [a, b] of [[0, 0], [0.4, -0.3], [-0.7, 0.9]]) {
      const c = sliceLossCoefficients(p.spec, p.data, p.thetaStar, p.d1, p.d2, a, b, 2);
      const theta = at(p, a, b);
      const { gradient, hv: h1 } = gradientAndHvp(p.spec, theta, p.data, p.d1);
      const h2 = hessianVectorProduct(p.spec, theta, p.data, p.d2);
      const where = `${activation} ${widths.join('-')} wd ${wd} at (${a}, ${b})`;
      const hessScale = Math.max(Math.abs(dot(p.d1, h1!)), Math.abs(dot(p.d2, h2)));
      expectRelNear(c[0], networkLoss(p.spec, theta, p.data), 1e-12, `L ${where}`);
      expectRelNear(c[1], dot(gradient, p.d1), 1e-9, `∂a ${where}`, Math.abs(c[0]));
      expectRelNear(c[2], dot(gradient, p.d2), 1e-9, `∂b ${where}`, Math.abs(c[0]));
      expectRelNear(2 * c[3], dot(p.d1, h1!), 1e-9, `∂²a ${where}`, hessScale);
      expectRelNear(c[4], dot(p.d2, h1!), 1e-9, `∂a∂b ${where}`, hessScale);
      expectRelNear(2 * c[5], dot(p.d2, h2), 1e-9, `∂²b ${where}`, hessScale);
    }
  });

  // Central differences of the order-2 fields H_aa = 2 c20, H_bb = 2 c02 at steps h = 2e-3 and 1e-3,
  // Richardson-extrapolated ((4 D(h) − D(2h)) / 3): truncation O(h⁴) ~ 1e-11, rounding ~1e-16 / h²
  // ~ 1e-10 of the fields (worst seen 2.4e-9): tolerance 1e-7 of the order's largest coefficient. ReLU is left
  // out: a kink inside the stencil breaks the differences.
  it.each(CASES.filter((c) => c.activation !== 'relu'))('$activation $name, weight decay $wd: orders 3 and 4 are central differences of order 2 (1e-7)', ({ activation, widths, wd }) => {
    const p = problem(activation, wd, widths);
    const [a, b] = [0.3, -0.2];
    const c = sliceLossCoefficients(p.spec, p.data, p.thetaStar, p.d1, p.d2, a, b, 4);
    const [fine, coarse] = [1e-3, 2e-3].map((h) => differencedCoefficients(p, a, b, h));
    const extrapolated = fine.map(([i, j, v], k) => [i, j, (4 * v - coarse[k][2]) / 3] as const);
    for (const order of [3, 4]) {
      const terms = extrapolated.filter(([i, j]) => i + j === order);
      const largest = Math.max(...terms.map(([i, j]) => Math.abs(c[coefficientIndex(i, j)])));
      for (const [i, j, fd] of terms) expectRelNear(c[coefficientIndex(i, j)], fd, 1e-7, `c${i}${j} ${activation} ${widths.join('-')}`, largest);
    }
  });

  it('a two-output softmax net equals the logistic net of the logit difference (order 4, 1e-12)', () => {
    const data = { ...classData(3, 15, 2, 4) };
    const one: NetworkSpec = { widths: [3, 4, 1], activation: 'tanh', task: 'classification', weightDecay: 0 };
    const two: NetworkSpec = { ...one, widths: [3, 4, 2] };
    const rng = createRandom(9);
    const vectors = [0, 1, 2].map(() => Float64Array.from({ length: parameterLayout(one.widths).count }, () => rng.normal()));
    // The two-output net: its hidden layer as the one-output net's, output 0 all zeros, output 1 the one output.
    const widen = (v: Float64Array) => {
      const out = new Float64Array(parameterLayout(two.widths).count);
      out.set(v.subarray(0, 16));
      out.set(v.subarray(16, 20), 20);
      out[25] = v[20];
      return out;
    };
    const [t1, e1, e2] = vectors;
    const [t2, f1, f2] = vectors.map(widen);
    const c1 = sliceLossCoefficients(one, data, t1, e1, e2, 0.2, -0.1, 4);
    const c2 = new NetworkSliceLandscape(two, data, t2, f1, f2).coefficients(0.2, -0.1, 4);
    const largest = Math.max(...Array.from(c1, Math.abs));
    c1.forEach((v, k) => expectRelNear(c2[k], v, 1e-12, `coefficient ${k}`, largest));
  });

  it('refuses outputs that do not match the classes and targets that are not class indices', () => {
    const p = problem('tanh', 0);
    expect(() => sliceLossCoefficients({ ...p.spec, widths: [4, 6, 2] }, p.data, new Float64Array(44), new Float64Array(44), new Float64Array(44), 0, 0, 2)).toThrow(/3 classes/);
    const bad = { ...p.data, targets: Float64Array.from(p.data.targets, (t, k) => (k === 3 ? 1.5 : t)) };
    expect(() => sliceLossCoefficients(p.spec, bad, p.thetaStar, p.d1, p.d2, 0, 0, 2)).toThrow(/class index 1.5/);
    expect(() => new SliceJetEngineF64({ ...p, data: bad })).toThrow(/class index 1.5/);
  });
});

describe('slice grid engines for a K-class softmax network', () => {
  it.each(CASES)('$activation $name, weight decay $wd: f64 loop, tfjs jets (CPU) and the nested pass at every node of 16×16', async ({ activation, widths, wd }) => {
    const p = problem(activation, wd, widths);
    const size = N * N;
    const viaF64 = await sliceGridOf(new SliceJetEngineF64(p));
    expectFieldsNear(viaF64, referenceFields(p, N), size, 1e-10, 'jets-f64 against sliceLossCoefficients');
    const before = tf.memory().numTensors;
    const jets = new TfJetGridEngine(p, { maxPointsPerPass: 100 });
    const viaJets = await sliceGridOf(jets);
    jets.dispose();
    const viaAutodiff = await sliceGridOf(new AutodiffSliceEngine(p));
    expect(tf.memory().numTensors).toBe(before);
    expectFieldsNear(viaJets, viaF64, size, 1e-4, 'jets-tfjs (cpu)');
    expectFieldsNear(viaAutodiff, viaF64, size, 1e-4, 'autodiff');
  });

  it('on the WASM backend too, where it starts in Node', async () => {
    if (wasmReason !== null) {
      console.warn(`WASM backend not available here: ${wasmReason}`);
      return;
    }
    await tf.setBackend('wasm');
    try {
      for (const { activation, widths, wd } of CASES) {
        const p = problem(activation, wd, widths);
        const before = tf.memory().numTensors;
        const engine = createSliceEngine(p, 'jets', tf.getBackend());
        expect(engine.name).toBe('jets-tfjs');
        const viaJets = await sliceGridOf(engine);
        engine.dispose();
        expect(tf.memory().numTensors).toBe(before);
        expectFieldsNear(viaJets, await sliceGridOf(new SliceJetEngineF64(p)), N * N, 1e-4, `jets-tfjs (wasm) ${activation} ${widths.join('-')} wd ${wd}`);
      }
    } finally {
      await tf.setBackend('cpu');
    }
  });

  it('a softmax network without hidden layers', async () => {
    const p = problem('sigmoid', 0.05, [4, 3]);
    const expected = referenceFields(p, 8);
    expectFieldsNear(await sliceGridOf(new SliceJetEngineF64(p), 8), expected, 64, 1e-10, 'jets-f64 [4, 3]');
    const jets = new TfJetGridEngine(p);
    expectFieldsNear(await sliceGridOf(jets, 8), expected, 64, 1e-4, 'jets-tfjs [4, 3]');
    jets.dispose();
    expectFieldsNear(await sliceGridOf(new AutodiffSliceEngine(p), 8), expected, 64, 1e-4, 'autodiff [4, 3]');
  });
});

describe('jets-tfjs with K outputs: kernels and memory', () => {
  it('launches the same kernels per chunk at N = 16, 32, 64', async () => {
    const engine = new TfJetGridEngine(problem('tanh', 0, [4, 8, 8, 5], 10), { maxPointsPerPass: 256 });
    const perChunk: number[] = [];
    for (const n of [16, 32, 64]) {
      const info = await tf.profile(async () => void (await evaluateSliceGrid(engine, DOMAIN, n)));
      perChunk.push(info.kernels.length / Math.ceil((n * n) / 256));
    }
    engine.dispose();
    expect(perChunk[1]).toBe(perChunk[0]);
    expect(perChunk[2]).toBe(perChunk[0]);
  });

  it('keeps a chunk of the jets and of the nested pass within their memory budgets', async () => {
    const before = tf.memory().numTensors;
    const { xs, ys } = gridCoordinates(DOMAIN, 64);
    for (const [widths, samples] of [[[4, 8, 8, 10], 200], [[16, 12, 10], 120], [[16, 10], 300]] as const) {
      const p = problem('softplus', 0.05, widths, samples);
      const engine = new TfJetGridEngine(p);
      const points = engine.maxPointsPerPass;
      // tf.profile returns the same object every call: read its peak before the next profile.
      const jetPeak = (await tf.profile(() => engine.fields(xs, ys, 0, points, new Float32Array(6 * points), points))).peakBytes;
      expect(jetPeak, `${points} points of [${widths.join(',')}] × ${samples} samples`).toBeLessThanOrEqual(JET_PASS_BYTES);
      expect(jetPeak).toBeGreaterThan(JET_PASS_BYTES / 3);
      engine.dispose();
      const nested = new AutodiffSliceEngine(p);
      expect(nested.maxPointsPerPass).toBe(gridPointsPerPass(p.spec, samples));
      const side = Math.min(nested.maxPointsPerPass, 16);
      const peak = (await tf.profile(() => nested.fields(xs, ys, 0, side, new Float32Array(6 * side), side))).peakBytes;
      const fullChunk = (peak * nested.maxPointsPerPass) / side;
      expect(fullChunk, `nested pass [${widths.join(',')}]`).toBeLessThanOrEqual(GRID_PASS_BYTES);
      expect(fullChunk).toBeGreaterThan(GRID_PASS_BYTES / 4);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

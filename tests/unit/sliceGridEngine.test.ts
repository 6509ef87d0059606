import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/compute/tf';
import { initWasmBackend } from '../../src/compute/wasmBackend';
import { AutodiffSliceEngine } from '../../src/compute/network/AutodiffSliceEngine';
import { TfJetGridEngine, JET_PASS_BYTES } from '../../src/compute/network/TfJetGridEngine';
import { createSliceEngine, evaluateSliceGrid } from '../../src/compute/network/sliceGrid';
import { gridCoordinates } from '../../src/compute/GridEvaluator';
import { SliceJetEngineF64 } from '../../src/core/network/SliceJetEngineF64';
import type { SliceGridEngine, SliceProblem } from '../../src/core/network/sliceGridEngine';
import { sliceLossCoefficients } from '../../src/core/network/sliceJets';
import { makeDataset } from '../../src/core/network/datasets';
import { initParameters } from '../../src/core/network/mlp';
import { createRandom } from '../../src/core/network/random';
import { ACTIVATIONS, type Activation, type NetworkSpec, type Task } from '../../src/core/network/types';
import { coefficientIndex } from '../../src/core/taylorLayout';
import { expectFieldsNear, SLICE_DOMAIN, SLICE_N, sliceGridOf } from './support/sliceGridFields';

const DOMAIN = SLICE_DOMAIN;
const N = SLICE_N;

/** A small slice with non-zero biases and bias directions, so every term of the jets is exercised. */
function problem(activation: Activation, task: Task, weightDecay: number, hidden = [5, 4], samples = 24): SliceProblem {
  const data = makeDataset(task === 'classification' ? 'circles' : 'sine', { seed: 3, noise: 0.1, size: samples });
  const spec: NetworkSpec = { widths: [data.inputDim, ...hidden, 1], activation, task, weightDecay };
  const rng = createRandom(7);
  const thetaStar = initParameters(spec, 2).map((w) => w + 0.3 * rng.normal());
  const direction = () => Float64Array.from(thetaStar, () => 0.5 * rng.normal());
  return { spec, data, thetaStar, d1: direction(), d2: direction() };
}

/** The six fields at every node from the float64 slice jets: f, ∂a, ∂b, 2·c20, c11, 2·c02. */
function referenceFields(p: SliceProblem, n: number): Float64Array {
  const { xs, ys } = gridCoordinates(DOMAIN, n);
  const size = n * n;
  const out = new Float64Array(6 * size);
  const scale = [1, 1, 1, 2, 1, 2];
  const index = [[0, 0], [1, 0], [0, 1], [2, 0], [1, 1], [0, 2]].map(([i, j]) => coefficientIndex(i, j));
  for (let k = 0; k < size; k++) {
    const c = sliceLossCoefficients(p.spec, p.data, p.thetaStar, p.d1, p.d2, xs[k], ys[k], 2);
    for (let f = 0; f < 6; f++) out[f * size + k] = scale[f] * c[index[f]];
  }
  return out;
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

const CASES = ACTIVATIONS.flatMap((activation) => (['classification', 'regression'] as const).flatMap((task) => [0, 0.05].map((wd) => ({ activation, task, wd }))));

describe('slice grid engines equal the float64 slice jets and the nested reverse-mode pass', () => {
  it.each(CASES)('$activation $task, weight decay $wd, at every node of a 16×16 grid', async ({ activation, task, wd }) => {
    const p = problem(activation, task, wd);
    const expected = referenceFields(p, N);
    const size = N * N;
    expectFieldsNear(await sliceGridOf(new SliceJetEngineF64(p)), expected, size, 1e-10, 'jets-f64');
    const before = tf.memory().numTensors;
    const jets = new TfJetGridEngine(p, { maxPointsPerPass: 100 });
    const viaJets = await sliceGridOf(jets);
    jets.dispose();
    const autodiff = new AutodiffSliceEngine(p);
    const viaAutodiff = await sliceGridOf(autodiff);
    expect(tf.memory().numTensors).toBe(before);
    expectFieldsNear(viaJets, expected, size, 1e-4, 'jets-tfjs (cpu)');
    expectFieldsNear(viaAutodiff, expected, size, 1e-4, 'autodiff');
    expectFieldsNear(viaJets, viaAutodiff, size, 1e-4, 'jets-tfjs against autodiff');
  });

  it('on the WASM backend too, where it starts in Node', async () => {
    if (wasmReason !== null) {
      console.warn(`WASM backend not available here: ${wasmReason}`);
      return;
    }
    await tf.setBackend('wasm');
    try {
      for (const [activation, task, wd] of [['tanh', 'classification', 0.05], ['relu', 'regression', 0], ['softplus', 'classification', 0]] as const) {
        const p = problem(activation, task, wd);
        const engine = createSliceEngine(p, 'jets', tf.getBackend());
        expect(engine.name).toBe('jets-tfjs');
        expectFieldsNear(await sliceGridOf(engine), referenceFields(p, N), N * N, 1e-4, `jets-tfjs (wasm) ${activation} ${task}`);
        engine.dispose();
      }
    } finally {
      await tf.setBackend('cpu');
    }
  });

  it('a network without hidden layers and one with three', async () => {
    for (const hidden of [[], [3, 4, 3]]) {
      const p = problem('sigmoid', 'classification', 0.05, hidden);
      const expected = referenceFields(p, 8);
      expectFieldsNear(await sliceGridOf(new SliceJetEngineF64(p), 8), expected, 64, 1e-10, `jets-f64 [${hidden.join(',')}]`);
      const jets = new TfJetGridEngine(p);
      expectFieldsNear(await sliceGridOf(jets, 8), expected, 64, 1e-4, `jets-tfjs [${hidden.join(',')}]`);
      jets.dispose();
    }
  });
});

describe('evaluateSliceGrid', () => {
  it('gives GridEvaluator nodes, the six fields in order, and picks the engine by backend', async () => {
    const p = problem('tanh', 'classification', 0);
    expect(createSliceEngine(p, 'jets', 'cpu').name).toBe('jets-f64');
    expect(createSliceEngine(p, 'autodiff', 'cpu').name).toBe('autodiff');
    const engine = createSliceEngine(p, 'jets', 'wasm');
    expect(engine.name).toBe('jets-tfjs');
    engine.dispose();
    const grid = await evaluateSliceGrid(new SliceJetEngineF64(p), DOMAIN, 8);
    if (grid === null) throw new Error('not cancelled');
    const expected = referenceFields(p, 8);
    expect(grid.n).toBe(8);
    expect(grid.domain).toEqual(DOMAIN);
    [grid.f, grid.gx, grid.gy, grid.hxx, grid.hxy, grid.hyy].forEach((field, f) => {
      for (let k = 0; k < 64; k++) expect(field[k]).toBe(Math.fround(expected[f * 64 + k]));
    });
  });

  it('reports progress after each chunk and resolves to null when cancelled after the first', async () => {
    const p = problem('tanh', 'classification', 0);
    const engine = new TfJetGridEngine(p, { maxPointsPerPass: 64 });
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    expect(await evaluateSliceGrid(engine, DOMAIN, 16, { onProgress: (d) => progress.push(d) })).not.toBeNull();
    expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
    let chunks = 0;
    const cancelled = await evaluateSliceGrid(engine, DOMAIN, 16, { onProgress: () => chunks++, isCancelled: () => chunks >= 1 });
    expect(cancelled).toBeNull();
    expect(chunks).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    engine.dispose();
  });

  it('marks the derivatives NaN where the loss is not finite', async () => {
    const p = problem('relu', 'regression', 0);
    const huge = { ...p, d1: Float64Array.from(p.d1, (v) => v * 1e30) };
    const grid = await evaluateSliceGrid(new SliceJetEngineF64(huge), { xmin: 1e10, xmax: 2e10, ymin: 0, ymax: 1 }, 4);
    if (grid === null) throw new Error('not cancelled');
    expect(Number.isFinite(grid.f[5])).toBe(false);
    for (const d of [grid.gx, grid.gy, grid.hxx, grid.hxy, grid.hyy]) expect(d[5]).toBeNaN();
  });
});

describe('jets-tfjs kernels and memory', () => {
  it('launches the same kernels per chunk at N = 16, 32, 64, and at most 3,000 per 64×64 pass of the default network', async () => {
    const kernelsOf = async (engine: SliceGridEngine, n: number) => (await tf.profile(async () => void (await evaluateSliceGrid(engine, DOMAIN, n)))).kernels.length;
    const small = new TfJetGridEngine(problem('tanh', 'classification', 0, [8, 8], 10), { maxPointsPerPass: 256 });
    const perChunk: number[] = [];
    for (const n of [16, 32, 64]) perChunk.push((await kernelsOf(small, n)) / Math.ceil((n * n) / 256));
    small.dispose();
    expect(perChunk[1]).toBe(perChunk[0]);
    expect(perChunk[2]).toBe(perChunk[0]);
    // The default network (2-8-8-1 tanh, 200 samples) with its memory-based chunk: one chunk measured, the pass is whole chunks of it.
    const engine = new TfJetGridEngine(problem('tanh', 'classification', 0, [8, 8], 200));
    expect(engine.maxPointsPerPass).toBeGreaterThanOrEqual(256);
    const oneChunk = await kernelsOf(engine, 16);
    expect(oneChunk).toBe(perChunk[0]);
    expect(oneChunk * Math.ceil(4096 / engine.maxPointsPerPass)).toBeLessThanOrEqual(3000);
    engine.dispose();
  });

  it('keeps a chunk within its memory budget and frees its persistent tensors on dispose', async () => {
    const before = tf.memory().numTensors;
    for (const [hidden, samples] of [[[8, 8], 200], [[32, 16], 60]] as const) {
      const p = problem('softplus', 'classification', 0.05, [...hidden], samples);
      const engine = new TfJetGridEngine(p);
      const points = engine.maxPointsPerPass;
      const { xs, ys } = gridCoordinates(DOMAIN, 64);
      const out = new Float32Array(6 * points);
      const info = await tf.profile(() => engine.fields(xs, ys, 0, points, out, points));
      expect(info.peakBytes, `${points} points of [${hidden.join(',')}] × ${samples} samples`).toBeLessThanOrEqual(JET_PASS_BYTES);
      expect(info.peakBytes).toBeGreaterThan(JET_PASS_BYTES / 3);
      engine.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

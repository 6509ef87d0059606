import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../../src/cli/taylorLab';
import { explicitHessian } from '../../src/core/network/backprop';
import { networkLoss, accuracy } from '../../src/core/network/mlp';
import { parseSavedRun } from '../../src/core/network/savedRun';
import { expectRelNear } from './support/expectNear';

/** What one in-process run printed, with stdout parsed as JSON on success. */
interface CliRun {
  readonly code: number;
  readonly stderr: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the report's shape is what the tests check
  readonly json: any;
}

async function run(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCliAsync(['network', ...argv], { out: (s) => out.push(s), err: (s) => err.push(...s.split('\n')) });
  return { code, stderr: err, json: code === 0 ? JSON.parse(out.join('\n')) : null };
}

const dir = mkdtempSync(path.join(tmpdir(), 'taylor-lab-network-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface SavedLayer {
  weights: number[][];
  bias: number[];
}
interface Samples {
  inputs: number[][];
  targets: number[];
}
interface SavedV2 {
  format: string;
  task: string;
  activation: string;
  weightDecay: number;
  loss: string;
  data: Samples & { mean: number[]; scale: number[] };
  test: Samples | null;
  layers: SavedLayer[];
}

/**
 * Loss and accuracy of a version 2 file recomputed from the file alone, as another tool would
 * (plain JS, no lab code): standardise, forward, then softmax cross-entropy by log-sum-exp,
 * logistic loss or squared error.
 */
function scoreFromFile(saved: SavedV2, part: Samples): { loss: number; accuracy: number } {
  const act: Record<string, (u: number) => number> = { tanh: Math.tanh, sigmoid: (u) => 1 / (1 + Math.exp(-u)), softplus: (u) => Math.log1p(Math.exp(u)), relu: (u) => Math.max(0, u) };
  let total = 0;
  let right = 0;
  part.inputs.forEach((raw, n) => {
    let h = raw.map((x, j) => (x - saved.data.mean[j]) / saved.data.scale[j]);
    saved.layers.forEach((layer, l) => {
      const pre = layer.weights.map((row, r) => row.reduce((s, w, c) => s + w * h[c], layer.bias[r]));
      h = l + 1 < saved.layers.length ? pre.map(act[saved.activation]) : pre;
    });
    const t = part.targets[n];
    if (saved.loss === 'softmax-cross-entropy') {
      const m = Math.max(...h);
      total += m + Math.log(h.reduce((s, z) => s + Math.exp(z - m), 0)) - h[t];
      right += h.indexOf(m) === t ? 1 : 0;
    } else if (saved.loss === 'logistic') {
      total += Math.log1p(Math.exp(h[0])) - t * h[0];
      right += (h[0] > 0 ? 1 : 0) === t ? 1 : 0;
    } else {
      total += (h[0] - t) ** 2;
    }
  });
  const squares = saved.layers.reduce((s, layer) => s + layer.weights.flat().reduce((q, w) => q + w * w, 0), 0);
  return { loss: total / part.inputs.length + (saved.weightDecay / 2) * squares, accuracy: right / part.inputs.length };
}

/** The largest eigenvalue of a symmetric P × P matrix by power iteration on H + c I (c shifts the spectrum positive). */
function largestEigenvalue(H: Float64Array, P: number): number {
  const c = Math.max(...Array.from({ length: P }, (_, i) => Array.from({ length: P }, (__, j) => Math.abs(H[i * P + j])).reduce((a, b) => a + b, 0)));
  let v = Float64Array.from({ length: P }, (_, i) => 1 + Math.sin(i));
  let lambda = 0;
  for (let it = 0; it < 5000; it++) {
    const w = Float64Array.from({ length: P }, (_, i) => {
      let s = c * v[i];
      for (let j = 0; j < P; j++) s += H[i * P + j] * v[j];
      return s;
    });
    const norm = Math.hypot(...w);
    const next = w.map((x) => x / norm);
    lambda = norm - c;
    if (Math.hypot(...next.map((x, i) => x - v[i])) < 1e-13) break;
    v = next;
  }
  return lambda;
}

describe('taylor-lab network on real data', () => {
  it('trains 64-16-10 on the 8×8 digits, reports test accuracy, and saves a v2 file whose loss and accuracies a plain forward pass reproduces (1e-9)', async () => {
    const file = path.join(dir, 'digits.json');
    const r = await run('--data', 'digits', '--hidden', '16', '--steps', '40', '--optimizer', 'momentum', '--lr', '0.1', '--seed', '3', '--save', file);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ data: 'digits', task: 'classification', classes: 10, widths: [64, 16, 10], trainSize: 1438, testSize: 359, steps: 40 });
    expect(r.json.accuracy).toBeGreaterThan(0.7);
    expect(r.json.testAccuracy).toBeGreaterThan(0.6);
    expectRelNear(r.json.loss, r.json.trainingLoss, 1e-5, 'float64 vs float32 loss');
    expect(r.json.slice.value).toBe(r.json.loss);
    expect(r.json.slice.method).toBe('float64 backprop and R-operator HVPs');
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ format: 'taylor-lab-network/2', outputs: 10, classes: 10, loss: 'softmax-cross-entropy', source: { kind: 'named', name: 'digits' } });
    expect(saved.split.trainIndices).toHaveLength(1438);
    expect(saved.data.inputs[0].every((x: number) => Number.isInteger(x) && x >= 0 && x <= 16)).toBe(true);
    const train = scoreFromFile(saved, saved.data);
    const test = scoreFromFile(saved, saved.test);
    expectRelNear(train.loss, r.json.loss, 1e-9, 'training loss from the file');
    expect(train.accuracy).toBe(r.json.accuracy);
    expect(test.accuracy).toBe(r.json.testAccuracy);
    expectRelNear(test.loss, r.json.testLoss, 1e-9, 'test loss from the file');
    const back = parseSavedRun(saved);
    expect(networkLoss(back.spec, back.thetaStar, back.data)).toBe(r.json.loss);
    expect(accuracy(back.spec, back.thetaStar, back.test!)).toBe(r.json.testAccuracy);
  });

  it('Iris 4-6-3: λmax of the saved run equals the top eigenvalue of its explicit float64 Hessian (1e-3)', async () => {
    const file = path.join(dir, 'iris.json');
    const r = await run('--data', 'iris', '--hidden', '6', '--steps', '200', '--lr', '0.05', '--seed', '2', '--save', file);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ widths: [4, 6, 3], trainSize: 120, testSize: 30, parameters: 51 });
    const back = parseSavedRun(JSON.parse(readFileSync(file, 'utf8')));
    const lambda = largestEigenvalue(explicitHessian(back.spec, back.thetaStar, back.data), 51);
    expectRelNear(r.json.lambdaMax, lambda, 1e-3, 'λmax (float32 Lanczos) vs explicit float64 Hessian');
  });

  it('trains on MNIST 14×14 with mini-batches: 196 inputs, 2,000 + 500 samples, 4 steps per epoch', async () => {
    const r = await run('--data', 'mnist14', '--hidden', '8', '--epochs', '2', '--batch-size', '500', '--optimizer', 'adam', '--lr', '0.01');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ widths: [196, 8, 10], trainSize: 2000, testSize: 500, steps: 8, batchSize: 500 });
    expect(r.json.testAccuracy).toBeGreaterThan(0.1);
  });

  it('fits the Chebyshev T_5 regression and saves it (no test part) so that the file reproduces the loss', async () => {
    const file = path.join(dir, 'cheb.json');
    const r = await run('--data', 'chebyshev', '--degree', '5', '--hidden', '8', '--steps', '100', '--save', file);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ task: 'regression', widths: [1, 8, 1], trainSize: 20, testSize: 0, testAccuracy: null });
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ loss: 'squared-error', test: null, source: { degree: 5 } });
    expect(saved.data.mean).toEqual([0]);
    expectRelNear(scoreFromFile(saved, saved.data).loss, r.json.loss, 1e-9, 'regression loss from the file');
  });

  it('a version 1 run (synthetic data) is still written as version 1 and read back by parseSavedRun', async () => {
    const file = path.join(dir, 'v1.json');
    const r = await run('--data', 'xor', '--hidden', '3', '--steps', '20', '--save', file);
    const back = parseSavedRun(JSON.parse(readFileSync(file, 'utf8')));
    expect(back.format).toBe('taylor-lab-network/1');
    expect(networkLoss(back.spec, back.thetaStar, back.data)).toBe(r.json.loss);
  });
});

describe('taylor-lab network --csv', () => {
  const csv = path.join(dir, 'points.csv');
  const rows = Array.from({ length: 60 }, (_, k) => `${Math.cos(k)},${Math.sin(3 * k)},${k % 3}`);
  writeFileSync(csv, `u,v,kind\n${rows.join('\n')}\n`);

  it('trains on a CSV with a named target and three classes, split 48 / 12', async () => {
    const r = await run('--csv', csv, '--target', 'kind', '--hidden', '5', '--steps', '30');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ data: csv, classes: 3, widths: [2, 5, 3], trainSize: 48, testSize: 12 });
  });

  it('takes a regression target by index', async () => {
    const r = await run('--csv', csv, '--target', '0', '--task', 'regression', '--hidden', '4', '--steps', '10');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ task: 'regression', widths: [2, 4, 1] });
  });

  it.each([
    ['bad.csv', 'a,b\n1,2\n3,x\n', ['--target', 'b'], /bad.csv: line 3, column 2 \('b'\): 'x' is not a number/],
    ['one.csv', 'a,b\n1,2\n3,2\n', ['--target', 'b'], /one.csv: the target 'b' has one class only \(2\)/],
    ['ragged.csv', 'a,b\n1,2\n3\n', ['--target', 'b'], /ragged.csv: line 3 has 1 cells, expected 2/],
    ['nan.csv', 'a,b\n1,2\nNaN,1\n', ['--target', 'b'], /nan.csv: line 3, column 1 \('a'\): is 'NaN'/],
    ['empty.csv', '', ['--target', 'b'], /empty.csv: the file is empty/],
    ['ok.csv', 'a,b\n1,0\n2,1\n', ['--target', 'c'], /no target column named 'c'/],
    ['ok.csv', 'a,b\n1,0\n2,1\n', [], /--csv needs --target/],
  ])('refuses %s %j with the same message as the page (exit 2)', async (name, text, extra, message) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    const r = await run('--csv', file, ...extra, '--steps', '2');
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(message);
  });
});

describe('taylor-lab network --model', () => {
  /** A 64-8-10 tanh/softmax model.json and weights as tensorflowjs_converter writes them. */
  function writeModel(name: string, firstLayer: Record<string, unknown> = {}): string {
    const dense = (n: string, units: number, activation: string) => ({ class_name: 'Dense', config: { name: n, units, activation, use_bias: true } });
    const layers = [{ class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 64] } }, { ...dense('d1', 8, 'tanh'), ...firstLayer }, dense('d2', 10, 'softmax')];
    const weights = [{ name: 'd1/kernel', shape: [64, 8] }, { name: 'd1/bias', shape: [8] }, { name: 'd2/kernel', shape: [8, 10] }, { name: 'd2/bias', shape: [10] }].map((w) => ({ ...w, dtype: 'float32' }));
    const values = new Float32Array(64 * 8 + 8 + 80 + 10).map((_, i) => 0.3 * Math.sin(1.7 * i));
    writeFileSync(path.join(dir, `${name}.bin`), new Uint8Array(values.buffer));
    const json = { modelTopology: { model_config: { class_name: 'Sequential', config: { layers } } }, weightsManifest: [{ paths: [`${name}.bin`], weights }] };
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(json));
    return file;
  }

  it('takes the model weights as θ* without training, and trains from them with --steps', async () => {
    const model = writeModel('m');
    const r = await run('--data', 'digits', '--model', model);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ model, widths: [64, 8, 10], steps: 0, classes: 10 });
    expect(r.json.trainingLoss).toBe(r.json.loss);
    const trained = await run('--data', 'digits', '--model', model, '--steps', '20', '--lr', '0.01');
    expect(trained.json.steps).toBe(20);
    expect(trained.json.loss).toBeLessThan(r.json.loss);
  });

  it.each([
    [['--data', 'iris'], /the model takes 64 inputs, the data set iris has 4/],
    [['--data', 'digits', '--hidden', '4'], /--hidden cannot be used with --model/],
    [['--data', 'digits', '--directions', 'path'], /path directions: .*add --steps/],
  ])('refuses %j', async (argv, message) => {
    const r = await run('--model', writeModel('m2'), ...argv);
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toMatch(message);
  });

  it('refuses a Conv2D model naming the layer, and a missing weight file', async () => {
    const conv = writeModel('conv', { class_name: 'Conv2D', config: { name: 'conv2d_1', filters: 4 } });
    const r = await run('--data', 'digits', '--model', conv);
    expect(r.stderr[0]).toMatch(/unsupported layer Conv2D 'conv2d_1'/);
    const lost = writeModel('lost');
    rmSync(path.join(dir, 'lost.bin'));
    expect((await run('--data', 'digits', '--model', lost)).stderr[0]).toMatch(/missing weight file 'lost.bin'/);
  });
});

describe('taylor-lab network option checks', () => {
  it.each([
    [['--data', 'digits', '--csv', 'x.csv'], /either --data or --csv/],
    [['--steps', '5', '--epochs', '2'], /either --steps or --epochs/],
    [['--data', 'chebyshev', '--degree', '9'], /--degree must be an integer from 3 to 6/],
    [['--optimizer', 'rmsprop'], /unknown optimizer 'rmsprop': expected gd, momentum, adam/],
    [['--target', 'y'], /--target goes with --csv/],
    [['--data', 'cifar'], /unknown data set 'cifar': expected .*digits, mnist, mnist14, iris, chebyshev/],
  ])('refuses %j', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toMatch(message);
  });
});

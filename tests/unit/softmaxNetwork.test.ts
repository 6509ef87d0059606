import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/compute/tf';
import { initBackend } from '../../src/compute/backend';
import { accuracyOf, dataTensors, logitsOf, lossOf, softmaxCrossEntropy as tfSoftmaxCE } from '../../src/compute/network/tfNetwork';
import { trainNetwork } from '../../src/compute/network/train';
import { MiniBatchSchedule, stepsForEpochs } from '../../src/core/data/miniBatch';
import { prepareSource } from '../../src/core/data/catalog';
import { explicitHessian, hessianVectorProduct, lossGradient } from '../../src/core/network/backprop';
import { NetworkSliceLandscape } from '../../src/core/network/NetworkSliceLandscape';
import { accuracy, checkShapes, forwardOutputs, initParameters, networkLoss, predictClasses } from '../../src/core/network/mlp';
import { createRandom } from '../../src/core/network/random';
import { confusionMatrix, logSumExp, softmaxCrossEntropy, softmaxInto } from '../../src/core/network/softmax';
import type { Dataset, NetworkSpec } from '../../src/core/network/types';
import { softplus } from '../../src/core/univariateSeries';
import { expectNear, expectRelNear } from './support/expectNear';

/** A 3-4-3 network with weight decay on 12 random samples of 3 classes: 31 parameters, small enough for an explicit Hessian. */
const SPEC: NetworkSpec = { widths: [3, 4, 3], activation: 'tanh', task: 'classification', weightDecay: 0.01 };

function randomData(inputDim: number, size: number, classes: number, seed: number): Dataset {
  const rng = createRandom(seed);
  const inputs = Float64Array.from({ length: size * inputDim }, () => rng.normal());
  const targets = Float64Array.from({ length: size }, (_, k) => k % classes);
  return { task: 'classification', inputDim, size, inputs, targets, classes };
}

const DATA = randomData(3, 12, 3, 5);
/** θ scaled up from the Glorot start so the loss is far from log 3 and the Hessian has structure. */
const THETA = initParameters(SPEC, 7).map((v, i) => 1.5 * v + 0.1 * Math.sin(i));

const norm = (v: ArrayLike<number>) => Math.hypot(...Array.from(v));
const sub = (a: ArrayLike<number>, b: ArrayLike<number>) => Float64Array.from(a, (x, i) => x - b[i]);

function matVec(H: Float64Array, v: ArrayLike<number>): Float64Array {
  const P = v.length;
  return Float64Array.from({ length: P }, (_, i) => {
    let s = 0;
    for (let j = 0; j < P; j++) s += H[i * P + j] * v[j];
    return s;
  });
}

/** tfjs (float32) loss, gradient and HVP at θ by nested autodiff; checks that no tensor leaks. */
function tfjsLossGradientHvp(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, v: ArrayLike<number>): { loss: number; grad: Float64Array; hvp: Float64Array } {
  const before = tf.memory().numTensors;
  const { X, T } = dataTensors(data);
  const f = (th: tf.Tensor) => lossOf(spec, th, X, T);
  const [loss, grad, hvp] = tf.tidy(() => {
    const th = tf.tensor1d(Float32Array.from(theta));
    const vt = tf.tensor1d(Float32Array.from(v));
    const hv = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.grad(f)(t), vt)))(th);
    return [f(th), tf.grad(f)(th), hv];
  });
  const out = { loss: loss.dataSync()[0], grad: Float64Array.from(grad.dataSync()), hvp: Float64Array.from(hvp.dataSync()) };
  tf.dispose([loss, grad, hvp, X, T]);
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

beforeAll(async () => {
  await initBackend('cpu');
});

describe('softmax cross-entropy in float64', () => {
  it('is log Σ e^z - z_t, stays finite for logits of 1000, and matches the closed form (1e-15)', () => {
    const z = [1, 2, 3];
    expectNear(softmaxCrossEntropy(z, 0, 3, 0), 3 + Math.log(1 + Math.exp(-1) + Math.exp(-2)) - 1, 1e-15, 'CE([1,2,3], 0)');
    expectNear(logSumExp([1000, 0, -1000]), 1000, 1e-12, 'lse of large logits');
    expect(softmaxCrossEntropy([1000, 0], 0, 2, 1)).toBe(1000);
    const p = softmaxInto(z, 0, 3, new Float64Array(3));
    expectNear(p[0] + p[1] + p[2], 1, 1e-15, 'Σ p');
    expect(() => softmaxCrossEntropy(z, 0, 3, 3)).toThrow(/class index 3/);
  });

  it('with two classes is the binary loss softplus(z₁ - z₀) - t (z₁ - z₀) (1e-14)', () => {
    for (const [z0, z1] of [[0.3, -1.2], [5, 7], [-20, 30]]) {
      for (const t of [0, 1]) expectNear(softmaxCrossEntropy([z0, z1], 0, 2, t), softplus(z1 - z0) - t * (z1 - z0), 1e-14, `z=${z0},${z1} t=${t}`);
    }
  });

  it('counts predictions in a confusion matrix and scores accuracy by argmax', () => {
    expect(confusionMatrix([0, 2, 2, 1], [0, 2, 1, 1], 3)).toEqual([[1, 0, 0], [0, 1, 1], [0, 0, 1]]);
    const predicted = predictClasses(SPEC, THETA, DATA);
    const z = forwardOutputs(SPEC, THETA, DATA);
    expect(predicted[4]).toBe([0, 1, 2].reduce((b, k) => (z[12 + k] > z[12 + b] ? k : b), 0));
    expect(accuracy(SPEC, THETA, DATA)).toBe(predicted.filter((p, k) => p === DATA.targets[k]).length / 12);
  });

  it('checks outputs against classes: K outputs for K classes, one or two for two', () => {
    expect(() => networkLoss({ ...SPEC, widths: [3, 4, 2] }, new Float64Array(26), DATA)).toThrow(/3 classes: the last width must be 3, got 2/);
    expect(() => networkLoss({ ...SPEC, widths: [3, 4, 1] }, new Float64Array(21), DATA)).toThrow(/3 classes/);
    expect(() => checkShapes(SPEC, THETA, DATA)).toThrow(/last width must be 1/);
    const binary = { ...DATA, classes: 2, targets: DATA.targets.map((t) => t % 2) };
    expect(Number.isFinite(networkLoss({ ...SPEC, widths: [3, 4, 2] }, new Float64Array(26), binary))).toBe(true);
  });

  it('has the exact backprop gradient: central differences of the loss agree (h = 1e-5, 1e-7 relative)', () => {
    const g = lossGradient(SPEC, THETA, DATA);
    const h = 1e-5;
    const fd = Float64Array.from(THETA, (_, i) => {
      const t = Float64Array.from(THETA);
      t[i] += h;
      const up = networkLoss(SPEC, t, DATA);
      t[i] -= 2 * h;
      return (up - networkLoss(SPEC, t, DATA)) / (2 * h);
    });
    expect(norm(sub(g, fd)) / norm(g)).toBeLessThan(1e-7);
    // The same for the binary and regression losses.
    const binary = { ...DATA, classes: 2, targets: DATA.targets.map((t) => t % 2) };
    const regression: Dataset = { task: 'regression', inputDim: 3, size: 12, inputs: DATA.inputs, targets: DATA.targets };
    for (const [spec, data] of [[{ ...SPEC, widths: [3, 4, 1], activation: 'softplus' }, binary], [{ ...SPEC, widths: [3, 4, 1], task: 'regression', activation: 'sigmoid' }, regression]] as const) {
      const theta = initParameters(spec, 3);
      const gb = lossGradient(spec, theta, data);
      const e = Float64Array.from(theta, (_, i) => {
        const t = Float64Array.from(theta);
        t[i] += h;
        const up = networkLoss(spec, t, data);
        t[i] -= 2 * h;
        return (up - networkLoss(spec, t, data)) / (2 * h);
      });
      expect(norm(sub(gb, e)) / norm(gb), `${spec.task} gradient`).toBeLessThan(1e-7);
    }
  });

  it('builds an explicit Hessian that matches the closed form of linear softmax regression (1e-7 of max |H|)', () => {
    // widths [3, 3]: H = mean over samples of (diag p - p pᵀ) ⊗ x̃ x̃ᵀ with x̃ = (x, 1), plus wd on the weights.
    const spec: NetworkSpec = { widths: [3, 3], activation: 'tanh', task: 'classification', weightDecay: 0.01 };
    const theta = initParameters(spec, 2).map((v) => 2 * v);
    const H = explicitHessian(spec, theta, DATA);
    const P = 12;
    const exact = new Float64Array(P * P);
    const index = (k: number, c: number) => (c < 3 ? 3 * k + c : 9 + k); // W[k][c] then b[k]
    const z = forwardOutputs(spec, theta, DATA);
    for (let s = 0; s < 12; s++) {
      const p = softmaxInto(z, 3 * s, 3, new Float64Array(3));
      const x = [...DATA.inputs.subarray(3 * s, 3 * s + 3), 1];
      for (let k = 0; k < 3; k++) for (let l = 0; l < 3; l++) for (let c = 0; c < 4; c++) for (let d = 0; d < 4; d++) {
        exact[index(k, c) * P + index(l, d)] += (((k === l ? p[k] : 0) - p[k] * p[l]) * x[c] * x[d]) / 12;
      }
    }
    for (let i = 0; i < 9; i++) exact[i * P + i] += 0.01;
    const scale = Math.max(...Array.from(exact, Math.abs));
    expect(Math.max(...Array.from(sub(H, exact), Math.abs)) / scale).toBeLessThan(1e-7);
  });
});

describe('exact float64 Hessian-vector products (R-operator)', () => {
  it('agree with the explicit Hessian of differenced gradients (1e-7 relative) for softmax, logistic and squared error', () => {
    const binary = { ...DATA, classes: 2, targets: DATA.targets.map((t) => t % 2) };
    const regression: Dataset = { task: 'regression', inputDim: 3, size: 12, inputs: DATA.inputs, targets: DATA.targets };
    const cases = [
      [SPEC, DATA, THETA],
      [{ ...SPEC, widths: [3, 4, 1], activation: 'sigmoid' }, binary, initParameters({ ...SPEC, widths: [3, 4, 1] }, 4)],
      [{ ...SPEC, widths: [3, 4, 4, 1], task: 'regression', activation: 'softplus' }, regression, initParameters({ ...SPEC, widths: [3, 4, 4, 1] }, 5)],
    ] as const;
    const rng = createRandom(21);
    for (const [spec, data, theta] of cases) {
      const H = explicitHessian(spec, theta, data);
      const v = Float64Array.from(theta, () => rng.normal());
      const hv = matVec(H, v);
      expect(norm(sub(hessianVectorProduct(spec, theta, data, v), hv)) / norm(hv), `${spec.task} ${spec.widths}`).toBeLessThan(1e-7);
    }
  });

  it('give the slice Hessian of the exact jets for a single-output net (1e-12)', () => {
    const spec: NetworkSpec = { widths: [3, 4, 1], activation: 'tanh', task: 'classification', weightDecay: 0.01 };
    const binary = { ...DATA, classes: 2, targets: DATA.targets.map((t) => t % 2) };
    const theta = initParameters(spec, 8);
    const rng = createRandom(4);
    const d1 = Float64Array.from(theta, () => rng.normal());
    const d2 = Float64Array.from(theta, () => rng.normal());
    const c = new NetworkSliceLandscape(spec, binary, theta, d1, d2).coefficients(0, 0, 2);
    // taylorLayout order: 1, a, b, a², ab, b² (coefficients, so the Hessian is 2·c_aa, c_ab, 2·c_bb).
    const dot = (u: ArrayLike<number>, w: ArrayLike<number>) => Array.from(u).reduce((s, x, i) => s + x * w[i], 0);
    const h1 = hessianVectorProduct(spec, theta, binary, d1);
    const h2 = hessianVectorProduct(spec, theta, binary, d2);
    expectRelNear(dot(d1, h1), 2 * c[3], 1e-12, 'h_aa');
    expectRelNear(dot(d2, h1), c[4], 1e-12, 'h_ab');
    expectRelNear(dot(d2, h2), 2 * c[5], 1e-12, 'h_bb');
  });
});

describe('softmax cross-entropy in tfjs against float64', () => {
  it('gives the same loss (1e-5), gradient and HVP as the explicit Hessian (1e-4 relative), leaking no tensor', () => {
    const H = explicitHessian(SPEC, THETA, DATA);
    const rng = createRandom(11);
    for (let trial = 0; trial < 3; trial++) {
      const v = Float64Array.from(THETA, () => rng.normal());
      const got = tfjsLossGradientHvp(SPEC, DATA, THETA, v);
      expectRelNear(got.loss, networkLoss(SPEC, THETA, DATA), 1e-5, 'loss');
      const g = lossGradient(SPEC, THETA, DATA);
      expect(norm(sub(got.grad, g)) / norm(g), 'gradient').toBeLessThan(1e-4);
      const hv = matVec(H, v);
      expect(norm(sub(got.hvp, hv)) / norm(hv), 'Hv').toBeLessThan(1e-4);
    }
  });

  it('stays finite and exact for logits near 1000 (the log-sum-exp shift), and scores accuracy by argmax', () => {
    const big = THETA.map((v, i) => (i >= 16 ? 300 * v : v));
    const before = tf.memory().numTensors;
    const { X, T } = dataTensors(DATA);
    const [loss, acc, maxLogit] = tf.tidy(() => {
      const th = tf.tensor1d(Float32Array.from(big));
      return [lossOf(SPEC, th, X, T), accuracyOf(SPEC, th, X, T), tf.max(tf.abs(logitsOf(SPEC, th, X)))].map((t) => t.dataSync()[0]);
    });
    expect(maxLogit).toBeGreaterThan(100);
    expectRelNear(loss, networkLoss(SPEC, Float32Array.from(big), DATA), 1e-5, 'loss at large logits');
    expect(acc).toBeCloseTo(accuracy(SPEC, Float32Array.from(big), DATA), 6); // a float32 ratio
    const ce = tf.tidy(() => tfSoftmaxCE(tf.tensor2d([[1000, 0, -5]]), tf.tensor1d([1])).dataSync()[0]);
    expect(ce).toBe(1000);
    tf.dispose([X, T]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('multi-class training', () => {
  it('a mini-batch schedule visits every sample once per epoch, the same for the same seed', () => {
    const s = new MiniBatchSchedule(10, 4, 3);
    expect(s.perEpoch).toBe(3);
    const epoch = [0, 1, 2].flatMap((k) => Array.from(s.batch(k)));
    expect(epoch.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(s.batch(2)).toHaveLength(2);
    expect(Array.from(new MiniBatchSchedule(10, 4, 3).batch(4))).toEqual(Array.from(s.batch(4)));
    expect(stepsForEpochs(120, 16, 20)).toBe(160);
  });

  it('learns Iris (4-8-3 tanh) with momentum on mini-batches of 16: train and test accuracy above 0.85, loss as float64 (1e-5)', async () => {
    const iris = prepareSource('iris', { seed: 1 });
    const spec: NetworkSpec = { widths: [4, 8, 3], activation: 'tanh', task: 'classification', weightDecay: 0 };
    const before = tf.memory().numTensors;
    const options = { optimizer: 'momentum', momentum: 0.9, lr: 0.05, steps: stepsForEpochs(120, 16, 40), batchSize: 16, seed: 2, snapshotEvery: 40 } as const;
    const run = await trainNetwork(spec, iris.train, options);
    expect(tf.memory().numTensors).toBe(before);
    expect(run.reason).toBe('done');
    expect(run.loss).toBeLessThan(run.lossHistory[0] / 3);
    expectRelNear(run.loss, networkLoss(spec, run.theta, iris.train), 1e-5, 'final training loss');
    expect(accuracy(spec, run.theta, iris.train)).toBeGreaterThan(0.85);
    expect(accuracy(spec, run.theta, iris.test!)).toBeGreaterThan(0.85);
    expect(run.accuracy).toBeCloseTo(accuracy(spec, Float32Array.from(run.theta), iris.train), 6);
    const again = await trainNetwork(spec, iris.train, options);
    expect(Array.from(again.theta)).toEqual(Array.from(run.theta));
  });

  it('refuses a bad batch size or momentum', async () => {
    const iris = prepareSource('iris', { seed: 1 });
    const spec: NetworkSpec = { widths: [4, 3], activation: 'tanh', task: 'classification', weightDecay: 0 };
    const base = { optimizer: 'momentum', lr: 0.1, steps: 2, seed: 1, snapshotEvery: 1 } as const;
    await expect(trainNetwork(spec, iris.train, { ...base, batchSize: 0 })).rejects.toThrow(/batch size must be a whole number >= 1/);
    await expect(trainNetwork(spec, iris.train, { ...base, momentum: 1 })).rejects.toThrow(/momentum must be a number in \[0, 1\)/);
  });
});

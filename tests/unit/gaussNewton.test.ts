import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/core/network/datasets';
import { forwardAll, initParameters, networkLoss } from '../../src/core/network/mlp';
import { sliceLossCoefficients } from '../../src/core/network/sliceJets';
import { coefficientIndex } from '../../src/core/taylorLayout';
import { ACTIVATIONS, parameterLayout, type Dataset, type NetworkSpec } from '../../src/core/network/types';
import { gradientAndHvp64, hessianVectorProduct64, lossDerivatives, outputJacobian } from '../../src/core/network/backprop64';
import { gaussNewtonMatrix, gaussNewtonOperator, gaussNewtonVectorProduct, networkHessianMatrix } from '../../src/core/network/gaussNewton';
import { symmetricEigen } from '../../src/core/spectrum/dense';
import { lanczosExtremes } from '../../src/core/spectrum/lanczos';
import { createRandom } from '../../src/core/network/random';
import { expectNear } from './support/expectNear';

const XOR = makeDataset('xor', { seed: 3, noise: 0.1, size: 30 });
const SINE = makeDataset('sine', { seed: 4, noise: 0.05, size: 25 });

/** Small nets of every activation and both tasks, at a random (untrained) θ with biases too. */
function cases(): { name: string; spec: NetworkSpec; data: Dataset; theta: Float64Array }[] {
  const out = [];
  for (const activation of ACTIVATIONS) {
    for (const [task, data] of [['classification', XOR], ['regression', SINE]] as const) {
      const spec: NetworkSpec = { widths: [data.inputDim, 4, 3, 1], activation, task, weightDecay: 0.01 };
      const rng = createRandom(activation.length + task.length);
      const theta = initParameters(spec, 5).map((x) => x + 0.3 * rng.normal());
      out.push({ name: `${activation} ${task}`, spec, data, theta });
    }
  }
  return out;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

describe('float64 backprop and forward-over-reverse Hessian-vector products', () => {
  it('gives the gradient of networkLoss (central differences, 1e-7)', () => {
    for (const { name, spec, data, theta } of cases()) {
      const { gradient } = gradientAndHvp64(spec, data, theta, null);
      const h = 1e-6;
      for (const k of [0, 5, theta.length - 1]) {
        const plus = Float64Array.from(theta);
        const minus = Float64Array.from(theta);
        plus[k] += h;
        minus[k] -= h;
        expectNear(gradient[k], (networkLoss(spec, plus, data) - networkLoss(spec, minus, data)) / (2 * h), 1e-7, `${name} ∂L/∂θ${k}`);
      }
    }
  });

  it('gives Hessian entries equal to the exact float64 slice jets eᵢᵀHeⱼ (1e-12 of the largest entry)', () => {
    for (const { name, spec, data, theta } of cases().filter((c) => c.spec.activation !== 'relu')) {
      const H = networkHessianMatrix(spec, data, theta);
      const P = theta.length;
      const unit = (k: number) => Float64Array.from({ length: P }, (_, m) => (m === k ? 1 : 0));
      for (const [i, j] of [[0, 0], [2, 9], [7, P - 1], [P - 2, P - 1]]) {
        const c = sliceLossCoefficients(spec, data, theta, unit(i), unit(j), 0, 0, 2);
        const entry = i === j ? 2 * c[coefficientIndex(2, 0)] : c[coefficientIndex(1, 1)];
        expectNear(H[i * P + j], entry, 1e-12 * maxAbs(H), `${name} H[${i}, ${j}]`);
      }
    }
  });

  it('is linear and symmetric: uᵀ(Hv) = vᵀ(Hu) to roundoff', () => {
    for (const { name, spec, data, theta } of cases()) {
      const rng = createRandom(1);
      const u = Float64Array.from(theta, () => rng.normal());
      const v = Float64Array.from(theta, () => rng.normal());
      const hu = hessianVectorProduct64(spec, data, theta, u);
      const hv = hessianVectorProduct64(spec, data, theta, v);
      const uHv = u.reduce((s, x, i) => s + x * hv[i], 0);
      const vHu = v.reduce((s, x, i) => s + x * hu[i], 0);
      expectNear(uHv, vHu, 1e-12 * (Math.abs(uHv) + 1), name);
    }
  });
});

describe('the generalised Gauss–Newton matrix', () => {
  it('equals Jᵀ H_ℓ J + wd·I_W with J built by central differences of the outputs and H_ℓ = diag(ℓ″/S) (1e-6)', () => {
    for (const { name, spec, data, theta } of cases().filter((c) => c.spec.activation !== 'relu')) {
      const P = theta.length;
      const S = data.size;
      const h = 1e-5;
      const J = Array.from({ length: P }, (_, k) => {
        const plus = Float64Array.from(theta);
        const minus = Float64Array.from(theta);
        plus[k] += h;
        minus[k] -= h;
        const zp = forwardAll(spec, plus, data);
        const zm = forwardAll(spec, minus, data);
        return Float64Array.from(zp, (z, s) => (z - zm[s]) / (2 * h)); // column k of J
      });
      const z = forwardAll(spec, theta, data);
      const curvature = Float64Array.from(z, (zs, s) => lossDerivatives(spec, zs, data.targets[s])[1] / S);
      const isWeight = new Float64Array(P);
      for (const { weights, rows, cols } of parameterLayout(spec.widths).layers) isWeight.fill(1, weights, weights + rows * cols);
      const G = gaussNewtonMatrix(spec, data, theta);
      const scale = maxAbs(G);
      for (let i = 0; i < P; i++) {
        for (let j = 0; j < P; j++) {
          let e = i === j ? spec.weightDecay * isWeight[i] : 0;
          for (let s = 0; s < S; s++) e += J[i][s] * curvature[s] * J[j][s];
          expectNear(G[i * P + j], e, 1e-6 * scale, `${name} G[${i}, ${j}]`);
        }
      }
    }
  });

  it('is positive semi-definite (smallest eigenvalue ≥ −1e-12·‖G‖) where H is indefinite', () => {
    let indefinite = 0;
    for (const { name, spec, data, theta } of cases()) {
      const P = theta.length;
      const g = symmetricEigen(gaussNewtonMatrix(spec, data, theta), P).values;
      expect(g[0], name).toBeGreaterThanOrEqual(-1e-12 * g[P - 1]);
      if (symmetricEigen(networkHessianMatrix(spec, data, theta), P).values[0] < -1e-6) indefinite++;
    }
    expect(indefinite).toBeGreaterThan(0);
  });

  it('has products Gv equal to the matrix times v, and Lanczos on them matches its EVD', async () => {
    const { spec, data, theta } = cases()[0];
    const P = theta.length;
    const G = gaussNewtonMatrix(spec, data, theta);
    const v = Float64Array.from({ length: P }, (_, k) => Math.cos(k));
    const gv = gaussNewtonVectorProduct(spec, data, theta, v);
    for (let i = 0; i < P; i++) expectNear(gv[i], G.subarray(i * P, (i + 1) * P).reduce((s, x, j) => s + x * v[j], 0), 1e-12 * maxAbs(G));
    const exact = symmetricEigen(G, P).values;
    const run = await lanczosExtremes(gaussNewtonOperator(spec, data, theta).apply, P, { top: 3, tol: 1e-9 });
    run.top.forEach((p, i) => expectNear(p.value, exact[P - 1 - i], 1e-9 * exact[P - 1], `G λ${i + 1}`));
  });

  it('equals H where the output residuals vanish (ℓ′ = 0: regression on its own outputs) and for a linear model', () => {
    const spec: NetworkSpec = { widths: [1, 5, 1], activation: 'tanh', task: 'regression', weightDecay: 0.02 };
    const theta = initParameters(spec, 2);
    const fitted: Dataset = { ...SINE, targets: forwardAll(spec, theta, SINE) };
    const H = networkHessianMatrix(spec, fitted, theta);
    gaussNewtonMatrix(spec, fitted, theta).forEach((g, k) => expectNear(g, H[k], 1e-13 * maxAbs(H)));
    const linear: NetworkSpec = { widths: [2, 1], activation: 'tanh', task: 'classification', weightDecay: 0 };
    const w = Float64Array.of(0.5, -1, 0.2);
    const HL = networkHessianMatrix(linear, XOR, w);
    gaussNewtonMatrix(linear, XOR, w).forEach((g, k) => expectNear(g, HL[k], 1e-15));
  });

  it('keeps J and ℓ″ for the page: J has one row per sample, ℓ″ ∈ (0, 1/4] for the logistic loss', () => {
    const { spec, data, theta } = cases()[0];
    const op = gaussNewtonOperator(spec, data, theta);
    expect(op.jacobian.length).toBe(data.size * theta.length);
    expect(Array.from(outputJacobian(spec, data, theta).jacobian)).toEqual(Array.from(op.jacobian));
    for (const c of op.outputCurvatures) expect(c > 0 && c <= 0.25).toBe(true);
  });
});

/**
 * The exact float64 gradient and Hessian-vector product of the training loss (mlp.ts's
 * networkLoss) by backpropagation with R-operator tangents, for every loss the lab has: binary
 * logistic, softmax cross-entropy and squared error, plus weight decay. They are the reference the
 * tfjs gradient and HVP are tested against; central differences of the gradient give an
 * independently built Hessian for small networks (explicitHessian), the oracle of the tests.
 */
import { sigmoid } from '../univariateSeries';
import { activate, checkNetworkFits, checkShapes } from './mlp';
import { softmaxInto } from './softmax';
import type { Activation, Dataset, LayerSlot, NetworkSpec } from './types';
import { parameterLayout } from './types';

/** act′(u) and act″(u) (ReLU: 1 or 0, and 0: its kink has no second derivative to give). */
export function activationSlopes(activation: Activation, u: number): [number, number] {
  switch (activation) {
    case 'tanh': {
      const t = Math.tanh(u);
      return [1 - t * t, -2 * t * (1 - t * t)];
    }
    case 'sigmoid': {
      const s = sigmoid(u);
      return [s * (1 - s), s * (1 - s) * (1 - 2 * s)];
    }
    case 'softplus': {
      const s = sigmoid(u);
      return [s, s * (1 - s)];
    }
    case 'relu':
      return [u > 0 ? 1 : 0, 0];
  }
}

/** One sample's forward pass: each layer's input h_l and pre-activation u_l, and their directional derivatives R along v. */
interface Pass {
  readonly h: ArrayLike<number>[];
  readonly u: Float64Array[];
  readonly Rh: Float64Array[];
  readonly Ru: Float64Array[];
}

function forwardPass(layers: readonly LayerSlot[], activation: Activation, params: ArrayLike<number>, v: ArrayLike<number> | null, input: ArrayLike<number>): Pass {
  const pass: Pass = { h: [input], u: [], Rh: [new Float64Array(input.length)], Ru: [] };
  layers.forEach(({ weights, bias, rows, cols }, l) => {
    const x = pass.h[l];
    const Rx = pass.Rh[l];
    const pre = new Float64Array(rows);
    const Rpre = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let s = params[bias + r];
      let Rs = v ? v[bias + r] : 0;
      for (let c = 0; c < cols; c++) {
        const k = weights + r * cols + c;
        s += params[k] * x[c];
        if (v) Rs += v[k] * x[c] + params[k] * Rx[c];
      }
      pre[r] = s;
      Rpre[r] = Rs;
    }
    pass.u.push(pre);
    pass.Ru.push(Rpre);
    if (l + 1 < layers.length) {
      pass.h.push(pre.map((p) => activate(activation, p)));
      pass.Rh.push(Rpre.map((Rp, r) => activationSlopes(activation, pre[r])[0] * Rp));
    }
  });
  return pass;
}

/**
 * The output seed of one sample: g = ∂ℓ/∂z (σ(z) - t, 2 (z - t) or softmax(z) - e_t) and its
 * directional derivative Rg = ∇²ℓ(z) Rz (σ′ Rz, 2 Rz or p ⊙ (Rz - p·Rz)).
 */
function outputSeed(spec: NetworkSpec, z: Float64Array, Rz: Float64Array, t: number): { g: Float64Array; Rg: Float64Array } {
  if (z.length > 1) {
    const p = softmaxInto(z, 0, z.length, new Float64Array(z.length));
    let pRz = 0;
    for (let k = 0; k < z.length; k++) pRz += p[k] * Rz[k];
    const g = p.slice();
    g[t] -= 1;
    return { g, Rg: p.map((pk, k) => pk * (Rz[k] - pRz)) };
  }
  if (spec.task === 'classification') {
    const s = sigmoid(z[0]);
    return { g: Float64Array.of(s - t), Rg: Float64Array.of(s * (1 - s) * Rz[0]) };
  }
  return { g: Float64Array.of(2 * (z[0] - t)), Rg: Float64Array.of(2 * Rz[0]) };
}

/** Backpropagates one sample's seed, adding its gradient into grad and (with v) its R-derivative, the HVP, into hv. */
function backward(layers: readonly LayerSlot[], activation: Activation, params: ArrayLike<number>, v: ArrayLike<number> | null, pass: Pass, seed: { g: Float64Array; Rg: Float64Array }, grad: Float64Array, hv: Float64Array | null): void {
  let { g, Rg } = seed;
  for (let l = layers.length - 1; l >= 0; l--) {
    const { weights, bias, rows, cols } = layers[l];
    const x = pass.h[l];
    const Rx = pass.Rh[l];
    const gx = new Float64Array(cols);
    const Rgx = new Float64Array(cols);
    for (let r = 0; r < rows; r++) {
      grad[bias + r] += g[r];
      if (hv) hv[bias + r] += Rg[r];
      for (let c = 0; c < cols; c++) {
        const k = weights + r * cols + c;
        grad[k] += g[r] * x[c];
        gx[c] += params[k] * g[r];
        if (hv && v) {
          hv[k] += Rg[r] * x[c] + g[r] * Rx[c];
          Rgx[c] += v[k] * g[r] + params[k] * Rg[r];
        }
      }
    }
    if (l === 0) return;
    const u = pass.u[l - 1];
    const Ru = pass.Ru[l - 1];
    const slopes = Array.from(u, (ui) => activationSlopes(activation, ui));
    g = gx.map((d, c) => slopes[c][0] * d);
    Rg = Rgx.map((d, c) => slopes[c][0] * d + slopes[c][1] * Ru[c] * gx[c]);
  }
}

/** Adds weightDecay · x over the weights (not the biases) to out: the penalty's gradient (x = θ) or Hessian product (x = v). */
function addWeightDecay(spec: NetworkSpec, x: ArrayLike<number>, out: Float64Array): void {
  if (spec.weightDecay === 0) return;
  for (const { weights, rows, cols } of parameterLayout(spec.widths).layers) {
    for (let k = weights; k < weights + rows * cols; k++) out[k] += spec.weightDecay * x[k];
  }
}

/**
 * ∇θ of networkLoss at θ and, when v is given, the exact Hessian-vector product Hv (Pearlmutter's
 * R-operator: forward-over-reverse, no finite differences), for every loss including softmax.
 */
export function gradientAndHvp(spec: NetworkSpec, params: ArrayLike<number>, data: Dataset, v: ArrayLike<number> | null): { gradient: Float64Array; hv: Float64Array | null } {
  checkNetworkFits(spec, params, data);
  if (v && v.length !== params.length) throw new RangeError(`v has ${v.length} entries, θ has ${params.length}`);
  const { layers, count } = parameterLayout(spec.widths);
  const gradient = new Float64Array(count);
  const hv = v ? new Float64Array(count) : null;
  const n = data.inputDim;
  const last = layers.length - 1;
  for (let k = 0; k < data.size; k++) {
    const pass = forwardPass(layers, spec.activation, params, v, data.inputs.subarray(k * n, (k + 1) * n));
    backward(layers, spec.activation, params, v, pass, outputSeed(spec, pass.u[last], pass.Ru[last], data.targets[k]), gradient, hv);
  }
  for (let i = 0; i < count; i++) gradient[i] /= data.size;
  addWeightDecay(spec, params, gradient);
  if (hv && v) {
    for (let i = 0; i < count; i++) hv[i] /= data.size;
    addWeightDecay(spec, v, hv);
  }
  return { gradient, hv };
}

/** ∇θ of networkLoss at θ (same checks, same loss), in the flat layout. */
export function lossGradient(spec: NetworkSpec, params: ArrayLike<number>, data: Dataset): Float64Array {
  return gradientAndHvp(spec, params, data, null).gradient;
}

/** The exact float64 Hessian-vector product Hv of networkLoss at θ. */
export function hessianVectorProduct(spec: NetworkSpec, params: ArrayLike<number>, data: Dataset, v: ArrayLike<number>): Float64Array {
  return gradientAndHvp(spec, params, data, v).hv!;
}

/**
 * The output Jacobian J (row s = ∂z_s/∂θ, row-major size × P) and the outputs z_s, in float64, of a
 * network with one output (the Gauss–Newton products of gaussNewton.ts).
 */
export function outputJacobian(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>): { jacobian: Float64Array; outputs: Float64Array } {
  checkShapes(spec, theta, data);
  const { layers } = parameterLayout(spec.widths);
  const P = theta.length;
  const jacobian = new Float64Array(data.size * P);
  const outputs = new Float64Array(data.size);
  const n = data.inputDim;
  const seed = { g: Float64Array.of(1), Rg: Float64Array.of(0) };
  for (let s = 0; s < data.size; s++) {
    const pass = forwardPass(layers, spec.activation, theta, null, data.inputs.subarray(s * n, (s + 1) * n));
    outputs[s] = pass.u[layers.length - 1][0];
    backward(layers, spec.activation, theta, null, pass, seed, jacobian.subarray(s * P, (s + 1) * P), null);
  }
  return { jacobian, outputs };
}

/**
 * The Hessian as a dense P × P matrix (row-major) from central differences of the exact gradient,
 * symmetrised: error O(h²) from third derivatives plus O(ε / h) rounding. For small test networks.
 */
export function explicitHessian(spec: NetworkSpec, params: ArrayLike<number>, data: Dataset, h = 1e-4): Float64Array {
  const P = params.length;
  if (P > 2000) throw new RangeError(`an explicit Hessian of ${P} parameters is too large (at most 2000)`);
  const H = new Float64Array(P * P);
  const theta = Float64Array.from(params);
  for (let j = 0; j < P; j++) {
    const keep = theta[j];
    theta[j] = keep + h;
    const plus = lossGradient(spec, theta, data);
    theta[j] = keep - h;
    const minus = lossGradient(spec, theta, data);
    theta[j] = keep;
    for (let i = 0; i < P; i++) H[i * P + j] = (plus[i] - minus[i]) / (2 * h);
  }
  for (let i = 0; i < P; i++) {
    for (let j = i + 1; j < P; j++) H[i * P + j] = H[j * P + i] = (H[i * P + j] + H[j * P + i]) / 2;
  }
  return H;
}


/**
 * The exact float64 gradient of the training loss (mlp.ts's networkLoss) by backpropagation, for
 * every loss the lab has: binary logistic, softmax cross-entropy and squared error, plus weight
 * decay. It is the reference the tfjs gradient is tested against, and central differences of it
 * give an explicitly built Hessian for small networks (explicitHessian).
 */
import { sigmoid } from '../univariateSeries';
import { activate, checkNetworkFits } from './mlp';
import { softmaxInto } from './softmax';
import type { Activation, Dataset, LayerSlot, NetworkSpec } from './types';
import { parameterLayout } from './types';

/** d act / du at u (ReLU: 1 for u > 0, else 0). */
export function activationSlope(activation: Activation, u: number): number {
  switch (activation) {
    case 'tanh': {
      const t = Math.tanh(u);
      return 1 - t * t;
    }
    case 'sigmoid': {
      const s = sigmoid(u);
      return s * (1 - s);
    }
    case 'softplus':
      return sigmoid(u);
    case 'relu':
      return u > 0 ? 1 : 0;
  }
}

/** One sample's forward pass keeping each layer's input h_l and pre-activation u_l. */
function forwardKeeping(layers: readonly LayerSlot[], activation: Activation, params: ArrayLike<number>, input: ArrayLike<number>): { h: ArrayLike<number>[]; u: Float64Array[] } {
  const h: ArrayLike<number>[] = [input];
  const u: Float64Array[] = [];
  layers.forEach(({ weights, bias, rows, cols }, l) => {
    const pre = new Float64Array(rows);
    const x = h[l];
    for (let r = 0; r < rows; r++) {
      let s = params[bias + r];
      for (let c = 0; c < cols; c++) s += params[weights + r * cols + c] * x[c];
      pre[r] = s;
    }
    u.push(pre);
    if (l + 1 < layers.length) h.push(pre.map((v) => activate(activation, v)));
  });
  return { h, u };
}

/** dLoss/dz for one sample: σ(z) - t, 2 (z - t) or softmax(z) - e_t. */
function outputSlope(spec: NetworkSpec, z: Float64Array, t: number): Float64Array {
  if (z.length > 1) {
    const p = softmaxInto(z, 0, z.length, new Float64Array(z.length));
    p[t] -= 1;
    return p;
  }
  return Float64Array.of(spec.task === 'classification' ? sigmoid(z[0]) - t : 2 * (z[0] - t));
}

/** Adds one sample's gradient into `grad` (backpropagation through the kept pass). */
function backward(layers: readonly LayerSlot[], activation: Activation, params: ArrayLike<number>, pass: { h: ArrayLike<number>[]; u: Float64Array[] }, delta: Float64Array, grad: Float64Array): void {
  for (let l = layers.length - 1; l >= 0; l--) {
    const { weights, bias, rows, cols } = layers[l];
    const x = pass.h[l];
    for (let r = 0; r < rows; r++) {
      grad[bias + r] += delta[r];
      for (let c = 0; c < cols; c++) grad[weights + r * cols + c] += delta[r] * x[c];
    }
    if (l === 0) return;
    const below = new Float64Array(cols);
    const uBelow = pass.u[l - 1];
    for (let c = 0; c < cols; c++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += params[weights + r * cols + c] * delta[r];
      below[c] = s * activationSlope(activation, uBelow[c]);
    }
    delta = below;
  }
}

/** ∇θ of networkLoss at θ (same checks, same loss), in the flat layout. */
export function lossGradient(spec: NetworkSpec, params: ArrayLike<number>, data: Dataset): Float64Array {
  checkNetworkFits(spec, params, data);
  const { layers, count } = parameterLayout(spec.widths);
  const grad = new Float64Array(count);
  const n = data.inputDim;
  for (let k = 0; k < data.size; k++) {
    const pass = forwardKeeping(layers, spec.activation, params, data.inputs.subarray(k * n, (k + 1) * n));
    backward(layers, spec.activation, params, pass, outputSlope(spec, pass.u[layers.length - 1], data.targets[k]), grad);
  }
  for (let i = 0; i < count; i++) grad[i] /= data.size;
  if (spec.weightDecay !== 0) {
    for (const { weights, rows, cols } of layers) for (let i = weights; i < weights + rows * cols; i++) grad[i] += spec.weightDecay * params[i];
  }
  return grad;
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


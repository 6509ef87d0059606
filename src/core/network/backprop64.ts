/**
 * Exact first and second derivatives of the network loss in float64, by hand-written backprop and
 * Pearlmutter's R-operator (forward-over-reverse: every forward and backward quantity carries its
 * directional derivative along v), so Hv costs about four gradients and has no truncation error.
 * These are the oracle the float32 tfjs HVPs and the spectrum estimators are tested against, and the
 * engine of the Gauss–Newton products (gaussNewton.ts).
 */
import { activate, checkShapes } from './mlp';
import { sigmoid } from '../univariateSeries';
import type { Activation, Dataset, LayerSlot, NetworkSpec } from './types';
import { parameterLayout } from './types';

/** act′(u) and act″(u); ReLU's are 1/0 and 0 (its kink at 0 has no second derivative to give). */
export function activationDerivatives(activation: Activation, u: number): [number, number] {
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

/** ℓ′(z) and ℓ″(z) of one sample's loss: softplus(z) − t z (σ(z) − t, σ(1 − σ)) or (z − t)² (2(z − t), 2). */
export function lossDerivatives(spec: NetworkSpec, z: number, t: number): [number, number] {
  if (spec.task === 'classification') {
    const s = sigmoid(z);
    return [s - t, s * (1 - s)];
  }
  return [2 * (z - t), 2];
}

/** One sample's forward pass with tangents: pre-activations u, activations h (h[0] = x), and R of both. */
interface Tangents {
  readonly u: Float64Array[];
  readonly h: ArrayLike<number>[];
  readonly Ru: Float64Array[];
  readonly Rh: Float64Array[];
}

function forwardWithTangents(layers: readonly LayerSlot[], activation: Activation, theta: ArrayLike<number>, v: ArrayLike<number> | null, x: ArrayLike<number>): Tangents {
  const t: Tangents = { u: [], h: [x], Ru: [], Rh: [new Float64Array(x.length)] };
  layers.forEach(({ weights, bias, rows, cols }, l) => {
    const h = t.h[l];
    const Rh = t.Rh[l];
    const u = new Float64Array(rows);
    const Ru = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let s = theta[bias + r];
      let Rs = v ? v[bias + r] : 0;
      for (let c = 0; c < cols; c++) {
        const k = weights + r * cols + c;
        s += theta[k] * h[c];
        if (v) Rs += v[k] * h[c] + theta[k] * Rh[c];
      }
      u[r] = s;
      Ru[r] = Rs;
    }
    t.u.push(u);
    t.Ru.push(Ru);
    if (l + 1 < layers.length) {
      t.h.push(u.map((ur) => activate(activation, ur)));
      t.Rh.push(Ru.map((Rr, r) => activationDerivatives(activation, u[r])[0] * Rr));
    }
  });
  return t;
}

/**
 * Backprop of one sample from the output seed (g = ∂/∂z, Rg = R of it) down to the parameters,
 * adding g·∂z/∂θ to grad and its R-derivative to hv (when given).
 */
function backward(layers: readonly LayerSlot[], activation: Activation, theta: ArrayLike<number>, v: ArrayLike<number> | null, t: Tangents, seed: [number, number], grad: Float64Array, hv: Float64Array | null): void {
  let g = Float64Array.of(seed[0]);
  let Rg = Float64Array.of(seed[1]);
  for (let l = layers.length - 1; l >= 0; l--) {
    const { weights, bias, rows, cols } = layers[l];
    const h = t.h[l];
    const Rh = t.Rh[l];
    const gh = new Float64Array(cols);
    const Rgh = new Float64Array(cols);
    for (let r = 0; r < rows; r++) {
      grad[bias + r] += g[r];
      if (hv) hv[bias + r] += Rg[r];
      for (let c = 0; c < cols; c++) {
        const k = weights + r * cols + c;
        grad[k] += g[r] * h[c];
        gh[c] += theta[k] * g[r];
        if (hv && v) {
          hv[k] += Rg[r] * h[c] + g[r] * Rh[c];
          Rgh[c] += v[k] * g[r] + theta[k] * Rg[r];
        }
      }
    }
    if (l === 0) break;
    const u = t.u[l - 1];
    const Ru = t.Ru[l - 1];
    g = gh.map((x, c) => activationDerivatives(activation, u[c])[0] * x);
    Rg = Rgh.map((x, c) => {
      const [d1, d2] = activationDerivatives(activation, u[c]);
      return d2 * Ru[c] * gh[c] + d1 * x;
    });
  }
}

/** Adds (weightDecay) x over the weight entries to out: the penalty's gradient (x = θ) or Hessian product (x = v). */
function addWeightDecay(spec: NetworkSpec, x: ArrayLike<number>, out: Float64Array): void {
  if (spec.weightDecay === 0) return;
  for (const { weights, rows, cols } of parameterLayout(spec.widths).layers) {
    for (let k = weights; k < weights + rows * cols; k++) out[k] += spec.weightDecay * x[k];
  }
}

/** ∇L and Hv at θ in float64 (hv only when v is given): exact backprop with R-operator tangents. */
export function gradientAndHvp64(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, v: ArrayLike<number> | null): { gradient: Float64Array; hv: Float64Array | null } {
  checkShapes(spec, theta, data);
  if (v && v.length !== theta.length) throw new RangeError(`v has ${v.length} entries, θ has ${theta.length}`);
  const { layers } = parameterLayout(spec.widths);
  const P = theta.length;
  const gradient = new Float64Array(P);
  const hv = v ? new Float64Array(P) : null;
  const n = data.inputDim;
  for (let s = 0; s < data.size; s++) {
    const t = forwardWithTangents(layers, spec.activation, theta, v, data.inputs.subarray(s * n, (s + 1) * n));
    const L = layers.length - 1;
    const [d1, d2] = lossDerivatives(spec, t.u[L][0], data.targets[s]);
    backward(layers, spec.activation, theta, v, t, [d1, d2 * t.Ru[L][0]], gradient, hv);
  }
  for (let k = 0; k < P; k++) gradient[k] /= data.size;
  addWeightDecay(spec, theta, gradient);
  if (hv && v) {
    for (let k = 0; k < P; k++) hv[k] /= data.size;
    addWeightDecay(spec, v, hv);
  }
  return { gradient, hv };
}

/** Hv of the network loss at θ in float64 (exact: forward-over-reverse, no finite differences). */
export function hessianVectorProduct64(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  return gradientAndHvp64(spec, data, theta, v).hv as Float64Array;
}

/** The output Jacobian J (row s = ∂z_s/∂θ, row-major size × P) and the outputs z_s, in float64. */
export function outputJacobian(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>): { jacobian: Float64Array; outputs: Float64Array } {
  checkShapes(spec, theta, data);
  const { layers } = parameterLayout(spec.widths);
  const P = theta.length;
  const jacobian = new Float64Array(data.size * P);
  const outputs = new Float64Array(data.size);
  const n = data.inputDim;
  for (let s = 0; s < data.size; s++) {
    const x = data.inputs.subarray(s * n, (s + 1) * n);
    const t = forwardWithTangents(layers, spec.activation, theta, null, x);
    outputs[s] = t.u[layers.length - 1][0];
    backward(layers, spec.activation, theta, null, t, [1, 0], jacobian.subarray(s * P, (s + 1) * P), null);
  }
  return { jacobian, outputs };
}

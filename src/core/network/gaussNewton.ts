/**
 * The generalised Gauss–Newton matrix G = (1/S) Σ_s ℓ″(z_s) J_s J_sᵀ + wd·I_weights (J_s = ∂z_s/∂θ)
 * beside the true Hessian H = G + (1/S) Σ_s ℓ′(z_s) ∇²z_s: both in float64, as operators (v ↦ Gv,
 * v ↦ Hv) and as explicit matrices for small nets. G is positive semi-definite (ℓ is convex in z),
 * so every negative eigenvalue of H comes from the second term: curvature of the network itself,
 * weighted by how wrong each sample still is.
 */
import { hessianVectorProduct64, lossDerivatives, outputJacobian } from './backprop64';
import type { Dataset, NetworkSpec } from './types';
import { parameterLayout } from './types';

/** G as an operator with the pieces it is made of. */
export interface GaussNewtonOperator {
  /** v ↦ Gv in float64 (a synchronous HessianVectorProduct for the spectrum estimators). */
  readonly apply: (v: Float64Array) => Float64Array;
  /** J: row s = ∂z_s/∂θ (row-major samples × P). */
  readonly jacobian: Float64Array;
  /** ℓ″(z_s) per sample (the diagonal of H_ℓ before the 1/S). */
  readonly outputCurvatures: Float64Array;
  readonly size: number;
}

/** 1 on the weight entries, 0 on the biases: where the weight-decay term adds wd to the diagonal. */
function weightMask(spec: NetworkSpec): Float64Array {
  const layout = parameterLayout(spec.widths);
  const mask = new Float64Array(layout.count);
  for (const { weights, rows, cols } of layout.layers) mask.fill(1, weights, weights + rows * cols);
  return mask;
}

/** G at θ as an operator: J and ℓ″ computed once, each product then costs two passes over J. */
export function gaussNewtonOperator(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>): GaussNewtonOperator {
  const { jacobian, outputs } = outputJacobian(spec, data, theta);
  const P = theta.length;
  const S = data.size;
  const outputCurvatures = Float64Array.from(outputs, (z, s) => lossDerivatives(spec, z, data.targets[s])[1]);
  const mask = weightMask(spec);
  const apply = (v: Float64Array): Float64Array => {
    if (v.length !== P) throw new RangeError(`v has ${v.length} entries, θ has ${P}`);
    const out = Float64Array.from(mask, (m, k) => m * spec.weightDecay * v[k]);
    for (let s = 0; s < S; s++) {
      const row = jacobian.subarray(s * P, (s + 1) * P);
      let jv = 0;
      for (let k = 0; k < P; k++) jv += row[k] * v[k];
      const c = (outputCurvatures[s] * jv) / S;
      for (let k = 0; k < P; k++) out[k] += c * row[k];
    }
    return out;
  };
  return { apply, jacobian, outputCurvatures, size: P };
}

/** Gv at θ in float64 (one product; build gaussNewtonOperator once for many). */
export function gaussNewtonVectorProduct(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, v: Float64Array): Float64Array {
  return gaussNewtonOperator(spec, data, theta).apply(v);
}

/** G at θ as a row-major P × P matrix: (1/S) Jᵀ diag(ℓ″) J + wd on the weights' diagonal. */
export function gaussNewtonMatrix(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>): Float64Array {
  const { jacobian, outputCurvatures } = gaussNewtonOperator(spec, data, theta);
  const P = theta.length;
  const S = data.size;
  const g = new Float64Array(P * P);
  for (let s = 0; s < S; s++) {
    const row = jacobian.subarray(s * P, (s + 1) * P);
    const c = outputCurvatures[s] / S;
    for (let i = 0; i < P; i++) {
      const ci = c * row[i];
      if (ci !== 0) for (let j = i; j < P; j++) g[i * P + j] += ci * row[j];
    }
  }
  const mask = weightMask(spec);
  for (let i = 0; i < P; i++) {
    g[i * P + i] += spec.weightDecay * mask[i];
    for (let j = 0; j < i; j++) g[i * P + j] = g[j * P + i];
  }
  return g;
}

/** H at θ as an operator in float64 (exact forward-over-reverse products). */
export function networkHessianOperator(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>): (v: Float64Array) => Float64Array {
  return (v) => hessianVectorProduct64(spec, data, theta, v);
}

/**
 * The full Hessian of the network loss at θ in float64, row-major P × P: P exact products with the
 * unit vectors, symmetrised (the products are symmetric to roundoff). Meant for P up to a few thousand.
 */
export function networkHessianMatrix(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>): Float64Array {
  const P = theta.length;
  const h = new Float64Array(P * P);
  const e = new Float64Array(P);
  for (let j = 0; j < P; j++) {
    e.fill(0);
    e[j] = 1;
    const column = hessianVectorProduct64(spec, data, theta, e);
    for (let i = 0; i < P; i++) h[i * P + j] = column[i];
  }
  for (let i = 0; i < P; i++) {
    for (let j = 0; j < i; j++) h[i * P + j] = h[j * P + i] = 0.5 * (h[i * P + j] + h[j * P + i]);
  }
  return h;
}

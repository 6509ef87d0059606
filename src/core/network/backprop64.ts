/**
 * The one-output network's float64 derivatives in the argument order (spec, data, θ) the spectrum
 * estimators, the edge-of-stability runs and the Gauss–Newton products use. The arithmetic is
 * backprop.ts's (backprop with Pearlmutter's R-operator, exact, no finite differences); this file
 * adds the one-output check and the per-sample loss derivatives ℓ′, ℓ″.
 */
import { gradientAndHvp } from './backprop';
import { checkShapes } from './mlp';
import { sigmoid } from '../univariateSeries';
import type { Dataset, NetworkSpec } from './types';

export { outputJacobian } from './backprop';

/** ℓ′(z) and ℓ″(z) of one sample's loss: softplus(z) − t z (σ(z) − t, σ(1 − σ)) or (z − t)² (2(z − t), 2). */
export function lossDerivatives(spec: NetworkSpec, z: number, t: number): [number, number] {
  if (spec.task === 'classification') {
    const s = sigmoid(z);
    return [s - t, s * (1 - s)];
  }
  return [2 * (z - t), 2];
}

/** ∇L and Hv at θ in float64 (hv only when v is given) of a network with one output. */
export function gradientAndHvp64(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, v: ArrayLike<number> | null): { gradient: Float64Array; hv: Float64Array | null } {
  checkShapes(spec, theta, data);
  return gradientAndHvp(spec, theta, data, v);
}

/** Hv of the network loss at θ in float64 (exact: forward-over-reverse, no finite differences). */
export function hessianVectorProduct64(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  return gradientAndHvp64(spec, data, theta, v).hv as Float64Array;
}

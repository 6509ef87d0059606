/**
 * The slice L(θ* + a d1 + b d2) at (0, 0) for the network report: value, gradient and 2×2 Hessian.
 * A single-output network gets them from the exact float64 jets (NetworkSliceLandscape); a
 * K-class softmax network, which the jets do not cover yet, from the exact float64 gradient and
 * Hessian-vector products along d1 and d2 (backprop with R-operator tangents; no differences).
 */
import { derivativesFromCoefficients } from '../core/landscape/Landscape';
import { gradientAndHvp, hessianVectorProduct } from '../core/network/backprop';
import { networkLoss, outputCount } from '../core/network/mlp';
import { NetworkSliceLandscape } from '../core/network/NetworkSliceLandscape';
import type { Dataset, NetworkSpec } from '../core/network/types';

/** The slice's value, gradient and Hessian at (0, 0), and how they were computed. */
export interface SliceAtOrigin {
  readonly value: number;
  readonly gradient: [number, number];
  readonly hessian: [[number, number], [number, number]];
  readonly method: string;
}

function dot(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

/** Value, gradient and Hessian of the slice at (0, 0). */
export function sliceAtOrigin(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, d1: ArrayLike<number>, d2: ArrayLike<number>, dataName: string): SliceAtOrigin {
  if (outputCount(spec) === 1) {
    const slice = new NetworkSliceLandscape(spec, data, theta, d1, d2, { dataName });
    const d = derivativesFromCoefficients(slice.coefficients(0, 0, 2));
    return { value: d.f, gradient: [d.gx, d.gy], hessian: [[d.hxx, d.hxy], [d.hxy, d.hyy]], method: 'float64 jets' };
  }
  const { gradient: g, hv: h1 } = gradientAndHvp(spec, theta, data, d1);
  const h2 = hessianVectorProduct(spec, theta, data, d2);
  const hab = (dot(d2, h1!) + dot(d1, h2)) / 2;
  return {
    value: networkLoss(spec, theta, data),
    gradient: [dot(g, d1), dot(g, d2)],
    hessian: [[dot(d1, h1!), hab], [hab, dot(d2, h2)]],
    method: 'float64 backprop and R-operator HVPs',
  };
}

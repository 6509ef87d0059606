/**
 * What the lab looks at: a smooth function of two coordinates that can give, at any point, its
 * value and its float64 Taylor coefficients to order k. A typed formula is one kind; a trained
 * network's loss over a 2D slice of weight space is another. The point model, the breakdown
 * analysis, the critical-point search and the optimizers take a Landscape, never an Expr.
 *
 * The grid pass (tfjs, in compute/) is the other half: see compute/landscape/GridLandscape.ts.
 */
import type { PointDerivatives } from '../types';

/** The kinds of landscape the lab knows; each has one module that builds it. */
export type LandscapeKind = 'formula' | 'network';

/** A smooth function f(x, y) with exact local information at every point. */
export interface Landscape {
  readonly kind: LandscapeKind;
  /** Identity for caches: two landscapes with the same key are the same function. */
  readonly key: string;
  /** Text for captions and the live formula ("(x^2 - 1)^2 + y^2", "loss of a 2-8-8-1 tanh MLP"). */
  readonly label: string;
  /** f(x, y) in float64; NaN or +-Infinity where f is undefined. */
  value(x: number, y: number): number;
  /**
   * Taylor coefficients c_ij (i + j <= order) of f at (x, y), in the layout of core/taylorLayout.ts:
   * f(x + dx, y + dy) = sum c_ij dx^i dy^j. Exact (float64 jets or autodiff), never finite differences.
   */
  coefficients(x: number, y: number, order: number): Float64Array;
}

/** Value, gradient and Hessian read off the order-2 coefficients. */
export function derivativesFromCoefficients(c: ArrayLike<number>): PointDerivatives {
  return { f: c[0], gx: c[1], gy: c[2], hxx: 2 * c[3], hxy: c[4], hyy: 2 * c[5] };
}

/** Value, gradient and Hessian of a landscape at (x, y). */
export function landscapeDerivatives(landscape: Landscape, x: number, y: number): PointDerivatives {
  return derivativesFromCoefficients(landscape.coefficients(x, y, 2));
}

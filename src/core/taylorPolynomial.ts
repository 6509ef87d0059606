/**
 * Evaluating Taylor polynomials from coefficients in the taylorLayout order, and the 1D tables the
 * lectures show (f next to its Taylor polynomials of several orders at a few points).
 */
import type { Expr } from './expr/ast';
import { evaluateExpr, taylorCoefficients } from './jet';
import { coefficientCount, coefficientIndex } from './taylorLayout';

function checkLength(coeffs: ArrayLike<number>, order: number): void {
  if (!Number.isInteger(order) || order < 0 || coeffs.length < coefficientCount(order)) {
    throw new RangeError(`order ${order} needs ${coefficientCount(order)} coefficients, got ${coeffs.length}`);
  }
}

/**
 * Value of Σ_{i+j <= order} c[i][j] dx^i dy^j; terms of higher degree in `coeffs` are ignored, so one
 * order-6 array serves every lower order. Throws RangeError when coeffs is too short for `order`.
 */
export function evaluateTaylor(coeffs: ArrayLike<number>, order: number, dx: number, dy: number): number {
  checkLength(coeffs, order);
  // Horner in dx over each power of dy: Σ_j dy^j Σ_i c[i][j] dx^i, with i <= order - j.
  let total = 0;
  for (let j = order; j >= 0; j--) {
    let inner = 0;
    for (let i = order - j; i >= 0; i--) inner = inner * dx + coeffs[coefficientIndex(i, j)];
    total = total * dy + inner;
  }
  return total;
}

/** Value of the 1D Taylor polynomial Σ_{i <= order} c[i][0] dx^i, from coefficients in the 2D layout. */
export function evaluateTaylor1D(coeffs: ArrayLike<number>, order: number, dx: number): number {
  checkLength(coeffs, order);
  let total = 0;
  for (let i = order; i >= 0; i--) total = total * dx + coeffs[coefficientIndex(i, 0)];
  return total;
}

/** f and its Taylor polynomials about x0 at the given points, as plain arrays for a lecture table. */
export interface TaylorTable1D {
  readonly points: number[];
  readonly f: number[];
  /** approx[k][p] is the order-k Taylor polynomial at points[p]. */
  readonly approx: Record<number, number[]>;
}

/** Tabulates f(x) (y fixed at 0) and its order-k Taylor polynomials about x0, for each k in `orders`. */
export function taylorTable1D(expr: Expr, x0: number, orders: number[], points: number[]): TaylorTable1D {
  const highest = Math.max(0, ...orders);
  const coeffs = taylorCoefficients(expr, x0, 0, highest);
  const approx: Record<number, number[]> = {};
  for (const k of orders) approx[k] = points.map((p) => evaluateTaylor1D(coeffs, k, p - x0));
  return { points: [...points], f: points.map((p) => evaluateExpr(expr, p, 0)), approx };
}

/**
 * Implicit differentiation to any order: where F(x0, λ0) = 0 and F_x ≠ 0, the branch x(λ) has the
 * series x(λ0 + h) = Σ a_k h^k, found exactly (no step size) from F's bivariate Taylor coefficients
 * by substituting x = x0 + Σ a_k h^k and matching powers of h one at a time.
 */
import type { Expr } from '../expr/ast';
import { taylorCoefficients } from '../jet';
import { coefficientIndex } from '../taylorLayout';
import type { LambdaX } from './types';

/** Highest order of the branch's Taylor polynomial offered by the view. */
export const MAX_BRANCH_ORDER = 6;

/** The branch through a point: F and its first partials there, and x(λ)'s series and derivatives. */
export interface BranchSeries {
  readonly at: LambdaX;
  readonly F: number;
  readonly Fx: number;
  readonly Flambda: number;
  /** False where F_x is 0 or undefined: then no branch x(λ) exists and the series is NaN/Infinity. */
  readonly regular: boolean;
  /** a_0 = x0, a_1 .. a_order: x(λ0 + h) ≈ Σ a_k h^k. */
  readonly coefficients: number[];
  /** x'(λ0), x''(λ0), ... = k! a_k for k = 1..order. */
  readonly derivatives: number[];
}

/**
 * Series coefficients a_0..a_order of x(λ0 + h) from F's coefficients c[i][j] (layout of
 * taylorLayout, i for x, j for λ, to total degree >= order) at (x0, λ0). The h^n coefficient of
 * F(x0 + X(h), λ0 + h) is c_10 a_n plus terms in a_1..a_(n-1) only, so a_n = -(that rest) / c_10.
 */
export function branchCoefficientsFromJet(c: ArrayLike<number>, x0: number, order: number): number[] {
  const a = new Array<number>(order + 1).fill(0);
  a[0] = x0;
  for (let n = 1; n <= order; n++) {
    a[n] = 0;
    a[n] = -coefficientOfH(c, a, n) / c[coefficientIndex(1, 0)];
  }
  return a;
}

/** The h^n coefficient of Σ c_ij X^i h^j with X = Σ_{k>=1} a_k h^k (a_0 is not part of X). */
function coefficientOfH(c: ArrayLike<number>, a: readonly number[], n: number): number {
  const deviation = a.map((v, k) => (k === 0 ? 0 : v)).slice(0, n + 1);
  let power = new Array<number>(n + 1).fill(0);
  power[0] = 1; // X^0
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    // X^i starts at h^i, so only j <= n - i contributes to h^n.
    for (let j = 0; j <= n - i; j++) sum += c[coefficientIndex(i, j)] * power[n - j];
    power = multiplyTruncated(power, deviation, n);
  }
  return sum;
}

/** Product of two series truncated after h^n. */
function multiplyTruncated(p: readonly number[], q: readonly number[], n: number): number[] {
  const out = new Array<number>(n + 1).fill(0);
  for (let i = 0; i <= n; i++) {
    if (p[i] === 0) continue;
    for (let j = 0; i + j <= n; j++) out[i + j] += p[i] * q[j];
  }
  return out;
}

/** The branch series of F(x, λ) = 0 through `at` to the given order (0..20), by exact float64 jets. */
export function branchSeries(F: Expr, at: LambdaX, order: number): BranchSeries {
  if (!Number.isInteger(order) || order < 0 || order > 20) throw new RangeError(`branch order must be 0..20, got ${order}`);
  const c = taylorCoefficients(F, at.x, at.lambda, Math.max(order, 1));
  const Fx = c[coefficientIndex(1, 0)];
  const coefficients = branchCoefficientsFromJet(c, at.x, order);
  let factorial = 1;
  const derivatives = coefficients.slice(1).map((a, k) => {
    factorial *= k + 1;
    return a * factorial;
  });
  return {
    at,
    F: c[0],
    Fx,
    Flambda: c[coefficientIndex(0, 1)],
    regular: Fx !== 0 && Number.isFinite(Fx),
    coefficients,
    derivatives,
  };
}

/** T_k(h) = Σ_{m<=k} a_m h^m (Horner), the order-k model of x(λ0 + h); k is capped at the series length. */
export function evaluateBranchTaylor(coefficients: readonly number[], order: number, h: number): number {
  let value = 0;
  for (let m = Math.min(order, coefficients.length - 1); m >= 0; m--) value = value * h + coefficients[m];
  return value;
}

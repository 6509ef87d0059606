/** The `--steps` table of `taylor-lab expand`: error of each Taylor order against the step along one direction. */
import type { Expr } from '../core/expr/ast';
import { errorVsStep } from '../core/errorVsStep';
import { evaluateExpr } from '../core/jet';
import { FLOAT64_EPS } from '../core/slopeFit';
import { evaluateTaylor } from '../core/taylorPolynomial';
import type { ReportValue } from './jsonOutput';

/** Smallest and largest step of the table, and how many log-spaced steps lie between (four per decade). */
export const STEP_RANGE = { hMin: 1e-3, hMax: 1, count: 13 } as const;

/**
 * |f(p + h u) - T_k(h u)| for h log-spaced over STEP_RANGE and every order k <= order, with the
 * fitted log-log slope per order (k + 1 for a generic f; null where truncation never shows above
 * round-off, as for a polynomial of degree <= k). `coeffs` are the Taylor coefficients at p in the
 * taylorLayout order; `direction` is a unit vector (u, 0 in 1D).
 */
export function stepTable(
  expr: Expr,
  point: readonly [number, number],
  direction: readonly [number, number],
  coeffs: Float64Array,
  order: number,
): Record<string, ReportValue> {
  const [x0, y0] = point;
  const [ux, uy] = direction;
  const orders = Array.from({ length: order + 1 }, (_, k) => k);
  const result = errorVsStep(
    (h) => evaluateExpr(expr, x0 + h * ux, y0 + h * uy),
    (h, k) => evaluateTaylor(coeffs, k, h * ux, h * uy),
    // The jet and evaluateExpr run in float64, so the round-off floor is float64's.
    { ...STEP_RANGE, orders, fScale: Math.abs(coeffs[0]), eps: FLOAT64_EPS },
  );
  const byOrder = <T extends ReportValue>(rows: readonly T[]): Record<string, T> =>
    Object.fromEntries(orders.map((k, row) => [String(k), rows[row]]));
  return {
    h: result.h,
    errors: byOrder(result.errors),
    roundoff: byOrder(result.roundoff),
    slopes: byOrder(result.slopes),
  };
}

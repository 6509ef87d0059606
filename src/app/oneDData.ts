/**
 * The numbers behind the 1D view, as plain arrays for the charts: f sampled over the x range, the
 * Taylor polynomials about x0, the error-vs-step study of the chosen orders and the value table.
 * Pure (core only, float64), so the Day 42 numbers are checked in Node.
 */
import type { Expr } from '../core/expr/ast';
import { evaluateExpr, taylorCoefficients } from '../core/jet';
import { evaluateTaylor1D, taylorTable1D } from '../core/taylorPolynomial';
import { analyzeBreakdown } from '../core/breakdownAnalysis';
import { relativeErrorScale } from '../core/errorVsStep';
import type { ErrorChartData } from '../plots/ErrorChart';
import type { ValueTableData } from '../plots/ValueTable';

/** Samples of the 1D curve: enough that x^10-like polynomials look smooth at 2000 px. */
export const CURVE_SAMPLES = 601;

/** f sampled at evenly spaced x over [lo, hi]; NaN where f is undefined (drawn as a gap). */
export function sampleFunction(expr: Expr, lo: number, hi: number, count = CURVE_SAMPLES): { x: number[]; f: number[] } {
  const x = Array.from({ length: count }, (_, i) => lo + ((hi - lo) * i) / (count - 1));
  return { x, f: x.map((v) => evaluateExpr(expr, v, 0)) };
}

/** The Taylor polynomials of the given orders about x0 at the sample points, and f(x0). */
export function taylorCurves(expr: Expr, x0: number, orders: readonly number[], xs: readonly number[]): { f0: number; approximations: { order: number; y: number[] }[] } {
  const coeffs = taylorCoefficients(expr, x0, 0, Math.max(0, ...orders));
  return {
    f0: evaluateExpr(expr, x0, 0),
    approximations: orders.map((order) => ({ order, y: xs.map((v) => evaluateTaylor1D(coeffs, order, v - x0)) })),
  };
}

/**
 * Largest step R of the 1D error study: a quarter of the visible x range. The lessons' windows are
 * chosen to show where the polynomials fail, so steps up to a quarter window reach that failure
 * (Day 42: R = 0.5, the table's outer points; sin on [-2π, 2π]: R = π) while the three decades
 * below it show the clean h^(k+1) slopes. The floor keeps steps above float64 noise for a
 * degenerate range.
 */
export function errorStepRadius(lo: number, hi: number, x0: number): number {
  const quarter = Math.abs(hi - lo) / 4;
  return Math.max(Number.isFinite(quarter) ? quarter : 0, 1e-6 * Math.max(1, Math.abs(x0)));
}

/**
 * The error chart's tolerance in absolute units: breakdown compares |f - T_k| / s with the
 * tolerance, s = |f(p)| (1 when f(p) is 0 or undefined, as in errorVsStep), so the line drawn on
 * the absolute-error axis is tolerance * s and crosses each order's curve at its breakdown marker.
 */
export function absoluteTolerance(tolerance: number, fAtPoint: number): number {
  return tolerance * relativeErrorScale(fAtPoint);
}

/**
 * Error-vs-step data for the chosen orders of a 1D function, stepping from x0 towards +x over
 * [1e-3 R, R] in float64 (the 1D view has no GPU grid whose float32 round-off it would mirror).
 */
export function oneDErrorData(expr: Expr, x0: number, orders: readonly number[], radius: number, tolerance: number): ErrorChartData {
  if (orders.length === 0) return { h: [], errors: [], orders: [], roundoff: [], slopes: [], breakdown: [] };
  const study = analyzeBreakdown(expr, {
    x0,
    y0: 0,
    direction: 'angle',
    angleDeg: 0,
    maxOrder: Math.max(...orders),
    radius,
    tolerance,
    precision: 'float64',
  });
  // analyzeBreakdown covers every order 0..max; row k is order k.
  return {
    h: study.h,
    orders: [...orders],
    errors: orders.map((k) => study.errors[k]),
    roundoff: orders.map((k) => study.roundoff[k]),
    slopes: orders.map((k) => study.slopes[k]),
    breakdown: orders.map((k) => study.breakdown[k]),
    theorySlopes: orders.map((k) => study.theorySlopes[k]),
    tolerance: absoluteTolerance(tolerance, evaluateExpr(expr, x0, 0)),
  };
}

/** f and each chosen order at the table points, in ValueTable's shape. */
export function oneDTableData(expr: Expr, x0: number, orders: readonly number[], points: readonly number[]): ValueTableData {
  const table = taylorTable1D(expr, x0, [...orders], [...points]);
  return { points: table.points, f: table.f, approx: orders.map((order) => ({ order, values: table.approx[order] })) };
}

/** The orders of a state list ("1,2"): integers in 0..maxOrder, unique, ascending. */
export function normalizeOrders(values: readonly number[], maxOrder: number): number[] {
  const ok = values.filter((k) => Number.isInteger(k) && k >= 0 && k <= maxOrder);
  return [...new Set(ok)].sort((a, b) => a - b);
}

/** Parses what a user typed as a list of numbers ("0.5, 1 1.5"): the numbers, or null when a part is not one. */
export function parseUserNumbers(text: string, maxCount: number): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0 || parts.length > maxCount) return null;
  const values = parts.map(Number);
  return values.every(Number.isFinite) ? values : null;
}

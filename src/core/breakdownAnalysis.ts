import type { Expr } from './expr/ast';
import type { Landscape } from './landscape/Landscape';
import { asLandscape } from './landscape/formulaLandscape';
import { evaluateTaylor } from './taylorPolynomial';
import { breakdownStep, errorVsStep } from './errorVsStep';
import { FLOAT32_EPS, FLOAT64_EPS } from './slopeFit';
import { symmetricEigen2 } from './eigen2';

/** Which direction the steps go from the expansion point. */
export type StepDirection = 'gradient' | 'eigen1' | 'eigen2' | 'angle';

/** Arithmetic whose round-off the chart shows: float32 as the GPU grid has it, or float64. */
export type Precision = 'float32' | 'float64';

/** What to analyse: the point, the direction, the orders and the step range. */
export interface BreakdownRequest {
  readonly x0: number;
  readonly y0: number;
  readonly direction: StepDirection;
  /** Angle in degrees from +x, used when direction is 'angle' (and as fallback when the gradient is 0). */
  readonly angleDeg: number;
  readonly maxOrder: number;
  /** Largest step R (the window radius); the smallest is 1e-3 R. */
  readonly radius: number;
  readonly tolerance: number;
  readonly precision: Precision;
  readonly count?: number;
}

/** Error-vs-step data for every order 0..maxOrder, ready for a chart. */
export interface BreakdownResult {
  readonly direction: readonly [number, number];
  readonly orders: number[];
  readonly h: number[];
  readonly errors: number[][];
  readonly roundoff: boolean[][];
  readonly slopes: (number | null)[];
  readonly breakdown: (number | null)[];
  /**
   * Expected slope per order: the degree of the first non-zero Taylor term above k along the
   * direction (k + 1 for a generic f; 3 for order 1 of sin at 0), null when the model is exact.
   */
  readonly theorySlopes: (number | null)[];
}

/** How many orders past the model the theory looks for a non-zero term. */
const THEORY_LOOKAHEAD = 4;

/** Coefficients a_m of the 1D series t -> f(p + t d): a_m = sum over i + j = m of c_ij dx^i dy^j. */
export function directionalCoefficients(coeffs: ArrayLike<number>, order: number, dx: number, dy: number): number[] {
  const a: number[] = [];
  for (let m = 0; m <= order; m++) {
    let sum = 0;
    for (let j = 0; j <= m; j++) sum += coeffs[(m * (m + 1)) / 2 + j] * dx ** (m - j) * dy ** j;
    a.push(sum);
  }
  return a;
}

/**
 * The expected error slope of each order k: the degree of the first term above k whose directional
 * coefficient is not zero (relative to the largest), or null when none is within the look-ahead.
 */
export function theorySlopes(directional: readonly number[], orders: readonly number[]): (number | null)[] {
  const scale = Math.max(...directional.map(Math.abs).filter(Number.isFinite), 0);
  const significant = (m: number) => Math.abs(directional[m]) > 1e-12 * scale;
  return orders.map((k) => {
    for (let m = k + 1; m < directional.length; m++) if (significant(m)) return m;
    return null;
  });
}

/** The unit direction of a request at the point, from the point's gradient or Hessian. */
export function stepDirection(coeffs: ArrayLike<number>, req: Pick<BreakdownRequest, 'direction' | 'angleDeg'>): [number, number] {
  const angle = (req.angleDeg * Math.PI) / 180;
  const fallback: [number, number] = [Math.cos(angle), Math.sin(angle)];
  if (req.direction === 'gradient') {
    const norm = Math.hypot(coeffs[1], coeffs[2]);
    return norm > 1e-12 && Number.isFinite(norm) ? [coeffs[1] / norm, coeffs[2] / norm] : fallback;
  }
  if (req.direction === 'angle') return fallback;
  const eigen = symmetricEigen2(2 * coeffs[3], coeffs[4], 2 * coeffs[5]);
  const v = req.direction === 'eigen1' ? eigen.v1 : eigen.v2;
  return Number.isFinite(v[0]) && Number.isFinite(v[1]) ? [v[0], v[1]] : fallback;
}

/**
 * Measures |f(p + h d) - T_k(p + h d)| for k = 0..maxOrder on log-spaced h in [1e-3 R, R], with
 * float64 jets for T_k. In 'float32' mode both values are rounded to float32 before subtracting, as
 * they are on the GPU grid, so the chart shows where round-off hides the truncation error.
 */
export function analyzeBreakdown(source: Landscape | Expr, req: BreakdownRequest): BreakdownResult {
  const landscape = asLandscape(source);
  const orders = Array.from({ length: req.maxOrder + 1 }, (_, k) => k);
  const lookahead = Math.max(2, req.maxOrder + THEORY_LOOKAHEAD);
  const coeffs = landscape.coefficients(req.x0, req.y0, lookahead);
  const [dx, dy] = stepDirection(coeffs, req);
  const round = req.precision === 'float32' ? Math.fround : (v: number) => v;
  const f = (h: number) => round(landscape.value(req.x0 + h * dx, req.y0 + h * dy));
  const taylorAt = (h: number, k: number) => round(evaluateTaylor(coeffs, k, h * dx, h * dy));
  const result = errorVsStep(f, taylorAt, {
    hMin: 1e-3 * req.radius,
    hMax: req.radius,
    count: req.count ?? 40,
    orders,
    fScale: Math.abs(coeffs[0]),
    eps: req.precision === 'float32' ? FLOAT32_EPS : FLOAT64_EPS,
  });
  const breakdown = result.relErrors.map((row) => breakdownStep(result.h, row, req.tolerance));
  const theory = theorySlopes(directionalCoefficients(coeffs, lookahead, dx, dy), orders);
  return {
    direction: [dx, dy],
    orders,
    h: result.h,
    errors: result.errors,
    roundoff: result.roundoff,
    slopes: result.slopes,
    breakdown,
    theorySlopes: theory,
  };
}

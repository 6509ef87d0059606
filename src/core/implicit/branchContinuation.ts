/**
 * The true branch x(λ) of F(x, λ) = 0 by natural-parameter continuation (tangent predictor, Newton
 * corrector in x at fixed λ, step halving), and the error of the branch's Taylor polynomials
 * against it: the data of the implicit view's error-vs-step chart and its trusted radius.
 */
import type { Expr } from '../expr/ast';
import { taylorCoefficients } from '../jet';
import { breakdownStep, errorVsStep } from '../errorVsStep';
import type { ErrorVsStepResult } from '../errorVsStep';
import { FLOAT64_EPS } from '../slopeFit';
import { logSpacedSteps } from '../steps';
import { branchSeries, evaluateBranchTaylor } from './branchSeries';
import type { LambdaX } from './types';

/** x, F_x, |∇F| and the branch slope -F_λ/F_x at a point of the branch. */
interface BranchState {
  readonly x: number;
  readonly Fx: number;
  readonly gradient: number;
  readonly slope: number;
}

/** Newton in x on F(·, λ) = 0 from x; null unless it converges to full precision within 12 steps. */
function newtonInX(F: Expr, lambda: number, start: number): BranchState | null {
  let x = start;
  for (let iteration = 0; iteration < 12; iteration++) {
    const c = taylorCoefficients(F, x, lambda, 1);
    const dx = -c[0] / c[1];
    if (!Number.isFinite(dx)) return null;
    x += dx;
    if (Math.abs(dx) <= 4 * FLOAT64_EPS * Math.max(1, Math.abs(x))) {
      const at = taylorCoefficients(F, x, lambda, 1);
      return { x, Fx: at[1], gradient: Math.hypot(at[1], at[2]), slope: -at[2] / at[1] };
    }
  }
  return null;
}

/** The point moved onto the zero set along x at its own λ (Newton in x), or null when that fails. */
export function projectOntoBranch(F: Expr, at: LambdaX): LambdaX | null {
  const state = newtonInX(F, at.lambda, at.x);
  return state && Number.isFinite(state.x) ? { lambda: at.lambda, x: state.x } : null;
}

/**
 * One continuation step of length delta from (lambda, state), halving on failure. A step is kept
 * when Newton converges, F_x keeps its sign (no fold was crossed), the corrector moved the
 * predictor by at most a fifth of the step's length, and |∇F| did not drop below half: branches
 * cross only where ∇F = 0 (a pitchfork's x = √λ meets x = 0 so), so the steps shrink geometrically
 * towards such a point instead of jumping across it onto another branch.
 * Returns the new state and the step taken, or null where the branch ends.
 */
function advance(F: Expr, lambda: number, state: BranchState, delta: number): { state: BranchState; taken: number } | null {
  let step = delta;
  while (Math.abs(step) > 1e-13 * (1 + Math.abs(lambda))) {
    const predicted = state.x + state.slope * step;
    const next = newtonInX(F, lambda + step, predicted);
    const allowed = 0.2 * Math.abs(step) * (1 + Math.abs(state.slope)) + 1e-12 * (1 + Math.abs(state.x));
    const accepted =
      next !== null &&
      Math.sign(next.Fx) === Math.sign(state.Fx) &&
      Math.abs(next.x - predicted) <= allowed &&
      next.gradient >= 0.5 * state.gradient;
    if (next && accepted) {
      return { state: next, taken: step };
    }
    step /= 2;
  }
  return null;
}

/**
 * x on the branch through `at` (which should satisfy F = 0) at λ0 + h for each h, NaN from where
 * the branch ends (a fold, a bifurcation, F undefined). Steps of both signs are allowed; each side
 * is marched outwards from h = 0 in substeps of at most maxStep (default max |h| / 100).
 */
export function continueBranch(F: Expr, at: LambdaX, steps: readonly number[], maxStep?: number): number[] {
  const out = new Array<number>(steps.length).fill(Number.NaN);
  const start = newtonInX(F, at.lambda, at.x);
  if (!start) return out;
  const limit = maxStep ?? Math.max(...steps.map(Math.abs), 0) / 100;
  for (const sign of [1, -1]) {
    const side = steps.map((_, k) => k).filter((k) => (sign > 0 ? steps[k] >= 0 : steps[k] < 0));
    side.sort((i, j) => Math.abs(steps[i]) - Math.abs(steps[j]));
    let state: BranchState | null = start;
    let h = 0;
    let trial = limit;
    for (const k of side) {
      while (state && h !== steps[k]) {
        const remaining = steps[k] - h;
        // A remainder just above the trial length is taken whole, so no sliver of a step is left over.
        const length = Math.abs(remaining) <= 1.01 * trial ? Math.abs(remaining) : trial;
        const moved: { state: BranchState; taken: number } | null = advance(F, at.lambda + h, state, sign * length);
        state = moved?.state ?? null;
        if (!moved) break;
        // Land exactly on the target; after a halved step, let the length grow back.
        h = Math.abs(moved.taken) >= Math.abs(remaining) ? steps[k] : h + moved.taken;
        trial = Math.min(limit, 2 * Math.abs(moved.taken));
      }
      if (!state) break;
      out[k] = state.x;
    }
  }
  return out;
}

/** Step range, orders and tolerance of the branch's error-vs-step analysis. */
export interface BranchBreakdownOptions {
  readonly orders: readonly number[];
  /** Largest |h|; the smallest is hMin (default 1e-3 hMax). */
  readonly hMax: number;
  readonly hMin?: number;
  readonly count?: number;
  /** Relative tolerance of the breakdown step (error / max(|x0|, scale 1 when x0 = 0)). */
  readonly tol: number;
  /** +1: λ0 + h, -1: λ0 - h (default +1). */
  readonly direction?: 1 | -1;
}

/** errorVsStep data of |x(λ0 ± h) - T_k(h)| plus the true branch values and each order's breakdown step. */
export interface BranchBreakdown extends ErrorVsStepResult {
  readonly direction: 1 | -1;
  readonly orders: number[];
  /** x(λ0 ± h) at each h, NaN past the branch's end. */
  readonly branch: number[];
  readonly breakdown: (number | null)[];
}

/** Error of the branch's Taylor polynomials against the continued branch, with slopes and breakdown steps. */
export function branchBreakdown(F: Expr, at: LambdaX, opts: BranchBreakdownOptions): BranchBreakdown {
  const direction = opts.direction ?? 1;
  const orders = [...opts.orders];
  const series = branchSeries(F, at, Math.max(...orders, 0));
  const h = logSpacedSteps(opts.hMin ?? 1e-3 * opts.hMax, opts.hMax, opts.count ?? 40);
  const branch = continueBranch(F, at, h.map((s) => direction * s));
  const trueAt = new Map(h.map((s, k) => [s, branch[k]] as const));
  const result = errorVsStep(
    (s) => (s === 0 ? at.x : (trueAt.get(s) ?? Number.NaN)),
    (s, k) => evaluateBranchTaylor(series.coefficients, k, direction * s),
    { hMin: h[0], hMax: opts.hMax, count: h.length, orders, fScale: Math.abs(at.x), eps: FLOAT64_EPS },
  );
  const breakdown = result.relErrors.map((row) => breakdownStep(result.h, row, opts.tol));
  return { ...result, direction, orders, branch, breakdown };
}

/**
 * How far from λ0 the order-k branch polynomial stays within tol (relative to |x0|, absolute when
 * x0 = 0) on both sides: the smaller breakdown step of λ0 + h and λ0 - h over h in [1e-4 hMax, hMax],
 * 0 when even the smallest step fails, hMax when nothing fails. It shrinks to 0 at a bifurcation.
 */
export function trustedRadius(F: Expr, at: LambdaX, order: number, tol: number, hMax: number): number {
  const sides = ([1, -1] as const).map((direction) =>
    branchBreakdown(F, at, { orders: [order], hMax, hMin: 1e-4 * hMax, count: 60, tol, direction }),
  );
  return Math.min(...sides.map((side) => side.breakdown[0] ?? 0));
}

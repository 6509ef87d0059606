/**
 * Pure data of the implicit view: the window and orders from the state, a preset's state change,
 * snapping a dragged point onto the nearest branch, the branch model at the point (series, Taylor
 * curves, error-vs-step data of both sides and the trusted radius) and the λ slice. No DOM.
 */
import { isStable, type Dynamics } from '../../core/continuation/dynamics';
import type { Expr } from '../../core/expr/ast';
import { branchBreakdown, projectOntoBranch, type BranchBreakdown } from '../../core/implicit/branchContinuation';
import { MAX_BRANCH_ORDER, branchSeries, evaluateBranchTaylor, type BranchSeries } from '../../core/implicit/branchSeries';
import { implicitPreset } from '../../core/implicit/presets';
import { potentialAt, rootsAt, sliceValues, type SliceRoot } from '../../core/implicit/slicePanel';
import type { ImplicitWindow, LambdaX } from '../../core/implicit/types';
import type { BranchPolyline } from '../../core/implicit/zeroSet';
import type { ErrorChartData } from '../../plots/errorChartData';
import { parseNumberList } from '../../state/actions';
import type { LabState } from '../../state/schema';
import { normalizeOrders } from '../../app/oneDData';

/** The (λ, x) window of the state, each pair sorted (a reversed pair is read the right way round). */
export function implicitWindow(s: Pick<LabState, 'lamMin' | 'lamMax' | 'xiMin' | 'xiMax'>): ImplicitWindow {
  return {
    lambdaMin: Math.min(s.lamMin, s.lamMax),
    lambdaMax: Math.max(s.lamMin, s.lamMax),
    xMin: Math.min(s.xiMin, s.xiMax),
    xMax: Math.max(s.xiMin, s.xiMax),
  };
}

/** The branch orders to show: the state's list within 0..6, sorted and unique; [1] when none is left. */
export function implicitOrders(text: string): number[] {
  const orders = normalizeOrders(parseNumberList(text), MAX_BRANCH_ORDER);
  return orders.length > 0 ? orders : [1];
}

/**
 * The state change of choosing a preset: its formula, window, point, the slice at the point's λ,
 * its own dynamics ('auto') and, for a preset in μ, μ's start value.
 */
export function implicitPresetPatch(key: string): Partial<LabState> {
  const p = implicitPreset(key);
  if (!p) return { implicitPreset: 'custom' };
  const w = p.window;
  return {
    implicitPreset: p.key,
    implicitFormula: p.formula,
    lamMin: w.lambdaMin,
    lamMax: w.lambdaMax,
    xiMin: w.xMin,
    xiMax: w.xMax,
    lam0: p.point.lambda,
    xi0: p.point.x,
    lamSlider: p.point.lambda,
    implicitDynamics: 'auto',
    ...(p.mu === undefined ? {} : { implicitMu: p.mu }),
  };
}

/**
 * The point of the drawn branches nearest to (λ, x), distances measured in window units (so λ and x
 * count alike), or null when there are no branches.
 */
export function nearestOnBranches(branches: readonly BranchPolyline[], at: LambdaX, w: ImplicitWindow): LambdaX | null {
  const su = 1 / (w.lambdaMax - w.lambdaMin);
  const sv = 1 / (w.xMax - w.xMin);
  let best: LambdaX | null = null;
  let bestD = Infinity;
  for (const b of branches) {
    for (let k = 0; k + 1 < b.lambda.length; k++) {
      const [ax, ay, bx, by] = [b.lambda[k], b.x[k], b.lambda[k + 1], b.x[k + 1]];
      const [dx, dy] = [(bx - ax) * su, (by - ay) * sv];
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.min(1, Math.max(0, (((at.lambda - ax) * su) * dx + ((at.x - ay) * sv) * dy) / len2)) : 0;
      const p = { lambda: ax + t * (bx - ax), x: ay + t * (by - ay) };
      const d = Math.hypot((p.lambda - at.lambda) * su, (p.x - at.x) * sv);
      if (d < bestD) [best, bestD] = [p, d];
    }
  }
  return best;
}

/**
 * Where a dragged point lands: the nearest point of the drawn branches, moved onto F = 0 exactly
 * by Newton in x at its λ (projectOntoBranch); without branches, Newton from the pointer itself.
 * Null when Newton fails or leaves the window.
 */
export function snapToBranch(F: Expr, branches: readonly BranchPolyline[], at: LambdaX, w: ImplicitWindow): LambdaX | null {
  const start = nearestOnBranches(branches, at, w) ?? at;
  const p = projectOntoBranch(F, start);
  if (!p) return null;
  const slack = 0.05 * (w.xMax - w.xMin);
  return p.x >= w.xMin - slack && p.x <= w.xMax + slack ? p : null;
}

/** T_k of the series over the window's λ, one curve per order, 200 samples. */
export function branchTaylorCurves(series: BranchSeries, orders: readonly number[], w: ImplicitWindow, samples = 200): { order: number; lambda: number[]; x: number[] }[] {
  const lambda = Array.from({ length: samples }, (_, k) => w.lambdaMin + (k * (w.lambdaMax - w.lambdaMin)) / (samples - 1));
  return orders.map((order) => ({ order, lambda, x: lambda.map((l) => evaluateBranchTaylor(series.coefficients, order, l - series.at.lambda)) }));
}

/** The branch model at a point: its series, both sides' error studies, the side shown and the trusted radius. */
export interface BranchModel {
  readonly series: BranchSeries;
  /** Error studies towards λ0 + h and λ0 - h (empty when the point is singular). */
  readonly sides: readonly BranchBreakdown[];
  /** The side with the smaller trusted step of the highest order: the one the chart shows. */
  readonly shown: BranchBreakdown | null;
  /** min over both sides of the highest order's breakdown step (as trustedRadius computes it). */
  readonly trusted: number;
  readonly hMax: number;
}

/**
 * Series to order max(orders, 6) (the readouts show x' .. x⁽⁶⁾), and the error of the chosen orders
 * against the continued branch on both sides for h up to hMax, with tol relative to |x0|.
 */
export function branchModel(F: Expr, at: LambdaX, orders: readonly number[], tol: number, hMax: number): BranchModel {
  const series = branchSeries(F, at, MAX_BRANCH_ORDER);
  if (!series.regular) return { series, sides: [], shown: null, trusted: 0, hMax };
  const sides = ([1, -1] as const).map((direction) =>
    branchBreakdown(F, at, { orders, hMax, hMin: 1e-4 * hMax, count: 60, tol, direction }),
  );
  const top = orders.length - 1;
  const steps = sides.map((s) => s.breakdown[top] ?? 0);
  const limiting = steps[1] < steps[0] ? 1 : 0;
  return { series, sides, shown: sides[limiting], trusted: Math.min(...steps), hMax };
}

/** The error chart's input from one side's study; the tolerance line is tol in x's units (|x0|, or 1 at x0 = 0). */
export function branchChartData(b: BranchBreakdown, tol: number, x0: number): ErrorChartData {
  const scale = Math.abs(x0) > 0 && Number.isFinite(x0) ? Math.abs(x0) : 1;
  return { h: b.h, errors: b.errors, orders: b.orders, roundoff: b.roundoff, slopes: b.slopes, breakdown: b.breakdown, tolerance: tol * scale };
}

/** The λ slice: x samples, F or V there, and the roots with their heights on the curve and their stability for the dynamics. */
export function sliceData(F: Expr, lambda: number, w: ImplicitWindow, quantity: 'F' | 'V', samples = 240, dynamics: Dynamics = 'gradient'): { x: number[]; y: number[]; roots: SliceRoot[]; dots: { x: number; y: number; stable: boolean }[] } {
  const x = Array.from({ length: samples }, (_, k) => w.xMin + (k * (w.xMax - w.xMin)) / (samples - 1));
  const roots = rootsAt(F, lambda, w.xMin, w.xMax).map((r) => ({ ...r, stable: isStable(r.Fx, dynamics, lambda) }));
  if (quantity === 'F') return { x, y: sliceValues(F, lambda, x), roots, dots: roots.map((r) => ({ x: r.x, y: 0, stable: r.stable })) };
  // V at the roots comes from the same quadrature, over the samples with the roots merged in.
  const merged = [...x, ...roots.map((r) => r.x)].sort((a, b) => a - b);
  const V = potentialAt(F, lambda, merged);
  const at = new Map(merged.map((m, k) => [m, V[k]] as const));
  return { x, y: x.map((v) => at.get(v) ?? Number.NaN), roots, dots: roots.map((r) => ({ x: r.x, y: at.get(r.x) ?? 0, stable: r.stable })) };
}

/** A readout number: six significant digits, rounding noise below 1e-12 shown as 0. */
export function formatReadout(v: number): string {
  if (Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const clean = Math.abs(v) < 1e-12 ? 0 : v;
  return String(Number(clean.toPrecision(6)));
}

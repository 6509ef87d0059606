/**
 * A landscape the grid pass can evaluate: the core Landscape (exact values and Taylor
 * coefficients at a point) plus the same function as tfjs ops over tensors of independent points.
 */
import type { Expr } from '../../core/expr/ast';
import type { Landscape } from '../../core/landscape/Landscape';
import type { Domain, GridField, PointClass } from '../../core/types';
import type { BreakdownRequest, BreakdownResult } from '../../core/breakdownAnalysis';
import { formulaLandscape, type FormulaLandscape } from '../../core/landscape/formulaLandscape';
import { compileExpr, type TensorFunction } from '../compileExpr';

/** A Landscape with a batched tfjs form for the grid pass. */
export interface GridLandscape extends Landscape {
  /**
   * f as tfjs ops: x and y are 1D tensors of M independent points, the result has shape [M], and
   * element m depends on x[m] and y[m] only (so d sum(f) / dx is the gradient at every point).
   */
  tensorFunction(): TensorFunction;
  /** Most grid points one batched pass may hold (memory bound: a network pushes its data set through each point); absent = all. */
  readonly maxPointsPerPass?: number;
  /**
   * Computes the grid elsewhere (the compute worker), coarse levels first: calls onLevel with each
   * level, `final` on the last (size n); rejects with an AbortError when the signal aborts. Absent:
   * the app's GridEvaluator runs tensorFunction() on this thread.
   */
  readonly computeGrid?: (domain: Domain, n: number, onLevel: (grid: GridField, final: boolean) => void, signal: AbortSignal) => Promise<void>;
  /**
   * Searches the critical points elsewhere (the compute worker) from these seeds; rejects with an
   * AbortError when the signal aborts. Absent: the app searches on this thread, in slices.
   */
  readonly findCriticalPoints?: (domain: Domain, seeds: ReadonlyArray<readonly [number, number]>, signal: AbortSignal) => Promise<{ x: number; y: number; cls: PointClass }[]>;
  /**
   * For a landscape whose every evaluation is costly (a big network's pass over its data): the
   * point's coefficients and the error-vs-step study computed elsewhere; rejects with an
   * AbortError when the signal aborts. Absent: both are computed on this thread.
   */
  readonly remotePoint?: {
    coefficients(x: number, y: number, order: number, signal: AbortSignal): Promise<Float64Array>;
    breakdown(request: BreakdownRequest, signal: AbortSignal): Promise<{ study: BreakdownResult; value: number }>;
  };
}

/** A typed formula as a grid landscape: float64 jets at a point, compiled tfjs ops on the grid. */
export interface FormulaGridLandscape extends GridLandscape {
  readonly kind: FormulaLandscape['kind'];
  readonly expr: Expr;
}

/** Wraps a parsed formula as a landscape with both halves. */
export function formulaGridLandscape(expr: Expr, text?: string): FormulaGridLandscape {
  const base = formulaLandscape(expr, text);
  let compiled: TensorFunction | null = null;
  return {
    ...base,
    value: base.value,
    coefficients: base.coefficients,
    tensorFunction: () => (compiled ??= compileExpr(expr)),
  };
}

/** True when a value is a grid landscape rather than a bare expression tree. */
export function isGridLandscape(value: Expr | GridLandscape): value is GridLandscape {
  return 'tensorFunction' in value;
}

/**
 * The lesson's exercise in the 1D view: the state's optimizer runs on f(x), from runStart's first
 * number (or x0 when it is empty): every iterate with f, f′ and f″, for the curve's markers, each
 * Newton iterate's parabola (its second-order Taylor model, whose vertex is the next iterate) and
 * the table of steps.
 */
import type { Expr } from '../../core/expr/ast';
import { formulaLandscape } from '../../core/landscape/formulaLandscape';
import { runOptimizer1D } from '../../core/optimizers/runOptimizer';
import { parseRunSpecs, runLabel } from '../../core/optimizers/runSpecs';

/** One iterate on the curve: x_k, f, f′ and f″ there. */
export interface Iterate1D {
  readonly k: number;
  readonly x: number;
  readonly f: number;
  readonly df: number;
  readonly d2f: number;
}

/** One run on the curve. */
export interface Run1D {
  readonly label: string;
  readonly method: string;
  readonly iterates: readonly Iterate1D[];
  readonly steps: number;
  readonly stop: string;
  /** Whether each iterate's parabola is drawn (Newton's model). */
  readonly parabolas: boolean;
}

/** Where the 1D runs start: runStart's first number, or x0. */
export function runStart1D(runStart: string, x0: number): number {
  const first = Number(runStart.split(',')[0]);
  return runStart.trim() !== '' && Number.isFinite(first) ? first : x0;
}

/** The runs of the spec text on f(x) from x0, to |f′| ≤ 1e-9 or 1000 steps; a message for bad text. */
export function runs1D(expr: Expr, specsText: string, x0: number): Run1D[] | string {
  const parsed = parseRunSpecs(specsText);
  if (!parsed.ok) return parsed.message;
  const landscape = formulaLandscape(expr);
  return parsed.specs.map((spec) => {
    const run = runOptimizer1D(landscape, { method: spec.method, params: spec.params, from: x0, tol: 1e-9, maxSteps: 1000 });
    return {
      label: runLabel(spec),
      method: spec.method,
      iterates: run.iterates.map((it) => ({ k: it.k, x: it.x, f: it.f, df: it.gx, d2f: it.hxx })),
      steps: run.steps,
      stop: run.stop.message,
      parabolas: spec.method === 'newton' || spec.method === 'damped-newton',
    };
  });
}

/**
 * The lesson's exercise in the 1D view: the state's optimizer runs on f(x), from runStart's first
 * number (or x0 when it is empty): every iterate with f, f′ and f″, for the curve's markers, each
 * Newton iterate's parabola (its second-order Taylor model, whose vertex is the next iterate) and
 * the table of steps.
 */
import type { Expr } from '../../core/expr/ast';
import { formulaLandscape } from '../../core/landscape/formulaLandscape';
import { parseExpression } from '../../core/expr/parser';
import { landscapeDerivatives } from '../../core/landscape/Landscape';
import { lrMarks } from '../../core/optimizers/rates';
import { runOptimizer1D } from '../../core/optimizers/runOptimizer';
import { parseRunSpecs, runLabel } from '../../core/optimizers/runSpecs';
import type { Run1D } from '../../plots/RunTable1D';

export type { Iterate1D, Run1D } from '../../plots/RunTable1D';

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

/**
 * The iterate a 1D run shows after `runSteps` steps, as in 2D: the lecturer starts at x₀ and
 * steps with N (or plays with B); a run that has stopped stays at its last iterate.
 */
export function shownStep1D(run: Run1D, runSteps: number): number {
  return Math.max(0, Math.min(Math.floor(runSteps), run.steps));
}

/** The largest step count of the runs (where N and B stop in the 1D view); 0 for none or bad text. */
export function lastStep1D(runs: readonly Run1D[] | string): number {
  return typeof runs === 'string' ? 0 : Math.max(0, ...runs.map((r) => r.steps));
}

/** A runs1D that remembers its last answer, so a step, a theme or a drag of x₀ away from the start does not rerun the runs. */
export function cachedRuns1D(): (expr: Expr, specsText: string, x0: number) => Run1D[] | string {
  let last: { expr: Expr; specsText: string; x0: number; runs: Run1D[] | string } | null = null;
  return (expr, specsText, x0) => {
    if (last === null || last.expr !== expr || last.specsText !== specsText || last.x0 !== x0) last = { expr, specsText, x0, runs: runs1D(expr, specsText, x0) };
    return last.runs;
  };
}

/**
 * The η marks of the 1D exercise, from f(x) itself at the runs' start: 1/f″ and 2/f″ (∞ where
 * f″ ≤ 0, as in 2D), or null when the formula does not parse.
 */
export function lrMarks1D(formula1d: string, runStart: string, x0: number): { inverse: number; limit: number } | null {
  const parsed = parseExpression(formula1d, ['x']);
  if (!parsed.ok) return null;
  const marks = lrMarks(landscapeDerivatives(formulaLandscape(parsed.expr), runStart1D(runStart, x0), 0), 1);
  return { inverse: marks.inverse, limit: marks.stabilityLimit };
}

/**
 * When a run stops and the sentence that says why: divergence (non-finite, or past the bounds),
 * convergence (|∇f| <= tol, naming what kind of point it reached), a singular Newton system, or the
 * step limit. Checked in that order, so a run that blows up at its last step reads as diverged.
 */
import { formatNumber as fmt, hessianSpectrum, stationaryTypeOf } from './localModels';
import { divergenceExplanation } from './rates';
import type { Iterate, OptimizerStop, ResolvedConfig, Spectrum } from './types';

/** The stop at this iterate, or null when the run may take its step. */
export function stopFor(it: Iterate, config: ResolvedConfig, start: Spectrum): OptimizerStop | null {
  const stop = (reason: OptimizerStop['reason'], message: string): OptimizerStop => ({ reason, message, k: it.k });
  const after = `after ${it.k} step${it.k === 1 ? '' : 's'}`;
  const grad = config.dimension === 1 ? "|f'|" : '|∇f|';
  const diverged = divergence(it, config);
  if (diverged !== null) return stop('diverged', `diverged ${after}: ${diverged}${whyGdDiverged(config, start)}`);
  if (it.gradNorm <= config.tol) {
    return stop('converged', `converged ${after}: ${grad} = ${fmt(it.gradNorm)} <= tol = ${fmt(config.tol)}, ${pointKind(it, config.dimension)}`);
  }
  if (it.step === null) {
    const matrix = config.method === 'damped-newton' ? `H + ${fmt(config.params.mu)}I` : 'H';
    const values = hessianSpectrum(it, config.dimension).eigenvalues.map((l) => fmt(l + (config.method === 'damped-newton' ? config.params.mu : 0)));
    return stop('singular', `stopped ${after}: ${matrix} is singular at ${where(it, config.dimension)} (eigenvalues ${values.join(' and ')}), so the Newton step is undefined`);
  }
  if (it.k >= config.maxSteps) {
    return stop('max-steps', `stopped at the step limit ${config.maxSteps} with ${grad} = ${fmt(it.gradNorm)} > tol = ${fmt(config.tol)}`);
  }
  return null;
}

/** What went out of range, or null when the iterate is inside the bounds. */
function divergence(it: Iterate, config: ResolvedConfig): string | null {
  const values: [string, number][] = [
    ['x', it.x],
    ['y', it.y],
    ['f', it.f],
    ['the gradient', it.gradNorm],
  ];
  const bad = values.find(([, v]) => !Number.isFinite(v));
  if (bad !== undefined) return `${bad[0]} became ${bad[1]}`;
  const { maxAbsCoordinate, maxAbsValue } = config.bounds;
  const coordinate = Math.max(Math.abs(it.x), Math.abs(it.y));
  if (coordinate > maxAbsCoordinate) return `|${Math.abs(it.x) >= Math.abs(it.y) ? 'x' : 'y'}| = ${fmt(coordinate)} passed the bound ${fmt(maxAbsCoordinate)}`;
  if (Math.abs(it.f) > maxAbsValue) return `|f| = ${fmt(Math.abs(it.f))} passed the bound ${fmt(maxAbsValue)}`;
  return null;
}

/** For GD above 2/λmax of the start's Hessian, the numbers behind the divergence; otherwise nothing. */
function whyGdDiverged(config: ResolvedConfig, start: Spectrum): string {
  if (config.method !== 'gd') return '';
  const values = start.eigenvalues;
  const lambdaMax = values[values.length - 1];
  if (!(config.params.lr * lambdaMax > 2) && !(values[0] < 0)) return '';
  return ` (at the start, ${divergenceExplanation(config.params.lr, start)})`;
}

/** "at a minimum of f (H has eigenvalues 2 and 8)", from the Hessian at the iterate. */
function pointKind(it: Iterate, dimension: 1 | 2): string {
  const values = hessianSpectrum(it, dimension).eigenvalues;
  const type = stationaryTypeOf(values);
  const kind = type === 'singular' ? 'a degenerate critical point' : type === 'minimum' ? 'a minimum' : `a ${type}`;
  const label = values.length === 1 ? "f'' =" : 'H has eigenvalues';
  return `at ${kind} of f near ${where(it, dimension)} (${label} ${values.map(fmt).join(' and ')})`;
}

/** "(1, 0)" in 2D, "x = 1" in 1D, three significant digits; below 1e-9 a coordinate reads as 0 (it is "near"). */
function where(it: Iterate, dimension: 1 | 2): string {
  const c = (v: number) => fmt(Math.abs(v) < 1e-9 ? 0 : v);
  return dimension === 1 ? `x = ${c(it.x)}` : `(${c(it.x)}, ${c(it.y)})`;
}

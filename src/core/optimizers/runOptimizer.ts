/**
 * Whole optimizer runs on a landscape: step until converged, diverged, singular or out of steps,
 * keeping every iterate with its local model. The 1D entry optimises x alone, for f(x) drawn as a
 * curve (a landscape with no y dependence, such as the lesson's x^4 - 3x^2 + x).
 */
import type { Landscape } from '../landscape/Landscape';
import { createOptimizerState, stepOnce } from './stepOnce';
import type { Iterate, OptimizerParams, OptimizerRun, RunConfig } from './types';
import { METHOD_PARAMS } from './types';

/** Runs the method from config.from; throws RangeError for hyperparameters it cannot use. */
export function runOptimizer(landscape: Landscape, config: RunConfig): OptimizerRun {
  let state = createOptimizerState(landscape, config);
  const iterates: Iterate[] = [state.current];
  while (state.stop === null) {
    state = stepOnce(landscape, state);
    iterates.push(state.current);
  }
  const { method, params, from, dimension } = state.config;
  const used: OptimizerParams = Object.fromEntries(METHOD_PARAMS[method].map((name) => [name, params[name]]));
  return { method, params: used, dimension, from, iterates, stop: state.stop, steps: iterates.length - 1, final: state.current };
}

/** A 1D run config: the start is a single x, y stays at `y` (default 0). */
export interface RunConfig1D extends Omit<RunConfig, 'from' | 'dimension'> {
  readonly from: number;
  readonly y?: number;
}

/** Runs the method on f(x, y) along x only, y held fixed: the 1D view's curve and the lesson's race. */
export function runOptimizer1D(landscape: Landscape, config: RunConfig1D): OptimizerRun {
  const { from, y, ...rest } = config;
  return runOptimizer(landscape, { ...rest, from: [from, y ?? 0], dimension: 1 });
}

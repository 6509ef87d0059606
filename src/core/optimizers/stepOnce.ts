/**
 * One optimizer step at a time, for a key press: the state is plain data (config, the current
 * iterate with its step already computed, the method's memory), and a step costs one evaluation of
 * the order-2 coefficients at the new point (Nesterov adds a gradient at its look-ahead point).
 */
import type { Landscape } from '../landscape/Landscape';
import { landscapeDerivatives } from '../landscape/Landscape';
import type { PointDerivatives } from '../types';
import { newtonStep, quadraticModel, tangentModel } from './localModels';
import { stopFor } from './stopMessages';
import type { Iterate, OptimizerStop, ResolvedConfig, RunConfig, Spectrum } from './types';
import { DEFAULT_BOUNDS, DEFAULT_PARAMS, METHOD_PARAMS } from './types';

/** What a method remembers between steps: heavy-ball/Nesterov velocity, Adam's moments. */
export interface OptimizerMemory {
  readonly velocity: readonly [number, number];
  readonly m: readonly [number, number];
  readonly v: readonly [number, number];
}

/** Everything needed to take the next step; plain data, so it can be stored or sent as is. */
export interface OptimizerState {
  readonly config: ResolvedConfig;
  /** The newest iterate, whose `step` is the move the next stepOnce makes. */
  readonly current: Iterate;
  /** The memory after taking current.step (what the next proposal starts from). */
  readonly memory: OptimizerMemory;
  /** H's spectrum at the start, for the divergence sentence. */
  readonly start: Spectrum;
  /** Why the run has stopped, or null while it may go on. */
  readonly stop: OptimizerStop | null;
}

const ZERO: readonly [number, number] = [0, 0];

/** Why these hyperparameters cannot run (one sentence), or null when they can. */
export function paramProblem(config: RunConfig): string | null {
  const p = { ...DEFAULT_PARAMS, ...config.params };
  const used = METHOD_PARAMS[config.method];
  if (used === undefined) return `unknown method '${String(config.method)}'`;
  for (const name of used) if (!Number.isFinite(p[name])) return `${name} must be a finite number`;
  if (used.includes('lr') && !(p.lr > 0)) return 'lr must be positive';
  if (used.includes('beta') && !(p.beta >= 0 && p.beta < 1)) return 'beta must be in [0, 1)';
  if (used.includes('mu') && !(p.mu >= 0)) return 'mu must be non-negative';
  if (used.includes('beta1') && !(p.beta1 >= 0 && p.beta1 < 1)) return 'beta1 must be in [0, 1)';
  if (used.includes('beta2') && !(p.beta2 >= 0 && p.beta2 < 1)) return 'beta2 must be in [0, 1)';
  if (used.includes('eps') && !(p.eps > 0)) return 'eps must be positive';
  if (config.from.length < 1 || config.from.length > 2 || !config.from.every(Number.isFinite)) return 'from must be one or two finite numbers';
  if (config.tol !== undefined && !(config.tol > 0)) return 'tol must be positive';
  if (config.maxSteps !== undefined && !(config.maxSteps >= 0)) return 'maxSteps must be non-negative';
  return null;
}

/** The config with defaults filled in; throws RangeError with paramProblem's sentence for bad input. */
export function resolveConfig(config: RunConfig): ResolvedConfig {
  const problem = paramProblem(config);
  if (problem !== null) throw new RangeError(problem);
  const dimension = config.dimension ?? (config.from.length === 1 ? 1 : 2);
  return {
    method: config.method,
    params: { ...DEFAULT_PARAMS, ...config.params },
    from: [config.from[0], config.from[1] ?? 0],
    maxSteps: config.maxSteps ?? 1000,
    tol: config.tol ?? 1e-9,
    bounds: { ...DEFAULT_BOUNDS, ...config.bounds },
    dimension,
  };
}

/** The state at the start of a run: the first iterate, its proposed step, and whether it already stops. */
export function createOptimizerState(landscape: Landscape, config: RunConfig): OptimizerState {
  const resolved = resolveConfig(config);
  const memory = { velocity: ZERO, m: ZERO, v: ZERO };
  const [x, y] = resolved.from;
  const { iterate, next } = makeIterate(landscape, resolved, 0, x, y, memory);
  const start: Spectrum = { eigenvalues: iterate.model.eigenvalues, eigenvectors: iterate.model.eigenvectors };
  return { config: resolved, current: iterate, memory: next, start, stop: stopFor(iterate, resolved, start) };
}

/**
 * Takes the current iterate's step and returns the state at the new point. A stopped state comes
 * back unchanged, so a key held down past convergence does nothing.
 */
export function stepOnce(landscape: Landscape, state: OptimizerState): OptimizerState {
  const { current, config } = state;
  if (state.stop !== null || current.step === null) return state;
  const x = current.x + current.step[0];
  const y = current.y + current.step[1];
  const { iterate, next } = makeIterate(landscape, config, current.k + 1, x, y, state.memory);
  return { ...state, current: iterate, memory: next, stop: stopFor(iterate, config, state.start) };
}

/** Derivatives at (x, y); in 1D the y parts are zeroed so that only x moves. */
function derivativesAt(landscape: Landscape, x: number, y: number, dimension: 1 | 2): PointDerivatives {
  const d = landscapeDerivatives(landscape, x, y);
  return dimension === 1 ? { ...d, gy: 0, hxy: 0, hyy: 0 } : d;
}

/** The iterate at (x, y) with its model and step, and the memory that step leaves. */
function makeIterate(
  landscape: Landscape,
  config: ResolvedConfig,
  k: number,
  x: number,
  y: number,
  memory: OptimizerMemory,
): { iterate: Iterate; next: OptimizerMemory } {
  const d = derivativesAt(landscape, x, y, config.dimension);
  const { method, params, dimension } = config;
  const isNewton = method === 'newton' || method === 'damped-newton';
  const mu = method === 'damped-newton' ? params.mu : 0;
  const model = isNewton ? quadraticModel(d, x, y, mu, dimension) : tangentModel(d, params.lr, dimension);
  const finite = [x, y, d.f, d.gx, d.gy].every(Number.isFinite);
  const proposal = finite ? propose(landscape, config, k, x, y, d, memory) : { step: null, next: memory };
  const iterate: Iterate = {
    k,
    x,
    y,
    f: d.f,
    gx: d.gx,
    gy: d.gy,
    gradNorm: Math.hypot(d.gx, d.gy),
    hxx: d.hxx,
    hxy: d.hxy,
    hyy: d.hyy,
    step: proposal.step,
    model,
  };
  return { iterate, next: proposal.next };
}

/** The method's step from iterate k and its memory afterwards. */
function propose(
  landscape: Landscape,
  config: ResolvedConfig,
  k: number,
  x: number,
  y: number,
  d: PointDerivatives,
  memory: OptimizerMemory,
): { step: [number, number] | null; next: OptimizerMemory } {
  const { lr, beta, mu, beta1, beta2, eps } = config.params;
  const g: [number, number] = [d.gx, d.gy];
  switch (config.method) {
    case 'gd':
      return { step: [-lr * g[0], -lr * g[1]], next: memory };
    case 'momentum': {
      const velocity: [number, number] = [beta * memory.velocity[0] - lr * g[0], beta * memory.velocity[1] - lr * g[1]];
      return { step: velocity, next: { ...memory, velocity } };
    }
    case 'nesterov': {
      const [vx, vy] = memory.velocity;
      // The gradient at the look-ahead point x + βv; at v = 0 that is the point itself.
      const ahead = vx === 0 && vy === 0 ? g : lookAheadGradient(landscape, x + beta * vx, y + beta * vy, config.dimension);
      const velocity: [number, number] = [beta * vx - lr * ahead[0], beta * vy - lr * ahead[1]];
      return { step: velocity, next: { ...memory, velocity } };
    }
    case 'newton':
      return { step: newtonStep(d, 0, config.dimension), next: memory };
    case 'damped-newton':
      return { step: newtonStep(d, mu, config.dimension), next: memory };
    case 'adam':
      return adamStep(g, k + 1, memory, lr, beta1, beta2, eps);
  }
}

/** ∇f at Nesterov's look-ahead point, from order-1 coefficients only. */
function lookAheadGradient(landscape: Landscape, x: number, y: number, dimension: 1 | 2): [number, number] {
  const c = landscape.coefficients(x, y, 1);
  return [c[1], dimension === 1 ? 0 : c[2]];
}

/** Adam (Kingma & Ba 2015): bias-corrected first and second moments, step -η m̂ / (√v̂ + ε). */
function adamStep(
  g: readonly [number, number],
  t: number,
  memory: OptimizerMemory,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
): { step: [number, number]; next: OptimizerMemory } {
  const m: [number, number] = [beta1 * memory.m[0] + (1 - beta1) * g[0], beta1 * memory.m[1] + (1 - beta1) * g[1]];
  const v: [number, number] = [beta2 * memory.v[0] + (1 - beta2) * g[0] ** 2, beta2 * memory.v[1] + (1 - beta2) * g[1] ** 2];
  const c1 = 1 - beta1 ** t;
  const c2 = 1 - beta2 ** t;
  const component = (i: 0 | 1) => (-lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
  return { step: [component(0), component(1)], next: { ...memory, m, v } };
}

/**
 * The eigenvalue density of a symmetric operator by stochastic Lanczos quadrature (Ghorbani, Krishnan
 * & Xiao 2019; PyHessian's `density`): for each random unit probe v, m Lanczos steps give the
 * Gauss quadrature rule (nodes θ_i = eigenvalues of T, weights τ_i = (first entry of T's i-th
 * eigenvector)²) of the measure Σ_j (vᵀu_j)² δ(λ − λ_j), whose mean over probes is the spectral
 * density (1/P) Σ_j δ(λ − λ_j). Each spike is broadened into a Gaussian of width σ and the sum is
 * sampled on a grid. Σ_i τ_i θ_iᵏ = vᵀHᵏv exactly for k < 2m, an unbiased estimate of tr(Hᵏ)/P.
 */
import { createRandom } from '../network/random';
import { meanAndStandardError } from './hutchinson';
import { lanczosTridiagonal, tridiagonalEigen } from './lanczos';
import { rademacher, type HessianVectorProduct } from './operator';

/** Options of slqDensity. */
export interface DensityOptions {
  /** Random probes (default 10). */
  readonly probes?: number;
  /** Lanczos steps per probe, ≤ dim (default min(dim, 80)). */
  readonly steps?: number;
  /** Gaussian broadening (default 1% of the nodes' spread). */
  readonly sigma?: number;
  /** Grid points (default 256), spanning the nodes ± 5σ. */
  readonly points?: number;
  /** Seed of the probes (default 0). */
  readonly seed?: number;
  /** Aborting rejects with an Error named AbortError at the next product. */
  readonly signal?: AbortSignal;
  /** Called after each probe with the probes done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One probe's Gauss quadrature rule: nodes ascending, weights summing to 1. */
export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/** The broadened density on a grid and the rules it came from. */
export interface SpectralDensity {
  /** Evenly spaced λ values. */
  readonly grid: Float64Array;
  /** Density at each grid value; its trapezoid integral over the grid is 1. */
  readonly density: Float64Array;
  readonly sigma: number;
  readonly rules: QuadratureRule[];
  /** Products spent (≤ probes × steps; fewer where a probe's Krylov space closed early). */
  readonly hvps: number;
}

/** One probe's rule from `steps` Lanczos steps on a normalised Rademacher vector. */
async function probeRule(hvp: HessianVectorProduct, start: Float64Array, steps: number, signal: AbortSignal | undefined): Promise<QuadratureRule & { hvps: number }> {
  const { alpha, beta, hvps } = await lanczosTridiagonal(hvp, start, steps, signal);
  const { values, vectors } = tridiagonalEigen(alpha, beta);
  return { nodes: values, weights: Float64Array.from(vectors, (s) => s[0] * s[0]), hvps };
}

/** Gaussian-broadened mixture (1/n) Σ_rules Σ_i τ_i N(λ; θ_i, σ²) on `points` grid values over the nodes ± 5σ, normalised to integrate to 1. */
export function broadenedDensity(rules: readonly QuadratureRule[], sigma: number, points: number): { grid: Float64Array; density: Float64Array } {
  if (!(sigma > 0) || !Number.isInteger(points) || points < 2) throw new RangeError(`sigma must be > 0 and points a whole number ≥ 2, got ${sigma} and ${points}`);
  const lo = Math.min(...rules.map((r) => r.nodes[0])) - 5 * sigma;
  const hi = Math.max(...rules.map((r) => r.nodes[r.nodes.length - 1])) + 5 * sigma;
  const step = (hi - lo) / (points - 1);
  const grid = Float64Array.from({ length: points }, (_, k) => lo + k * step);
  const density = new Float64Array(points);
  const c = 1 / (rules.length * sigma * Math.sqrt(2 * Math.PI));
  for (const { nodes, weights } of rules) {
    for (let i = 0; i < nodes.length; i++) {
      for (let k = 0; k < points; k++) density[k] += c * weights[i] * Math.exp(-0.5 * ((grid[k] - nodes[i]) / sigma) ** 2);
    }
  }
  // Trapezoid mass: 1 up to the grid's sampling error, which PyHessian also divides out.
  let mass = 0;
  for (let k = 0; k + 1 < points; k++) mass += 0.5 * step * (density[k] + density[k + 1]);
  for (let k = 0; k < points; k++) density[k] /= mass;
  return { grid, density };
}

/** The default broadening: 1% of the nodes' spread (or of their size, or 1e-3, when they coincide). */
function defaultSigma(rules: readonly QuadratureRule[]): number {
  const lo = Math.min(...rules.map((r) => r.nodes[0]));
  const hi = Math.max(...rules.map((r) => r.nodes[r.nodes.length - 1]));
  if (hi > lo) return (hi - lo) / 100;
  return Math.abs(hi) > 0 ? 1e-3 * Math.abs(hi) : 1e-3;
}

/** The spectral density of the symmetric operator on R^dim by stochastic Lanczos quadrature. */
export async function slqDensity(hvp: HessianVectorProduct, dim: number, options: DensityOptions = {}): Promise<SpectralDensity> {
  const probes = options.probes ?? 10;
  const steps = Math.min(dim, options.steps ?? 80);
  if (!Number.isInteger(probes) || probes < 1) throw new RangeError(`probes must be a whole number ≥ 1, got ${probes}`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a whole number ≥ 1, got ${steps}`);
  const rng = createRandom(options.seed ?? 0);
  const rules: QuadratureRule[] = [];
  let hvps = 0;
  for (let p = 0; p < probes; p++) {
    const start = rademacher(rng, dim).map((x) => x / Math.sqrt(dim));
    const rule = await probeRule(hvp, start, steps, options.signal);
    rules.push({ nodes: rule.nodes, weights: rule.weights });
    hvps += rule.hvps;
    options.onProgress?.(p + 1, probes);
  }
  const sigma = options.sigma ?? defaultSigma(rules);
  return { ...broadenedDensity(rules, sigma, options.points ?? 256), sigma, rules, hvps };
}

/** The quadrature estimate of tr(Hᵏ)/P: the mean over probes of Σ_i τ_i θ_iᵏ, with its standard error. */
export function quadratureMoment(rules: readonly QuadratureRule[], k: number): { mean: number; standardError: number } {
  const perProbe = rules.map(({ nodes, weights }) => nodes.reduce((s, x, i) => s + weights[i] * x ** k, 0));
  return meanAndStandardError(perProbe);
}

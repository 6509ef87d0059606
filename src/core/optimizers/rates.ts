/**
 * The learning rate against the curvature, and convergence rates predicted from the Taylor model
 * next to the ones measured from a run. Near a minimum x* the gradient is H (x - x*), so each
 * method is a linear recurrence per eigenvalue λ of H: GD multiplies the error along v_i by
 * 1 - ηλ_i, heavy ball and Nesterov by the roots of a quadratic, damped Newton by μ / (λ + μ).
 */
import { formatNumber as fmt, hessianSpectrum } from './localModels';
import type { Iterate, OptimizerMethod, OptimizerParams, Spectrum } from './types';
import { DEFAULT_PARAMS } from './types';

/** The marks on the η slider: 1/λmax (the best η for a 1D quadratic), 2/λmax (the stability limit). */
export interface LrMarks {
  readonly lambdaMax: number;
  /** 1/λmax; Infinity when no upward curvature limits the step (λmax <= 0). */
  readonly inverse: number;
  /** 2/λmax: GD diverges along v_max above it. */
  readonly stabilityLimit: number;
  /** 2/(λmin + λmax), the η with the smallest max|1 - ηλ| (NaN unless H is positive definite). */
  readonly optimal: number;
}

/** The η marks for a Hessian {hxx, hxy, hyy} (1D: hxx only). */
export function lrMarks(h: { readonly hxx: number; readonly hxy: number; readonly hyy: number }, dimension: 1 | 2 = 2): LrMarks {
  const values = hessianSpectrum(h, dimension).eigenvalues;
  const lambdaMax = values[values.length - 1];
  const lambdaMin = values[0];
  const positive = lambdaMax > 0;
  return {
    lambdaMax,
    inverse: positive ? 1 / lambdaMax : Infinity,
    stabilityLimit: positive ? 2 / lambdaMax : Infinity,
    optimal: lambdaMin > 0 ? 2 / (lambdaMin + lambdaMax) : NaN,
  };
}

/** How one eigen-direction fares under GD: the error there is multiplied by factor = |1 - ηλ| per step. */
export interface ModeFactor {
  /** 'v1', 'v2' (eigenvalues ascending) in 2D, 'x' in 1D. */
  readonly name: string;
  readonly lambda: number;
  readonly vector: readonly [number, number];
  readonly factor: number;
}

/** |1 - ηλ_i| for every eigen-direction of the spectrum. */
export function gdModeFactors(eta: number, spectrum: Spectrum): ModeFactor[] {
  const oneD = spectrum.eigenvalues.length === 1;
  return spectrum.eigenvalues.map((lambda, i) => ({
    name: oneD ? 'x' : `v${i + 1}`,
    lambda,
    vector: spectrum.eigenvectors[i],
    factor: Math.abs(1 - eta * lambda),
  }));
}

/**
 * Why GD with this η grows or shrinks the error, in numbers: "η = 0.21 > 2/λmax = 0.2: along v2
 * each step multiplies the error by |1 - ηλ| = 1.1".
 */
export function divergenceExplanation(eta: number, spectrum: Spectrum): string {
  const modes = gdModeFactors(eta, spectrum);
  const worst = modes.reduce((a, b) => (b.factor > a.factor ? b : a));
  const lambdaMax = spectrum.eigenvalues[spectrum.eigenvalues.length - 1];
  const along = `along ${worst.name}`;
  if (worst.lambda < 0) {
    return `${along} the curvature λ = ${fmt(worst.lambda)} is negative: each step multiplies the distance by |1 - ηλ| = ${fmt(worst.factor)} at any η > 0`;
  }
  const limit = `2/λmax = ${fmt(2 / lambdaMax)}`;
  if (eta * lambdaMax > 2) {
    return `η = ${fmt(eta)} > ${limit}: ${along} each step multiplies the error by |1 - ηλ| = ${fmt(worst.factor)}`;
  }
  return `η = ${fmt(eta)} <= ${limit}: every direction shrinks, the slowest (${along}) by |1 - ηλ| = ${fmt(worst.factor)} per step`;
}

/** GD's linear rate at a minimum: max_i |1 - ηλ_i|. */
export function gdRate(eta: number, eigenvalues: readonly number[]): number {
  return Math.max(...eigenvalues.map((l) => Math.abs(1 - eta * l)));
}

/** Moduli of the two roots of z² - b z + c (complex roots share the modulus √c). */
export function quadraticRootModuli(b: number, c: number): [number, number] {
  const disc = b * b - 4 * c;
  if (disc < 0) return [Math.sqrt(c), Math.sqrt(c)];
  // The larger root without cancellation, the other from the product c.
  const big = (b + (b >= 0 ? 1 : -1) * Math.sqrt(disc)) / 2;
  return big === 0 ? [0, 0] : [Math.abs(big), Math.abs(c / big)];
}

/** Heavy ball's rate: the spectral radius of e_{k+1} = (1 + β - ηλ) e_k - β e_{k-1} over H's eigenvalues. */
export function heavyBallRate(eta: number, beta: number, eigenvalues: readonly number[]): number {
  return Math.max(...eigenvalues.flatMap((l) => quadraticRootModuli(1 + beta - eta * l, beta)));
}

/** Nesterov's rate: the spectral radius of e_{k+1} = (1 + β)(1 - ηλ) e_k - β(1 - ηλ) e_{k-1}. */
export function nesterovRate(eta: number, beta: number, eigenvalues: readonly number[]): number {
  return Math.max(...eigenvalues.flatMap((l) => quadraticRootModuli((1 + beta) * (1 - eta * l), beta * (1 - eta * l))));
}

/** A rate predicted from the quadratic model at the minimum. */
export type PredictedRate =
  | { readonly kind: 'linear'; readonly rate: number; readonly text: string }
  | { readonly kind: 'quadratic'; readonly text: string }
  | { readonly kind: 'none'; readonly text: string };

/** The rate a method should show near a minimum with these Hessian eigenvalues. */
export function predictedRate(method: OptimizerMethod, params: OptimizerParams, eigenvalues: readonly number[]): PredictedRate {
  const p = { ...DEFAULT_PARAMS, ...params };
  const linear = (rate: number, how: string): PredictedRate => ({ kind: 'linear', rate, text: `linear, error × ${fmt(rate)} per step (${how})` });
  switch (method) {
    case 'gd':
      return linear(gdRate(p.lr, eigenvalues), 'max |1 - ηλ|');
    case 'momentum':
      return linear(heavyBallRate(p.lr, p.beta, eigenvalues), 'largest root of z² - (1 + β - ηλ) z + β');
    case 'nesterov':
      return linear(nesterovRate(p.lr, p.beta, eigenvalues), 'largest root of z² - (1 + β)(1 - ηλ) z + β(1 - ηλ)');
    case 'damped-newton':
      return linear(Math.max(...eigenvalues.map((l) => Math.abs(p.mu / (l + p.mu)))), 'max |μ / (λ + μ)|');
    case 'newton':
      return { kind: 'quadratic', text: 'quadratic: the number of correct digits roughly doubles each step' };
    case 'adam':
      return { kind: 'none', text: "Adam's per-coordinate scaling has no rate fixed by H alone" };
  }
}

/**
 * The measured linear rate of a decaying sequence (|x - x*| or |∇f| per iterate): the geometric
 * mean of successive ratios over the tail, taken as the last `tailFraction` of the iterates before
 * the values first fall to `relativeFloor` times the first one (below that, round-off, not the
 * method, sets the ratios). NaN when fewer than two values are usable.
 */
export function measuredLinearRate(values: readonly number[], tailFraction = 0.5, relativeFloor = 1e-12): number {
  const floor = Math.abs(values[0]) * relativeFloor;
  let end = values.findIndex((v) => !(Math.abs(v) > floor) || !Number.isFinite(v));
  if (end < 0) end = values.length;
  const last = end - 1;
  const first = Math.min(last - 1, Math.floor(end * (1 - tailFraction)));
  if (first < 0 || last <= first) return NaN;
  return (Math.abs(values[last]) / Math.abs(values[first])) ** (1 / (last - first));
}

/** |x_k - x*| for every iterate. */
export function errorNorms(iterates: readonly Iterate[], xStar: readonly [number, number]): number[] {
  return iterates.map((it) => Math.hypot(it.x - xStar[0], it.y - xStar[1]));
}

/** |∇f| for every iterate. */
export function gradientNorms(iterates: readonly Iterate[]): number[] {
  return iterates.map((it) => it.gradNorm);
}

/** The first index whose value is <= tol, or null when none is (the iterations-to-tolerance table). */
export function iterationsToTolerance(values: readonly number[], tol: number): number | null {
  const k = values.findIndex((v) => Math.abs(v) <= tol);
  return k < 0 ? null : k;
}

/** Steps a linear rate needs to bring `initial` down to `tol`: ceil(log(tol/initial) / log(rate)). */
export function predictedIterations(rate: number, initial: number, tol: number): number {
  if (initial <= tol) return 0;
  if (!(rate < 1) || !(rate >= 0)) return Infinity;
  if (rate === 0) return 1;
  return Math.ceil(Math.log(tol / initial) / Math.log(rate));
}

/** Correct decimal digits -log10(error) per iterate: Newton's roughly double, a linear method's grow by a constant. */
export function correctDigits(errors: readonly number[]): number[] {
  return errors.map((e) => -Math.log10(Math.abs(e)));
}

/** Estimated order of convergence per step, log(e_{k+1}/e_k) / log(e_k/e_{k-1}): near 1 linear, near 2 quadratic. */
export function convergenceOrders(errors: readonly number[]): number[] {
  const orders: number[] = [];
  for (let k = 1; k + 1 < errors.length; k++) {
    orders.push(Math.log(errors[k + 1] / errors[k]) / Math.log(errors[k] / errors[k - 1]));
  }
  return orders;
}

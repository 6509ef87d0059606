/** Error of Taylor models against the true function over a range of steps: the data behind the error-vs-step plot. */
import { fitLogLogSlope, isRoundoffDominated } from './slopeFit';
import { logSpacedSteps } from './steps';

/** What to measure: the step range, the model orders and the precision f is computed in. */
export interface ErrorVsStepOptions {
  readonly hMin: number;
  readonly hMax: number;
  readonly count: number;
  readonly orders: readonly number[];
  /** Magnitude of the values f is computed through, at least |f(p)|; sets the round-off floor. */
  readonly fScale: number;
  /** Machine epsilon of the arithmetic f was computed in (FLOAT32_EPS for tfjs). */
  readonly eps: number;
  /** Largest step used for slope fits; default hMax / 10 (see `errorVsStep`). */
  readonly fitMaxStep?: number;
  /** Fewest usable points for a slope; fewer gives null (default 3). */
  readonly minFitPoints?: number;
}

/** Errors per order (outer index follows `orders`), their round-off flags and fitted slopes. */
export interface ErrorVsStepResult {
  /** Steps, ascending and log-spaced. */
  readonly h: number[];
  /** |f(h) - T_k(h)| per order, per step. */
  readonly errors: number[][];
  /** errors / max(|f(0)|, |fScale|), the quantity `breakdownStep` reads (denominator 1 if both are 0). */
  readonly relErrors: number[][];
  /** True where the error is at or below the round-off floor and so says nothing about truncation. */
  readonly roundoff: boolean[][];
  /** Fitted log-log slope per order (k + 1 for a generic f), or null when too few points qualify. */
  readonly slopes: (number | null)[];
}

/**
 * The scale that turns a model error into the relative error the tolerance is compared with:
 * |f(p)|, or 1 where f(p) is 0 or undefined (then the tolerance is absolute). Shared by the chart,
 * the breakdown markers and the trust-region outline on the surface so that they agree.
 */
export function relativeErrorScale(fAtPoint: number): number {
  const s = Math.abs(fAtPoint);
  return Number.isFinite(s) && s > 0 ? s : 1;
}

/**
 * Measures |f(h) - T_k(h)| for each order k over log-spaced steps, flags round-off points and fits
 * the truncation slope of each order.
 *
 * f(h) is the function at p + h along a direction and taylorAt(h, k) its order-k model, so f(0) is
 * f(p). A point is round-off when its error is within the floor of `isRoundoffDominated` for the
 * scale max(|fScale|, |f(0)|, |f(h)|): f(h) is in the list because that is the value whose last
 * bits are lost. Slopes are fitted where truncation dominates, chosen as: not round-off, and
 * h <= fitMaxStep (default hMax / 10). The cap drops the top decade, where the next Taylor terms
 * are no longer small and the curve bends away from h^(k+1); the asymptotic slope lives at small h,
 * and the round-off flags already remove the bottom where noise takes over.
 */
export function errorVsStep(
  f: (h: number) => number,
  taylorAt: (h: number, order: number) => number,
  opts: ErrorVsStepOptions,
): ErrorVsStepResult {
  const h = logSpacedSteps(opts.hMin, opts.hMax, opts.count);
  const f0 = f(0);
  const values = h.map(f);
  const relScale = relativeErrorScale(Math.max(Math.abs(f0), Math.abs(opts.fScale)));
  const errors = opts.orders.map((order) => h.map((step, k) => Math.abs(values[k] - taylorAt(step, order))));
  const relErrors = errors.map((row) => row.map((e) => e / relScale));
  const roundoff = errors.map((row) =>
    row.map((e, k) => {
      const scale = Math.max(Math.abs(opts.fScale), Math.abs(f0), Math.abs(values[k]));
      return isRoundoffDominated(e, scale, opts.eps);
    }),
  );
  const fitMaxStep = opts.fitMaxStep ?? opts.hMax / 10;
  const minFitPoints = opts.minFitPoints ?? 3;
  const slopes = errors.map((row, i) => truncationSlope(h, row, roundoff[i], fitMaxStep, minFitPoints));
  return { h, errors, relErrors, roundoff, slopes };
}

/** Log-log slope over the non-round-off points with h <= fitMaxStep, or null when fewer than minPoints. */
function truncationSlope(
  h: readonly number[],
  errors: readonly number[],
  roundoff: readonly boolean[],
  fitMaxStep: number,
  minPoints: number,
): number | null {
  const keep = h.map((step, k) => step <= fitMaxStep && !roundoff[k]);
  const fit = fitLogLogSlope(
    h.filter((_, k) => keep[k]),
    errors.filter((_, k) => keep[k]),
  );
  return fit.used >= minPoints && Number.isFinite(fit.slope) ? fit.slope : null;
}

/**
 * The largest step h such that the relative error stays at or below tol for every step <= h: how
 * far the order-k model can be trusted. Null when even the smallest step exceeds tol (or there are
 * no steps); a non-finite error counts as exceeding. Steps need not be sorted.
 */
export function breakdownStep(h: readonly number[], relErrors: readonly number[], tol: number): number | null {
  if (h.length !== relErrors.length) throw new RangeError(`breakdownStep: ${h.length} steps but ${relErrors.length} errors`);
  const order = h.map((_, k) => k).sort((i, j) => h[i] - h[j]);
  let trusted: number | null = null;
  for (const k of order) {
    // "!(e <= tol)" also stops on NaN.
    if (!(relErrors[k] <= tol)) break;
    trusted = h[k];
  }
  return trusted;
}

/**
 * Local minima of f(x) in a window and their flip points: sign changes of f′ from − to + on a fine
 * grid bracket each minimum, safeguarded Newton on f′ with exact jets closes the bracket to
 * rounding, and an order-4 jet at x* gives f″ (the flip point η = 2/f″) and f‴, f⁗ (its normal form).
 */
import type { LocalMinimum, UnivariateJet, XWindow } from './types';

/** Grid points used to bracket the minima when the caller does not say. */
export const DEFAULT_MINIMUM_SAMPLES = 2000;
/** Newton iterations per bracket before the bracket's midpoint is taken as it stands. */
const MAX_NEWTON = 100;

/**
 * Every local minimum strictly inside the window, left to right: a root of f′ where f′ goes from
 * negative to positive between grid points (so inflections and maxima are skipped).
 */
export function findLocalMinima(jet: UnivariateJet, window: XWindow, samples = DEFAULT_MINIMUM_SAMPLES): LocalMinimum[] {
  const { xMin, xMax } = window;
  if (!(xMax > xMin) || !Number.isFinite(xMin) || !Number.isFinite(xMax)) throw new RangeError(`bad window [${xMin}, ${xMax}]`);
  const n = Math.max(2, Math.floor(samples));
  const minima: LocalMinimum[] = [];
  // The last grid point where f′ was nonzero: a zero of f′ between two negatives (x⁴ − x³ at 0) is no minimum.
  let xa = xMin;
  let sa = jet(xa, 1)[1];
  for (let i = 1; i <= n; i++) {
    const xb = xMin + ((xMax - xMin) * i) / n;
    const sb = jet(xb, 1)[1];
    if (sb === 0) continue;
    if (sa < 0 && sb > 0) {
      const x = rootOfSlope(jet, xa, xb);
      if (x > xMin && x < xMax) minima.push(minimumAt(jet, x, 1e-3 * (xMax - xMin)));
    }
    xa = xb;
    sa = sb;
  }
  return minima;
}

/**
 * The derivatives of f at x* and its flip point, from one order-4 jet. A minimum whose f″ is below
 * 1e-6 of f″ a `probe` away on either side is flat (x⁴ at 0, found to ~eps^(1/3) where f″ is ~1e-30
 * instead of 0): it gets f″ = 0 and no flip, rather than a flip point of 1e29.
 */
export function minimumAt(jet: UnivariateJet, x: number, probe = 0): LocalMinimum {
  const c = jet(x, 4);
  let f2 = 2 * c[2];
  if (probe > 0 && f2 <= 1e-6 * Math.max(2 * jet(x - probe, 2)[2], 2 * jet(x + probe, 2)[2])) f2 = 0;
  return { x, f: c[0], f2, f3: 6 * c[3], f4: 24 * c[4], flipEta: f2 > 0 ? 2 / f2 : Infinity };
}

/**
 * The root of f′ in [lo, hi], where f′(lo) < 0 < f′(hi): Newton steps with f″ from the jet, a
 * bisection whenever Newton would leave the bracket, until the step is at rounding level.
 */
export function rootOfSlope(jet: UnivariateJet, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  let x = 0.5 * (a + b);
  for (let k = 0; k < MAX_NEWTON; k++) {
    const c = jet(x, 2);
    const slope = c[1];
    if (slope === 0) return x;
    if (slope < 0) a = x;
    else b = x;
    const newton = x - slope / (2 * c[2]);
    const next = newton > a && newton < b ? newton : 0.5 * (a + b);
    if (Math.abs(next - x) <= 2 * Number.EPSILON * Math.max(1, Math.abs(x)) || !(b - a > 0)) return next;
    x = next;
  }
  return x;
}

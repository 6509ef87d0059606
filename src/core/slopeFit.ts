/** Log-log slope fits and the round-off floor below which an error value says nothing about truncation. */

/** Machine epsilon of float32 (2^-23), the precision tfjs computes in. */
export const FLOAT32_EPS = 2 ** -23;
/** Machine epsilon of float64 (2^-52). */
export const FLOAT64_EPS = Number.EPSILON;
/**
 * How many eps * |f| an error must exceed to count as truncation. f itself is typically computed
 * through ~10 roundings of half an ulp, so at 64 eps a point carries at most ~10% round-off and
 * its log error is < 0.1, falling off quickly above; small enough to keep most of a decade.
 */
export const ROUNDOFF_SAFETY = 64;

/** Result of a least-squares line through (ln h, ln err): err ≈ exp(intercept) h^slope. */
export interface LogLogFit {
  readonly slope: number;
  readonly intercept: number;
  /** Points that entered the fit; slope and intercept are NaN when fewer than 2 distinct h remain. */
  readonly used: number;
}

/**
 * Least-squares slope and intercept of ln(err) against ln(h), skipping pairs where h or err is
 * non-positive or non-finite (an exact zero error has no logarithm). Throws when lengths differ.
 */
export function fitLogLogSlope(h: readonly number[], err: readonly number[]): LogLogFit {
  if (h.length !== err.length) throw new RangeError(`fitLogLogSlope: ${h.length} steps but ${err.length} errors`);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < h.length; k++) {
    if (isPositiveFinite(h[k]) && isPositiveFinite(err[k])) {
      xs.push(Math.log(h[k]));
      ys.push(Math.log(err[k]));
    }
  }
  const used = xs.length;
  if (used < 2) return { slope: NaN, intercept: NaN, used };
  // Centring first avoids the cancellation of the textbook sum(x^2) - n mean^2 form.
  const meanX = xs.reduce((s, x) => s + x, 0) / used;
  const meanY = ys.reduce((s, y) => s + y, 0) / used;
  let sxx = 0;
  let sxy = 0;
  for (let k = 0; k < used; k++) {
    sxx += (xs[k] - meanX) ** 2;
    sxy += (xs[k] - meanX) * (ys[k] - meanY);
  }
  if (sxx === 0) return { slope: NaN, intercept: NaN, used };
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX, used };
}

/**
 * The smallest error that still measures truncation: safety * eps * |fScale|, where fScale is the
 * magnitude of the values f is computed through (at least |f| at the expansion point). The order
 * of the Taylor model does not enter: at steps this small every term past the constant is tiny, so
 * the round-off is set by |f| alone.
 */
export function roundoffFloor(fScale: number, eps: number = FLOAT32_EPS, safety: number = ROUNDOFF_SAFETY): number {
  return safety * eps * Math.abs(fScale);
}

/**
 * True when |err| is at or below the round-off floor of `roundoffFloor`, so it measures float
 * noise rather than truncation; false for a non-finite err, which is a gap and not noise.
 */
export function isRoundoffDominated(err: number, fScale: number, eps: number = FLOAT32_EPS): boolean {
  return Number.isFinite(err) && Math.abs(err) <= roundoffFloor(fScale, eps);
}

/** Whether x is a finite number greater than 0. */
function isPositiveFinite(x: number): boolean {
  return x > 0 && Number.isFinite(x);
}

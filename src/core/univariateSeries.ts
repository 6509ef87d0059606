/**
 * Univariate Taylor coefficients g^(n)(u0) / n!, n = 0..K, of every allowed function and of
 * u^a, at a point u0. The jet evaluator composes them with a bivariate series. Closed forms where
 * they are short (exp, log, sin, powers), and otherwise the series form of the function's ODE
 * (tan' = 1 + tan², tanh' = 1 - tanh², σ' = σ - σ², atan' = 1 / (1 + u²)), each O(K²).
 * Where g or a derivative is undefined the coefficients are NaN; nothing here throws.
 */
import type { UnaryFunction } from './expr/ast';

/** Logistic function 1 / (1 + e^-u), computed without overflow for large |u|. */
export function sigmoid(u: number): number {
  if (u >= 0) return 1 / (1 + Math.exp(-u));
  const z = Math.exp(u);
  return z / (1 + z);
}

/** log(1 + e^u), computed without overflow for large u and without cancellation for very negative u. */
export function softplus(u: number): number {
  return Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u)));
}

/** Fills out[0..K] with the coefficients of u^a about u0; NaN where u^a or a derivative is undefined. */
export function powerSeries(u0: number, a: number, K: number, out: Float64Array): void {
  const wholeNonNegative = Number.isInteger(a) && a >= 0;
  if (Number.isNaN(u0) || Number.isNaN(a) || (u0 < 0 && !Number.isInteger(a)) || (u0 === 0 && a < 0)) {
    out.fill(Number.NaN, 0, K + 1);
    return;
  }
  if (u0 === 0 && !wholeNonNegative) {
    // u^a with 0 < a non-integer: derivatives of order < a vanish at 0, the rest are infinite.
    for (let n = 0; n <= K; n++) out[n] = n < a ? 0 : Number.NaN;
    return;
  }
  let binomial = 1; // binomial(a, n), the Taylor coefficient of (1 + t)^a
  for (let n = 0; n <= K; n++) {
    // Past n = a a whole power has no terms; skipping avoids 0 * Infinity when u0 = 0.
    // Math.pow per term, not a running ratio, so that u0^a underflowing cannot zero later terms.
    out[n] = wholeNonNegative && n > a ? 0 : binomial * Math.pow(u0, a - n);
    binomial *= (a - n) / (n + 1);
  }
}

/** Derivatives that repeat with a period: sin (sin, cos, -sin, -cos), sinh (sinh, cosh). */
function cyclicSeries(cycle: readonly number[], K: number, out: Float64Array): void {
  let factorial = 1;
  for (let n = 0; n <= K; n++) {
    if (n > 0) factorial *= n;
    out[n] = cycle[n % cycle.length] / factorial;
  }
}

/**
 * Series of g with g' = c0 + c1 g + c2 g², from g(u0) = a0: matching t^n in
 * Σ (n+1) a_{n+1} t^n = c0 + c1 g + c2 g² gives a_{n+1}.
 */
function riccatiSeries(a0: number, c0: number, c1: number, c2: number, K: number, out: Float64Array): void {
  out[0] = a0;
  for (let n = 0; n < K; n++) {
    let square = 0;
    for (let k = 0; k <= n; k++) square += out[k] * out[n - k];
    out[n + 1] = ((n === 0 ? c0 : 0) + c1 * out[n] + c2 * square) / (n + 1);
  }
}

/** atan: integrate the series of 1 / (1 + (u0 + t)²) = 1 / (p0 + p1 t + t²) term by term. */
function atanSeries(u0: number, K: number, out: Float64Array): void {
  const p0 = 1 + u0 * u0;
  const p1 = 2 * u0;
  out[0] = Math.atan(u0);
  let q2 = 0; // q_{n-2}
  let q1 = 0; // q_{n-1}
  for (let n = 0; n < K; n++) {
    const q = ((n === 0 ? 1 : 0) - p1 * q1 - q2) / p0;
    out[n + 1] = q / (n + 1);
    q2 = q1;
    q1 = q;
  }
}

function logSeries(u0: number, K: number, out: Float64Array): void {
  if (!(u0 > 0)) {
    out.fill(Number.NaN, 0, K + 1);
    return;
  }
  out[0] = Math.log(u0);
  let power = 1;
  for (let n = 1; n <= K; n++) {
    power *= u0;
    out[n] = (n % 2 === 1 ? 1 : -1) / (n * power);
  }
}

function expSeries(u0: number, K: number, out: Float64Array): void {
  let term = Math.exp(u0);
  for (let n = 0; n <= K; n++) {
    out[n] = term;
    term /= n + 1;
  }
}

/**
 * Fills out[0..K] with g^(n)(u0) / n! for an allowed function g. abs uses the sign of u0 and takes
 * sign(0) = +1, so |u| at u0 = 0 has slope 1 instead of NaN: the jet stays finite at a kink.
 */
export function unarySeries(fn: UnaryFunction, u0: number, K: number, out: Float64Array): void {
  if (Number.isNaN(u0)) {
    out.fill(Number.NaN, 0, K + 1);
    return;
  }
  switch (fn) {
    case 'exp':
      return expSeries(u0, K, out);
    case 'log':
      return logSeries(u0, K, out);
    case 'sin':
    case 'cos': {
      const s = Math.sin(u0);
      const c = Math.cos(u0);
      return cyclicSeries(fn === 'sin' ? [s, c, -s, -c] : [c, -s, -c, s], K, out);
    }
    case 'sinh':
    case 'cosh': {
      const s = Math.sinh(u0);
      const c = Math.cosh(u0);
      return cyclicSeries(fn === 'sinh' ? [s, c] : [c, s], K, out);
    }
    case 'sqrt':
      powerSeries(u0, 0.5, K, out);
      if (u0 >= 0) out[0] = Math.sqrt(u0); // Math.sqrt is correctly rounded, Math.pow need not be
      return;
    case 'abs':
      out.fill(0, 0, K + 1);
      out[0] = Math.abs(u0);
      if (K >= 1) out[1] = u0 >= 0 ? 1 : -1;
      return;
    case 'tan':
      return riccatiSeries(Math.tan(u0), 1, 0, 1, K, out);
    case 'tanh':
      return riccatiSeries(Math.tanh(u0), 1, 0, -1, K, out);
    case 'sigmoid':
      return riccatiSeries(sigmoid(u0), 0, 1, -1, K, out);
    case 'softplus':
      // softplus' = sigmoid: shift the sigmoid series up one order and integrate.
      riccatiSeries(sigmoid(u0), 0, 1, -1, K, out);
      for (let n = K; n >= 1; n--) out[n] = out[n - 1] / n;
      out[0] = softplus(u0);
      return;
    case 'atan':
      return atanSeries(u0, K, out);
  }
}

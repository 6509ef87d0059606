/**
 * Pure helpers of the 2D charts: number formatting, log-axis ranges and tick labels, power-law
 * guide lines, y-range clipping. No DOM, no uPlot: everything here is unit-tested in Node.
 */

/** A [min, max] pair of finite numbers with min < max. */
export type Range = [number, number];

/**
 * Smallest value a log axis will show. uPlot's log splits step through its table of increments,
 * and from about 1e-23 down its rounding stalls and pushes until "Invalid array length" (measured
 * in Chromium with uPlot 1.6; the error chart 8e-174 from a saddle hit it): 1e-20 keeps clear.
 */
export const LOG_FLOOR = 1e-20;
/** Largest value a log axis will show. */
export const LOG_CEIL = 1e30;
const FLOOR_EXP = Math.round(Math.log10(LOG_FLOOR));
const CEIL_EXP = Math.round(Math.log10(LOG_CEIL));

function stripZeros(mantissa: string): string {
  return mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
}

/** Formats v to `digits` significant digits, trailing zeros dropped, exponent form when tiny or huge. */
export function formatSignificant(v: number | null | undefined, digits = 6): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  if (v === 0) return '0';
  const p = Math.min(21, Math.max(1, Math.round(digits)));
  const exp = Math.floor(Math.log10(Math.abs(v)));
  const text = exp < -4 || exp >= p ? v.toExponential(p - 1) : v.toPrecision(p);
  const [mantissa, exponent] = text.split('e');
  if (exponent === undefined) return stripZeros(mantissa);
  return `${stripZeros(mantissa)}e${exponent.replace('+', '')}`;
}

/** Formats a fitted slope with two decimals ("3.02"), or "—" when there is none. */
export function formatSlope(s: number | null | undefined): string {
  return s === null || s === undefined || !Number.isFinite(s) ? '—' : s.toFixed(2);
}

/** Formats a step size with two significant digits ("0.41", "1.2e-6"), or "—" when there is none. */
export function formatStep(h: number | null | undefined): string {
  return h === null || h === undefined || !Number.isFinite(h) ? '—' : formatSignificant(h, 2);
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
};

/** True when v is (to rounding) an integer power of ten. */
export function isDecade(v: number): boolean {
  if (!(v > 0) || !Number.isFinite(v)) return false;
  const l = Math.log10(v);
  return Math.abs(l - Math.round(l)) < 1e-9;
}

/** Label of a power of ten as a projector-readable "10⁻⁸" ("1" and "10" stay plain). */
export function pow10Label(v: number): string {
  const n = Math.round(Math.log10(v));
  if (n === 0) return '1';
  if (n === 1) return '10';
  return `10${String(n).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c])}`;
}

/**
 * Tick labels of a log axis: every `every`-th decade (by exponent), other splits blank, unless
 * fewer than two decades are in view, when the in-between splits are labelled too.
 */
export function logTickLabels(splits: readonly (number | null)[], every = 1): string[] {
  const decades = splits.filter((v) => v !== null && isDecade(v)).length;
  const stride = Math.max(1, Math.round(every));
  return splits.map((v) => {
    if (v === null) return '';
    if (isDecade(v)) return Math.round(Math.log10(v)) % stride === 0 ? pow10Label(v) : '';
    return decades < 2 ? formatSignificant(v, 2) : '';
  });
}

/** How many decades apart log labels must be so that neighbours are at least minGap pixels apart. */
export function decadeStride(pixelsPerDecade: number, minGap: number): number {
  if (!(pixelsPerDecade > 0) || !Number.isFinite(pixelsPerDecade)) return 1;
  return Math.max(1, Math.ceil(minGap / pixelsPerDecade - 1e-9));
}

/** Keeps only the decades of a list of log splits (others null), for grid lines and ticks. */
export function decadesOnly(splits: readonly number[]): (number | null)[] {
  return splits.map((v) => (isDecade(v) ? v : null));
}

/** The range [min, max] of positive finite values widened outward to whole decades within [LOG_FLOOR, LOG_CEIL], or null if none. */
export function decadeRange(values: Iterable<number | null>): Range | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || !(v > 0) || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return null;
  // The 1e-9 nudge keeps an exact decade (1e-3 with rounding noise) from gaining a blank decade.
  let a = Math.floor(Math.log10(lo) + 1e-9);
  let b = Math.ceil(Math.log10(hi) - 1e-9);
  if (a >= b) {
    a -= 1;
    b += 1;
  }
  // Values beyond the axis' reach pin the range to its end, always at least one decade wide.
  a = clamp(a, FLOOR_EXP, CEIL_EXP - 1);
  b = clamp(b, a + 1, CEIL_EXP);
  // Number('1e-24') is exactly the literal; 10 ** -24 is not.
  return [Number(`1e${a}`), Number(`1e${b}`)];
}

/** Replaces non-positive and non-finite values by null so a log scale shows a gap, not a crash. */
export function positiveOrNull(values: readonly number[]): (number | null)[] {
  return values.map((v) => (v > 0 && Number.isFinite(v) ? v : null));
}

/** The power law through (h0, e0) with slope s on log-log axes, e = e0 (h / h0)^s, at each h. */
export function powerLawGuide(h: readonly number[], h0: number, e0: number, slope: number): (number | null)[] {
  return h.map((x) => {
    const e = e0 * (x / h0) ** slope;
    return e > 0 && Number.isFinite(e) ? e : null;
  });
}

/** Indices of the positive finite entries of h, sorted by h ascending (uPlot needs sorted x). */
export function ascendingIndices(h: readonly number[]): number[] {
  const idx: number[] = [];
  h.forEach((v, i) => {
    if (v > 0 && Number.isFinite(v)) idx.push(i);
  });
  return idx.sort((a, b) => h[a] - h[b]);
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const i = Math.floor(pos);
  const t = pos - i;
  return i + 1 < sorted.length ? sorted[i] * (1 - t) + sorted[i + 1] * t : sorted[i];
}

/**
 * The y range to show a curve: its finite range plus `pad` of the span on each side, always
 * including the extra values (the expansion point). Near a pole the extreme 2% on each side are
 * ignored so one huge value does not flatten the rest; a constant curve gets a unit-sized window.
 */
export function curveYRange(f: readonly number[], extra: readonly number[] = [], pad = 0.1): Range {
  const finite = f.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  let lo = Infinity;
  let hi = -Infinity;
  if (finite.length > 0) {
    lo = finite[0];
    hi = finite[finite.length - 1];
    const qlo = quantile(finite, 0.02);
    const qhi = quantile(finite, 0.98);
    if (hi - lo > 3 * (qhi - qlo) && qhi > qlo) {
      lo = qlo;
      hi = qhi;
    }
  }
  for (const v of extra) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo > hi) return [-1, 1];
  const span = hi - lo;
  if (span <= 1e-12 * Math.max(1, Math.abs(lo))) {
    const half = Math.max(1, Math.abs(lo) * 0.5);
    return [lo - half, hi + half];
  }
  return [lo - pad * span, hi + pad * span];
}

/**
 * Values for drawing against a clipped y range: non-finite becomes null (a gap) and values far
 * outside are pulled to `factor` spans beyond the range, keeping canvas coordinates sane while the
 * visible part of each segment keeps its direction to within a small fraction of a pixel.
 */
export function clampToBand(values: readonly number[], range: Range, factor = 1000): (number | null)[] {
  const span = range[1] - range[0];
  const lo = range[0] - factor * span;
  const hi = range[1] + factor * span;
  return values.map((v) => (Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : null));
}

/** True when two number lists have the same length and entries. */
export function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Clamps v into [lo, hi]. */
export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

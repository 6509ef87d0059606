/** Robust value ranges of large grids from a strided sample, for height and colour scales. */

/** Largest number of values sorted to estimate a percentile (keeps n = 512 grids cheap). */
const MAX_SAMPLES = 65536;

/**
 * Sorted finite values of get(k) for k = 0, s, 2s, ... < count, with the stride s chosen so at
 * most MAX_SAMPLES values are sorted.
 */
export function sortedFiniteSample(count: number, get: (k: number) => number): Float64Array {
  const stride = Math.max(1, Math.ceil(count / MAX_SAMPLES));
  const buffer = new Float64Array(Math.ceil(count / stride));
  let m = 0;
  for (let k = 0; k < count; k += stride) {
    const v = get(k);
    if (Number.isFinite(v)) buffer[m++] = v;
  }
  return buffer.subarray(0, m).sort();
}

/** Linearly interpolated quantile p in [0, 1] of an ascending array; NaN when it is empty. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const m = sorted.length;
  if (m === 0) return Number.NaN;
  const pos = Math.min(1, Math.max(0, p)) * (m - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(m - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Smallest and largest finite value of an array; [NaN, NaN] when none is finite. */
export function finiteExtent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  // NaN compares false both ways, so only infinities can leak in: drop them explicitly.
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return finiteExtentSlow(values);
  return [lo, hi];
}

function finiteExtentSlow(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [Number.NaN, Number.NaN];
}

/** Tick positions for axis labels: round numbers (1, 2 or 5 times a power of ten). */

/** About `target` round tick values covering [lo, hi], and the decimals needed to print them. */
export function niceTicks(lo: number, hi: number, target = 5): { values: number[]; decimals: number } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) return { values: [], decimals: 0 };
  if (hi === lo) return { values: [lo], decimals: Math.max(0, 2 - Math.floor(Math.log10(Math.abs(lo) || 1))) };
  const raw = (hi - lo) / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / power;
  const step = (ratio < 1.5 ? 1 : ratio < 3.5 ? 2 : ratio < 7.5 ? 5 : 10) * power;
  const values: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  for (let k = first; k <= last && values.length < 50; k++) values.push(k * step);
  return { values, decimals: Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) };
}

/** Prints a tick value with a fixed number of decimals, or in exponent form when very large. */
export function formatTick(v: number, decimals: number): string {
  if (Math.abs(v) >= 1e5) return v.toExponential(1);
  const s = v.toFixed(Math.min(decimals, 8));
  // Avoid "-0.0" for values that round to zero.
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

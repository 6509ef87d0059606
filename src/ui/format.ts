/** Formats a number for readouts: fixed 4 decimals near 1, scientific when very large or small. */
export function formatNumber(value: number, digits = 4): string {
  if (Number.isNaN(value)) return 'undefined';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) return value.toExponential(digits - 1);
  const text = value.toFixed(digits);
  return Object.is(Number(text), -0) ? (0).toFixed(digits) : text;
}

/** Formats a 2-vector as "(a, b)". */
export function formatVector(a: number, b: number, digits = 4): string {
  return `(${formatNumber(a, digits)}, ${formatNumber(b, digits)})`;
}

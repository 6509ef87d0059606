/** Closed-form eigen-decomposition of a symmetric 2x2 matrix, written to stay accurate for large or nearly equal entries. */
import type { Eigen2 } from './types';

/**
 * Eigenvalues (lambda1 <= lambda2) and unit eigenvectors of [[a, b], [b, c]].
 *
 * Sign convention: each eigenvector has its first nonzero component positive, so the same matrix
 * always gives the same arrows. A multiple of the identity (b = 0, a = c) gets the axes as its
 * basis: v1 = (1, 0), v2 = (0, 1). Non-finite entries give NaN results.
 */
export function symmetricEigen2(a: number, b: number, c: number): Eigen2 {
  const [lambda1, lambda2] = eigenvaluesOf(a, b, c);
  const v1 = lowerEigenvector(a, b, c);
  // The other eigenvector of a symmetric matrix is the perpendicular one.
  const v2 = withDeterministicSign(-v1[1], v1[0]);
  return { lambda1, lambda2, v1, v2 };
}

/**
 * Eigenvalues sorted ascending. The larger-magnitude one is mean + sign(mean) radius, a sum of
 * same-signed terms; the other is det / big with det = ac - b^2 formed exactly enough (Dekker
 * products) that a nearly singular matrix such as Rosenbrock's keeps its small eigenvalue to a few
 * ulps relative, not merely to eps times the largest entry.
 */
function eigenvaluesOf(a: number, b: number, c: number): [number, number] {
  // Scaling by a power of two is exact and keeps the products below from overflowing or underflowing.
  const maxAbs = Math.max(Math.abs(a), Math.abs(b), Math.abs(c));
  if (maxAbs === 0 || !Number.isFinite(maxAbs)) return maxAbs === 0 ? [0, 0] : [NaN, NaN];
  const exponent = Math.min(1020, Math.max(-1020, Math.floor(Math.log2(maxAbs))));
  const down = 2 ** -exponent;
  const [sa, sb, sc] = [a * down, b * down, c * down];
  const mean = sa / 2 + sc / 2;
  const radius = Math.hypot(sa / 2 - sc / 2, sb);
  const up = 2 ** exponent;
  if (mean === 0) return [-radius * up, radius * up];
  const big = mean > 0 ? mean + radius : mean - radius;
  const small = compensatedDeterminant(sa, sb, sc) / big;
  return mean > 0 ? [small * up, big * up] : [big * up, small * up];
}

/** a c - b^2 with the rounding errors of both products added back, so near-cancellation stays accurate. */
function compensatedDeterminant(a: number, b: number, c: number): number {
  const ac = a * c;
  const bb = b * b;
  return ac - bb + (productError(a, c, ac) - productError(b, b, bb));
}

/** The exact rounding error x y - fl(x y) by Dekker's splitting (valid while |x|, |y| stay far from overflow). */
function productError(x: number, y: number, rounded: number): number {
  const SPLITTER = 134217729; // 2^27 + 1 splits a double into two 26-bit halves.
  const tx = SPLITTER * x;
  const xHigh = tx - (tx - x);
  const xLow = x - xHigh;
  const ty = SPLITTER * y;
  const yHigh = ty - (ty - y);
  const yLow = y - yHigh;
  return xHigh * yHigh - rounded + xHigh * yLow + xLow * yHigh + xLow * yLow;
}

/**
 * Unit eigenvector of the smaller eigenvalue, from a row of A - lambda1 I chosen so that its
 * entries are sums, never differences, of same-signed terms.
 */
function lowerEigenvector(a: number, b: number, c: number): readonly [number, number] {
  const halfDiff = a / 2 - c / 2;
  const radius = Math.hypot(halfDiff, b);
  if (radius === 0) return [1, 0];
  // lambda1 = mean - radius, so lambda1 - a = -(halfDiff + radius) and lambda1 - c = halfDiff - radius.
  // Rows of A - lambda1 I are (a - lambda1, b) and (b, c - lambda1); an eigenvector is orthogonal to
  // them, i.e. (b, lambda1 - a) or (lambda1 - c, b). Use the one without cancellation.
  const [x, y] = halfDiff >= 0 ? [b, -(halfDiff + radius)] : [halfDiff - radius, b];
  const length = Math.hypot(x, y);
  return withDeterministicSign(x / length, y / length);
}

/** The vector or its negative, whichever has its first nonzero component positive. */
function withDeterministicSign(x: number, y: number): readonly [number, number] {
  const flip = x < 0 || (x === 0 && y < 0);
  // Adding 0 turns a -0 into +0 so results compare equal with Object.is as well.
  return flip ? [-x + 0, -y + 0] : [x + 0, y + 0];
}

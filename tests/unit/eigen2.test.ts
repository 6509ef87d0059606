import { describe, expect, it } from 'vitest';
import { symmetricEigen2 } from '../../src/core/eigen2';
import type { Eigen2 } from '../../src/core/types';
import { expectNear, expectRelNear, seededRandom } from './support/expectNear';

/** Checks A v = lambda v for both pairs, relative to the matrix size, plus orthonormality. */
function expectValidDecomposition(a: number, b: number, c: number, e: Eigen2, relTol: number): void {
  const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), 1e-300);
  for (const [lambda, v] of [
    [e.lambda1, e.v1],
    [e.lambda2, e.v2],
  ] as const) {
    expectNear(a * v[0] + b * v[1], lambda * v[0], relTol * scale, 'row 1 of A v - lambda v');
    expectNear(b * v[0] + c * v[1], lambda * v[1], relTol * scale, 'row 2 of A v - lambda v');
  }
  expectNear(Math.hypot(...e.v1), 1, 1e-15, '|v1|');
  expectNear(Math.hypot(...e.v2), 1, 1e-15, '|v2|');
  expectNear(e.v1[0] * e.v2[0] + e.v1[1] * e.v2[1], 0, 1e-15, 'v1 . v2');
  expect(e.lambda1).toBeLessThanOrEqual(e.lambda2);
}

/** True when the first nonzero component is positive: the documented sign convention. */
function hasDeterministicSign(v: readonly [number, number]): boolean {
  return v[0] > 0 || (v[0] === 0 && v[1] > 0);
}

describe('symmetricEigen2', () => {
  it('reads diag(8, 2) at the double-well minima (±1, 0) as curvatures 2 along y and 8 along x', () => {
    const e = symmetricEigen2(8, 0, 2);
    expect(e.lambda1).toBe(2);
    expect(e.lambda2).toBe(8);
    expect(e.v1).toEqual([0, 1]);
    expect(e.v2).toEqual([1, 0]);
  });

  it('reads diag(-4, 2) at the double-well saddle (0, 0) as -4 along x and 2 along y', () => {
    const e = symmetricEigen2(-4, 0, 2);
    expect(e.lambda1).toBe(-4);
    expect(e.lambda2).toBe(2);
    expect(e.v1).toEqual([1, 0]);
    expect(e.v2).toEqual([0, 1]);
  });

  it('gets both Rosenbrock eigenvalues at (1, 1) to 1e-12 relative, including the small one', () => {
    const e = symmetricEigen2(802, -400, 200);
    const radius = Math.sqrt(301 ** 2 + 400 ** 2);
    const large = 501 + radius;
    // The small one from det / large (det = 802 * 200 - 400^2 = 400 exactly), free of cancellation.
    const small = 400 / large;
    expectRelNear(e.lambda2, large, 1e-12, 'lambda2');
    expectRelNear(e.lambda1, small, 1e-12, 'lambda1');
    expectNear(e.lambda2, 1001.600639, 1e-6, 'lambda2 rounded');
    expectNear(e.lambda1, 0.3993607, 1e-7, 'lambda1 rounded');
    expectValidDecomposition(802, -400, 200, e, 1e-9);
  });

  it('keeps the small eigenvalue accurate when entries are huge and the matrix nearly singular', () => {
    // [[1e8, 1e8 - 1], [1e8 - 1, 1e8]] has eigenvalues 1 and 2e8 - 1 exactly.
    const e = symmetricEigen2(1e8, 1e8 - 1, 1e8);
    expectRelNear(e.lambda1, 1, 1e-9, 'lambda1');
    expectRelNear(e.lambda2, 2e8 - 1, 1e-15, 'lambda2');
    expectValidDecomposition(1e8, 1e8 - 1, 1e8, e, 1e-12);
  });

  it('keeps the small eigenvalue to 1e-12 relative on nearly singular integer matrices with inexact products', () => {
    // Entries near 2^40, so a c and b^2 need 80 bits: a plain double det or mean - radius loses the
    // small eigenvalue entirely. The reference det comes from BigInt, exactly.
    const random = seededRandom(11);
    for (let k = 0; k < 200; k++) {
      const a = 2 ** 39 + Math.floor(random() * 2 ** 39);
      const c = 2 ** 39 + Math.floor(random() * 2 ** 39);
      let b = BigInt(Math.floor(Math.sqrt(a * c)));
      while (b * b > BigInt(a) * BigInt(c)) b -= 1n;
      while ((b + 1n) * (b + 1n) <= BigInt(a) * BigInt(c)) b += 1n;
      const det = Number(BigInt(a) * BigInt(c) - b * b);
      if (det === 0) continue;
      const e = symmetricEigen2(a, Number(b), c);
      // The trace pins lambda2 to an ulp, so det / lambda2 is an exact-enough reference for lambda1.
      expectRelNear(e.lambda1 + e.lambda2, a + c, 1e-15, `trace of case ${k}`);
      expectRelNear(e.lambda1, det / e.lambda2, 1e-12, `lambda1 of case ${k}`);
    }
  });

  it('neither overflows nor underflows: Rosenbrock scaled by 2^900 or 2^-900 scales its eigenvalues exactly', () => {
    const base = symmetricEigen2(802, -400, 200);
    for (const s of [2 ** 900, 2 ** -900]) {
      const e = symmetricEigen2(802 * s, -400 * s, 200 * s);
      expect(e.lambda1).toBe(base.lambda1 * s);
      expect(e.lambda2).toBe(base.lambda2 * s);
      expect(e.v1).toEqual(base.v1);
    }
  });

  it('returns NaN eigenvalues for non-finite entries rather than a plausible-looking number', () => {
    expect(symmetricEigen2(NaN, 0, 1).lambda1).toBeNaN();
    expect(symmetricEigen2(Infinity, 0, 1).lambda2).toBeNaN();
  });

  it('returns the axes as a deterministic basis for a multiple of the identity', () => {
    for (const s of [3, -2, 0]) {
      const e = symmetricEigen2(s, 0, s);
      expect(e.lambda1).toBe(s);
      expect(e.lambda2).toBe(s);
      expect(e.v1).toEqual([1, 0]);
      expect(e.v2).toEqual([0, 1]);
    }
  });

  it('separates a near-repeated pair with a coupling term and still returns orthonormal vectors', () => {
    const e = symmetricEigen2(1, 1e-12, 1);
    expectNear(e.lambda1, 1 - 1e-12, 1e-15, 'lambda1');
    expectNear(e.lambda2, 1 + 1e-12, 1e-15, 'lambda2');
    expectNear(e.v1[0], Math.SQRT1_2, 1e-15, 'v1 x');
    expectNear(e.v1[1], -Math.SQRT1_2, 1e-15, 'v1 y');
    expectValidDecomposition(1, 1e-12, 1, e, 1e-12);
  });

  it('gives each eigenvector a positive first nonzero component', () => {
    const cases: Array<[number, number, number]> = [
      [802, -400, 200],
      [1, 2, 3],
      [-5, 0, 1],
      [2, 0, -7],
      [0, 1, 0],
      [0, -1, 0],
    ];
    for (const [a, b, c] of cases) {
      const e = symmetricEigen2(a, b, c);
      expect(hasDeterministicSign(e.v1), `v1 of ${[a, b, c]}`).toBe(true);
      expect(hasDeterministicSign(e.v2), `v2 of ${[a, b, c]}`).toBe(true);
    }
  });

  it('matches the characteristic polynomial on 1000 random matrices spanning 12 orders of magnitude', () => {
    const random = seededRandom(42);
    for (let k = 0; k < 1000; k++) {
      const scale = 10 ** (12 * random() - 6);
      const [a, b, c] = [random() - 0.5, random() - 0.5, random() - 0.5].map((t) => 2 * t * scale);
      const e = symmetricEigen2(a, b, c);
      // lambda^2 - trace lambda + det = 0: compare trace and det, each relative to scale.
      expectNear(e.lambda1 + e.lambda2, a + c, 1e-14 * scale, 'trace');
      expectNear(e.lambda1 * e.lambda2, a * c - b * b, 1e-14 * scale * scale, 'det');
      expectValidDecomposition(a, b, c, e, 1e-13);
    }
  });
});

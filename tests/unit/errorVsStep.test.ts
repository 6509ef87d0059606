import { describe, expect, it } from 'vitest';
import { symmetricEigen2 } from '../../src/core/eigen2';
import { breakdownStep, errorVsStep } from '../../src/core/errorVsStep';
import { FLOAT32_EPS, FLOAT64_EPS, fitLogLogSlope } from '../../src/core/slopeFit';
import { expectNear } from './support/expectNear';

/** f = x^3 near x = 1 as a function of the step, and its Taylor models written out by hand. */
const cube = (h: number): number => (1 + h) ** 3;
const cubeTaylor = (h: number, order: number): number => [1, 3 * h, 3 * h * h, h ** 3].slice(0, order + 1).reduce((s, t) => s + t, 0);

/** sin near 0 and its Taylor models from the derivative cycle sin, cos, -sin, -cos at 0 = 0, 1, 0, -1. */
const sinTaylor = (h: number, order: number): number => {
  let sum = 0;
  let term = 1; // h^k / k!
  for (let k = 0; k <= order; k++) {
    sum += [0, 1, 0, -1][k % 4] * term;
    term *= h / (k + 1);
  }
  return sum;
};

/** Standard sweep: four and a bit decades, 15 steps per decade, float64 arithmetic. */
const SWEEP = { hMin: 1e-4, hMax: 1, count: 61, fScale: 1, eps: FLOAT64_EPS };

describe('errorVsStep slopes', () => {
  it('gives x^3 at 1 slope 2 for order 1 and 3 for order 2, within 0.1', () => {
    const r = errorVsStep(cube, cubeTaylor, { ...SWEEP, orders: [1, 2] });
    expect(r.h).toHaveLength(61);
    expectNear(r.slopes[0] ?? NaN, 2, 0.1, 'order 1');
    expectNear(r.slopes[1] ?? NaN, 3, 0.1, 'order 2');
  });

  it('gives no slope for order 3 of x^3, whose model is exact and whose error is all round-off', () => {
    const r = errorVsStep(cube, cubeTaylor, { ...SWEEP, orders: [3] });
    expect(r.roundoff[0].every(Boolean)).toBe(true);
    expect(r.slopes[0]).toBeNull();
  });

  it('gives sin at 0 slopes 3, 3, 5, 5, 7 for orders 1 to 5, within 0.1, because its even terms vanish', () => {
    // sin is odd, so T2 = T1 and T4 = T3: the first omitted term of T1 and T2 is h^3/3!, of T3 and
    // T4 it is h^5/5!, and of T5 it is h^7/7!.
    const r = errorVsStep(Math.sin, sinTaylor, { ...SWEEP, fScale: 0, orders: [1, 2, 3, 4, 5] });
    expect(r.errors[1]).toEqual(r.errors[0]);
    expect(r.errors[3]).toEqual(r.errors[2]);
    [3, 3, 5, 5, 7].forEach((slope, i) => expectNear(r.slopes[i] ?? NaN, slope, 0.1, `order ${i + 1}`));
  });

  it('gives the double well at (0.5, 0.5) slope k + 1 along each Hessian eigenvector, except where T2 is exact', () => {
    const f = (x: number, y: number): number => (x * x - 1) ** 2 + y * y;
    // By hand at (0.5, 0.5): f = 0.5625 + 0.25, grad = (4x(x^2 - 1), 2y) = (-1.5, 1),
    // Hessian = [[12x^2 - 4, 0], [0, 2]] = diag(-1, 2).
    const [f0, gradient] = [0.8125, [-1.5, 1]];
    const e = symmetricEigen2(-1, 0, 2);
    const slopesAlong = (v: readonly [number, number], lambda: number): (number | null)[] => {
      const along = (t: number): number => f(0.5 + t * v[0], 0.5 + t * v[1]);
      const slopeTerm = gradient[0] * v[0] + gradient[1] * v[1];
      // v is an eigenvector, so the quadratic term v^T H v t^2 / 2 is lambda t^2 / 2.
      const model = (t: number, order: number): number =>
        [f0, slopeTerm * t, (lambda * t * t) / 2].slice(0, order + 1).reduce((s, x) => s + x, 0);
      return errorVsStep(along, model, { ...SWEEP, fScale: f0, orders: [0, 1, 2] }).slopes;
    };
    const alongX = slopesAlong(e.v1, e.lambda1);
    [1, 2, 3].forEach((slope, k) => expectNear(alongX[k] ?? NaN, slope, 0.1, `v1 order ${k}`));
    // Along y the double well is exactly quadratic, so order 2 leaves only round-off.
    const alongY = slopesAlong(e.v2, e.lambda2);
    expectNear(alongY[0] ?? NaN, 1, 0.1, 'v2 order 0');
    expectNear(alongY[1] ?? NaN, 2, 0.1, 'v2 order 1');
    expect(alongY[2]).toBeNull();
  });
});

describe('errorVsStep in float32', () => {
  const float32Cube = (h: number): number => Math.fround(cube(h));
  const opts = { hMin: 1e-6, hMax: 1, count: 61, fScale: 1, eps: FLOAT32_EPS, orders: [1, 2] };

  it('flags the smallest steps as round-off and keeps the slopes within 0.1 of 2 and 3 by excluding them', () => {
    const r = errorVsStep(float32Cube, cubeTaylor, opts);
    const atTenth = r.h.findIndex((t) => t > 0.0999);
    expectNear(r.h[atTenth], 0.1, 1e-12, 'step near 0.1');
    for (const row of r.roundoff) {
      expect(row[0]).toBe(true);
      expect(row[atTenth]).toBe(false);
    }
    expectNear(r.slopes[0] ?? NaN, 2, 0.1, 'order 1');
    expectNear(r.slopes[1] ?? NaN, 3, 0.1, 'order 2');
  });

  it('shows the flagged points are noise: fitting them in anyway ruins the order-2 slope', () => {
    const r = errorVsStep(float32Cube, cubeTaylor, opts);
    const firstTrusted = r.roundoff[1].lastIndexOf(true) + 1;
    // At h = 1e-6 the true order-2 error is h^3 = 1e-18; float32 leaves far more than that.
    expect(r.errors[1][0]).toBeGreaterThan(1e6 * r.h[0] ** 3);
    const upTo = r.h.findIndex((t) => t > 0.0999) + 1;
    const naive = fitLogLogSlope(r.h.slice(0, upTo), r.errors[1].slice(0, upTo));
    expect(Math.abs(naive.slope - 3)).toBeGreaterThan(0.5);
    expect(firstTrusted).toBeGreaterThan(0);
  });
});

describe('errorVsStep relative errors', () => {
  it('divides by max(|f(p)|, fScale), so a large fScale shrinks them', () => {
    const base = errorVsStep(cube, cubeTaylor, { ...SWEEP, orders: [1] });
    expect(base.relErrors[0]).toEqual(base.errors[0]);
    const scaled = errorVsStep(cube, cubeTaylor, { ...SWEEP, fScale: 10, orders: [1] });
    scaled.relErrors[0].forEach((e, k) => expectNear(e, base.errors[0][k] / 10, 1e-15 * base.errors[0][k], `step ${k}`));
  });
});

describe('breakdownStep', () => {
  it('matches the closed form for x^3, order 1: 3h^2 + h^3 = tol, to within one grid ratio', () => {
    const r = errorVsStep(cube, cubeTaylor, { ...SWEEP, count: 401, orders: [1] });
    const ratio = r.h[1] / r.h[0];
    for (const tol of [1e-1, 1e-2, 1e-3]) {
      // Bisection for the root of 3h^2 + h^3 = tol on (0, 1).
      let [lo, hi] = [0, 1];
      for (let k = 0; k < 100; k++) {
        const mid = (lo + hi) / 2;
        if (3 * mid * mid + mid ** 3 <= tol) lo = mid;
        else hi = mid;
      }
      const step = breakdownStep(r.h, r.relErrors[0], tol) ?? NaN;
      expect(step).toBeLessThanOrEqual(lo);
      expect(step).toBeGreaterThan(lo / ratio);
    }
  });

  it('shrinks strictly as the tolerance shrinks, for every order of sin at 0', () => {
    // Steps up to 4 so that even order 5 (error 2e-4 at h = 1) breaks down inside the range.
    const r = errorVsStep(Math.sin, sinTaylor, { ...SWEEP, hMax: 4, fScale: 1, count: 401, orders: [1, 3, 5] });
    for (const rel of r.relErrors) {
      const steps = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6].map((tol) => breakdownStep(r.h, rel, tol) ?? NaN);
      for (let k = 1; k < steps.length; k++) expect(steps[k]).toBeLessThan(steps[k - 1]);
    }
  });

  it('trusts a higher order further at the same tolerance', () => {
    const r = errorVsStep(cube, cubeTaylor, { ...SWEEP, count: 401, orders: [1, 2] });
    expect(breakdownStep(r.h, r.relErrors[1], 1e-3) ?? NaN).toBeGreaterThan(breakdownStep(r.h, r.relErrors[0], 1e-3) ?? NaN);
  });

  it('stops at the first step that exceeds the tolerance, even if later ones dip back below', () => {
    expect(breakdownStep([1, 2, 3, 4], [1e-5, 1e-4, 1e-2, 1e-5], 1e-3)).toBe(2);
  });

  it('sorts unsorted steps, stops at NaN, and returns null when the smallest step already fails', () => {
    expect(breakdownStep([3, 1, 2], [1e-2, 1e-5, 1e-4], 1e-3)).toBe(2);
    expect(breakdownStep([1, 2, 3], [1e-5, NaN, 1e-5], 1e-3)).toBe(1);
    expect(breakdownStep([1, 2], [1, 1e-5], 1e-3)).toBeNull();
    expect(breakdownStep([], [], 1e-3)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { classifyPoint, conditionNumber, curvatureClass, stableStep } from '../../src/core/classify';
import { symmetricEigen2 } from '../../src/core/eigen2';
import type { PointDerivatives } from '../../src/core/types';
import { expectNear, expectRelNear } from './support/expectNear';

/** Closed-form value, gradient and Hessian of the double well f = (x^2 - 1)^2 + y^2. */
function doubleWell(x: number, y: number): PointDerivatives {
  return {
    f: (x * x - 1) ** 2 + y * y,
    gx: 4 * x * (x * x - 1),
    gy: 2 * y,
    hxx: 12 * x * x - 4,
    hxy: 0,
    hyy: 2,
  };
}

/** Derivatives of the bowl s (x^2 + y^2) at (x, 0). */
function bowl(s: number, x: number): PointDerivatives {
  return { f: s * x * x, gx: 2 * s * x, gy: 0, hxx: 2 * s, hxy: 0, hyy: 2 * s };
}

const ZERO: PointDerivatives = { f: 0, gx: 0, gy: 0, hxx: 0, hxy: 0, hyy: 0 };

describe('classifyPoint', () => {
  it('finds the double-well minima at (±1, 0) and its saddle at (0, 0)', () => {
    expect(classifyPoint(doubleWell(1, 0))).toBe('minimum');
    expect(classifyPoint(doubleWell(-1, 0))).toBe('minimum');
    expect(classifyPoint(doubleWell(0, 0))).toBe('saddle');
  });

  it('calls the top of an upside-down bowl a maximum', () => {
    expect(classifyPoint(bowl(-1, 0))).toBe('maximum');
  });

  it('calls a point with a clear gradient regular, like the double well at (0.5, 0.5)', () => {
    expect(classifyPoint(doubleWell(0.5, 0.5))).toBe('regular');
  });

  it('calls x^4, x^4 + y^2 and the monkey saddle degenerate at 0', () => {
    // x^4 and the monkey saddle x^3 - 3xy^2 have a zero Hessian at 0; x^4 + y^2 has one zero eigenvalue.
    expect(classifyPoint(ZERO)).toBe('degenerate');
    expect(classifyPoint({ ...ZERO, hyy: 2 })).toBe('degenerate');
  });

  it('judges the gradient relative to the curvature scale, not in absolute terms', () => {
    // Same gradient 2e-3 in both: 1e-9 from the minimum of a steep bowl, but 1e-3 away on a shallow one.
    expect(classifyPoint(bowl(1e6, 1e-9))).toBe('minimum');
    expect(classifyPoint(bowl(1, 1e-3))).toBe('regular');
  });

  it('needs a curvature scale to see the monkey saddle a hair off 0 as degenerate', () => {
    // x^3 - 3xy^2 at (1e-12, 0): Hessian diag(6e-12, -6e-12), tiny only against the landscape's curvature.
    const nearMonkey = { f: 1e-36, gx: 3e-24, gy: 0, hxx: 6e-12, hxy: 0, hyy: -6e-12 };
    expect(classifyPoint(nearMonkey)).toBe('saddle');
    expect(classifyPoint(nearMonkey, { curvatureScale: 3 })).toBe('degenerate');
    expect(classifyPoint(doubleWell(0, 0), { curvatureScale: 44 })).toBe('saddle');
  });

  it('lets a float32 caller loosen gradTol and eigTol', () => {
    expect(classifyPoint(bowl(1, 1e-5))).toBe('regular');
    expect(classifyPoint(bowl(1, 1e-5), { gradTol: 1e-4 })).toBe('minimum');
    const nearlyFlat = { ...ZERO, hxx: 1e-8, hyy: 1 };
    expect(classifyPoint(nearlyFlat)).toBe('degenerate');
    expect(classifyPoint(nearlyFlat, { eigTol: 1e-9 })).toBe('minimum');
  });

  it('calls a point with a non-finite derivative degenerate rather than guessing', () => {
    expect(classifyPoint({ ...ZERO, hxx: NaN })).toBe('degenerate');
    expect(classifyPoint({ ...ZERO, f: Infinity, hxx: 1, hyy: 1 })).toBe('degenerate');
  });
});

describe('conditionNumber', () => {
  it('is lambda2^2 / det = (501 + sqrt(250601))^2 / 400 for Rosenbrock at (1, 1), to 1e-12 relative', () => {
    const expected = (501 + Math.sqrt(250601)) ** 2 / 400;
    expectRelNear(conditionNumber(symmetricEigen2(802, -400, 200)), expected, 1e-12, 'kappa');
    expectNear(expected, 2508.0096, 1e-4, 'kappa rounded');
  });

  it('uses absolute values, so the double-well saddle diag(-4, 2) has condition number 2', () => {
    expect(conditionNumber(symmetricEigen2(-4, 0, 2))).toBe(2);
  });

  it('is Infinity when an eigenvalue is 0, including for the zero matrix', () => {
    expect(conditionNumber(symmetricEigen2(0, 0, 2))).toBe(Infinity);
    expect(conditionNumber(symmetricEigen2(0, 0, 0))).toBe(Infinity);
  });
});

describe('stableStep', () => {
  it('is 1 / lambda_max: 1/8 at the double-well minimum and 1/2 at its saddle', () => {
    expect(stableStep(symmetricEigen2(8, 0, 2))).toBe(1 / 8);
    expect(stableStep(symmetricEigen2(-4, 0, 2))).toBe(1 / 2);
  });

  it('marks the edge of stability: GD on Rosenbrock\'s quadratic model converges at 1.9x and diverges at 2.1x', () => {
    const e = symmetricEigen2(802, -400, 200);
    const lr = stableStep(e);
    expectRelNear(lr, 1 / (501 + Math.sqrt(250601)), 1e-12, 'lr');
    // Along the stiff eigenvector GD multiplies the offset by (1 - lr lambda_max) each step.
    const factorAt = (multiple: number): number => Math.abs(1 - multiple * lr * e.lambda2);
    expect(factorAt(1.9)).toBeLessThan(1);
    expect(factorAt(2.1)).toBeGreaterThan(1);
    expectNear(factorAt(1), 0, 1e-15, 'one-step convergence at lr = 1/lambda_max');
  });

  it('is Infinity when no eigenvalue is positive, and NaN for NaN input', () => {
    expect(stableStep(symmetricEigen2(-1, 0, -3))).toBe(Infinity);
    expect(stableStep(symmetricEigen2(0, 0, 0))).toBe(Infinity);
    expect(stableStep(symmetricEigen2(NaN, 0, 1))).toBeNaN();
  });
});

describe('curvatureClass', () => {
  it('names the four legend classes from the eigenvalue signs, in either order', () => {
    expect(curvatureClass(2, 8)).toBe('convex');
    expect(curvatureClass(8, 2)).toBe('convex');
    expect(curvatureClass(-4, -1)).toBe('concave');
    expect(curvatureClass(-4, 2)).toBe('saddle');
    expect(curvatureClass(2, -4)).toBe('saddle');
    expect(curvatureClass(0, 0)).toBe('flat');
  });

  it('counts a valley floor with one zero eigenvalue as convex and a ridge as concave', () => {
    expect(curvatureClass(0, 2)).toBe('convex');
    expect(curvatureClass(-2, 0)).toBe('concave');
  });

  it('treats eigenvalues within flatTol of 0 as zero', () => {
    expect(curvatureClass(-1e-9, 1e-9)).toBe('saddle');
    expect(curvatureClass(-1e-9, 1e-9, 1e-6)).toBe('flat');
    expect(curvatureClass(-1e-9, 3, 1e-6)).toBe('convex');
  });

  it('calls NaN curvature flat', () => {
    expect(curvatureClass(NaN, 1)).toBe('flat');
  });
});

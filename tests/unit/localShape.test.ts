import { describe, expect, it } from 'vitest';
import { classifyPoint, describeLocalShape, type ClassifyOptions } from '../../src/core/classify';
import { symmetricEigen2 } from '../../src/core/eigen2';
import type { PointDerivatives } from '../../src/core/types';

/** The readout sentence for closed-form derivatives, classified and described with the same options. */
function sentence(d: PointDerivatives, opts: ClassifyOptions = {}): string {
  return describeLocalShape(classifyPoint(d, opts), symmetricEigen2(d.hxx, d.hxy, d.hyy), opts);
}

/** Double well f = (x^2 - 1)^2 + y^2 and its exact derivatives. */
function doubleWell(x: number, y: number): PointDerivatives {
  return { f: (x * x - 1) ** 2 + y * y, gx: 4 * x * (x * x - 1), gy: 2 * y, hxx: 12 * x * x - 4, hxy: 0, hyy: 2 };
}

describe('describeLocalShape away from critical points', () => {
  it('calls the double well at (0.5, 0.5) a regular point, saddle-shaped (fxx = -1 < 0 < fyy = 2)', () => {
    expect(sentence(doubleWell(0.5, 0.5))).toBe('regular point, saddle-shaped (λ₁ < 0 < λ₂)');
  });

  it('calls the double well at (1, 0.5) a regular point, bowl-shaped (fxx = 8, fyy = 2)', () => {
    expect(sentence(doubleWell(1, 0.5))).toBe('regular point, bowl-shaped (0 < λ₁ ≤ λ₂)');
  });

  it('calls -(x^2 + y^2) + x at (0.3, 0.1) a regular point, cap-shaped', () => {
    const d = { f: -(0.09 + 0.01) + 0.3, gx: -0.6 + 1, gy: -0.2, hxx: -2, hxy: 0, hyy: -2 };
    expect(sentence(d)).toBe('regular point, cap-shaped (λ₁ ≤ λ₂ < 0)');
  });

  it('calls x^2 + y a regular point flat in one direction and curving up in the other', () => {
    expect(sentence({ f: 0.04, gx: 0.4, gy: 1, hxx: 2, hxy: 0, hyy: 0 })).toBe('regular point, flat in one direction, curving up in the other (λ₁ ≈ 0 < λ₂)');
  });

  it('calls y - x^2 a regular point flat in one direction and curving down in the other', () => {
    expect(sentence({ f: -0.04, gx: -0.4, gy: 1, hxx: -2, hxy: 0, hyy: 0 })).toBe('regular point, flat in one direction, curving down in the other (λ₁ < 0 ≈ λ₂)');
  });

  it('calls the plane x + 2y a flat regular point', () => {
    expect(sentence({ f: 0, gx: 1, gy: 2, hxx: 0, hxy: 0, hyy: 0 })).toBe('regular point, flat (λ₁ ≈ λ₂ ≈ 0)');
  });

  it('reads the shape of a rotated saddle xy from its eigenvalues (±1), not from the diagonal (0, 0)', () => {
    // f = xy at (1, 2): gradient (2, 1), Hessian [[0, 1], [1, 0]].
    expect(sentence({ f: 2, gx: 2, gy: 1, hxx: 0, hxy: 1, hyy: 0 })).toBe('regular point, saddle-shaped (λ₁ < 0 < λ₂)');
  });
});

describe('describeLocalShape at critical points', () => {
  it('describes the double-well minima and saddle', () => {
    expect(sentence(doubleWell(1, 0))).toBe('minimum, bowl-shaped (0 < λ₁ ≤ λ₂)');
    expect(sentence(doubleWell(0, 0))).toBe('saddle point (λ₁ < 0 < λ₂)');
  });

  it('describes the top of -(x^2 + 3y^2) as a cap-shaped maximum', () => {
    expect(sentence({ f: 0, gx: 0, gy: 0, hxx: -2, hxy: 0, hyy: -6 })).toBe('maximum, cap-shaped (λ₁ ≤ λ₂ < 0)');
  });

  it('says x^4 + y^2 at 0 is degenerate and flat in one direction', () => {
    expect(sentence({ f: 0, gx: 0, gy: 0, hxx: 0, hxy: 0, hyy: 2 })).toBe('degenerate critical point, flat in one direction, curving up in the other (λ₁ ≈ 0 < λ₂)');
  });

  it('agrees with classifyPoint on the monkey saddle a hair from 0 when both get the curvature scale', () => {
    // f = x^3 - 3xy^2 at (1e-9, 0): gradient 3e-18, Hessian diag(6e-9, -6e-9); typical |curvature| 6.
    const x = 1e-9;
    const d = { f: x ** 3, gx: 3 * x * x, gy: 0, hxx: 6 * x, hxy: 0, hyy: -6 * x };
    expect(sentence(d)).toBe('saddle point (λ₁ < 0 < λ₂)');
    expect(sentence(d, { curvatureScale: 6 })).toBe('degenerate critical point, flat (λ₁ ≈ λ₂ ≈ 0)');
  });

  it('says the shape is unknown where the Hessian is not finite', () => {
    const e = symmetricEigen2(NaN, 0, 1);
    expect(describeLocalShape('degenerate', e)).toBe('degenerate critical point, shape unknown (the Hessian is not finite here)');
  });
});

describe('describeLocalShape over many Hessians', () => {
  it('always starts with the class and names a shape whose inequality the eigenvalues satisfy', () => {
    const values = [-3, -1, -1e-9, 0, 1e-9, 0.5, 2];
    for (const hxx of values) {
      for (const hxy of values) {
        for (const hyy of values) {
          for (const g of [0, 0.7]) {
            const d = { f: 1, gx: g, gy: 0, hxx, hxy, hyy };
            const cls = classifyPoint(d);
            const e = symmetricEigen2(hxx, hxy, hyy);
            const text = describeLocalShape(cls, e);
            expect(text.startsWith(cls === 'regular' ? 'regular point' : cls === 'degenerate' ? 'degenerate critical point' : cls)).toBe(true);
            if (text.includes('saddle')) expect(e.lambda1 < 0 && e.lambda2 > 0).toBe(true);
            if (text.includes('bowl-shaped')) expect(e.lambda1).toBeGreaterThan(0);
            if (text.includes('cap-shaped')) expect(e.lambda2).toBeLessThan(0);
            // A critical point that classifyPoint calls degenerate always has a flat direction here.
            if (cls === 'degenerate') expect(text).toContain('flat');
          }
        }
      }
    }
  });
});

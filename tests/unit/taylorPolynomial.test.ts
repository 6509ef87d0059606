import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/core/expr/ast';
import { parseExpression } from '../../src/core/expr/parser';
import { evaluateExpr, taylorCoefficients } from '../../src/core/jet';
import { evaluateTaylor, evaluateTaylor1D, taylorTable1D } from '../../src/core/taylorPolynomial';
import { coefficientCount, coefficientIndex } from '../../src/core/taylorLayout';

function parsed(text: string, variables: readonly ('x' | 'y')[] = ['x', 'y']): Expr {
  const r = parseExpression(text, variables);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.expr;
}

/** Relative difference, measured against max(1, |expected|). */
const relErr = (a: number, e: number): number => Math.abs(a - e) / Math.max(1, Math.abs(e));

describe('evaluateTaylor', () => {
  it('reproduces a cubic exactly at order 3 and higher, anywhere (1e-12 relative)', () => {
    const f = parsed('x^3 - 3*x*y^2 + 2*x*y');
    const [x0, y0] = [0.4, -1.3];
    for (const order of [3, 4, 6]) {
      const c = taylorCoefficients(f, x0, y0, order);
      for (const [x, y] of [[2.5, 1.7], [-3.1, 0.2], [0.4, -1.3], [10, -7]]) {
        expect(relErr(evaluateTaylor(c, order, x - x0, y - y0), evaluateExpr(f, x, y))).toBeLessThan(1e-12);
      }
    }
  });

  it('does not reproduce the cubic at order 2: the cubic terms are really needed', () => {
    const f = parsed('x^3 - 3*x*y^2 + 2*x*y');
    const c = taylorCoefficients(f, 0.4, -1.3, 2);
    expect(relErr(evaluateTaylor(c, 2, 2, 3), evaluateExpr(f, 2.4, 1.7))).toBeGreaterThan(1e-3);
  });

  it('uses only terms of degree <= order when given more coefficients', () => {
    const c = new Float64Array(coefficientCount(6)).fill(1);
    // Σ_{i+j<=2} dx^i dy^j at dx = dy = 2: 1 + 2 + 2 + 4 + 4 + 4
    expect(evaluateTaylor(c, 2, 2, 2)).toBe(17);
    expect(evaluateTaylor(c, 0, 5, 7)).toBe(1);
  });

  it('puts c[i][j] on dx^i dy^j as taylorLayout says', () => {
    const c = new Float64Array(coefficientCount(3));
    c[coefficientIndex(2, 1)] = 1;
    expect(evaluateTaylor(c, 3, 3, 5)).toBe(45);
  });

  it('throws RangeError when the array is too short for the order', () => {
    expect(() => evaluateTaylor([1, 2, 3], 2, 0, 0)).toThrow(RangeError);
    expect(() => evaluateTaylor1D([1, 2, 3], 2, 0)).toThrow(RangeError);
  });
});

describe('evaluateTaylor1D', () => {
  it('uses only the pure-x coefficients c[i][0]', () => {
    const c = new Float64Array(coefficientCount(3)).fill(100);
    for (let i = 0; i <= 3; i++) c[coefficientIndex(i, 0)] = i + 1;
    expect(evaluateTaylor1D(c, 3, 2)).toBe(1 + 2 * 2 + 3 * 4 + 4 * 8);
  });

  it('approaches sin(x) about 0 as the order grows (order 9 within 1e-6 at x = 1)', () => {
    const c = taylorCoefficients(parsed('sin(x)', ['x']), 0, 0, 10);
    expect(Math.abs(evaluateTaylor1D(c, 1, 1) - Math.sin(1))).toBeGreaterThan(0.1);
    expect(Math.abs(evaluateTaylor1D(c, 9, 1) - Math.sin(1))).toBeLessThan(1e-6);
  });
});

describe('taylorTable1D', () => {
  it('tabulates the seed table for x^3 about 1 exactly (1e-12)', () => {
    const points = [0.5, 0.75, 1, 1.25, 1.5];
    const table = taylorTable1D(parsed('x^3', ['x']), 1, [1, 2], points);
    const expected = {
      f: [0.125, 0.421875, 1, 1.953125, 3.375],
      1: [-0.5, 0.25, 1, 1.75, 2.5],
      2: [0.25, 0.4375, 1, 1.9375, 3.25],
    };
    expect(table.points).toEqual(points);
    table.f.forEach((v, k) => expect(Math.abs(v - expected.f[k])).toBeLessThan(1e-12));
    for (const order of [1, 2] as const) {
      table.approx[order].forEach((v, k) => expect(Math.abs(v - expected[order][k])).toBeLessThan(1e-12));
    }
  });

  it('makes order 3 and above equal to x^3 itself', () => {
    const table = taylorTable1D(parsed('x^3', ['x']), 1, [3, 5], [-2, 0.5, 4]);
    expect(table.approx[3]).toEqual(table.f);
    expect(table.approx[5]).toEqual(table.f);
  });

  it('gives the constant f(x0) at order 0', () => {
    const table = taylorTable1D(parsed('exp(x)', ['x']), 0.5, [0], [0, 1, 2]);
    expect(table.approx[0]).toEqual([Math.exp(0.5), Math.exp(0.5), Math.exp(0.5)]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/core/expr/ast';
import { parseExpression } from '../../src/core/expr/parser';
import {
  absoluteTolerance,
  errorStepRadius,
  normalizeOrders,
  oneDErrorData,
  oneDTableData,
  parseUserNumbers,
  sampleFunction,
  taylorCurves,
} from '../../src/app/oneDData';
import { expectNear } from './support/expectNear';

function parse1D(text: string): Expr {
  const result = parseExpression(text, ['x']);
  if (!result.ok) throw new Error(`test formula '${text}' does not parse`);
  return result.expr;
}

describe('the 1D view data', () => {
  it('tabulates Day 42 exactly: x^3 about 1 at 0.5..1.5 with orders 1 and 2', () => {
    const t = oneDTableData(parse1D('x^3'), 1, [1, 2], [0.5, 0.75, 1, 1.25, 1.5]);
    expect(t.f).toEqual([0.125, 0.421875, 1, 1.953125, 3.375]);
    expect(t.approx.map((a) => a.order)).toEqual([1, 2]);
    expect(t.approx[0].values).toEqual([-0.5, 0.25, 1, 1.75, 2.5]);
    expect(t.approx[1].values).toEqual([0.25, 0.4375, 1, 1.9375, 3.25]);
  });

  it('samples f with gaps (NaN) where it is undefined, and Taylor curves through f(x0)', () => {
    const expr = parse1D('log(x)');
    const s = sampleFunction(expr, -1, 1, 5);
    expect(s.x).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(Number.isNaN(s.f[0])).toBe(true);
    expect(s.f[4]).toBe(0);
    const c = taylorCurves(expr, 1, [1], s.x);
    expect(c.f0).toBe(0);
    expect(c.approximations[0].y).toEqual([-2, -1.5, -1, -0.5, 0]);
  });

  it('uses a quarter of the x range as the largest step, never below a tiny floor', () => {
    expect(errorStepRadius(0, 2, 1)).toBe(0.5);
    expect(errorStepRadius(-2 * Math.PI, 2 * Math.PI, 0)).toBeCloseTo(Math.PI, 12);
    expect(errorStepRadius(1, 1, 1)).toBeGreaterThan(0);
  });

  it('draws the tolerance line where the relative errors cross the tolerance (at each breakdown marker)', () => {
    const expr = parse1D('x^3 + 2');
    const data = oneDErrorData(expr, 1, [1, 2], 0.5, 0.05);
    expect(data.tolerance).toBeCloseTo(absoluteTolerance(0.05, 3), 15);
    data.orders.forEach((_, i) => {
      const b = data.breakdown[i];
      if (b === null) throw new Error('expected a breakdown');
      const j = data.h.indexOf(b);
      expect(data.errors[i][j]).toBeLessThanOrEqual(data.tolerance as number);
      if (j + 1 < data.h.length) expect(data.errors[i][j + 1]).toBeGreaterThan(data.tolerance as number);
    });
    expect(absoluteTolerance(0.05, 0)).toBe(0.05);
  });

  it('keeps only the chosen orders, in order, with slopes k + 1 (x^4 at 1)', () => {
    const data = oneDErrorData(parse1D('x^4'), 1, [1, 3], 0.75, 0.05);
    expect(data.orders).toEqual([1, 3]);
    expectNear(data.slopes[0] ?? NaN, 2, 0.1, 'order 1');
    expectNear(data.slopes[1] ?? NaN, 4, 0.1, 'order 3');
    expect(oneDErrorData(parse1D('x^4'), 1, [], 0.75, 0.05).orders).toEqual([]);
  });

  it('normalises order lists and parses typed point lists', () => {
    expect(normalizeOrders([3, 1, 3, 11, -1, 2.5], 10)).toEqual([1, 3]);
    expect(parseUserNumbers('0.5, 1  1.5;2', 20)).toEqual([0.5, 1, 1.5, 2]);
    expect(parseUserNumbers('1, x', 20)).toBeNull();
    expect(parseUserNumbers('', 20)).toBeNull();
    expect(parseUserNumbers('1,2,3', 2)).toBeNull();
  });
});

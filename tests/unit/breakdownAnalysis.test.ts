import { describe, expect, it } from 'vitest';
import { analyzeBreakdown, type BreakdownRequest, type BreakdownResult } from '../../src/core/breakdownAnalysis';
import type { Expr, VariableName } from '../../src/core/expr/ast';
import { parseExpression } from '../../src/core/expr/parser';
import { expectNear } from './support/expectNear';

/** Parses a formula that must be valid (the test cases are fixed). */
function parse(text: string, variables: readonly VariableName[] = ['x', 'y']): Expr {
  const result = parseExpression(text, variables);
  if (!result.ok) throw new Error(`test formula '${text}' does not parse: ${result.error.message}`);
  return result.expr;
}

/** A 1D study: y-free formula, stepping along +x (direction 'angle' at 0 degrees), float64. */
function study1D(text: string, x0: number, maxOrder: number, radius: number, extra: Partial<BreakdownRequest> = {}): BreakdownResult {
  return analyzeBreakdown(parse(text, ['x']), {
    x0,
    y0: 0,
    direction: 'angle',
    angleDeg: 0,
    maxOrder,
    radius,
    tolerance: 0.05,
    precision: 'float64',
    ...extra,
  });
}

/** Slope of order k, failing the test with a message when there is none. */
function slopeOf(r: BreakdownResult, k: number): number {
  const s = r.slopes[r.orders.indexOf(k)];
  if (s === null || s === undefined) throw new Error(`order ${k} has no fitted slope`);
  return s;
}

const SLOPE_TOL = 0.1;

describe('analyzeBreakdown slopes with the real parser and jets', () => {
  it('gives x^3 at 1 slopes 2 and 3 for orders 1 and 2; order 3 is exact, so its error is only round-off', () => {
    const r = study1D('x^3', 1, 3, 0.5);
    expect(r.direction).toEqual([1, 0]);
    expectNear(slopeOf(r, 1), 2, SLOPE_TOL, 'x^3 order 1');
    expectNear(slopeOf(r, 2), 3, SLOPE_TOL, 'x^3 order 2');
    // T3 of a cubic is the cubic itself: what is left is float64 noise, flagged and not fitted.
    expect(r.roundoff[3].every(Boolean)).toBe(true);
    expect(r.slopes[3]).toBeNull();
    for (const e of r.errors[3]) expect(e).toBeLessThan(1e-13);
  });

  it('gives sin at 0 slope 3 for orders 1 and 2, 5 for 3 and 4, and 7 for 5, because its even terms vanish', () => {
    // sin is odd: T2 = T1 and T4 = T3, so the first omitted term of T1/T2 is h^3/3!, of T3/T4
    // h^5/5! and of T5 h^7/7!; the error of order k goes like h^(next odd power), not h^(k+1).
    const r = study1D('sin(x)', 0, 5, Math.PI);
    const expected: Record<number, number> = { 1: 3, 2: 3, 3: 5, 4: 5, 5: 7 };
    for (const [k, slope] of Object.entries(expected)) expectNear(slopeOf(r, Number(k)), slope, SLOPE_TOL, `sin order ${k}`);
  });

  it('gives x^4 at 1 slopes k + 1 for orders 0 to 3', () => {
    const r = study1D('x^4', 1, 3, 0.75);
    for (const k of [0, 1, 2, 3]) expectNear(slopeOf(r, k), k + 1, SLOPE_TOL, `x^4 order ${k}`);
  });
});

describe('analyzeBreakdown along the eigenvectors of the double well (x^2-1)^2 + y^2', () => {
  // At (1.2, 0.5) the gradient is (2.112, 1), so the point is not critical, and the Hessian is
  // diag(13.28, 2): eigenvector 1 (smaller eigenvalue) is the y axis, eigenvector 2 the x axis.
  const well = parse('(x^2-1)^2+y^2');
  const request = (direction: 'eigen1' | 'eigen2'): BreakdownRequest => ({
    x0: 1.2,
    y0: 0.5,
    direction,
    angleDeg: 0,
    maxOrder: 2,
    radius: 0.6,
    tolerance: 0.05,
    precision: 'float64',
  });

  it('gives slopes 1, 2, 3 for orders 0, 1, 2 along the x-axis eigenvector, where f is a quartic', () => {
    const r = analyzeBreakdown(well, request('eigen2'));
    expectNear(Math.abs(r.direction[0]), 1, 1e-12, 'eigenvector 2 is the x axis');
    for (const k of [0, 1, 2]) expectNear(slopeOf(r, k), k + 1, SLOPE_TOL, `eigen2 order ${k}`);
  });

  it('gives slopes 1, 2 for orders 0, 1 along the y-axis eigenvector; order 2 is exact there (f is y^2 + const)', () => {
    const r = analyzeBreakdown(well, request('eigen1'));
    expectNear(Math.abs(r.direction[1]), 1, 1e-12, 'eigenvector 1 is the y axis');
    for (const k of [0, 1]) expectNear(slopeOf(r, k), k + 1, SLOPE_TOL, `eigen1 order ${k}`);
    expect(r.roundoff[2].every(Boolean)).toBe(true);
    expect(r.slopes[2]).toBeNull();
  });
});

describe('analyzeBreakdown breakdown steps and round-off', () => {
  it('shrinks every breakdown step as the tolerance shrinks (sin at 0, orders 1 to 5)', () => {
    const tolerances = [0.1, 0.01, 1e-3, 1e-4];
    const steps = tolerances.map((tolerance) => study1D('sin(x)', 0, 5, Math.PI, { tolerance }).breakdown);
    for (let k = 1; k <= 5; k++) {
      const column = steps.map((row) => row[k]);
      for (const h of column) expect(h, `order ${k}`).not.toBeNull();
      for (let i = 1; i < column.length; i++) expect(column[i] as number, `order ${k}, tol ${tolerances[i]}`).toBeLessThan(column[i - 1] as number);
    }
  });

  it('never gives a breakdown step above the largest step R', () => {
    const r = study1D('x^4', 1, 3, 0.75, { tolerance: 0.5 });
    for (const h of r.breakdown) if (h !== null) expect(h).toBeLessThanOrEqual(0.75 * (1 + 1e-12));
  });

  it('flags round-off at small h for order 2 in float32 but not in float64 (x^3 at 1)', () => {
    const f32 = study1D('x^3', 1, 2, 0.5, { precision: 'float32' });
    const f64 = study1D('x^3', 1, 2, 0.5, { precision: 'float64' });
    // Order 2 misses h^3: at h = 5e-4 that is 1.25e-10, far below float32's ~1e-7 |f| but far above float64's.
    expect(f32.roundoff[2][0]).toBe(true);
    expect(f32.roundoff[2].at(-1)).toBe(false);
    expect(f64.roundoff[2].some(Boolean)).toBe(false);
    // The points that remain still show slope 3 in float32.
    expectNear(slopeOf(f32, 2), 3, SLOPE_TOL, 'float32 order 2');
  });

  it('flags round-off at small h for order 2 of the double well along the gradient in float32', () => {
    const r = analyzeBreakdown(parse('(x^2-1)^2+y^2'), {
      x0: 0.5,
      y0: 0.5,
      direction: 'gradient',
      angleDeg: 0,
      maxOrder: 2,
      radius: 0.6,
      tolerance: 0.05,
      precision: 'float32',
    });
    const flags = r.roundoff[2];
    const firstClean = flags.indexOf(false);
    expect(firstClean).toBeGreaterThan(0);
    // Round-off sits at the small-h end only: once truncation dominates it stays dominant.
    expect(flags.slice(firstClean).some(Boolean)).toBe(false);
  });
});

describe('theory slopes', () => {
  it('are k + 1 for a generic function and skip vanishing terms for sin at 0', () => {
    const parse = (t: string) => {
      const r = parseExpression(t);
      if (!r.ok) throw new Error(r.error.message);
      return r.expr;
    };
    const req = { y0: 0, direction: 'angle' as const, angleDeg: 0, radius: 1, tolerance: 0.05, precision: 'float64' as const };
    // exp has no vanishing Taylor term: the theory is k + 1 for every order.
    expect(analyzeBreakdown(parse('exp(x)'), { ...req, x0: 0.3, maxOrder: 4 }).theorySlopes).toEqual([1, 2, 3, 4, 5]);
    // sin at 0 has only odd terms: orders 1 and 2 both miss x^3 first, 3 and 4 miss x^5.
    expect(analyzeBreakdown(parse('sin(x)'), { ...req, x0: 0, maxOrder: 5 }).theorySlopes).toEqual([1, 3, 3, 5, 5, 7]);
    // x^3 is reproduced exactly from order 3 on: no truncation term is left.
    expect(analyzeBreakdown(parse('x^3'), { ...req, x0: 1, maxOrder: 3 }).theorySlopes).toEqual([1, 2, 3, null]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/core/expr/parser';
import { evaluateExpr, taylorCoefficients } from '../../src/core/jet';
import { coefficientIndex } from '../../src/core/taylorLayout';
import { branchSeries, evaluateBranchTaylor, MAX_BRANCH_ORDER } from '../../src/core/implicit/branchSeries';
import { IMPLICIT_PRESETS, implicitExpr, parseImplicit } from '../../src/core/implicit/presets';
import { expectNear, expectRelNear } from './support/expectNear';

const PITCHFORK = implicitExpr('x^3 - lambda*x');

/** k-th derivative of √λ at λ0: (1/2)(1/2 - 1)...(1/2 - k + 1) λ0^(1/2 - k). */
function sqrtDerivative(lambda0: number, k: number): number {
  let product = 1;
  for (let m = 0; m < k; m++) product *= 0.5 - m;
  return product * lambda0 ** (0.5 - k);
}

/** Derivatives 1..order of a function of one variable at a point, from its own jet (an independent algorithm). */
function jetDerivatives(text: string, at: number, order: number): number[] {
  const parsed = parseExpression(text, ['x']);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const c = taylorCoefficients(parsed.expr, at, 0, order);
  let factorial = 1;
  return Array.from({ length: order }, (_, k) => {
    factorial *= k + 1;
    return c[coefficientIndex(k + 1, 0)] * factorial;
  });
}

describe('parsing F(x, λ)', () => {
  it('reads lambda and λ as the same variable y, so F(x, λ) evaluates as the formula in x and y', () => {
    const a = parseImplicit('x^3 - lambda*x');
    const b = parseImplicit('x^3 - λ*x');
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.expr).toEqual(a.expr);
    expect(evaluateExpr(a.expr, 2, 3)).toBe(8 - 6);
  });

  it('does not accept y in F(x, λ), and names the allowed spellings in the message', () => {
    const r = parseImplicit('x + y');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/unknown name 'y'.*lambda, λ/);
  });

  it('folds an extra constant and still refuses prototype names such as constructor', () => {
    const r = parseExpression('x + lambda', ['x', 'y'], { constants: { lambda: 0.25 } });
    expect(r.ok && evaluateExpr(r.expr, 1, 0)).toBe(1.25);
    expect(parseExpression('constructor', ['x'], { aliases: { lambda: 'y' } }).ok).toBe(false);
  });

  it('lexes λ as a letter: in a plain 2D formula it is an unknown name, not an unexpected character', () => {
    const r = parseExpression('x + λ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^unknown name 'λ'/);
  });

  it('parses every preset, and each preset point lies on F = 0 (1e-15)', () => {
    for (const p of IMPLICIT_PRESETS) {
      const F = implicitExpr(p.formula);
      expectNear(evaluateExpr(F, p.point.x, p.point.lambda), 0, 1e-15, p.key);
    }
  });
});

describe('implicit differentiation of the branch x(λ)', () => {
  it('gives x′ = 0.5 and x″ = -0.25 at (λ, x) = (1, 1) on the pitchfork, with F_x = 2 and F_λ = -1', () => {
    const s = branchSeries(PITCHFORK, { lambda: 1, x: 1 }, 2);
    expect(s.regular).toBe(true);
    expect([s.F, s.Fx, s.Flambda]).toEqual([0, 2, -1]);
    expectNear(s.derivatives[0], 0.5, 1e-15, "x'");
    expectNear(s.derivatives[1], -0.25, 1e-15, "x''");
  });

  it('matches every derivative of x = √λ up to order 6 on the pitchfork upper branch (1e-10 relative)', () => {
    for (const lambda0 of [0.3, 1, 2.5]) {
      const s = branchSeries(PITCHFORK, { lambda: lambda0, x: Math.sqrt(lambda0) }, MAX_BRANCH_ORDER);
      expect(s.derivatives).toHaveLength(6);
      s.derivatives.forEach((d, k) => expectRelNear(d, sqrtDerivative(lambda0, k + 1), 1e-10, `λ0=${lambda0} order ${k + 1}`));
    }
  });

  it('gives the transcritical branch x = λ slope 1 and all higher derivatives 0, and x = 0 all zeros (1e-10)', () => {
    const F = implicitExpr('lambda*x - x^2');
    const diagonal = branchSeries(F, { lambda: 0.5, x: 0.5 }, 6);
    diagonal.derivatives.forEach((d, k) => expectNear(d, k === 0 ? 1 : 0, 1e-10, `x = λ, order ${k + 1}`));
    const axis = branchSeries(F, { lambda: -0.7, x: 0 }, 6);
    axis.derivatives.forEach((d, k) => expectNear(d, 0, 1e-10, `x = 0, order ${k + 1}`));
  });

  it('matches the circle branch x = √(1 - λ²): closed forms of x′, x″ and the jet of sqrt(1 - λ²) to order 6 (1e-10)', () => {
    const F = implicitExpr('x^2 + lambda^2 - 1');
    for (const lambda0 of [0, 0.6, -0.9]) {
      const x0 = Math.sqrt(1 - lambda0 * lambda0);
      const s = branchSeries(F, { lambda: lambda0, x: x0 }, 6);
      expectNear(s.derivatives[0], -lambda0 / x0, 1e-10, "x'");
      expectNear(s.derivatives[1], -1 / x0 ** 3, 1e-10, "x''");
      const reference = jetDerivatives('sqrt(1 - x^2)', lambda0, 6);
      s.derivatives.forEach((d, k) => expectRelNear(d, reference[k], 1e-10, `λ0=${lambda0} order ${k + 1}`, 1));
    }
  });

  it('returns a_k = x^(k)/k! with a_0 = x0, and T_k(h) is their polynomial', () => {
    const s = branchSeries(PITCHFORK, { lambda: 1, x: 1 }, 4);
    expect(s.coefficients).toEqual([1, 0.5, -0.125, 0.0625, -0.0390625]);
    expectNear(evaluateBranchTaylor(s.coefficients, 2, 0.2), 1 + 0.1 - 0.125 * 0.04, 1e-15, 'T_2(0.2)');
    expectNear(evaluateBranchTaylor(s.coefficients, 4, 0.01), Math.sqrt(1.01), 1e-11, 'T_4(0.01) vs √1.01');
  });

  it('flags a point with F_x = 0 as not regular: at the pitchfork (0, 0) no branch x(λ) exists', () => {
    const s = branchSeries(PITCHFORK, { lambda: 0, x: 0 }, 2);
    expect(s.regular).toBe(false);
    expect(s.Fx).toBe(0);
  });

  it('refuses an order outside 0..20 with a RangeError', () => {
    expect(() => branchSeries(PITCHFORK, { lambda: 1, x: 1 }, 21)).toThrow(RangeError);
    expect(() => branchSeries(PITCHFORK, { lambda: 1, x: 1 }, 1.5)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateExpr, taylorCoefficients } from '../../src/core/jet';
import { IMPLICIT_PRESETS, implicitExpr } from '../../src/core/implicit/presets';
import { potentialAt, rootsAt } from '../../src/core/implicit/slicePanel';
import { sampleImplicitGrid, zeroSet } from '../../src/core/implicit/zeroSet';
import type { BranchPolyline } from '../../src/core/implicit/zeroSet';
import type { ImplicitWindow } from '../../src/core/implicit/types';
import { expectNear } from './support/expectNear';

const PITCHFORK = implicitExpr('x^3 - lambda*x');
const PITCHFORK_WINDOW: ImplicitWindow = { lambdaMin: -1, lambdaMax: 2, xMin: -1.5, xMax: 1.5 };

function vertices(lines: readonly BranchPolyline[]): Array<{ lambda: number; x: number; stable: boolean }> {
  return lines.flatMap((l) => l.lambda.map((lambda, k) => ({ lambda, x: l.x[k], stable: l.stable })));
}

describe('zero set F = 0 in the (λ, x) plane', () => {
  for (const preset of IMPLICIT_PRESETS) {
    it(`puts every vertex of the ${preset.key} zero set on the curve (|F| <= 1e-9) with the right stability flag`, () => {
      const F = implicitExpr(preset.formula);
      const lines = zeroSet(F, { values: sampleImplicitGrid(F, preset.window, 96), n: 96, window: preset.window });
      const points = vertices(lines);
      expect(points.length).toBeGreaterThan(100);
      for (const p of points) {
        expect(Math.abs(evaluateExpr(F, p.x, p.lambda))).toBeLessThanOrEqual(1e-9);
        const Fx = taylorCoefficients(F, p.x, p.lambda, 1)[1];
        // The vertex shared where F_x changes sign has F_x ≈ 0 and belongs to both pieces.
        if (Math.abs(Fx) > 1e-6) expect(p.stable, `(${p.lambda}, ${p.x}) F_x = ${Fx}`).toBe(Fx > 0);
      }
    });
  }

  it('covers all three pitchfork branches: near (1, ±1), (1, 0) and (-0.5, 0), stable exactly where F_x > 0', () => {
    const lines = zeroSet(PITCHFORK, { values: sampleImplicitGrid(PITCHFORK, PITCHFORK_WINDOW, 64), n: 64, window: PITCHFORK_WINDOW });
    const points = vertices(lines);
    const near = (lambda: number, x: number) => points.filter((p) => Math.hypot(p.lambda - lambda, p.x - x) < 0.05);
    for (const [lambda, x, stable] of [
      [1, 1, true],
      [1, -1, true],
      [1, 0, false],
      [-0.5, 0, true],
    ] as const) {
      const here = near(lambda, x);
      expect(here.length, `(${lambda}, ${x})`).toBeGreaterThan(0);
      expect(here.every((p) => p.stable === stable)).toBe(true);
    }
  });

  it('reads a float32 grid in either layout and finds the same circle x² + λ² = 1 (1e-9)', () => {
    const F = implicitExpr('x^2 + lambda^2 - 1');
    const w: ImplicitWindow = { lambdaMin: -1.5, lambdaMax: 1.5, xMin: -1.2, xMax: 1.2 };
    for (const layout of ['x-fastest', 'lambda-fastest'] as const) {
      const values = Float32Array.from(sampleImplicitGrid(F, w, 80, layout));
      const points = vertices(zeroSet(F, { values, n: 80, window: w, layout }));
      expect(points.length).toBeGreaterThan(100);
      for (const p of points) expectNear(p.lambda ** 2 + p.x ** 2, 1, 1e-9, layout);
      // The upper half (x > 0) is stable: F_x = 2x.
      expect(points.every((p) => Math.abs(p.x) < 1e-6 || p.stable === p.x > 0)).toBe(true);
    }
  });

  it('is empty where F has no zero in the window', () => {
    const F = implicitExpr('x^2 + lambda^2 + 1');
    expect(zeroSet(F, { values: sampleImplicitGrid(F, PITCHFORK_WINDOW, 32), n: 32, window: PITCHFORK_WINDOW })).toEqual([]);
  });
});

describe('the λ slice: roots of F(·, λ) and the potential', () => {
  it('splits one root into three as λ crosses 0 on the pitchfork: 0, then -√λ, 0, √λ (1e-14)', () => {
    expect(rootsAt(PITCHFORK, -0.01, -1.5, 1.5).map((r) => r.x)).toHaveLength(1);
    const three = rootsAt(PITCHFORK, 0.01, -1.5, 1.5);
    expect(three).toHaveLength(3);
    [-0.1, 0, 0.1].forEach((x, k) => expectNear(three[k].x, x, 1e-14, `root ${k}`));
    expect(three.map((r) => r.stable)).toEqual([true, false, true]);
  });

  it('finds the double root of the saddle-node at λ = 0, which has no sign change (1e-12)', () => {
    const roots = rootsAt(implicitExpr('lambda + x^2'), 0, -1.5, 1.5);
    expect(roots).toHaveLength(1);
    expectNear(roots[0].x, 0, 1e-12, 'double root');
    expect(rootsAt(implicitExpr('lambda + x^2'), 0.1, -1.5, 1.5)).toEqual([]);
  });

  it('integrates V with V′ = F: x⁴/4 - λx²/2 up to its value at the left end (1e-12)', () => {
    const xs = Array.from({ length: 31 }, (_, k) => -1.5 + k * 0.1);
    const V = potentialAt(PITCHFORK, 1, xs);
    const closed = (x: number) => x ** 4 / 4 - x ** 2 / 2;
    xs.forEach((x, k) => expectNear(V[k], closed(x) - closed(-1.5), 1e-12, `V(${x})`));
  });
});

import { describe, expect, it } from 'vitest';
import { IMPLICIT_PRESETS, implicitExpr, implicitPreset } from '../../src/core/implicit/presets';
import { findSingularPoints, SINGULAR_LABEL } from '../../src/core/implicit/singularPoints';
import type { SingularKind } from '../../src/core/implicit/singularPoints';
import { expectNear } from './support/expectNear';

/** Closed forms: (λ, x, kind) of every singular point in each preset's window. */
const EXPECTED: Record<string, Array<[number, number, SingularKind]>> = {
  pitchfork: [[0, 0, 'pitchfork/transcritical']],
  'saddle-node': [[0, 0, 'fold/turning point']],
  transcritical: [[0, 0, 'pitchfork/transcritical']],
  subcritical: [
    [-0.25, -Math.SQRT1_2, 'fold/turning point'],
    [-0.25, Math.SQRT1_2, 'fold/turning point'],
    [0, 0, 'pitchfork/transcritical'],
  ],
  circle: [
    [-1, 0, 'fold/turning point'],
    [1, 0, 'fold/turning point'],
  ],
};

describe('singular points where ∂F/∂x = 0', () => {
  for (const preset of IMPLICIT_PRESETS) {
    it(`finds exactly the closed-form points of the ${preset.key} preset, with their kind (1e-10)`, () => {
      const found = findSingularPoints(implicitExpr(preset.formula), preset.window);
      const expected = EXPECTED[preset.key];
      expect(found.map((p) => p.kind)).toEqual(expected.map((e) => e[2]));
      found.forEach((p, k) => {
        expectNear(p.lambda, expected[k][0], 1e-10, `${preset.key} λ`);
        expectNear(p.x, expected[k][1], 1e-10, `${preset.key} x`);
        expect(p.label).toBe(SINGULAR_LABEL);
      });
    });
  }

  it('reports F_λ and F_xx: the saddle-node at (0, 0) has F_λ = 1 and F_xx = 2', () => {
    const preset = implicitPreset('saddle-node');
    if (!preset) throw new Error('missing preset');
    const [p] = findSingularPoints(implicitExpr(preset.formula), preset.window);
    expectNear(p.Flambda, 1, 1e-12, 'F_λ');
    expectNear(p.Fxx, 2, 1e-10, 'F_xx');
  });

  it('finds nothing in a window that excludes the pitchfork point', () => {
    expect(findSingularPoints(implicitExpr('x^3 - lambda*x'), { lambdaMin: 0.5, lambdaMax: 2, xMin: -1.5, xMax: 1.5 })).toEqual([]);
  });

  it('says "∂F/∂x = 0: x(λ) is not a function here"', () => {
    expect(SINGULAR_LABEL).toBe('∂F/∂x = 0: x(λ) is not a function here');
  });
});

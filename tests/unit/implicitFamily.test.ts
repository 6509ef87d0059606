import { describe, expect, it } from 'vitest';
import { evaluateExpr } from '../../src/core/jet';
import { DEFAULT_FAMILY, familyCriticalPoints, parseFamily, trackCriticalPoints } from '../../src/core/implicit/family';
import type { Family } from '../../src/core/implicit/family';
import { findFolds, refineFold } from '../../src/core/implicit/familyFold';
import type { Domain } from '../../src/core/types';
import { expectNear } from './support/expectNear';

const DOMAIN: Domain = { xmin: -2, xmax: 2, ymin: -1.5, ymax: 1.5 };
const FOLD_LAMBDA = 8 / (3 * Math.sqrt(3));

function tiltedWell(): Family {
  const r = parseFamily(DEFAULT_FAMILY);
  if (!r.ok) throw new Error(r.error.message);
  return r.family;
}

describe('a family f(x, y; λ)', () => {
  it('is f with λ folded to a number: at λ = 0.5, (x² - 1)² + y² + 0.5x', () => {
    const f = tiltedWell().at(0.5);
    expect(evaluateExpr(f, 2, 1)).toBe(9 + 1 + 1);
  });

  it('reports a parse error once, at parse time', () => {
    const r = parseFamily('x + mu');
    expect(r.ok).toBe(false);
  });

  it('has two minima and a saddle at λ = 0 and one minimum past the fold (λ = 2)', () => {
    expect(familyCriticalPoints(tiltedWell(), 0, DOMAIN).map((p) => p.cls)).toEqual(['minimum', 'minimum', 'saddle']);
    expect(familyCriticalPoints(tiltedWell(), 2, DOMAIN).map((p) => p.cls)).toEqual(['minimum']);
  });
});

describe('critical points tracked as λ moves, and the fold where they vanish', () => {
  const lambdas = Array.from({ length: 41 }, (_, k) => -2 + k * 0.1);
  const tracks = trackCriticalPoints(tiltedWell(), lambdas, DOMAIN);

  it('follows three points: the saddle lives only for |λ| < 8/(3√3), each minimum on one side of it', () => {
    const saddle = tracks.filter((t) => t.cls[0] === 'saddle');
    expect(saddle).toHaveLength(1);
    expect(Math.max(...saddle[0].lambda.map(Math.abs))).toBeLessThan(FOLD_LAMBDA);
    expect(Math.max(...saddle[0].lambda.map(Math.abs))).toBeGreaterThan(FOLD_LAMBDA - 0.1);
    expect(tracks.filter((t) => t.cls[0] === 'minimum')).toHaveLength(2);
    // Every tracked point is a critical point of its own f(·, ·; λ): x solves 4x(x² - 1) + λ = 0, y = 0.
    for (const t of tracks) t.lambda.forEach((l, k) => expectNear(4 * t.x[k] * (t.x[k] ** 2 - 1) + l, 0, 1e-9, `λ = ${l}`));
  });

  it('finds the folds at λ = ±8/(3√3), x = ±1/√3, y = 0 (1e-6)', () => {
    const folds = findFolds(tiltedWell(), tracks, DOMAIN);
    expect(folds).toHaveLength(2);
    [-1, 1].forEach((sign, k) => {
      expectNear(folds[k].lambda, sign * FOLD_LAMBDA, 1e-6, 'λ');
      expectNear(folds[k].x, sign / Math.sqrt(3), 1e-6, 'x');
      expectNear(folds[k].y, 0, 1e-6, 'y');
    });
  });

  it('refines a rough guess onto the fold: from (0.5, 0.1, 1.4) to λ = 8/(3√3) (1e-10)', () => {
    const fold = refineFold(tiltedWell(), 0.5, 0.1, 1.4);
    expectNear(fold?.lambda ?? NaN, FOLD_LAMBDA, 1e-10, 'λ');
    expectNear(fold?.x ?? NaN, 1 / Math.sqrt(3), 1e-8, 'x');
  });
});

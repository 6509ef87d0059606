import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/core/expr/parser';
import { evaluateExpr, taylorCoefficients } from '../../src/core/jet';
import { evaluateTaylor } from '../../src/core/taylorPolynomial';
import { relativeErrorScale } from '../../src/core/errorVsStep';
import { trustRegionMirror } from '../../src/scene/trustRegionCpu';
import { analyticGrid } from './sceneFixtures';

const DOMAIN = { xmin: -2, xmax: 2, ymin: -2, ymax: 2 };
const N = 49;

/** Direct evaluation: |f - T_k| / scale <= tol at 200 points of the segment from p (exact f). */
function directInside(formula: string, p: { x: number; y: number }, order: number, tol: number): Uint8Array {
  const parsed = parseExpression(formula);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const expr = parsed.expr;
  const coeffs = taylorCoefficients(expr, p.x, p.y, order);
  const scale = relativeErrorScale(coeffs[0]);
  const inside = new Uint8Array(N * N);
  for (let j = 0; j < N; j++) {
    for (let i = 0; i < N; i++) {
      const x = DOMAIN.xmin + (4 * i) / (N - 1);
      const y = DOMAIN.ymin + (4 * j) / (N - 1);
      let ok = true;
      for (let k = 1; k <= 200 && ok; k++) {
        const dx = ((x - p.x) * k) / 200;
        const dy = ((y - p.y) * k) / 200;
        ok = Math.abs(evaluateExpr(expr, p.x + dx, p.y + dy) - evaluateTaylor(coeffs, order, dx, dy)) / scale <= tol;
      }
      inside[j * N + i] = ok ? 1 : 0;
    }
  }
  return inside;
}

function mirrorInside(formula: string, f: (x: number, y: number) => number, p: { x: number; y: number }, order: number, tol: number): Uint8Array {
  const parsed = parseExpression(formula);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const coeffs = taylorCoefficients(parsed.expr, p.x, p.y, order);
  return trustRegionMirror(analyticGrid(N, DOMAIN, f), coeffs, order, p, relativeErrorScale(coeffs[0]), tol);
}

/** Cells that disagree and are not within one cell of a boundary of the direct mask. */
function interiorDisagreements(a: Uint8Array, b: Uint8Array): number {
  let count = 0;
  for (let j = 1; j < N - 1; j++) {
    for (let i = 1; i < N - 1; i++) {
      const k = j * N + i;
      if (a[k] === b[k]) continue;
      const neighbours = [k - 1, k + 1, k - N, k + N].map((m) => b[m]);
      if (neighbours.every((v) => v === b[k])) count++;
    }
  }
  return count;
}

describe('the trust-region outline on the surface', () => {
  const cases = [
    { name: 'double well, order 1 at (0.5, 0.5)', formula: '(x^2-1)^2 + y^2', f: (x: number, y: number) => (x * x - 1) ** 2 + y * y, order: 1 },
    { name: 'double well, order 2 at (0.5, 0.5)', formula: '(x^2-1)^2 + y^2', f: (x: number, y: number) => (x * x - 1) ** 2 + y * y, order: 2 },
    { name: 'sin(x)cos(y), order 3 at (0.5, 0.5)', formula: 'sin(x)*cos(y)', f: (x: number, y: number) => Math.sin(x) * Math.cos(y), order: 3 },
  ];
  for (const c of cases) {
    it(`matches a direct evaluation of |f - T_k| on a ${N}x${N} grid: ${c.name}`, () => {
      const p = { x: 0.5, y: 0.5 };
      const direct = directInside(c.formula, p, c.order, 0.05);
      const mirror = mirrorInside(c.formula, c.f, p, c.order, 0.05);
      const insideCount = direct.reduce((s, v) => s + v, 0);
      // A non-trivial region: neither empty nor the whole grid.
      expect(insideCount).toBeGreaterThan(10);
      expect(insideCount).toBeLessThan(N * N - 10);
      // The shader samples 16 points on the segment and reads f bilinearly: it may differ from the
      // direct 200-point test only on cells next to the boundary.
      expect(interiorDisagreements(mirror, direct)).toBe(0);
      const differing = mirror.reduce((s, v, k) => s + (v !== direct[k] ? 1 : 0), 0);
      expect(differing / insideCount).toBeLessThan(0.15);
    });
  }

  it('shrinks as the tolerance shrinks', () => {
    const f = (x: number, y: number) => (x * x - 1) ** 2 + y * y;
    const areas = [0.2, 0.05, 0.01].map((tol) => mirrorInside('(x^2-1)^2 + y^2', f, { x: 0.5, y: 0.5 }, 2, tol).reduce((s, v) => s + v, 0));
    expect(areas[0]).toBeGreaterThan(areas[1]);
    expect(areas[1]).toBeGreaterThan(areas[2]);
  });
});

import { describe, expect, it } from 'vitest';
import { branchPieces, continuationPicture, foldCurvePicture, parseViewFormula, resolveDynamics, snapToContinued, switchAtBranchPoint } from '../../src/views/implicit/continuationData';
import { criticalBranchPolylines } from '../../src/views/implicit/FamilyPanel';
import { implicitPresetPatch, sliceData } from '../../src/views/implicit/implicitData';
import { continueCriticalBranch, parseFamilyTrivariate } from '../../src/core/continuation/familyBranches';
import { DEFAULT_FAMILY } from '../../src/core/implicit/family';
import { bifurcationDiagram } from '../../src/core/continuation/bifurcationDiagram';
import { implicitExpr } from '../../src/core/implicit/presets';
import { sampleImplicitGrid, zeroSet } from '../../src/core/implicit/zeroSet';
import type { ImplicitWindow, LambdaX } from '../../src/core/implicit/types';
import { evaluateExpr } from '../../src/core/jet';

const WINDOW: ImplicitWindow = { lambdaMin: -1, lambdaMax: 2, xMin: -1.5, xMax: 1.5 };
const CIRCLE_WINDOW: ImplicitWindow = { lambdaMin: -1.5, lambdaMax: 1.5, xMin: -1.5, xMax: 1.5 };

function formula(text: string, mu = 0) {
  const r = parseViewFormula(text, mu);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function picture(text: string, point: LambdaX, w: ImplicitWindow, dynamics: 'gradient' | 'flow' = 'gradient', mu = 0) {
  const F = formula(text, mu).expr;
  const seeds = zeroSet(F, { values: sampleImplicitGrid(F, w, 101), n: 101, window: w });
  return continuationPicture(F, point, seeds, w, dynamics);
}

describe('the implicit view draws branches traced by continuation', () => {
  it('parses F with μ bound to the state’s value, and says whether F uses μ', () => {
    const f = formula('x^3 - lambda*x + mu', 0.25);
    expect(f.usesMu).toBe(true);
    expect(evaluateExpr(f.expr, 1, 2)).toBe(1 - 2 + 0.25);
    expect(formula('x^3 - lambda*x').usesMu).toBe(false);
    expect(parseViewFormula('x + nu', 0).ok).toBe(false);
  });

  it("resolves 'auto' to the preset's own dynamics: Strogatz's saddle-node and transcritical are dx/dt = F, a typed F dx/dt = −F", () => {
    expect(resolveDynamics('auto', 'saddle-node')).toBe('flow');
    expect(resolveDynamics('auto', 'transcritical')).toBe('flow');
    expect(resolveDynamics('auto', 'subcritical')).toBe('flow');
    expect(resolveDynamics('auto', 'pitchfork')).toBe('gradient');
    expect(resolveDynamics('auto', 'custom')).toBe('gradient');
    expect(resolveDynamics('flow', 'pitchfork')).toBe('flow');
    expect(implicitPresetPatch('imperfect')).toMatchObject({ implicitFormula: 'x^3 - lambda*x + mu', implicitMu: 0.1, implicitDynamics: 'auto' });
  });

  it('cuts the pitchfork into three stable pieces (x = ±√λ and x = 0 for λ < 0) and one unstable, meeting at the BP', () => {
    const p = picture('x^3 - lambda*x', { lambda: 1, x: 1 }, WINDOW);
    expect(p.special.map((s) => s.type)).toEqual(['BP']);
    expect(p.pieces.filter((b) => b.stable)).toHaveLength(3);
    expect(p.pieces.filter((b) => !b.stable)).toHaveLength(1);
    for (const piece of p.pieces) {
      const ends = [0, piece.lambda.length - 1].map((k) => Math.hypot(piece.lambda[k], piece.x[k]));
      expect(Math.min(...ends)).toBeLessThan(1e-10); // every piece ends on the BP
    }
  });

  it('cuts the circle at its folds: the upper half stable, the lower unstable for dx/dt = −F', () => {
    const p = picture('x^2 + lambda^2 - 1', { lambda: 0.6, x: 0.8 }, CIRCLE_WINDOW);
    expect(p.special.map((s) => s.type)).toEqual(['LP', 'LP']);
    for (const piece of p.pieces) {
      const mid = piece.x[Math.floor(piece.x.length / 2)];
      expect(piece.stable).toBe(mid > 0);
    }
  });

  it('traces a component the start point does not reach from the contour’s pieces: (x² + λ² − 1/4)(x − 1.2) has two', () => {
    const p = picture('(x^2 + lambda^2 - 0.25)*(x - 1.2)', { lambda: 0, x: 1.2 }, WINDOW);
    expect(p.branches.length).toBeGreaterThanOrEqual(2);
    expect(p.branches.some((b) => b.closed)).toBe(true);
  });

  it('snaps a drag near the circle’s fold onto the circle (along ∇F, where Newton in x at a fixed λ fails)', () => {
    const F = implicitExpr('x^2 + lambda^2 - 1');
    const p = picture('x^2 + lambda^2 - 1', { lambda: 0.6, x: 0.8 }, CIRCLE_WINDOW);
    const q = snapToContinued(F, p.pieces, { lambda: 1.03, x: 0.02 }, CIRCLE_WINDOW);
    expect(Math.abs(evaluateExpr(F, q?.x ?? NaN, q?.lambda ?? NaN))).toBeLessThanOrEqual(1e-12);
    expect(Math.hypot((q?.lambda ?? 0) - 1, q?.x ?? 1)).toBeLessThan(0.1);
  });

  it('puts a point onto a typed F’s curve: sin(x) − λ from (1, 1), where F_x = cos x is small', () => {
    const F = implicitExpr('sin(x) - lambda');
    const p = picture('sin(x) - lambda', { lambda: 1, x: 1 }, WINDOW);
    const q = snapToContinued(F, p.pieces, { lambda: 1, x: 1 }, WINDOW);
    expect(Math.abs(evaluateExpr(F, q?.x ?? NaN, q?.lambda ?? NaN))).toBeLessThanOrEqual(1e-12);
  });

  it('switches branches at the pitchfork’s BP: successive clicks visit all four pieces out of it', () => {
    const p = picture('x^3 - lambda*x', { lambda: 1, x: 1 }, WINDOW);
    let at: LambdaX = { lambda: 1, x: 1 };
    const visited = new Set<string>();
    for (let k = 0; k < 4; k++) {
      const next = switchAtBranchPoint(p.pieces, { lambda: 0, x: 0 }, at, WINDOW);
      if (!next) throw new Error('no switch');
      expect(Math.abs(evaluateExpr(implicitExpr('x^3 - lambda*x'), next.x, next.lambda))).toBeLessThanOrEqual(1e-12);
      visited.add(next.x === 0 ? (next.lambda < 0 ? 'axis-' : 'axis+') : next.x > 0 ? 'upper' : 'lower');
      at = next;
    }
    expect(visited).toEqual(new Set(['axis-', 'axis+', 'upper', 'lower']));
  });

  it('draws the fold curve of x³ − λx + μ in (λ, μ) with its cusp at the origin', () => {
    const f = formula('x^3 - lambda*x + mu', 0.1);
    const p = picture('x^3 - lambda*x + mu', { lambda: 1, x: 0.95 }, WINDOW, 'gradient', 0.1);
    const { curves, cusps } = foldCurvePicture(f.unfolding, p.special, 0.1, WINDOW, [-1, 1]);
    expect(curves).toHaveLength(1);
    curves[0].lambda.forEach((l, k) => expect(Math.abs(4 * l ** 3 - 27 * curves[0].x[k] ** 2)).toBeLessThanOrEqual(1e-8));
    expect(cusps).toHaveLength(1);
    expect(Math.hypot(cusps[0].lambda, cusps[0].x)).toBeLessThan(1e-10);
  });

  it('marks the slice’s roots stable by the dynamics: for dx/dt = F the saddle-node’s lower root', () => {
    const F = implicitExpr('lambda + x^2');
    const w = { lambdaMin: -2, lambdaMax: 1, xMin: -1.5, xMax: 1.5 };
    const flow = sliceData(F, -1, w, 'F', 240, 'flow');
    expect(flow.dots.map((d) => [Math.round(d.x), d.stable])).toEqual([[-1, true], [1, false]]);
    expect(sliceData(F, -1, w, 'F').dots.map((d) => d.stable)).toEqual([false, true]);
  });

  it('keeps branchPieces of a single regular branch whole', () => {
    const d = bifurcationDiagram(implicitExpr('x - lambda'), { lambda: 0, x: 0 }, { window: WINDOW, dynamics: 'gradient' });
    expect(d && branchPieces(d.branches[0])).toHaveLength(1);
  });
});

describe('the family panel continues the critical points in λ', () => {
  it('draws the tilted well’s one branch as two minimum pieces and a saddle piece meeting at the folds λ = ±8/(3√3)', () => {
    const t = parseFamilyTrivariate(DEFAULT_FAMILY);
    if (!t.ok) throw new Error(t.error.message);
    const branch = continueCriticalBranch(t.value, [1, 0, 0], { xmin: -2, xmax: 2, ymin: -1.5, ymax: 1.5 }, [-2, 2]);
    if (!branch) throw new Error('no branch');
    const lines = criticalBranchPolylines([branch]);
    expect(lines.map((l) => l.stable).sort()).toEqual([false, true, true]);
    const saddle = lines.find((l) => !l.stable);
    const ends = saddle ? [saddle.lambda[0], saddle.lambda[saddle.lambda.length - 1]].map(Math.abs) : [];
    for (const end of ends) expect(Math.abs(end - 8 / (3 * Math.sqrt(3)))).toBeLessThan(0.05);
  });
});

import { describe, expect, it } from 'vitest';
import { bifurcationDiagram } from '../../src/core/continuation/bifurcationDiagram';
import type { BifurcationDiagram, ContinuedBranch, DiagramOptions } from '../../src/core/continuation/bifurcationDiagram';
import type { Dynamics } from '../../src/core/continuation/dynamics';
import { continueCriticalBranch, foldSystem, parseFamilyTrivariate } from '../../src/core/continuation/familyBranches';
import { continueFoldCurve, parseUnfolding, unfoldingAt } from '../../src/core/continuation/foldCurve';
import { branchingDirections, locateBranchPoint, locateFold } from '../../src/core/continuation/implicitCurve';
import { AXIS_X, AXIS_Y, AXIS_Z, parseTrivariate, planeJet } from '../../src/core/continuation/trivariate';
import type { Trivariate } from '../../src/core/continuation/trivariate';
import { evaluateExpr } from '../../src/core/jet';
import { DEFAULT_FAMILY, parseFamily } from '../../src/core/implicit/family';
import { refineFold } from '../../src/core/implicit/familyFold';
import { implicitExpr, implicitPreset, parseImplicit } from '../../src/core/implicit/presets';
import type { ImplicitWindow } from '../../src/core/implicit/types';
import { coefficientIndex } from '../../src/core/taylorLayout';
import { expectNear } from './support/expectNear';

function diagram(formula: string, window: ImplicitWindow, start: { lambda: number; x: number }, dynamics: Dynamics, extra: Partial<DiagramOptions> = {}): BifurcationDiagram {
  const d = bifurcationDiagram(implicitExpr(formula), start, { window, dynamics, ...extra });
  if (!d) throw new Error(`no diagram for ${formula}`);
  return d;
}

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Every vertex of every branch has |F| <= 1e-10. */
function expectOnCurve(d: BifurcationDiagram, formula: string): void {
  const F = implicitExpr(formula);
  for (const b of d.branches) for (const p of b.points) expect(Math.abs(evaluateExpr(F, p.x, p.lambda)), `${formula} at (${p.lambda}, ${p.x})`).toBeLessThanOrEqual(1e-10);
}

/** The vertices of a branch other than its special points. */
const regular = (b: ContinuedBranch) => b.points.filter((p) => !p.special);

describe('pseudo-arclength continuation of F(x, λ) = 0', () => {
  it('finds the saddle-node λ + x² fold LP at (0, 0); for dx/dt = F the lower branch is stable, the upper unstable', () => {
    const preset = implicitPreset('saddle-node');
    if (!preset) throw new Error('no preset');
    expect(preset.dynamics).toBe('flow');
    const d = diagram(preset.formula, preset.window, preset.point, preset.dynamics);
    expect(d.specialPoints.map((p) => p.type)).toEqual(['LP']);
    expectNear(d.specialPoints[0].lambda, 0, 1e-10, 'λ');
    expectNear(d.specialPoints[0].x, 0, 1e-10, 'x');
    expect(d.branches).toHaveLength(1);
    for (const p of regular(d.branches[0])) expect(p.stable, `x = ${p.x}`).toBe(p.x < 0);
    expectOnCurve(d, preset.formula);
  });

  it('traces the pitchfork x³ − λx through its BP at (0, 0) and switches branches: x = 0 stable for λ < 0 only, x = ±√λ stable (dx/dt = −F)', () => {
    const w = { lambdaMin: -1, lambdaMax: 2, xMin: -1.5, xMax: 1.5 };
    const d = diagram('x^3 - lambda*x', w, { lambda: 1, x: 1 }, 'gradient');
    expect(d.specialPoints.map((p) => p.type)).toEqual(['BP']);
    expectNear(d.specialPoints[0].lambda, 0, 1e-10, 'BP λ');
    expectNear(d.specialPoints[0].x, 0, 1e-10, 'BP x');
    expect(d.branches).toHaveLength(2);
    const [parabola, axis] = d.branches;
    for (const p of parabola.points) expectNear(p.lambda, p.x * p.x, 1e-12, 'λ = x²');
    expect(regular(parabola).every((p) => p.stable)).toBe(true);
    expect(Math.min(...parabola.points.map((p) => p.x))).toBeLessThan(-1.4); // both x = +√λ and x = −√λ
    expect(Math.max(...parabola.points.map((p) => p.x))).toBeGreaterThan(1.4);
    for (const p of axis.points) expect(p.x).toBe(0);
    expect([axis.points[0].lambda, axis.points[axis.points.length - 1].lambda].sort((a, b) => a - b)).toEqual([-1, 2]);
    for (const p of regular(axis)) expect(p.stable, `λ = ${p.lambda}`).toBe(p.lambda < 0);
    const flow = diagram('x^3 - lambda*x', w, { lambda: 1, x: 1 }, 'flow');
    expect(regular(flow.branches[0]).every((p) => !p.stable)).toBe(true);
    for (const p of regular(flow.branches[1])) expect(p.stable).toBe(p.lambda > 0);
    expectOnCurve(d, 'x^3 - lambda*x');
  });

  it('switches from the trivial branch too: started on x = 0 at λ = −0.5 it finds the BP and the parabola', () => {
    const d = diagram('x^3 - lambda*x', { lambdaMin: -1, lambdaMax: 2, xMin: -1.5, xMax: 1.5 }, { lambda: -0.5, x: 0 }, 'gradient');
    expect(d.branches).toHaveLength(2);
    for (const p of d.branches[1].points) expectNear(p.lambda, p.x * p.x, 1e-12, 'λ = x²');
  });

  it('continues the transcritical x = λ through its BP from λ = −1 to 1 in one run; for dx/dt = F stability is exchanged there', () => {
    const preset = implicitPreset('transcritical');
    if (!preset) throw new Error('no preset');
    const d = diagram(preset.formula, preset.window, preset.point, preset.dynamics, { switchBranches: false });
    expect(d.branches).toHaveLength(1);
    const branch = d.branches[0];
    for (const p of branch.points) expectNear(p.x, p.lambda, 1e-12, 'x = λ');
    expect([branch.points[0].lambda, branch.points[branch.points.length - 1].lambda]).toEqual([-1, 1]);
    expect(d.specialPoints).toEqual([{ type: 'BP', lambda: expect.closeTo(0, 10), x: expect.closeTo(0, 10), branch: 0 }]);
    for (const p of regular(branch)) expect(p.stable, `λ = ${p.lambda}`).toBe(p.lambda > 0);
    const full = diagram(preset.formula, preset.window, preset.point, preset.dynamics);
    expect(full.branches).toHaveLength(2);
    for (const p of full.branches[1].points) expect(p.x).toBe(0);
    for (const p of regular(full.branches[1])) expect(p.stable).toBe(p.lambda < 0);
  });

  it('locates the subcritical pitchfork λx + x³ − x⁵ folds at λ = −1/4, x = ±1/√2 to 1e-10', () => {
    const d = diagram('lambda*x + x^3 - x^5', { lambdaMin: -0.5, lambdaMax: 0.5, xMin: -1.3, xMax: 1.3 }, { lambda: 0, x: 1 }, 'flow');
    const folds = d.specialPoints.filter((p) => p.type === 'LP').sort((a, b) => a.x - b.x);
    expect(folds).toHaveLength(2);
    folds.forEach((p, k) => {
      expectNear(p.lambda, -0.25, 1e-10, 'LP λ');
      expectNear(p.x, (k === 0 ? -1 : 1) * Math.SQRT1_2, 1e-10, 'LP x');
    });
    expect(d.specialPoints.filter((p) => p.type === 'BP')).toHaveLength(1);
    expectOnCurve(d, 'lambda*x + x^3 - x^5');
  });

  it('goes once around the circle x² + λ² = 1 (a closed curve) with its two folds at λ = ±1', () => {
    const d = diagram('x^2 + lambda^2 - 1', { lambdaMin: -1.5, lambdaMax: 1.5, xMin: -1.5, xMax: 1.5 }, { lambda: 0.6, x: 0.8 }, 'gradient');
    expect(d.branches).toHaveLength(1);
    expect(d.branches[0].closed).toBe(true);
    const folds = d.specialPoints.map((p) => [p.type, p.lambda, p.x] as const).sort((a, b) => a[1] - b[1]);
    expect(folds.map((f) => f[0])).toEqual(['LP', 'LP']);
    expectNear(folds[0][1], -1, 1e-10, 'λ');
    expectNear(folds[1][1], 1, 1e-10, 'λ');
    folds.forEach((f) => expectNear(f[2], 0, 1e-10, 'x'));
    for (const p of d.branches[0].points) expectNear(Math.hypot(p.x, p.lambda), 1, 1e-12, 'radius');
  });

  it('ends every open branch exactly on the window edge', () => {
    const d = diagram('x^3 - lambda*x', { lambdaMin: -1, lambdaMax: 2, xMin: -1.5, xMax: 1.5 }, { lambda: 1, x: 1 }, 'gradient');
    for (const b of d.branches) {
      for (const p of [b.points[0], b.points[b.points.length - 1]]) expect(p.lambda === -1 || p.lambda === 2 || Math.abs(p.x) === 1.5).toBe(true);
    }
  });

  it('reads arclength increasing along each branch, 0 at the start', () => {
    const d = diagram('x^2 + lambda^2 - 1', { lambdaMin: -1.5, lambdaMax: 1.5, xMin: -1.5, xMax: 1.5 }, { lambda: 0.6, x: 0.8 }, 'gradient');
    const s = d.branches[0].points.map((p) => p.arclength);
    expect(s[0]).toBe(0);
    for (let k = 1; k < s.length; k++) expect(s[k]).toBeGreaterThan(s[k - 1]);
    expectNear(s[s.length - 1], 2 * Math.PI, 1e-2, 'circumference (a sum of chords)');
  });
});

describe('special points and branching directions', () => {
  it('locates a fold and a branch point by Newton on the extended systems', () => {
    const fold = locateFold(implicitExpr('x^2 + lambda^2 - 1'), { lambda: 0.99, x: 0.1 }, 1);
    expect(fold && [fold.lambda, fold.x]).toEqual([1, expect.closeTo(0, 12)]);
    const bp = locateBranchPoint(implicitExpr('(x - 0.3)*(x - 0.3 - 2*(lambda - 0.7))'), { lambda: 0.75, x: 0.28 }, 1);
    expectNear(bp?.lambda ?? NaN, 0.7, 1e-12, 'λ');
    expectNear(bp?.x ?? NaN, 0.3, 1e-12, 'x');
  });

  it('gives the two tangents [dx, dλ] from the branching equation: pitchfork (1, 0) and (0, 1), transcritical along x = 0 and x = λ', () => {
    const pitchfork = branchingDirections(implicitExpr('x^3 - lambda*x'), { lambda: 0, x: 0 });
    expect(pitchfork).toEqual([
      [1, 0],
      [0, 1],
    ]);
    const trans = branchingDirections(implicitExpr('lambda*x - x^2'), { lambda: 0, x: 0 });
    const slopes = trans.map((d) => d[0] / d[1] + 0).sort();
    expect(slopes).toEqual([0, 1]);
    expect(branchingDirections(implicitExpr('x^2 + lambda^2'), { lambda: 0, x: 0 })).toEqual([]);
  });
});

describe('two parameters and families, exact derivatives in three symbols', () => {
  it('reads μ (mu, μ or µ) as the unfolding parameter, while parseImplicit still rejects it', () => {
    for (const text of ['x^3 - lambda*x + mu', 'x^3 - λ*x + μ', 'x^3 - λ*x + µ']) expect(ok(parseUnfolding(text)).third.size).toBe(1);
    expect(parseImplicit('x + mu').ok).toBe(false);
    expect(parseImplicit('x + μ').ok).toBe(false);
  });

  it('differentiates in any coordinate plane exactly: f = sin(xyλ) + x²λ³ has f_xλ = y cos(xyλ) − xy²λ sin(xyλ) + 6xλ²', () => {
    const t: Trivariate = ok(parseTrivariate('sin(x*y*lambda) + x^2*lambda^3', ['x', 'y'], ['lambda']));
    const [x, y, l] = [0.7, -0.4, 1.3];
    const xl = planeJet(t, [x, y, l], AXIS_X, AXIS_Z, 3);
    const w = x * y * l;
    expectNear(xl[coefficientIndex(1, 1)], Math.cos(w) * y - w * y * l * Math.sin(w) / l + 6 * x * l * l, 1e-12, 'f_xλ');
    const yl = planeJet(t, [x, y, l], AXIS_Y, AXIS_Z, 1);
    expectNear(yl[coefficientIndex(0, 1)], x * y * Math.cos(w) + 3 * x * x * l * l, 1e-12, 'f_λ');
    const xy = planeJet(t, [x, y, l], AXIS_X, AXIS_Y, 0);
    expectNear(xy[0], Math.sin(w) + x * x * l ** 3, 1e-15, 'f');
  });

  it('has the exact λ column in the family fold system: f = xyλ² + x²λ + y³ gives ∂(det H)/∂λ = 12y − 4λ³ (f_xyλ by polarization)', () => {
    const t = ok(parseFamilyTrivariate('x*y*lambda^2 + x^2*lambda + y^3'));
    const [x, y, l] = [0.3, -0.8, 1.7];
    const s = foldSystem(t, [x, y, l]);
    expectNear(s.jacobian[2][2], 12 * y - 4 * l ** 3, 1e-12, '∂(det H)/∂λ');
    expectNear(s.g[2], 12 * l * y - l ** 4, 1e-12, 'det H');
    expectNear(s.jacobian[0][2], y * 2 * l + 2 * x, 1e-12, 'f_xλ');
  });

  it('continues the fold curve of x³ − λx + μ in (λ, μ) along the cusp 4λ³ = 27μ² to 1e-8, with its cusp point at 0', () => {
    const t = ok(parseUnfolding('x^3 - lambda*x + mu'));
    const curve = continueFoldCurve(t, [0.5, 0.75, 0.25], { xMin: -2, xMax: 2, lambdaMin: -1, lambdaMax: 3, muMin: -1, muMax: 1 });
    if (!curve) throw new Error('no fold curve');
    expect(curve.points.length).toBeGreaterThan(20);
    for (const p of curve.points) expect(Math.abs(4 * p.lambda ** 3 - 27 * p.mu ** 2), `(λ, μ) = (${p.lambda}, ${p.mu})`).toBeLessThanOrEqual(1e-8);
    expect(Math.min(...curve.points.map((p) => p.mu))).toBe(-1);
    expect(Math.max(...curve.points.map((p) => p.mu))).toBe(1);
    expect(curve.cusps).toHaveLength(1);
    [curve.cusps[0].x, curve.cusps[0].lambda, curve.cusps[0].mu].forEach((v) => expectNear(v, 0, 1e-10, 'cusp'));
  });

  it('breaks the pitchfork at μ = 0.1 into a smooth branch and a fold branch with one LP on the cusp', () => {
    const t = ok(parseUnfolding('x^3 - lambda*x + mu'));
    const F = unfoldingAt(t, 0.1);
    const d = bifurcationDiagram(F, { lambda: 1, x: 1 }, { window: { lambdaMin: -1, lambdaMax: 2, xMin: -1.5, xMax: 1.5 }, dynamics: 'gradient' });
    expect(d?.specialPoints.map((p) => p.type)).toEqual(['LP']);
    const lp = d?.specialPoints[0] ?? { lambda: NaN, x: NaN };
    expectNear(4 * lp.lambda ** 3, 27 * 0.01, 1e-10, '4λ³ = 27μ²');
  });

  it('continues the tilted well’s critical points through both folds, at λ = ±8/(3√3), x = ±1/√3', () => {
    const t = ok(parseFamilyTrivariate(DEFAULT_FAMILY));
    const branch = continueCriticalBranch(t, [1, 0, 0], { xmin: -2, xmax: 2, ymin: -1.5, ymax: 1.5 }, [-3, 3]);
    const folds = (branch?.folds ?? []).slice().sort((a, b) => a.lambda - b.lambda);
    expect(folds).toHaveLength(2);
    folds.forEach((f, k) => {
      const sign = k === 0 ? -1 : 1;
      expectNear(f.lambda, (sign * 8) / (3 * Math.sqrt(3)), 1e-10, 'fold λ');
      expectNear(f.x, sign / Math.sqrt(3), 1e-10, 'fold x');
      expectNear(f.y, 0, 1e-12, 'fold y');
    });
    const classes = new Set(branch?.points.map((p) => p.cls));
    expect(classes).toEqual(new Set(['minimum', 'saddle']));
    for (const p of branch?.points ?? []) expect(p.residual).toBeLessThanOrEqual(1e-10);
  });

  it('refines a fold of the family with the exact λ column (familyFold.refineFold, no finite difference) to 1e-12', () => {
    const r = parseFamily(DEFAULT_FAMILY);
    if (!r.ok) throw new Error(r.error.message);
    const fold = refineFold(r.family, 0.5, 0.1, 1.4);
    expectNear(fold?.lambda ?? NaN, 8 / (3 * Math.sqrt(3)), 1e-12, 'λ');
    expect(fold?.residual ?? 1).toBeLessThanOrEqual(1e-12);
  });
});

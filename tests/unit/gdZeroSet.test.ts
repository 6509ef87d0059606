/**
 * The GD map's fixed points and 2-cycles as the zero set of H(x, η) = f′(x) + f′(x − η f′(x)) in the
 * implicit view (issue 18, item 3): the generated formula against H computed directly, the singular
 * points against the closed-form flips (2/f″(x*), x*), the traced period-2 branch against
 * core/gdmap/periodTwo.ts, and the map's stability on both kinds of branch.
 */
import { describe, expect, it } from 'vitest';
import { bifurcationDiagram, type BranchVertex } from '../../src/core/continuation/bifurcationDiagram';
import { isStable, parseDynamics } from '../../src/core/continuation/dynamics';
import { parseExpression } from '../../src/core/expr/parser';
import { cycleMultiplier, solvePeriodTwo } from '../../src/core/gdmap/periodTwo';
import { jetOfExpr } from '../../src/core/gdmap/univariateJet';
import { gdPeriodTwoFormula, gdPeriodTwoFormulaOfF, gdPointInfo, gdZeroSetView, slopeText } from '../../src/core/implicit/gdZeroSet';
import { GD_QUARTIC_SLOPE, implicitExpr, implicitPreset, parseImplicit } from '../../src/core/implicit/presets';
import { findSingularPoints } from '../../src/core/implicit/singularPoints';
import { derivativeExpr } from '../../src/core/implicit/symbolicDerivative';
import { evaluateExpr, taylorCoefficients } from '../../src/core/jet';
import { SCENES } from '../../src/lectures/scenes';
import { validateScenes } from '../../src/lectures/validateScene';
import { branchPieces, continuationPicture, resolveDynamics } from '../../src/views/implicit/continuationData';
import { sliceData } from '../../src/views/implicit/implicitData';
import { sampleImplicitGrid, zeroSet } from '../../src/core/implicit/zeroSet';
import { expectNear, expectRelNear, seededRandom } from './support/expectNear';
import { quarticCriticalPoints } from './support/quarticClosedForms';

const fPrime = (x: number): number => 4 * x ** 3 - 6 * x + 1;
const fSecond = (x: number): number => 12 * x * x - 6;

const [LEFT, MAX, RIGHT] = quarticCriticalPoints();
const FLIPS = [LEFT, RIGHT].map((x) => ({ x, eta: 2 / fSecond(x) }));

function preset() {
  const p = implicitPreset('gd-period2');
  if (!p) throw new Error('missing preset gd-period2');
  return p;
}

describe('closed form of the quartic x⁴ − 3x² + x', () => {
  it('the cubic formula gives roots of f′ (|f′| <= 1e-14) with minima at the ends and a maximum between', () => {
    for (const x of [LEFT, MAX, RIGHT]) expectNear(fPrime(x), 0, 1e-14, `f′(${x})`);
    expect([fSecond(LEFT) > 0, fSecond(MAX) < 0, fSecond(RIGHT) > 0]).toEqual([true, true, true]);
    // Independent digits (the gd-map-flip scene): flips at 0.13980 and 0.21397.
    expectNear(FLIPS[0].eta, 0.1398, 5e-6, 'left flip');
    expectNear(FLIPS[1].eta, 0.21397, 5e-6, 'right flip');
  });
});

describe('the generated formula F(x, λ) = f′(x) + f′(x − λ f′(x))', () => {
  it("writes the quartic's slope symbolically as 4*x^3 - 6*x + 1", () => {
    expect(slopeText('x^4 - 3*x^2 + x')).toEqual({ ok: true, formula: GD_QUARTIC_SLOPE });
    expect(gdPeriodTwoFormulaOfF('x^4 - 3*x^2 + x')).toEqual({ ok: true, formula: preset().formula });
  });

  it('evaluates equal to H computed directly at 200 random points (1e-12 relative), for the quartic and three other slopes', () => {
    const cases: [string, (x: number) => number][] = [
      [GD_QUARTIC_SLOPE, fPrime],
      ['sin(3*x) + 0.5*x', (x) => Math.sin(3 * x) + 0.5 * x],
      ['x*exp(-x^2) - 0.2', (x) => x * Math.exp(-x * x) - 0.2],
      ['tanh(x)/(1 + x^2)', (x) => Math.tanh(x) / (1 + x * x)],
    ];
    const random = seededRandom(18);
    for (const [text, slope] of cases) {
      const r = gdPeriodTwoFormula(text);
      if (!r.ok) throw new Error(r.error);
      const F = implicitExpr(r.formula);
      for (let k = 0; k < 50; k++) {
        const x = -2 + 4 * random();
        const eta = 0.4 * random();
        const H = slope(x) + slope(x - eta * slope(x));
        const scale = Math.abs(slope(x)) + Math.abs(slope(x - eta * slope(x)));
        expectNear(evaluateExpr(F, x, eta), H, 1e-12 * Math.max(scale, 1), `${text} at (${x}, ${eta})`);
      }
    }
  });

  it('g(g(x)) − x = −η F(x, η) and (g∘g)′ = 1 − η F_x at random points, not only on the zero set (1e-12 relative)', () => {
    const F = implicitExpr(preset().formula);
    const random = seededRandom(7);
    for (let k = 0; k < 100; k++) {
      const x = -2 + 4 * random();
      const eta = 0.3 * random();
      const g = (u: number) => u - eta * fPrime(u);
      const dg = (u: number) => 1 - eta * fSecond(u);
      const c = taylorCoefficients(F, x, eta, 1);
      expectRelNear(g(g(x)) - x, -eta * c[0], 1e-12, 'g∘g − x', Math.abs(x) + 1);
      const info = gdPointInfo(F, eta, x);
      expectRelNear(info.multiplier, dg(x) * dg(g(x)), 1e-12, '(g∘g)′', 1);
    }
  });

  it('differentiates every allowed function as the jets do (1e-12 relative at 40 random points)', () => {
    const texts = ['sin(x)*cos(2*x) - tan(x/3)', 'exp(x)*log(x + 3) + sqrt(x + 3)', 'atan(x)^2 + sinh(x) - cosh(x/2)', 'tanh(x)*sigmoid(2*x) + softplus(-x)', 'x^x + 2^x - 1/x', '-(x - 1)^3/(x^2 + 1) + abs(x - 5)'];
    const random = seededRandom(3);
    for (const text of texts) {
      const parsed = parseExpression(text, ['x']);
      if (!parsed.ok) throw new Error(text);
      const d = derivativeExpr(parsed.expr);
      for (let k = 0; k < 40; k++) {
        const x = 0.2 + 1.6 * random();
        const exact = taylorCoefficients(parsed.expr, x, 0, 1)[1];
        expectRelNear(evaluateExpr(d, x, 0), exact, 1e-12, `d/dx ${text} at ${x}`, 1);
      }
    }
  });

  it('the printed formula reads back as the same tree (λ spelled lambda)', () => {
    const r = gdPeriodTwoFormula('sin(x) - x^2/2');
    if (!r.ok) throw new Error(r.error);
    expect(r.formula).toContain('lambda');
    expect(parseImplicit(r.formula).ok).toBe(true);
  });

  it('a malformed, empty or foreign-variable f′ gives a clear message with a caret, not an exception', () => {
    const bad = gdPeriodTwoFormula('4*x^3 - ');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toMatch(/^f′\(x\) does not parse: /);
      expect(bad.error.split('\n')).toHaveLength(3);
      expect(bad.error.split('\n')[2]).toMatch(/^ *\^$/);
    }
    expect(gdPeriodTwoFormula('   ')).toEqual({ ok: false, error: expect.stringMatching(/^f′\(x\) is empty/) });
    const y = gdPeriodTwoFormula('x + y');
    expect(y.ok).toBe(false);
    if (!y.ok) expect(y.error).toContain("'y'");
    const f = gdZeroSetView('x^^2', { xMin: -1, xMax: 1 });
    expect(f.ok).toBe(false);
    if (!f.ok) expect(f.error).toMatch(/^f\(x\) does not parse/);
    const long = gdPeriodTwoFormulaOfF(Array.from({ length: 20 }, (_, k) => `sin(${k + 1}*x)`).join(' + '));
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error).toMatch(/more than the implicit view keeps \(500\)/);
  });
});

describe('the implicit machinery on the gd-period2 preset', () => {
  const p = preset();
  const F = implicitExpr(p.formula);

  it('uses the GD map dynamics, and its start point lies on F = 0 (1e-13)', () => {
    expect(p.dynamics).toBe('gd-map');
    expect(resolveDynamics('auto', 'gd-period2')).toBe('gd-map');
    expect(parseDynamics('gd-map')).toBe('gd-map');
    expectNear(evaluateExpr(F, p.point.x, p.point.lambda), 0, 1e-13, 'F at the preset point');
  });

  it('finds exactly two singular points, the flips (2/f″(x*), x*) of both minima, to 1e-12, with |F|, |F_x|, |F_λ| <= 1e-12', () => {
    const found = findSingularPoints(F, p.window);
    expect(found).toHaveLength(2);
    found.forEach((s, k) => {
      expectNear(s.lambda, FLIPS[k].eta, 1e-12, `flip η ${k}`);
      expectNear(s.x, FLIPS[k].x, 1e-12, `flip x* ${k}`);
      for (const r of [s.F, s.Fx, s.Flambda]) expectNear(r, 0, 1e-12, 'residual');
      expect(s.kind).toBe('pitchfork/transcritical');
    });
  });

  const diagramOf = (start: { lambda: number; x: number }) => {
    const d = bifurcationDiagram(F, start, { window: p.window, dynamics: 'gd-map' });
    if (!d) throw new Error('no diagram');
    return d;
  };

  for (const k of [0, 1]) {
    it(`${k === 0 ? 'left' : 'right'} minimum: the line x = x* is stable exactly for 0 < η < 2/f″(x*) (|1 − ηf″| < 1), the BP sits on the flip (1e-9)`, () => {
      const { x, eta } = FLIPS[k];
      const d = diagramOf({ lambda: eta / 2, x });
      const bp = d.specialPoints.filter((s) => s.type === 'BP');
      expect(bp).toHaveLength(1);
      expectNear(bp[0].lambda, eta, 1e-9, 'BP η');
      expectNear(bp[0].x, x, 1e-9, 'BP x');
      const line = d.branches[0].points;
      expect(line.every((v) => Math.abs(v.x - x) <= 1e-9)).toBe(true);
      const regular = line.filter((v) => !v.special && v.lambda > 1e-9);
      expect(regular.filter((v) => v.lambda < eta).length).toBeGreaterThanOrEqual(3);
      expect(regular.filter((v) => v.lambda > eta).length).toBeGreaterThanOrEqual(3);
      for (const v of regular) {
        expect(v.stable, `η = ${v.lambda}`).toBe(Math.abs(1 - v.lambda * fSecond(x)) < 1);
        expect(v.stable).toBe(v.lambda < eta);
      }
      // The drawn pieces: stable up to the BP, unstable after it.
      const pieces = branchPieces(d.branches[0]);
      const atFlip = (pc: (typeof pieces)[number]) => [pc.lambda[0], pc.lambda[pc.lambda.length - 1]];
      const below = pieces.find((pc) => Math.max(...atFlip(pc)) <= eta + 1e-12);
      const above = pieces.find((pc) => Math.min(...atFlip(pc)) >= eta - 1e-12);
      expect([below?.stable, above?.stable]).toEqual([true, false]);
    });

    it(`${k === 0 ? 'left' : 'right'} minimum: every traced vertex of the period-2 branch just past the flip is a point of periodTwo.ts's orbit at its η (1e-9), stable, with its multiplier (1e-9)`, () => {
      const { x, eta } = FLIPS[k];
      const d = diagramOf({ lambda: eta / 2, x });
      const jet = jetOfExpr(implicitExpr('x^4 - 3*x^2 + x'));
      const near = (v: BranchVertex) => !v.special && v.lambda > eta && v.lambda <= eta * 1.1 && Math.abs(v.x - x) > 1e-6;
      const vertices = d.branches.slice(1).flatMap((b) => b.points.filter(near));
      expect(vertices.length).toBeGreaterThanOrEqual(4);
      expect(vertices.some((v) => v.x > x) && vertices.some((v) => v.x < x)).toBe(true);
      for (const v of vertices) {
        expectNear(evaluateExpr(F, v.x, v.lambda), 0, 1e-10, 'residual');
        const amplitude = Math.abs(v.x - x);
        const orbit = solvePeriodTwo(jet, v.lambda, [x - amplitude, x + amplitude]);
        if (!orbit) throw new Error(`no 2-cycle at η = ${v.lambda}`);
        expect(Math.min(...orbit.points.map((q) => Math.abs(q - v.x)))).toBeLessThanOrEqual(1e-9);
        const info = gdPointInfo(F, v.lambda, v.x);
        expect(info.kind).toBe('period 2');
        expect(Math.min(...orbit.points.map((q) => Math.abs(q - info.partner)))).toBeLessThanOrEqual(1e-9);
        expectNear(info.multiplier, cycleMultiplier(jet, orbit.points[0], orbit.points[1], v.lambda), 1e-9, 'multiplier');
        expect(v.stable).toBe(true);
      }
    });
  }

  it('on every traced period-2 vertex in the window, stable iff |g′(p) g′(q)| < 1 from periodTwo.ts (past period 4 too, where ∂F/∂x > 0 yet the orbit is unstable)', () => {
    const jet = jetOfExpr(implicitExpr('x^4 - 3*x^2 + x'));
    const seeds = zeroSet(F, { values: sampleImplicitGrid(F, p.window, 101), n: 101, window: p.window });
    const picture = continuationPicture(F, p.point, seeds, p.window, 'gd-map');
    let [checked, unstableWithPositiveFx] = [0, 0];
    for (const b of picture.branches) {
      for (const v of b.points) {
        if (v.special || v.lambda <= 0 || Math.abs(fPrime(v.x)) <= 1e-6) continue;
        const partner = v.x - v.lambda * fPrime(v.x);
        const m = cycleMultiplier(jet, v.x, partner, v.lambda);
        if (Math.abs(Math.abs(m) - 1) <= 1e-6) continue;
        expect(v.stable, `(${v.lambda}, ${v.x}) multiplier ${m}`).toBe(Math.abs(m) < 1);
        checked++;
        if (!v.stable && v.Fx > 0) unstableWithPositiveFx++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    // Past the period-4 onsets (η = 0.17296, 0.26414) the multiplier is below −1 while F_x > 0: no flow rule gives this.
    expect(unstableWithPositiveFx).toBeGreaterThan(3);
  });

  it('the view picture: both BPs, every fixed-point piece at a root of f′, unstable on the maximum x ≈ 0.16994 (1e-9)', () => {
    const seeds = zeroSet(F, { values: sampleImplicitGrid(F, p.window, 101), n: 101, window: p.window });
    const picture = continuationPicture(F, p.point, seeds, p.window, 'gd-map');
    const bps = picture.special.filter((s) => s.type === 'BP').sort((a, b) => a.lambda - b.lambda);
    expect(bps).toHaveLength(2);
    bps.forEach((b, k) => expectNear(b.lambda, FLIPS[k].eta, 1e-9, 'BP'));
    const fixed = picture.pieces.filter((pc) => pc.x.every((x) => Math.abs(fPrime(x)) <= 1e-9));
    expect(new Set(fixed.map((pc) => [LEFT, MAX, RIGHT].findIndex((r) => Math.abs(pc.x[0] - r) <= 1e-9)))).toEqual(new Set([0, 1, 2]));
    expect(fixed.filter((pc) => Math.abs(pc.x[0] - MAX) <= 1e-9).every((pc) => !pc.stable)).toBe(true);
  });

  it('the λ slice at η = 0.16 marks the left 2-cycle stable and the left fixed point unstable, as periodTwo.ts says', () => {
    const slice = sliceData(F, 0.16, p.window, 'F', 240, 'gd-map');
    const jet = jetOfExpr(implicitExpr('x^4 - 3*x^2 + x'));
    const orbit = solvePeriodTwo(jet, 0.16, [-1.5, -1.1]);
    if (!orbit) throw new Error('no 2-cycle');
    expect(Math.abs(orbit.multiplier)).toBeLessThan(1);
    for (const q of orbit.points) {
      const root = slice.roots.find((r) => Math.abs(r.x - q) <= 1e-9);
      expect(root?.stable, `2-cycle point ${q}`).toBe(true);
    }
    const line = slice.roots.find((r) => Math.abs(r.x - LEFT) <= 1e-9);
    expect(line?.stable).toBe(false);
    expect(isStable(line?.Fx ?? Number.NaN, 'gd-map', 0.16)).toBe(false);
  });
});

describe('the way from the GD-map view', () => {
  it("the quartic on the GD view's x window [−2.5, 2.5] gives the preset's formula, η from 0 to 0.3 (both flips inside), the point on x* at half its flip", () => {
    const v = gdZeroSetView('x^4 - 3*x^2 + x', { xMin: -2.5, xMax: 2.5 });
    if (!v.ok) throw new Error(v.error);
    expect(v.value.formula).toBe(preset().formula);
    expect(v.value.window).toEqual({ lambdaMin: 0, lambdaMax: 0.3, xMin: -2.5, xMax: 2.5 });
    expect(FLIPS.every((f) => f.eta < v.value.window.lambdaMax)).toBe(true);
    expectNear(v.value.point.x, LEFT, 1e-12, 'point x');
    expectNear(v.value.point.lambda, FLIPS[0].eta / 2, 1e-12, 'point η');
  });
});

describe("lecture scene 'implicit-gd-flip'", () => {
  const scene = SCENES.find((s) => s.id === 'implicit-gd-flip');

  it('validates, uses the preset formula, and starts on the 2-cycle at η = 0.16 (|F| <= 1e-12)', () => {
    if (!scene) throw new Error('missing scene');
    expect(validateScenes([scene]).scenes).toHaveLength(1);
    expect(scene.state.implicitFormula).toBe(preset().formula);
    const F = implicitExpr(preset().formula);
    expectNear(evaluateExpr(F, Number(scene.state.xi0), Number(scene.state.lam0)), 0, 1e-12, 'F at the scene point');
    expect(gdPointInfo(F, Number(scene.state.lam0), Number(scene.state.xi0)).kind).toBe('period 2');
  });

  it('names both flip points and both minima with the closed-form numbers (5 decimals)', () => {
    if (!scene) throw new Error('missing scene');
    for (const f of FLIPS) {
      expect(scene.caption).toContain(f.eta.toFixed(5));
      expect(scene.caption).toContain(f.x.toFixed(5).replace('-', '−'));
    }
  });
});

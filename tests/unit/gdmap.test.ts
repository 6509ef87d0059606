import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/core/expr/ast';
import { parseExpression } from '../../src/core/expr/parser';
import { fitLogLogSlope } from '../../src/core/slopeFit';
import { gdMapDiagram } from '../../src/core/gdmap/diagram';
import { analyzeFlips, gdMapOfFormula, runAtEta } from '../../src/core/gdmap/flipAnalysis';
import { findLocalMinima } from '../../src/core/gdmap/minima';
import { classifyOrbit, cyclePoints, sampleOrbit } from '../../src/core/gdmap/orbitSampling';
import { periodFourOnset } from '../../src/core/gdmap/periodDoubling';
import { flipNormalForm, periodTwoNearFlip, predictedAmplitude, solvePeriodTwo } from '../../src/core/gdmap/periodTwo';
import { quadraticDiagram, quadraticGdMap } from '../../src/core/gdmap/quadraticMap';
import { alignSigns, lossChangePredictions, runGdWithTaylor, signFlipFraction, type GdProblem } from '../../src/core/gdmap/taylorPrediction';
import { compileSlope, jetOfExpr } from '../../src/core/gdmap/univariateJet';
import { etaAtPixel, labelRows } from '../../src/plots/GdMapDiagram';
import { expectNear, expectRelNear } from './support/expectNear';
import { quarticCriticalPoints } from './support/quarticClosedForms';

function parse(text: string): Expr {
  const r = parseExpression(text, ['x']);
  if (!r.ok) throw new Error(r.error.message);
  return r.expr;
}

const QUARTIC = 'x^4 - 3*x^2 + x';
const quartic = jetOfExpr(parse(QUARTIC));
const WINDOW = { xMin: -3, xMax: 3 };

describe('minima and flip points of the GD map', () => {
  it('finds the quartic’s two minima, and their flip points equal 2/f″(x*) from the closed form to 1e-9', () => {
    const [left, , right] = quarticCriticalPoints();
    const minima = findLocalMinima(quartic, WINDOW);
    expect(minima.length).toBe(2);
    [left, right].forEach((x, k) => {
      expectNear(minima[k].x, x, 1e-12, `x*${k}`);
      expectNear(minima[k].flipEta, 2 / (12 * x * x - 6), 1e-9, `flip ${k}`);
      expectNear(minima[k].f3, 24 * x, 1e-9, `f‴ ${k}`);
      expectNear(minima[k].f4, 24, 1e-9, `f⁗ ${k}`);
    });
    expectNear(minima[0].flipEta, 0.13979949898, 1e-10, 'left flip');
    expectNear(minima[1].flipEta, 0.21396671612, 1e-10, 'right flip');
  });

  it('gives a flat minimum (x⁴ at 0) an infinite flip point and skips maxima and inflections', () => {
    const minima = findLocalMinima(jetOfExpr(parse('x^4 - x^3')), { xMin: -2, xMax: 2 });
    expect(minima.map((m) => m.x)).toHaveLength(1);
    expectNear(minima[0].x, 0.75, 1e-12, 'x*');
    const flat = findLocalMinima(jetOfExpr(parse('x^4')), { xMin: -1, xMax: 1.3 });
    expect(flat.length).toBe(1);
    expect(flat[0].flipEta).toBe(Infinity);
  });

  it('compiles f′ that agrees with the order-1 jet on every kind of node', () => {
    const text = 'sin(x)*exp(-x^2/3) + sqrt(x+2) - abs(x-0.5) + x^x/4 + tanh(x)/(1+x^2) + softplus(x) - log(x+3)';
    const expr = parse(text);
    const slope = compileSlope(expr);
    const jet = jetOfExpr(expr);
    for (const x of [0.1, 0.5, 0.9, 1.7, 2.3]) expectRelNear(slope(x), jet(x, 1)[1], 1e-13, `f′(${x})`, 1);
  });
});

describe('the 2-cycle born at a flip', () => {
  it('has the normal-form amplitude to leading order: the relative error falls linearly with η − η_flip', () => {
    for (const m of findLocalMinima(quartic, WINDOW)) {
      const near = periodTwoNearFlip(quartic, m, 1e-3);
      const nearer = periodTwoNearFlip(quartic, m, 1e-4);
      expect(near && nearer).toBeTruthy();
      if (!near || !nearer) return;
      expect(near.relativeError).toBeLessThan(1e-2);
      const ratio = near.relativeError / nearer.relativeError;
      expect(ratio, `error ratio for a 10x smaller distance at x* = ${m.x}`).toBeGreaterThan(7);
      expect(ratio).toBeLessThan(14);
      // The orbit is a true 2-cycle: g(p) = q, and it straddles x*.
      const [p, q] = near.orbit.points;
      expectNear(p - near.orbit.eta * quartic(p, 1)[1], q, 1e-12, 'g(p) = q');
      expect(p < m.x && m.x < q).toBe(true);
      expect(Math.abs(near.orbit.multiplier)).toBeLessThan(1); // supercritical: the cycle is stable
    }
  });

  it('writes the amplitude law in f’s derivatives: A² ≈ f″³ (η − η_flip) / (f‴² − f″ f⁗ / 3)', () => {
    const [, , x] = quarticCriticalPoints();
    const [f2, f3, f4] = [12 * x * x - 6, 24 * x, 24];
    const m = findLocalMinima(quartic, WINDOW)[1];
    const eta = m.flipEta * 1.001;
    expectRelNear(predictedAmplitude(m, eta) ** 2, (f2 ** 3 * (eta - 2 / f2)) / (f3 * f3 - (f2 * f4) / 3), 1e-9, 'A²');
    expect(flipNormalForm(m).supercritical).toBe(true);
  });

  it('finds the unstable 2-cycle before a subcritical flip: x²/2 + x⁴/4 has p² = (2 − η)/η exactly', () => {
    const jet = jetOfExpr(parse('x^2/2 + x^4/4'));
    const [m] = findLocalMinima(jet, { xMin: -1, xMax: 1.5 });
    expect(flipNormalForm(m).supercritical).toBe(false);
    const near = periodTwoNearFlip(jet, m, 1e-3);
    expect(near).not.toBeNull();
    if (!near) return;
    expect(near.orbit.eta).toBeLessThan(2);
    expectNear(near.orbit.amplitude, Math.sqrt((2 - near.orbit.eta) / near.orbit.eta), 1e-12, 'amplitude');
    expect(near.orbit.multiplier).toBeGreaterThan(1);
    expect(near.relativeError).toBeLessThan(2e-3);
    expect(solvePeriodTwo(jet, 1.9, [0, 0])).toBeNull(); // Newton from the fixed point stays there: no cycle
  });
});

describe('the next doubling, period 2 → 4', () => {
  it('is at η = √6 for f = x³/3 − x²/2, where GD is the logistic map with r = 1 + η', () => {
    const jet = jetOfExpr(parse('x^3/3 - x^2/2'));
    const [m] = findLocalMinima(jet, { xMin: 0.5, xMax: 1.5 });
    expectNear(m.flipEta, 2, 1e-12, 'flip');
    const onset = periodFourOnset(jet, m);
    expect(onset).not.toBeNull();
    expectNear(onset?.eta ?? NaN, Math.sqrt(6), 1e-9, 'period-4 onset');
    expectNear(onset?.multiplier ?? NaN, -1, 1e-9, 'multiplier');
  });

  it('matches where the diagram’s orbit doubles for both minima of the quartic', () => {
    const slope = compileSlope(parse(QUARTIC));
    const minima = findLocalMinima(quartic, WINDOW);
    minima.forEach((m, k) => {
      const onset = periodFourOnset(quartic, m);
      expect(onset, `onset ${k}`).not.toBeNull();
      if (!onset) return;
      expectNear(onset.multiplier, -1, 1e-9, 'multiplier at the onset');
      // The diagram's default start beside this minimum, at 1% below and above the onset.
      const diagram = gdMapDiagram(slope, minima, WINDOW, { etaMin: onset.eta * 0.99, etaMax: onset.eta * 1.01, resolution: 3 });
      const below = diagram.columns[0].orbits[k];
      const above = diagram.columns[2].orbits[k];
      expect([below.kind, below.period]).toEqual(['periodic', 2]);
      expect([above.kind, above.period]).toEqual(['periodic', 4]);
      // Below the onset the diagram's two points are the continued 2-cycle.
      const cycle = solvePeriodTwo(quartic, onset.eta * 0.99, onset.points);
      cyclePoints(below).forEach((x, i) => expectNear(x, cycle?.points[i] ?? NaN, 1e-8, `cycle point ${i}`));
    });
    expectNear(periodFourOnset(quartic, minima[1])?.eta ?? NaN, 0.264141755343, 1e-9, 'right onset');
  });
});

describe('the bifurcation diagram', () => {
  it('classifies kept iterates: fixed, period 3, chaotic', () => {
    expect(classifyOrbit(new Float64Array([1, 1, 1, 1]), 1e-9, 2)).toEqual({ kind: 'fixed', period: 1 });
    expect(classifyOrbit(Float64Array.from({ length: 12 }, (_, k) => k % 3), 1e-9, 6)).toEqual({ kind: 'periodic', period: 3 });
    expect(classifyOrbit(Float64Array.from({ length: 12 }, (_, k) => k * k), 1e-9, 6)).toEqual({ kind: 'chaotic', period: 0 });
  });

  it('shows the quartic fixed before its first flip, doubling after it, chaos, then divergence at the end of the default range', () => {
    const { flips, diagram } = gdMapOfFormula(parse(QUARTIC), WINDOW, { resolution: 120 });
    expect(flips.length).toBe(2);
    expect(diagram.columns.length).toBe(120);
    expect(diagram.flips.map((f) => f.eta)).toEqual(flips.map((f) => f.minimum.flipEta));
    expect(diagram.flips[0].label).toBe('η = 2/f″(-1.301) = 0.1398');
    for (const col of diagram.columns.filter((c) => c.eta < diagram.flips[0].eta * 0.97)) expect(col.orbits.every((o) => o.kind === 'fixed')).toBe(true);
    const kinds = new Set(diagram.columns.flatMap((c) => c.orbits.map((o) => o.kind)));
    expect([...kinds].sort()).toEqual(['chaotic', 'diverged', 'fixed', 'periodic']);
    expect(diagram.columns[diagram.columns.length - 1].orbits.every((o) => o.kind === 'diverged')).toBe(true);
    const run = runAtEta(diagram, 0.2);
    expect(run.specs).toBe('gd:lr=0.2');
    expect(run.start).toBe(diagram.starts[0]);
  });

  it('flips the 2D quadratic ½(λ₁u² + λ₂v²) at 2/λ₁ and diverges past it', () => {
    const q = { lambda1: 4, lambda2: 1 };
    const d = quadraticDiagram(q, { resolution: 301 });
    expect(d.flips.map((f) => f.eta)).toEqual([0.5, 2]);
    expect(d.flips[0].label).toBe('η = 2/λ₁ = 0.5000');
    for (const c of d.columns) expect(c.orbits[0].kind).toBe(c.eta < 0.5 ? 'fixed' : c.eta === 0.5 ? 'periodic' : 'diverged');
    // Iterating the map agrees away from the flip, and at it u flips ±1 forever.
    const map = quadraticGdMap(q);
    expect(sampleOrbit(map, [1, 1], 0.45, 2).kind).toBe('fixed');
    expect(sampleOrbit(map, [1, 1], 0.55, 2).kind).toBe('diverged');
    const atFlip = sampleOrbit(map, [1, 1], 0.5, 2);
    expect([atFlip.kind, atFlip.period, Math.abs(atFlip.points[0])]).toEqual(['periodic', 2, 1]);
  });

  it('lists every minimum with its flip, near-flip orbit and period-4 onset', () => {
    const flips = analyzeFlips(quartic, WINDOW);
    expect(flips.map((f) => f.nearFlip !== null && f.periodFour !== null)).toEqual([true, true]);
    expect(gdMapDiagram(compileSlope(parse(QUARTIC)), [], WINDOW, { etaMin: 0.01, etaMax: 0.02, resolution: 3 }).starts).toEqual([0]);
  });
});

/** ½ θᵀ diag(λ) θ with its exact gradient, HVP and top eigenpair. */
function diagonalQuadratic(lambdas: readonly number[]): GdProblem {
  const top = lambdas.indexOf(Math.max(...lambdas));
  return {
    loss: (th) => 0.5 * lambdas.reduce((s, l, i) => s + l * th[i] * th[i], 0),
    gradient: (th) => th.map((c, i) => lambdas[i] * c),
    hessianVector: (_th, v) => v.map((c, i) => lambdas[i] * c),
    topEigenpair: () => ({ value: lambdas[top], vector: Float64Array.from(lambdas, (_, i) => (i === top ? 1 : 0)) }),
  };
}

/** L(x, y) = (x² − 1)² + x y² + y², not quadratic, with hand-derived gradient and Hessian. */
const bumpy: GdProblem = {
  loss: ([x, y]) => (x * x - 1) ** 2 + x * y * y + y * y,
  gradient: ([x, y]) => Float64Array.of(4 * x * (x * x - 1) + y * y, 2 * x * y + 2 * y),
  hessianVector: ([x, y], [a, b]) => Float64Array.of((12 * x * x - 4) * a + 2 * y * b, 2 * y * a + (2 * x + 2) * b),
};

/** The quartic of the lessons as a 1D problem, from its jets. */
const quarticProblem: GdProblem = {
  loss: ([x]) => quartic(x, 0)[0],
  gradient: ([x]) => Float64Array.of(quartic(x, 1)[1]),
  hessianVector: ([x], [v]) => Float64Array.of(2 * quartic(x, 2)[2] * v),
};

describe('Taylor explains a GD step', () => {
  const etas = [0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001];

  for (const [name, problem, theta] of [
    ['the quartic at x = 0.3', quarticProblem, [0.3]],
    ['(x² − 1)² + x y² + y² at (0.4, 0.7)', bumpy, [0.4, 0.7]],
  ] as const) {
    it(`on ${name}: the order-1 error scales like η², the order-2 error like η³`, () => {
      const err1: number[] = [];
      const err2: number[] = [];
      for (const eta of etas) {
        const t = runGdWithTaylor(problem, theta, eta, 1);
        err1.push(Math.abs(t.actual[0] - t.order1[0]));
        err2.push(Math.abs(t.actual[0] - t.order2[0]));
      }
      expectNear(fitLogLogSlope(etas, err1).slope, 2, 0.1, 'order-1 slope');
      expectNear(fitLogLogSlope(etas, err2).slope, 3, 0.1, 'order-2 slope');
      err2.forEach((e, k) => expect(e).toBeLessThan(err1[k]));
    });
  }

  it('is exact to order 2 on a quadratic, whatever η, and the top component flips sign every step past 2/λmax', () => {
    const problem = diagonalQuadratic([4, 1]);
    const t = runGdWithTaylor(problem, [0.3, -0.2], 0.55, 20);
    t.actual.forEach((a, k) => expectNear(t.order2[k], a, 1e-12 * (1 + Math.abs(a)), `step ${k}`));
    expect(t.lambdaMax[0]).toBe(4);
    expect(signFlipFraction(t.alongTop)).toBe(1);
    expect(Math.abs(t.alongTop[20])).toBeGreaterThan(Math.abs(t.alongTop[0])); // |1 − 0.55·4| = 1.2: it grows
    expect(t.losses[20]).toBeGreaterThan(t.losses[0]);
    const stable = runGdWithTaylor(problem, [0.3, -0.2], 0.2, 20); // 1 − 0.2·4 = 0.2 > 0: no flips
    expect(signFlipFraction(stable.alongTop)).toBe(0);
  });

  it('aligns eigenvector signs step to step and checks the array lengths', () => {
    const v = alignSigns([Float64Array.of(1, 0), Float64Array.of(-1, 0.1), Float64Array.of(1, 0)]);
    expect(v.map((x) => x[0])).toEqual([1, 1, 1]);
    expect(() => lossChangePredictions(0.1, [1, 2, 3], [1], [1])).toThrow(RangeError);
    const p = lossChangePredictions(0.1, [1, 0.5], [4], [8]);
    expectNear(p.order1[0], -0.4, 1e-15, 'order 1');
    expectNear(p.order2[0], -0.36, 1e-15, 'order 2');
    expectNear(p.actual[0], -0.5, 1e-15, 'actual');
  });
});

describe('GdMapDiagram’s pure layout', () => {
  it('maps a click to the η under it, and nothing outside the frame', () => {
    const frame = { left: 50, top: 10, width: 400, height: 300 };
    const box = { uMin: 0.1, uMax: 0.3, vMin: -2, vMax: 2 };
    expectNear(etaAtPixel(frame, box, 250) ?? NaN, 0.2, 1e-15, 'middle');
    expectNear(etaAtPixel(frame, box, 50) ?? NaN, 0.1, 1e-15, 'left edge');
    expect(etaAtPixel(frame, box, 49)).toBeNull();
    expect(etaAtPixel(frame, box, 451)).toBeNull();
  });

  it('stacks overlapping flip labels in rows and keeps apart ones in the top row', () => {
    expect(labelRows([100, 400], [120, 120])).toEqual([0, 0]);
    expect(labelRows([100, 150, 200, 420], [120, 120, 120, 120])).toEqual([0, 1, 2, 0]);
  });
});

import { describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/state/views';
import { implicitExpr } from '../../src/core/implicit/presets';
import { trustedRadius } from '../../src/core/implicit/branchContinuation';
import { branchSeries } from '../../src/core/implicit/branchSeries';
import { evaluateExpr } from '../../src/core/jet';
import type { BranchPolyline } from '../../src/core/implicit/zeroSet';
import {
  branchChartData,
  branchModel,
  branchTaylorCurves,
  formatReadout,
  implicitOrders,
  implicitPresetPatch,
  implicitWindow,
  nearestOnBranches,
  sliceData,
  snapToBranch,
} from '../../src/views/implicit/implicitData';
import { familyPolylines } from '../../src/views/implicit/FamilyPanel';
import { fromPixel, niceTicks, toPixelU, toPixelV } from '../../src/plots/planeAxes';
import { sliceBox } from '../../src/plots/SlicePlot';
import { SCENES } from '../../src/lectures/scenes';
import { resolveScene, validateScene } from '../../src/lectures/validateScene';
import { defaultState } from '../../src/state/schema';
import { toggleModePatch } from '../../src/ui/lectureActions';
import { expectNear } from './support/expectNear';

const PITCHFORK = implicitExpr('x^3 - lambda*x');
const WINDOW = { lambdaMin: -1, lambdaMax: 2, xMin: -1.5, xMax: 1.5 };

/** The upper branch x = √λ of the pitchfork as a coarse polyline, as the zero set would draw it. */
function upperBranch(): BranchPolyline {
  const lambda = Array.from({ length: 21 }, (_, k) => 0.1 * k);
  return { lambda, x: lambda.map(Math.sqrt), stable: true };
}

describe('the implicit view reads its state', () => {
  it('sorts a reversed window and keeps orders within 0..6, [1] when none is left', () => {
    expect(implicitWindow({ lamMin: 2, lamMax: -1, xiMin: -1.5, xiMax: 1.5 })).toEqual(WINDOW);
    expect(implicitOrders('2,1,9,2,x')).toEqual([1, 2]);
    expect(implicitOrders('')).toEqual([1]);
  });

  it("a preset sets formula, window, point, slice and its own dynamics ('auto') together; an unknown key only says 'custom'", () => {
    expect(implicitPresetPatch('circle')).toEqual({
      implicitPreset: 'circle', implicitFormula: 'x^2 + lambda^2 - 1', lamMin: -1.5, lamMax: 1.5, xiMin: -1.5, xiMax: 1.5, lam0: 0.6, xi0: 0.8, lamSlider: 0.6, implicitDynamics: 'auto',
    });
    expect(implicitPresetPatch('nope')).toEqual({ implicitPreset: 'custom' });
  });

  it('V cycles 2D → 1D → implicit → … through the registry and back to 2D', () => {
    const s = defaultState();
    expect([toggleModePatch({ ...s, mode: '2d' }), toggleModePatch({ ...s, mode: '1d' })]).toEqual([{ mode: '1d' }, { mode: 'implicit' }]);
    expect(toggleModePatch({ ...s, mode: VIEWS[VIEWS.length - 1].id })).toEqual({ mode: '2d' });
  });
});

describe('dragging snaps onto the nearest branch', () => {
  it('finds the nearest point of a polyline in window units: (0.5, 0.9) is nearest (0.5 + t, …) on x = √λ', () => {
    const p = nearestOnBranches([upperBranch()], { lambda: 0.5, x: 0.9 }, WINDOW);
    expect(p).not.toBeNull();
    // Below the point lies the curve; the nearest point is within one segment of λ = 0.5 and close to it.
    expect(Math.abs((p?.lambda ?? 0) - 0.5)).toBeLessThan(0.2);
    expect(nearestOnBranches([], { lambda: 0, x: 0 }, WINDOW)).toBeNull();
  });

  it('lands exactly on F = 0: a pointer at (0.5, 0.8) snaps to x = √λ at its λ (1e-12)', () => {
    const p = snapToBranch(PITCHFORK, [upperBranch(), { lambda: [-1, 2], x: [0, 0], stable: true }], { lambda: 0.5, x: 0.8 }, WINDOW);
    expect(p).not.toBeNull();
    expectNear(p?.x ?? 0, Math.sqrt(p?.lambda ?? 0), 1e-12, 'x = √λ');
    expect(Math.abs(evaluateExpr(PITCHFORK, p?.x ?? 0, p?.lambda ?? 0))).toBeLessThan(1e-15);
  });

  it('without drawn branches Newton starts from the pointer itself: (1, 0.9) → (1, 1)', () => {
    expect(snapToBranch(PITCHFORK, [], { lambda: 1, x: 0.9 }, WINDOW)).toEqual({ lambda: 1, x: 1 });
  });
});

describe('the branch model at the point', () => {
  it("at (1, 1): x' = 0.5, x'' = -0.25 and T₂ on the curves is 1 + h/2 - h²/8", () => {
    const model = branchModel(PITCHFORK, { lambda: 1, x: 1 }, [1, 2], 0.05, 1.5);
    expectNear(model.series.derivatives[0], 0.5, 1e-12, "x'");
    expectNear(model.series.derivatives[1], -0.25, 1e-12, "x''");
    const [t1, t2] = branchTaylorCurves(model.series, [1, 2], WINDOW, 31);
    expect(t1.order).toBe(1);
    t2.lambda.forEach((l, k) => expectNear(t2.x[k], 1 + (l - 1) / 2 - (l - 1) ** 2 / 8, 1e-12, `T₂(${l})`));
  });

  it('its trusted radius is trustedRadius of the highest order, and the chart shows the side that breaks first', () => {
    for (const at of [{ lambda: 1, x: 1 }, { lambda: 0.2, x: Math.sqrt(0.2) }]) {
      const model = branchModel(PITCHFORK, at, [1, 2], 0.05, 1.5);
      expect(model.trusted).toBe(trustedRadius(PITCHFORK, at, 2, 0.05, 1.5));
      const other = model.sides.find((s) => s !== model.shown);
      expect((model.shown?.breakdown[1] ?? 0) <= (other?.breakdown[1] ?? 0)).toBe(true);
    }
  });

  it('the trusted radius shrinks to 0 towards the bifurcation at (0, 0): below λ₀ along the upper branch', () => {
    const radii = [1, 0.1, 0.01, 0.001].map((l) => branchModel(PITCHFORK, { lambda: l, x: Math.sqrt(l) }, [2], 0.05, 1.5).trusted);
    for (let k = 1; k < radii.length; k++) expect(radii[k]).toBeLessThan(radii[k - 1]);
    // It can never reach past the bifurcation: h ≤ λ₀.
    expect(radii[3]).toBeLessThanOrEqual(0.001);
    expect(branchModel(PITCHFORK, { lambda: 0, x: 0 }, [1], 0.05, 1.5)).toMatchObject({ trusted: 0, shown: null });
  });

  it("the chart's tolerance line is tol in x's units: tol·|x₀|, or tol where x₀ = 0", () => {
    const model = branchModel(PITCHFORK, { lambda: 1, x: 1 }, [1], 0.05, 1.5);
    const b = model.shown;
    if (!b) throw new Error('no study');
    expect(branchChartData(b, 0.05, 2).tolerance).toBe(0.1);
    expect(branchChartData(b, 0.05, 0).tolerance).toBe(0.05);
  });
});

describe('the λ slice', () => {
  it('crossing λ = 0 splits one root into three: 1 root at λ = -0.5, 3 at λ = 0.5 (±√0.5, 0)', () => {
    expect(sliceData(PITCHFORK, -0.5, WINDOW, 'F').roots.map((r) => r.stable)).toEqual([true]);
    const three = sliceData(PITCHFORK, 0.5, WINDOW, 'F').roots;
    expect(three.map((r) => r.stable)).toEqual([true, false, true]);
    expectNear(three[2].x, Math.sqrt(0.5), 1e-12, 'x = √λ');
  });

  it('in V the stable roots are minima: V(x) = x⁴/4 - λx²/2 + C, V(±√λ) - V(0) = -λ²/4', () => {
    const d = sliceData(PITCHFORK, 0.5, WINDOW, 'V');
    const [left, middle, right] = d.dots;
    expectNear(left.y - middle.y, -0.0625, 1e-12, 'V(-√λ) - V(0)');
    expectNear(right.y - middle.y, -0.0625, 1e-12, 'V(√λ) - V(0)');
    expect(Math.min(...d.y)).toBeGreaterThanOrEqual(left.y - 1e-12);
  });

  it('its box holds the curve and the zero line', () => {
    expect(sliceBox({ x: [0, 1], y: [1, 2], quantity: 'F' })).toEqual({ uMin: 0, uMax: 1, vMin: -0.2, vMax: 2.2 });
  });
});

describe('plane axes and readouts', () => {
  it('ticks at 1, 2, 5 × 10ⁿ without rounding noise', () => {
    expect(niceTicks(-1, 2, 6)).toEqual([-1, -0.5, 0, 0.5, 1, 1.5, 2]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(1, 1)).toEqual([]);
  });

  it('maps data to pixels and back', () => {
    const frame = { left: 50, top: 10, width: 300, height: 200 };
    const box = { uMin: -1, uMax: 2, vMin: -1.5, vMax: 1.5 };
    expect(toPixelU(frame, box, 1)).toBe(250);
    expectNear(toPixelV(frame, box, 1), 10 + 200 / 6, 1e-12, 'v = 1 is a sixth down');
    const back = fromPixel(frame, box, toPixelU(frame, box, 0.3), toPixelV(frame, box, -0.7));
    expectNear(back.u, 0.3, 1e-12, 'u');
    expectNear(back.v, -0.7, 1e-12, 'v');
  });

  it('prints six digits and rounding noise as 0', () => {
    expect([formatReadout(0.5), formatReadout(-1e-17), formatReadout(1 / 3), formatReadout(Number.NaN), formatReadout(Infinity)]).toEqual(['0.5', '0', '0.333333', '—', '∞']);
  });
});

describe("the family panel's polylines", () => {
  it('joins a track that ends inside the λ range to its fold, and dashes saddles', () => {
    const track = { lambda: [0, 0.1, 1.5], x: [0, 0.1, 0.55], y: [0, 0, 0], f: [0, 0, 0], cls: ['saddle' as const, 'saddle' as const, 'saddle' as const], detH: [1, 1, 1] };
    const fold = { lambda: 1.5396, x: 0.577, y: 0, f: 0, residual: 0 };
    const [p] = familyPolylines([track], [fold], -2, 2);
    expect(p).toEqual({ lambda: [0, 0.1, 1.5, 1.5396], x: [0, 0.1, 0.55, 0.577], stable: false });
  });
});

describe("the implicit view's scenes", () => {
  const cases = [
    ['implicit-pitchfork', 'x′ = −F_λ/F_x = 0.5, x″ = −0.25'],
    ['implicit-saddle-node', 'x′ = −0.5, x″ = −0.25'],
    ['implicit-circle', 'x′ = −0.75, x″ = −1.953125'],
  ] as const;
  it.each(cases)('%s is valid, opens the view and its caption has the exact x′ and x″ (%s)', (id, text) => {
    const scene = SCENES.find((s) => s.id === id);
    if (!scene) throw new Error(`no scene ${id}`);
    expect(validateScene(scene)).toEqual([]);
    const s = { ...defaultState(), ...resolveScene(scene) };
    expect(s.mode).toBe('implicit');
    const series = branchSeries(implicitExpr(s.implicitFormula), { lambda: s.lam0, x: s.xi0 }, 2);
    expect(series.F).toBe(0);
    // The caption's digits are the exact values (to 10 significant digits here).
    const [d1, d2] = series.derivatives.map((d) => String(Number(d.toPrecision(10))).replace('-', '−'));
    expect(scene.caption).toContain(text);
    expect(text).toContain(`= ${d1}`);
    expect(text).toContain(`x″ = ${d2}`);
  });
});

/**
 * The point model (issue 20 item 2): one computation answers every consumer. Its study is exactly
 * what analyzeBreakdown computes on its own and matches the double well's closed-form remainder;
 * it costs one jet and the study's values (no second jet, no extra value); its summary is the
 * readouts' text of the point.
 */
import { describe, expect, it } from 'vitest';
import { analyzeBreakdown, type BreakdownRequest } from '../../src/core/breakdownAnalysis';
import { parseExpression } from '../../src/core/expr/parser';
import { formulaLandscape } from '../../src/core/landscape/formulaLandscape';
import type { Landscape } from '../../src/core/landscape/Landscape';
import { computePointModel, type BreakdownNeeds, type PointModel } from '../../src/core/landscape/pointModel';
import { Readouts } from '../../src/ui/Readouts';
import { pointSummary } from '../../src/ui/LiveRegion';

const DOUBLE_WELL = '(x^2 - 1)^2 + y^2';

function landscapeOf(formula: string): Landscape {
  const parsed = parseExpression(formula);
  if (!parsed.ok) throw new Error(`parse ${formula}`);
  return formulaLandscape(parsed.expr, formula);
}

/** Wraps a landscape so every evaluation is counted (a network slice pays one pass over its data for each). */
function counting(base: Landscape) {
  const count = { value: 0, coefficients: 0 };
  const landscape: Landscape = {
    kind: base.kind,
    key: base.key,
    label: base.label,
    value: (x, y) => (count.value++, base.value(x, y)),
    coefficients: (x, y, order) => (count.coefficients++, base.coefficients(x, y, order)),
  };
  return { landscape, count };
}

const NEEDS: BreakdownNeeds = { direction: 'gradient', angleDeg: 0, maxOrder: 2, radius: 0.6, tolerance: 0.05, precision: 'float64' };

describe('the point model carries the chart study', () => {
  const cases: { at: [number, number]; needs: BreakdownNeeds; order: number }[] = [
    { at: [0.5, 0.5], needs: NEEDS, order: 2 },
    { at: [0.5, 0.5], needs: { ...NEEDS, direction: 'eigen1', precision: 'float32' }, order: 1 },
    { at: [-1.2, 0.3], needs: { ...NEEDS, direction: 'angle', angleDeg: 30, maxOrder: 4, radius: 1.5, tolerance: 1e-3 }, order: 4 },
    { at: [0.8, -0.1], needs: { ...NEEDS, direction: 'eigen2', maxOrder: 6, count: 25 }, order: 6 },
  ];

  it('its samples equal analyzeBreakdown computed independently at the same point (tolerance 0)', () => {
    const landscape = landscapeOf(DOUBLE_WELL);
    for (const { at, needs, order } of cases) {
      const model = computePointModel(landscape, at[0], at[1], { order, breakdown: needs });
      const request: BreakdownRequest = { ...needs, x0: at[0], y0: at[1] };
      expect(model.breakdown).toStrictEqual(analyzeBreakdown(landscape, request));
      expect(model.breakdownRequest).toStrictEqual(request);
    }
  });

  it('matches the closed-form remainder of the double well along the gradient to 1e-12 (orders 1 and 2)', () => {
    const [x0, y0] = [0.5, 0.5];
    const radius = 1.5;
    const model = computePointModel(landscapeOf(DOUBLE_WELL), x0, y0, { order: 2, breakdown: { ...NEEDS, radius } });
    const study = model.breakdown;
    if (!study) throw new Error('the model has no study');
    // ∇f = (4x(x² − 1), 2y) = (−1.5, 1) at (0.5, 0.5): the step direction is its unit vector.
    const norm = Math.hypot(-1.5, 1);
    const [dx, dy] = [-1.5 / norm, 1 / norm];
    expect(study.direction[0]).toBeCloseTo(dx, 15);
    expect(study.direction[1]).toBeCloseTo(dy, 15);
    // f(p + h d) is a quartic in h: with u = x² − 1 = u0 + u1 h + u2 h², f = u² + y², so the
    // coefficients of h², h³, h⁴ are u1² + 2 u0 u2 + dy², 2 u1 u2, u2², and the order-k remainder
    // is the sum of the terms above k.
    const [u0, u1, u2] = [x0 * x0 - 1, 2 * x0 * dx, dx * dx];
    const a = [0, 0, u1 * u1 + 2 * u0 * u2 + dy * dy, 2 * u1 * u2, u2 * u2];
    const remainder = (k: number, h: number) => Math.abs(a.slice(k + 1).reduce((sum, c, i) => sum + c * h ** (k + 1 + i), 0));
    const f0 = Math.abs(model.derivs.f);
    for (const k of [1, 2]) {
      let checked = 0;
      study.h.forEach((h, i) => {
        const exact = remainder(k, h);
        // Where the remainder is far above the round-off of f (|f| eps), float64 measures it to ~1e-13.
        if (exact < 1e-3 * f0) return;
        expect(Math.abs(study.errors[k][i] - exact) / exact).toBeLessThan(1e-12);
        checked++;
      });
      expect(checked, `order ${k}`).toBeGreaterThanOrEqual(10);
    }
  });

  it('costs one jet and the study’s values: one coefficient call (at the study’s order), 41 values; 0 values without the chart', () => {
    const { landscape, count } = counting(landscapeOf(DOUBLE_WELL));
    const model = computePointModel(landscape, 0.5, 0.5, { order: 2, breakdown: NEEDS });
    // Before issue 20 a point change cost 2 jets (the model's at order 2, the chart's at 6) and 42 values.
    expect(count).toEqual({ coefficients: 1, value: 41 });
    // The one jet goes to the study's look-ahead (maxOrder + 4); the model's coefficients are that jet.
    expect(model.coeffs.length).toBe(28);
    const alone = counting(landscapeOf(DOUBLE_WELL));
    const plain = computePointModel(alone.landscape, 0.5, 0.5, { order: 3 });
    expect(alone.count).toEqual({ coefficients: 1, value: 0 });
    expect(plain.breakdown).toBeUndefined();
    expect(plain.coeffs.length).toBe(10);
    // The low coefficients do not depend on how far the jet goes.
    expect(Array.from(model.coeffs.subarray(0, 10))).toEqual(Array.from(plain.coeffs));
  });
});

/** Just enough of a DOM for Readouts: elements with text, a dataset and children. */
class FakeElement {
  className = '';
  textContent = '';
  readonly dataset: Record<string, string> = {};
  readonly children: FakeElement[] = [];
  append(...nodes: FakeElement[]): void {
    this.children.push(...nodes);
  }
}

/** The readouts panel's text for a model, cell by cell (data-readout key → text). */
function readoutCells(model: PointModel): Map<string, string> {
  const saved = (globalThis as { document?: unknown }).document;
  (globalThis as { document?: unknown }).document = { createElement: () => new FakeElement() };
  try {
    const container = new FakeElement();
    new Readouts(container as unknown as HTMLElement).update(model);
    const cells = new Map<string, string>();
    for (const el of container.children[0].children) if (el.dataset.readout) cells.set(el.dataset.readout, el.textContent);
    return cells;
  } finally {
    (globalThis as { document?: unknown }).document = saved;
  }
}

describe('the point model carries the live region summary', () => {
  const points: [string, number, number][] = [
    [DOUBLE_WELL, 0.5, 0.5],
    [DOUBLE_WELL, 1 + 1e-4, -2e-5], // tiny f and gradient: scientific notation
    [DOUBLE_WELL, 0, 0], // a saddle
    ['log(x) + y^2', -1, 0.25], // f undefined: no class
    ['exp(x^2)*1e3 + y', 2.5, 123456], // large numbers
  ];

  it('says the point, f, the class and λ₁, λ₂ exactly as the readouts show them', () => {
    for (const [formula, x, y] of points) {
      const model = computePointModel(landscapeOf(formula), x, y, { order: 2 }, pointSummary);
      const cell = readoutCells(model);
      const expected = `Point (${cell.get('x')}, ${cell.get('y')}): f = ${cell.get('f')}; ${cell.get('class')}; eigenvalues λ₁ = ${cell.get('lambda1')}, λ₂ = ${cell.get('lambda2')}.`;
      expect(model.summary, `${formula} at (${x}, ${y})`).toBe(expected);
    }
  });

  it('writes the numbers with four decimals as the readouts do (double well at (0.5, 0.5): f = 0.8125, λ = −1, 2)', () => {
    const model = computePointModel(landscapeOf(DOUBLE_WELL), 0.5, 0.5, 2, pointSummary);
    expect(model.summary).toBe(`Point (0.5000, 0.5000): f = 0.8125; ${readoutCells(model).get('class')}; eigenvalues λ₁ = -1.0000, λ₂ = 2.0000.`);
    expect(computePointModel(landscapeOf(DOUBLE_WELL), 0.5, 0.5, 2).summary).toBe('');
  });
});

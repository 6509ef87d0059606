/** The pure rules behind issue 21 (what a lecturer ran into): each test failed on the code before its fix. */
import { describe, expect, it } from 'vitest';
import { lrMarks1D } from '../../src/app/optimizer/runs1d';
import { PRESETS_1D } from '../../src/core/presets1d';
import { absoluteTolerance } from '../../src/app/oneDData';
import { analyzeBreakdown } from '../../src/core/breakdownAnalysis';
import { classifyPoint, gapsNotice, pointFaultNotice, pointReadouts, valueFault } from '../../src/core/classify';
import { symmetricEigen2 } from '../../src/core/eigen2';
import type { PointDerivatives } from '../../src/core/types';
import { findCriticalPoints, seedsFromGrid, snapToZero } from '../../src/core/criticalPoints';
import { parseExpression } from '../../src/core/expr/parser';
import { landscapeDerivatives } from '../../src/core/landscape/Landscape';
import { formulaLandscape } from '../../src/core/landscape/formulaLandscape';
import { decadeRange } from '../../src/plots/chartMath';
import { prepareErrorData } from '../../src/plots/errorChartData';
import { boxesOverlap, layoutLabels } from '../../src/scene/labelLayout';

describe('the 1D exercise reads its η marks from f(x) (item 4)', () => {
  it('x⁴ − 3x² + x at −2: f″ = 42, so 1/λmax = 1/42 ≈ 0.0238 and 2/λmax = 2/42 ≈ 0.0476', () => {
    const quartic = PRESETS_1D.find((p) => p.id === 'newton-quartic');
    expect(quartic?.formula).toBe('x^4 - 3*x^2 + x');
    const marks = lrMarks1D(quartic?.formula ?? '', '-2', 0);
    expect(marks?.inverse).toBeCloseTo(1 / 42, 12);
    expect(marks?.limit).toBeCloseTo(2 / 42, 12);
    // Without a start, x₀ is the start (f″(1) = 6); where f″ ≤ 0 no curvature limits the step.
    expect(lrMarks1D('x^4 - 3*x^2 + x', '', 1)?.inverse).toBeCloseTo(1 / 6, 12);
    expect(lrMarks1D('-x^2', '', 1)).toEqual({ inverse: Infinity, limit: Infinity });
    expect(lrMarks1D('x +', '', 1)).toBeNull();
  });
});

describe('numbers that are numbers (item 5)', () => {
  const saddle = parseExpression('x*y*exp(-(x^2+y^2)/2)');
  if (!saddle.ok) throw new Error('the formula must parse');
  const landscape = formulaLandscape(saddle.expr);
  const derivsAt = (x: number, y: number) => landscapeDerivatives(landscape, x, y);
  const domain = { xmin: -2, xmax: 2, ymin: -2, ymax: 2 };

  it('the saddle of x·y·exp(−(x²+y²)/2) is found at exactly (0, 0), not at −8e−174', () => {
    // Seeded as the page seeds it: from the grid's |∇f|² minima (N = 128 ended at −4.1e−171 before).
    const n = 128;
    const [gx, gy, f] = [new Float32Array(n * n), new Float32Array(n * n), new Float32Array(n * n)];
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const d = derivsAt(-2 + (4 * i) / (n - 1), -2 + (4 * j) / (n - 1));
        [gx[j * n + i], gy[j * n + i], f[j * n + i]] = [d.gx, d.gy, d.f];
      }
    }
    const points = findCriticalPoints(derivsAt, domain, seedsFromGrid({ n, domain, f, gx, gy, hxx: f, hxy: f, hyy: f }));
    const saddles = points.filter((p) => p.cls === 'saddle');
    expect(saddles.map((p) => [p.x, p.y])).toContainEqual([0, 0]);
    expect(saddles.every((p) => p.x === 0 ? Object.is(p.x, 0) : Math.abs(p.x) > 1e-6)).toBe(true);
    // The four extrema at (±1, ±1) stay where Newton put them (no snap, no harm).
    expect(points.filter((p) => p.cls === 'minimum' || p.cls === 'maximum')).toHaveLength(4);
  });

  it('snapToZero snaps only coordinates within the tolerance and only when something changes', () => {
    expect(snapToZero(derivsAt, { x: -8.086e-174, y: -8.086e-174 }, 1e-9)).toMatchObject({ x: 0, y: 0 });
    expect(snapToZero(derivsAt, { x: 0.5, y: 1e-12 }, 1e-9)).toMatchObject({ x: 0.5, y: 0 });
    expect(snapToZero(derivsAt, { x: 0.5, y: 0.25 }, 1e-9)).toBeNull();
  });

  it('the error chart at a point 8e−174 from the saddle gets a log range uPlot can split (≥ 1e−20, a decade or more)', () => {
    const x = -8.086e-174;
    const study = analyzeBreakdown(landscape, { x0: x, y0: x, direction: 'gradient', angleDeg: 0, maxOrder: 3, radius: 0.6, tolerance: 0.05, precision: 'float64' });
    const prepared = prepareErrorData({ ...study, tolerance: absoluteTolerance(0.05, landscape.value(x, x)) });
    for (const [lo, hi] of [prepared.xRange, prepared.yRange]) {
      expect(lo).toBeGreaterThanOrEqual(1e-20);
      expect(hi).toBeLessThanOrEqual(1e30);
      expect(hi / lo).toBeGreaterThanOrEqual(10 * (1 - 1e-12));
    }
    // Values far below the axis' reach pin it to its floor; the range is still one decade or more.
    expect(decadeRange([1e-190, 1e-177])).toEqual([1e-20, 1e-19]);
    expect(decadeRange([1e300])).toEqual([1e29, 1e30]);
  });
});

describe('the right reason for a missing value (item 6)', () => {
  it('names overflow apart from undefined: exp(exp(exp(x))) overflows, log of a negative is undefined', () => {
    expect([valueFault(Infinity), valueFault(-Infinity), valueFault(NaN), valueFault(1e308)]).toEqual(['overflow', 'overflow', 'undefined', null]);
    expect(Math.exp(Math.exp(Math.exp(2)))).toBe(Infinity);
    const grid = new Float32Array([1, 2, Infinity, Infinity, 3, 4, 5, 6]);
    expect(gapsNotice(grid)).toBe('f overflows (too large to represent) on 25.0% of the domain: shown as a gap.');
    expect(gapsNotice(grid)).not.toContain('log of a negative');
    expect(gapsNotice(new Float32Array([NaN, 1, 1, 1]))).toBe('f is undefined on 25.0% of the domain (log of a negative, division by zero, ...): shown as a gap.');
    expect(gapsNotice(new Float32Array([1, 2]))).toBe('');
    expect(pointFaultNotice(Infinity)).toContain('overflows');
    expect(pointFaultNotice(NaN)).toContain('undefined');
    expect(pointFaultNotice(0)).toBe('');
  });

  it('a point where f is not finite is classed nothing, not "degenerate"', () => {
    const at = (f: number, hxx = 1) => ({ f, gx: 0, gy: 0, hxx, hxy: 0, hyy: 1 });
    const readout = (d: PointDerivatives) => pointReadouts(d, classifyPoint(d), symmetricEigen2(d.hxx, d.hxy, d.hyy));
    expect(readout(at(Infinity))).toEqual({ cls: 'none (f overflows here)', shape: 'unknown: f overflows here' });
    expect(readout(at(NaN, NaN))).toEqual({ cls: 'none (f is undefined here)', shape: 'unknown: f is undefined here' });
    expect(readout(at(1, Infinity)).cls).toBe('none (a derivative overflows here)');
    expect(readout(at(0)).cls).toBe('minimum');
  });
});

describe('eigen-axis labels never overlap (item 1)', () => {
  it('two labels whose axes end at the same pixel are placed apart, inside the view and clear of obstacles', () => {
    const request = { anchor: { x: 200, y: 150 }, outward: { x: 1, y: 0 }, w: 140, h: 30 };
    const tick = { x: 290, y: 150, w: 40, h: 30 };
    const [a, b] = layoutLabels([request, { ...request, outward: { x: 0.99, y: 0.1 } }], { w: 400, h: 300 }, [tick]);
    expect(boxesOverlap(a, b)).toBe(false);
    for (const box of [a, b]) {
      expect(boxesOverlap(box, tick)).toBe(false);
      expect(box.x - box.w / 2 >= 0 && box.x + box.w / 2 <= 400 && box.y - box.h / 2 >= 0 && box.y + box.h / 2 <= 300).toBe(true);
    }
    // A free spot just beyond the axis end is taken as it is: no leader needed there.
    const [alone] = layoutLabels([request], { w: 400, h: 300 });
    expect(alone).toEqual({ x: 200 + 6 + 70, y: 150, w: 140, h: 30 });
  });
});

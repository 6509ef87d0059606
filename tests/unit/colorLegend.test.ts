import { describe, expect, it } from 'vitest';
import { divergingCss, formatLegendNumber, legendContent } from '../../src/scene/ColorLegend';
import { CURVATURE_COLORS, DIVERGING_COLORS, OVERLAY_COLORS } from '../../src/scene/palette';
import type { SurfaceRanges } from '../../src/scene/Surface';

const ranges: SurfaceRanges = { height: [0.0123, 13.04], gradMax: 2468, lambdaScale: 12 };

describe('formatLegendNumber', () => {
  it('writes 3 significant digits plainly between 0.001 and 999', () => {
    expect(formatLegendNumber(0)).toBe('0');
    expect(formatLegendNumber(-0)).toBe('0');
    expect(formatLegendNumber(13)).toBe('13');
    expect(formatLegendNumber(13.04)).toBe('13');
    expect(formatLegendNumber(3.14159)).toBe('3.14');
    expect(formatLegendNumber(0.012345)).toBe('0.0123');
    expect(formatLegendNumber(0.05)).toBe('0.05');
    expect(formatLegendNumber(999)).toBe('999');
  });

  it('switches to short exponents outside that range, with a real minus sign', () => {
    expect(formatLegendNumber(2500)).toBe('2.5e+3');
    expect(formatLegendNumber(-2500)).toBe('\u22122.5e+3');
    expect(formatLegendNumber(999.7)).toBe('1e+3');
    expect(formatLegendNumber(0.000123456)).toBe('1.23e-4');
    expect(formatLegendNumber(-1.5)).toBe('\u22121.5');
  });

  it('names non-finite values instead of printing NaN', () => {
    expect(formatLegendNumber(Number.NaN)).toBe('undefined');
    expect(formatLegendNumber(Infinity)).toBe('∞');
    expect(formatLegendNumber(-Infinity)).toBe('\u2212∞');
  });
});

describe('legendContent', () => {
  it('labels the height bar with the ends of the surface height range', () => {
    const c = legendContent('height', ranges, 0.05);
    expect(c.title).toBe('height f');
    expect(c.bar?.css).toMatch(/^linear-gradient\(to right, rgb\(/);
    expect(c.bar?.ticks.map((t) => [t.role, t.text])).toEqual([['min', '0.0123'], ['max', '13']]);
  });

  it('starts the |grad f| bar at 0 and ends it at the gradient scale', () => {
    const c = legendContent('gradient', ranges, 0.05);
    expect(c.title).toBe('|∇f|');
    expect(c.bar?.ticks.map((t) => t.text)).toEqual(['0', '2.47e+3']);
  });

  it('spans the eigenvalue modes symmetrically over the diverging map with 0 in the middle', () => {
    for (const [mode, title] of [['lambdaMin', 'smallest eigenvalue λ₁'], ['lambdaMax', 'largest eigenvalue λ₂']] as const) {
      const c = legendContent(mode, ranges, 0.05);
      expect(c.title).toBe(title);
      expect(c.bar?.css).toBe(divergingCss());
      expect(c.bar?.ticks.map((t) => [t.role, t.text, t.at])).toEqual([['min', '\u221212', 0], ['mid', '0', 0.5], ['max', '12', 1]]);
    }
    expect(divergingCss()).toContain(DIVERGING_COLORS.negative);
    expect(divergingCss()).toContain(DIVERGING_COLORS.positive);
  });

  it('shows the four curvature classes in their shader colours and no bar', () => {
    const c = legendContent('curvature', ranges, 0.05);
    expect(c.bar).toBeNull();
    expect(c.swatches.map((s) => s.color)).toEqual([CURVATURE_COLORS.convex, CURVATURE_COLORS.concave, CURVATURE_COLORS.saddle, CURVATURE_COLORS.flat]);
    expect(c.swatches.map((s) => s.label.split(' ')[0])).toEqual(['convex', 'concave', 'saddle', 'flat']);
    // Flat below 2% of the typical |lambda| = 12.
    expect(c.swatches[3].label).toBe('flat (|λ| < 0.24)');
  });

  it('marks every decade of the model error, labels every other one, and shows the tolerance', () => {
    const c = legendContent('modelError', ranges, 0.05);
    expect(c.title).toBe('model error |f − T_k| / |f(p)|');
    const ticks = c.bar?.ticks ?? [];
    expect(ticks.map((t) => t.text)).toEqual(['1e-6', '', '1e-4', '', '1e-2', '', '1']);
    expect(ticks[0].role).toBe('min');
    expect(ticks[6].role).toBe('max');
    expect(ticks[3].at).toBeCloseTo(0.5, 12);
    expect(ticks[1].value).toBeCloseTo(1e-5, 18);
    expect(c.swatches).toEqual([{ label: 'trust region (tolerance 0.05)', color: OVERLAY_COLORS.trustRegion, kind: 'line' }]);
  });
});

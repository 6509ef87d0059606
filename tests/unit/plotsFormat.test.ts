import { describe, expect, it } from 'vitest';
import {
  ascendingIndices,
  clampToBand,
  curveYRange,
  decadeRange,
  LOG_FLOOR,
  decadeStride,
  decadesOnly,
  formatSignificant,
  formatSlope,
  formatStep,
  isDecade,
  logTickLabels,
  positiveOrNull,
  pow10Label,
  powerLawGuide,
} from '../../src/plots/chartMath';
import { anchorIndex, errorLegendText, prepareErrorData, splitRoundoff } from '../../src/plots/errorChartData';
import { ORDER_COLORS, orderColor, TRUE_FUNCTION_COLOR, withAlpha } from '../../src/plots/orderColors';

const close = (a: number, b: number, rel = 1e-12) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

describe('number formatting', () => {
  it('keeps six significant digits and drops trailing zeros', () => {
    expect(formatSignificant(Math.PI)).toBe('3.14159');
    expect(formatSignificant(0.5)).toBe('0.5');
    expect(formatSignificant(-2)).toBe('-2');
    expect(formatSignificant(123456.7)).toBe('123457');
    expect(formatSignificant(0.000123456789)).toBe('0.000123457');
  });

  it('switches to exponent form for tiny and huge values', () => {
    expect(formatSignificant(1.234567e-7)).toBe('1.23457e-7');
    expect(formatSignificant(2.5e12)).toBe('2.5e12');
    expect(formatSignificant(999999.7)).toBe('1e6');
  });

  it('writes zero, NaN and infinities readably', () => {
    expect(formatSignificant(0)).toBe('0');
    expect(formatSignificant(-0)).toBe('0');
    expect(formatSignificant(NaN)).toBe('—');
    expect(formatSignificant(null)).toBe('—');
    expect(formatSignificant(Infinity)).toBe('∞');
    expect(formatSignificant(-Infinity)).toBe('-∞');
  });

  it('formats slopes with two decimals and steps with two significant digits', () => {
    expect(formatSlope(3.0189)).toBe('3.02');
    expect(formatSlope(null)).toBe('—');
    expect(formatStep(0.4123)).toBe('0.41');
    expect(formatStep(0.0000012)).toBe('1.2e-6');
    expect(formatStep(null)).toBe('—');
  });
});

describe('log axes', () => {
  it('recognises decades and labels them with superscripts', () => {
    expect(isDecade(1e-8)).toBe(true);
    expect(isDecade(2e-8)).toBe(false);
    expect(pow10Label(1e-8)).toBe('10⁻⁸');
    expect(pow10Label(1e12)).toBe('10¹²');
    expect(pow10Label(1)).toBe('1');
    expect(pow10Label(10)).toBe('10');
  });

  it('labels only decades when at least two are visible', () => {
    expect(logTickLabels([1e-3, 2e-3, 5e-3, 1e-2, null])).toEqual(['10⁻³', '', '', '10⁻²', '']);
    expect(logTickLabels([2, 3, 5, 10])).toEqual(['2', '3', '5', '10']);
  });

  it('thins decade labels to every n-th exponent when decades are close together', () => {
    expect(logTickLabels([1e-4, 5e-4, 1e-3, 1e-2, 1e-1, 1], 2)).toEqual(['10⁻⁴', '', '', '10⁻²', '', '1']);
    expect(decadeStride(18, 50)).toBe(3);
    expect(decadeStride(60, 50)).toBe(1);
    expect(decadeStride(25, 50)).toBe(2);
    expect(decadeStride(0, 50)).toBe(1);
  });

  it('keeps grid lines on decades only', () => {
    expect(decadesOnly([1e-3, 2e-3, 1e-2, 0.05])).toEqual([1e-3, null, 1e-2, null]);
  });

  it('widens a range outward to whole decades, and by one decade each way when flat', () => {
    expect(decadeRange([3e-9, 0.2, 0.05])).toEqual([1e-9, 1]);
    expect(decadeRange([1e-3, 1e-1])).toEqual([1e-3, 1e-1]);
    const flat = decadeRange([0.5, 0.5]);
    expect(flat?.[0]).toBeCloseTo(0.1, 12);
    expect(flat?.[1]).toBeCloseTo(1, 12);
  });

  it('ignores non-positive, non-finite and null values when ranging', () => {
    expect(decadeRange([0, -1, NaN, Infinity, null, 0.02])).toEqual([0.01, 0.1]);
    expect(decadeRange([0, -1, null])).toBeNull();
  });

  it('clamps a range to what uPlot log ticks support', () => {
    const r = decadeRange([1e-300, 1]);
    expect(r?.[0]).toBe(LOG_FLOOR);
  });
});

describe('non-positive errors', () => {
  it('become gaps instead of breaking the log scale', () => {
    expect(positiveOrNull([1e-3, 0, -2e-5, NaN, Infinity, 4])).toEqual([1e-3, null, null, null, null, 4]);
  });
});

describe('slope guide lines', () => {
  it('pass through the anchor with e = e0 (h / h0)^s', () => {
    const h = [0.01, 0.1, 1];
    const g = powerLawGuide(h, 0.1, 2e-4, 3);
    expect(close(g[1] as number, 2e-4)).toBe(true);
    expect(close(g[0] as number, 2e-7)).toBe(true);
    expect(close(g[2] as number, 0.2)).toBe(true);
  });

  it('are straight with slope s on log-log axes', () => {
    const h = [1e-4, 3e-3, 0.7];
    const g = powerLawGuide(h, 3e-3, 1e-9, 5) as number[];
    const slope = (Math.log10(g[2]) - Math.log10(g[0])) / (Math.log10(h[2]) - Math.log10(h[0]));
    expect(slope).toBeCloseTo(5, 10);
  });

  it('turn underflow and overflow into gaps', () => {
    expect(powerLawGuide([1e-200, 1e200], 1, 1, 11)).toEqual([null, null]);
  });
});

describe('y range of a curve plot', () => {
  it('is f range plus ten percent padding', () => {
    const [lo, hi] = curveYRange([0, 1, 2, 4]);
    expect(lo).toBeCloseTo(-0.4, 12);
    expect(hi).toBeCloseTo(4.4, 12);
  });

  it('includes the expansion point and skips non-finite samples', () => {
    const [lo, hi] = curveYRange([NaN, 1, 2, Infinity], [5]);
    expect(lo).toBeCloseTo(0.6, 12);
    expect(hi).toBeCloseTo(5.4, 12);
  });

  it('keeps the full range of smooth steep functions', () => {
    const x = Array.from({ length: 201 }, (_, i) => -2 + i / 50);
    const [lo, hi] = curveYRange(x.map((v) => v ** 10));
    expect(lo).toBeLessThan(0);
    expect(hi).toBeGreaterThan(1024);
  });

  it('gives a constant function a visible window', () => {
    expect(curveYRange([3, 3, 3])).toEqual([1.5, 4.5]);
    expect(curveYRange([0, 0])).toEqual([-1, 1]);
    expect(curveYRange([])).toEqual([-1, 1]);
  });

  it('ignores the extreme tails near a pole', () => {
    const x = Array.from({ length: 201 }, (_, i) => -1 + i / 100);
    const f = x.map((v) => 1 / (v - 0.005));
    const [lo, hi] = curveYRange(f);
    // The spike reaches ±200; the view should hold the bulk (|f| <= 10) without flattening it.
    expect(hi).toBeLessThan(100);
    expect(lo).toBeGreaterThan(-100);
    expect(hi).toBeGreaterThan(10);
    expect(lo).toBeLessThan(-10);
  });

  it('clamps exploding polynomials to a band and drops non-finite values', () => {
    expect(clampToBand([0.5, 1e300, -1e300, NaN], [0, 1], 10)).toEqual([0.5, 11, -10, null]);
  });
});

describe('error chart data', () => {
  it('sorts steps ascending and drops non-positive steps', () => {
    expect(ascendingIndices([1, 0.1, 0, -1, 0.01])).toEqual([4, 1, 0]);
  });

  it('splits round-off points from the fitted part with no shared points', () => {
    const s = splitRoundoff([1e-15, 2e-14, 1e-9, 0], [true, false, false, false]);
    expect(s.fit).toEqual([null, 2e-14, 1e-9, null]);
    expect(s.roundoff).toEqual([1e-15, null, null, null]);
    expect(anchorIndex(s.fit)).toBe(1);
  });

  const study = {
    h: [1, 0.1, 0.01, 0.001],
    orders: [1, 2],
    errors: [
      [0.5, 5e-3, 5e-5, 7e-15],
      [0.2, 2e-4, 0, 3e-15],
    ],
    roundoff: [
      [false, false, false, true],
      [false, false, true, true],
    ],
    slopes: [2.01, null],
    breakdown: [0.41, null],
    tolerance: 1e-6,
  };

  it('anchors each guide at the smallest-h truncation point with slope k+1', () => {
    const p = prepareErrorData(study);
    expect(p.h).toEqual([0.001, 0.01, 0.1, 1]);
    const [k1, k2] = p.series;
    expect(k1.anchor).toEqual({ h: 0.01, e: 5e-5 });
    expect(k1.theorySlope).toBe(2);
    expect(close(k1.guide[3] as number, 5e-5 * 100 ** 2)).toBe(true);
    expect(k2.anchor).toEqual({ h: 0.1, e: 2e-4 });
    expect(k2.fit).toEqual([null, null, 2e-4, 0.2]);
    expect(k2.roundoff).toEqual([3e-15, null, null, null]);
  });

  it('ranges both axes over data, breakdowns and tolerance in whole decades', () => {
    const p = prepareErrorData(study);
    expect(p.xRange).toEqual([1e-3, 1]);
    expect(p.yRange[0]).toBeCloseTo(1e-15, 27);
    expect(p.yRange[1]).toBe(1);
    expect(p.tolerance).toBe(1e-6);
  });

  it('survives an empty study and an order with only zero errors', () => {
    const empty = prepareErrorData({ h: [], errors: [], orders: [], roundoff: [], slopes: [], breakdown: [] });
    expect(empty.series).toEqual([]);
    const zeros = prepareErrorData({ h: [0.1, 1], errors: [[0, 0]], orders: [0], roundoff: [[false, false]], slopes: [null], breakdown: [null] });
    expect(zeros.series[0].anchor).toBeNull();
    expect(zeros.series[0].guide).toEqual([null, null]);
    expect(zeros.yRange[0]).toBeGreaterThan(0);
  });

  it('writes the legend line with slope, theory and breakdown', () => {
    expect(errorLegendText({ order: 2, slope: 3.0189, theorySlope: 3, breakdown: 0.4123 })).toBe(
      'k=2  slope 3.02 (theory 3)  breakdown h=0.41',
    );
    expect(errorLegendText({ order: 0, slope: null, theorySlope: 1, breakdown: null })).toBe(
      'k=0  slope — (theory 1)  no breakdown',
    );
  });
});

describe('order colours', () => {
  it('has eleven distinct colours plus a different one for the true function', () => {
    expect(ORDER_COLORS).toHaveLength(11);
    expect(new Set([...ORDER_COLORS, TRUE_FUNCTION_COLOR]).size).toBe(12);
  });

  it('keeps at least 3:1 contrast against white and near-black', () => {
    const lum = (hex: string) => {
      const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
      const l = c.map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    };
    const dark = lum('#121212');
    for (const hex of [...ORDER_COLORS, TRUE_FUNCTION_COLOR]) {
      const y = lum(hex);
      expect((1.05 / (y + 0.05))).toBeGreaterThanOrEqual(3);
      expect((y + 0.05) / (dark + 0.05)).toBeGreaterThanOrEqual(3);
    }
  });

  it('wraps orders outside 0..10 and makes faded variants', () => {
    expect(orderColor(11)).toBe(orderColor(0));
    expect(orderColor(-1)).toBe(orderColor(10));
    expect(withAlpha('#0090F8', 0.5)).toBe('rgba(0, 144, 248, 0.5)');
  });
});

import { describe, expect, it } from 'vitest';
import {
  FLOAT32_EPS,
  FLOAT64_EPS,
  fitLogLogSlope,
  isRoundoffDominated,
  roundoffFloor,
  ROUNDOFF_SAFETY,
} from '../../src/core/slopeFit';
import { logSpacedSteps } from '../../src/core/steps';
import { expectNear, seededRandom } from './support/expectNear';

describe('fitLogLogSlope', () => {
  it('recovers slope 3 and intercept ln 5 from err = 5 h^3 to 1e-12', () => {
    const h = logSpacedSteps(1e-5, 1, 30);
    const fit = fitLogLogSlope(h, h.map((t) => 5 * t ** 3));
    expectNear(fit.slope, 3, 1e-12, 'slope');
    expectNear(fit.intercept, Math.log(5), 1e-12, 'intercept');
    expect(fit.used).toBe(30);
  });

  it('skips zero, negative, NaN and infinite points instead of letting them poison the fit', () => {
    const h = [1e-3, 1e-2, 1e-1, 0.2, 0.3, 0.5, -1, NaN];
    const err = h.map((t) => 2 * t * t);
    err[3] = 0;
    err[4] = NaN;
    err[5] = Infinity;
    const fit = fitLogLogSlope(h, err);
    expect(fit.used).toBe(3);
    expectNear(fit.slope, 2, 1e-12, 'slope');
    expectNear(fit.intercept, Math.log(2), 1e-12, 'intercept');
  });

  it('returns NaN with the count when fewer than two distinct steps remain', () => {
    const one = fitLogLogSlope([0.1, 0.2], [1, 0]);
    expect(one.used).toBe(1);
    expect(one.slope).toBeNaN();
    const same = fitLogLogSlope([0.1, 0.1], [1, 2]);
    expect(same.used).toBe(2);
    expect(same.slope).toBeNaN();
  });

  it('averages multiplicative noise of ±10% to a slope within 0.05 over four decades', () => {
    const random = seededRandom(7);
    const h = logSpacedSteps(1e-4, 1, 40);
    const fit = fitLogLogSlope(h, h.map((t) => t ** 2 * (1 + 0.2 * (random() - 0.5))));
    expectNear(fit.slope, 2, 0.05, 'slope');
  });

  it('rejects arrays of different lengths', () => {
    expect(() => fitLogLogSlope([1, 2], [1])).toThrow(RangeError);
  });
});

describe('roundoffFloor and isRoundoffDominated', () => {
  it('puts the floor at ROUNDOFF_SAFETY eps |f|, float32 by default', () => {
    expect(roundoffFloor(2)).toBe(ROUNDOFF_SAFETY * FLOAT32_EPS * 2);
    expect(roundoffFloor(-2, FLOAT64_EPS)).toBe(ROUNDOFF_SAFETY * FLOAT64_EPS * 2);
    expect(roundoffFloor(1, 1e-3, 10)).toBe(1e-2);
  });

  it('flags a float32 error of 1e-6 on f ~ 1 as noise but the same error on f ~ 1e-3 as signal', () => {
    expect(isRoundoffDominated(1e-6, 1)).toBe(true);
    expect(isRoundoffDominated(1e-6, 1e-3)).toBe(false);
    expect(isRoundoffDominated(-1e-6, 1)).toBe(true);
  });

  it('is far stricter in float64: 1e-12 on f ~ 1 is signal there', () => {
    expect(isRoundoffDominated(1e-12, 1, FLOAT64_EPS)).toBe(false);
    expect(isRoundoffDominated(1e-15, 1, FLOAT64_EPS)).toBe(true);
  });

  it('catches the actual rounding of Math.fround on values near 1', () => {
    const random = seededRandom(3);
    for (let k = 0; k < 1000; k++) {
      const x = 0.5 + random();
      expect(isRoundoffDominated(Math.fround(x) - x, x, FLOAT32_EPS)).toBe(true);
    }
  });

  it('calls a non-finite error a gap, not noise', () => {
    expect(isRoundoffDominated(NaN, 1)).toBe(false);
    expect(isRoundoffDominated(Infinity, 1)).toBe(false);
  });
});

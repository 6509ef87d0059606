import { describe, expect, it } from 'vitest';
import { logSpacedSteps } from '../../src/core/steps';
import { expectRelNear } from './support/expectNear';

describe('logSpacedSteps', () => {
  it('gives 1e-4, 1e-3, 1e-2, 1e-1, 1 for five steps over four decades, to 1e-14 relative', () => {
    const steps = logSpacedSteps(1e-4, 1, 5);
    expect(steps).toHaveLength(5);
    [1e-4, 1e-3, 1e-2, 1e-1, 1].forEach((h, k) => expectRelNear(steps[k], h, 1e-14, `step ${k}`));
  });

  it('hits both ends exactly and keeps a constant ratio between neighbours', () => {
    const steps = logSpacedSteps(3e-7, 0.7, 37);
    expect(steps[0]).toBe(3e-7);
    expect(steps[36]).toBe(0.7);
    const ratio = (0.7 / 3e-7) ** (1 / 36);
    for (let k = 1; k < steps.length; k++) expectRelNear(steps[k] / steps[k - 1], ratio, 1e-12, `ratio ${k}`);
  });

  it('returns [hMin] for one step and repeats h when hMin equals hMax', () => {
    expect(logSpacedSteps(0.01, 1, 1)).toEqual([0.01]);
    expect(logSpacedSteps(0.5, 0.5, 3)).toEqual([0.5, 0.5, 0.5]);
  });

  it('rejects a non-positive or reversed range and a non-integer count', () => {
    expect(() => logSpacedSteps(0, 1, 5)).toThrow(RangeError);
    expect(() => logSpacedSteps(1, 0.1, 5)).toThrow(RangeError);
    expect(() => logSpacedSteps(1e-3, Infinity, 5)).toThrow(RangeError);
    expect(() => logSpacedSteps(1e-3, 1, 0)).toThrow(RangeError);
    expect(() => logSpacedSteps(1e-3, 1, 2.5)).toThrow(RangeError);
  });
});

/** The pure rules behind issue 21 (what a lecturer ran into): each test failed on the code before its fix. */
import { describe, expect, it } from 'vitest';
import { lrMarks1D } from '../../src/app/optimizer/runs1d';
import { PRESETS_1D } from '../../src/core/presets1d';

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

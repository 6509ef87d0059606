import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/core/expr/parser';
import { formulaLandscape } from '../../src/core/landscape/formulaLandscape';
import { trainingPathData } from '../../src/app/network/trainingPath';

const bowl = (() => {
  const r = parseExpression('x^2 + 3*y^2');
  if (!r.ok) throw new Error(r.error.message);
  return formulaLandscape(r.expr);
})();
const square = { xmin: -1, xmax: 1, ymin: -1, ymax: 1 };

describe('the training path on the slice', () => {
  it('lifts every snapshot and every sample between two onto the surface', () => {
    const a = [0.8, 0.4, 0.1, 0];
    const b = [-0.6, -0.3, -0.05, 0];
    const data = trainingPathData(bowl, a, b, square);
    if (!data) throw new Error('no path');
    expect(data.iterates.length).toBe(12);
    expect(data.path.length).toBe(3 * (3 * data.samplesPerStep + 1));
    for (let k = 0; k < data.path.length; k += 3) expect(data.path[k + 2]).toBeCloseTo(data.path[k] ** 2 + 3 * data.path[k + 1] ** 2, 14);
    // Samples run straight between snapshots: the middle sample of the first segment is their midpoint.
    const mid = 3 * (data.samplesPerStep / 2);
    expect([data.path[mid], data.path[mid + 1]]).toEqual([0.6000000000000001, -0.44999999999999996]);
    expect(data.path.subarray(-3)).toEqual(Float64Array.from([0, 0, 0]));
    expect(data.shown).toBe(3);
  });

  it('starts at the first snapshot inside the window and gives nothing when fewer than two are inside', () => {
    const data = trainingPathData(bowl, [5, 3, 0.5, 0], [5, 3, 0.5, 0], square);
    expect(data?.iterates.length).toBe(6);
    expect(data?.iterates[0]).toBe(0.5);
    expect(trainingPathData(bowl, [5, 3, 0], [5, 3, 0], square)).toBeNull();
  });
});

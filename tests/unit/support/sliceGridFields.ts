/** Shared by the slice-grid engine tests: the slice window and grid size, a grid pass, and the field comparison. */
import { expect } from 'vitest';
import { evaluateSliceGridF64 } from '../../../src/compute/network/sliceGrid';
import type { SliceGridEngine } from '../../../src/core/network/sliceGridEngine';
import type { Domain } from '../../../src/core/types';

/** The (a, b) window and grid size the engine tests compare on. */
export const SLICE_DOMAIN: Domain = { xmin: -1, xmax: 0.8, ymin: -0.6, ymax: 1.2 };
export const SLICE_N = 16;

/** The six fields (f, ∂a, ∂b, ∂aa, ∂ab, ∂bb) of an n × n pass over SLICE_DOMAIN, in float64. */
export async function sliceGridOf(engine: SliceGridEngine, n = SLICE_N): Promise<Float64Array> {
  const r = await evaluateSliceGridF64(engine, SLICE_DOMAIN, n);
  if (r === null) throw new Error('pass was cancelled');
  return r;
}

/** Asserts every field within tol × the field's largest |value| of the reference. */
export function expectFieldsNear(actual: ArrayLike<number>, expected: ArrayLike<number>, size: number, tol: number, what: string): void {
  for (let f = 0; f < 6; f++) {
    let largest = 0;
    let worst = 0;
    for (let k = 0; k < size; k++) largest = Math.max(largest, Math.abs(expected[f * size + k]));
    for (let k = 0; k < size; k++) worst = Math.max(worst, Math.abs(actual[f * size + k] - expected[f * size + k]));
    expect(worst, `${what}, field ${f}: worst error ${worst} against largest value ${largest}`).toBeLessThanOrEqual(tol * Math.max(largest, 1e-12));
  }
}

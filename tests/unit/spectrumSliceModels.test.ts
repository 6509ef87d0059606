/**
 * The spectrum view's Gauss–Newton vs Taylor models on the slice (issue 17 item 4): the worker's
 * sliceModels and the presenters that draw and describe them.
 */
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/core/network/datasets';
import { initParameters } from '../../src/core/network/mlp';
import { hessianVectorProduct64 } from '../../src/core/network/backprop64';
import type { NetworkSpec } from '../../src/core/network/types';
import { sliceModels, sliceModelsSkipped, type SliceModels } from '../../src/worker/spectrumJobs';
import { eigen2, quadraticGrid, sliceModelChart, sliceModelText } from '../../src/views/spectrum/spectrumPresenters';

const wave = (P: number, phase: number): Float64Array => Float64Array.from({ length: P }, (_, k) => Math.sin(1.7 * k + phase));

describe('slice models: Gauss–Newton vs the true Taylor model', () => {
  it('on a linear model with MSE, G = H exactly and both equal the closed form (2/S) Σ (dᵢ·x̃)(dⱼ·x̃)', () => {
    const spec: NetworkSpec = { widths: [1, 1], activation: 'tanh', task: 'regression', weightDecay: 0 };
    const data = makeDataset('sine', { seed: 3, noise: 0.1 });
    const theta = Float64Array.from([0.4, -0.2]); // z = w x + c
    const d1 = Float64Array.from([1, 0.5]);
    const d2 = Float64Array.from([-0.3, 2]);
    const m = sliceModels(spec, data, theta, { d1, d2, a: 0.7, b: -0.4, radius: 0.5 });
    // Closed form: z is linear in θ, so H = G = (2/S) Σ x̃ x̃ᵀ with x̃ = (x, 1).
    const S = data.size;
    const proj = (d: Float64Array, s: number): number => d[0] * data.inputs[s] + d[1];
    let aa = 0;
    let ab = 0;
    let bb = 0;
    for (let s = 0; s < S; s++) {
      aa += (2 * proj(d1, s) * proj(d1, s)) / S;
      ab += (2 * proj(d1, s) * proj(d2, s)) / S;
      bb += (2 * proj(d2, s) * proj(d2, s)) / S;
    }
    for (const [k, want] of [aa, ab, bb].entries()) {
      expect(m.hessian[k]).toBeCloseTo(want, 10);
      expect(m.gaussNewton[k]).toBeCloseTo(want, 10);
    }
    const c = sliceModelChart(m, 9);
    expect(c.maxGap).toBeLessThan(1e-10);
    for (let k = 0; k < c.taylor.length; k++) expect(c.taylor[k]).toBeCloseTo(c.gaussNewton[k], 10);
    expect(sliceModelText(m)).toContain('The two models coincide');
  });

  it('on a tanh net the GN slice Hessian is PSD and differs from the true one by the residual term', () => {
    const spec: NetworkSpec = { widths: [2, 6, 1], activation: 'tanh', task: 'classification', weightDecay: 0 };
    const data = makeDataset('xor', { seed: 2, noise: 0.1 });
    const theta = initParameters(spec, 5);
    const P = theta.length;
    expect(sliceModelsSkipped(spec, data, P)).toBeNull();
    const m = sliceModels(spec, data, theta, { d1: wave(P, 0), d2: wave(P, 1), a: 0.2, b: 0.1, radius: 1 });
    // The true slice Hessian (slice jets) is [dᵢ·H dⱼ] with H from float64 HVPs at θ(a, b).
    const d1 = wave(P, 0);
    const d2 = wave(P, 1);
    const at = Float64Array.from(theta, (t, k) => t + 0.2 * d1[k] + 0.1 * d2[k]);
    const h1 = hessianVectorProduct64(spec, data, at, d1);
    const h2 = hessianVectorProduct64(spec, data, at, d2);
    const dot = (x: Float64Array, y: Float64Array): number => x.reduce((acc, v, k) => acc + v * y[k], 0);
    for (const [k, want] of [dot(d1, h1), dot(d1, h2), dot(d2, h2)].entries()) expect(m.hessian[k]).toBeCloseTo(want, 8);
    const [gMin] = eigen2(m.gaussNewton);
    expect(gMin).toBeGreaterThanOrEqual(-1e-12);
    const c = sliceModelChart(m);
    expect(c.maxGap).toBeGreaterThan(0);
    // The true model's Hessian minus G's is the residual term: its eigenvalues are what the text reports.
    const text = sliceModelText(m);
    expect(text).toContain('residual term');
    if (c.taylorEigen[0] < 0) expect(text).toContain('comes from the residual term alone');
  });

  it('the quadratic grid and the text follow the closed form; a saddle is blamed on the residual term', () => {
    const m: SliceModels = { a: 0, b: 0, radius: 1, value: 1, gradient: [0.5, -1], hessian: [2, 0, -1], gaussNewton: [3, 0, 1], norms: [1, 1] };
    const grid = quadraticGrid(m.value, m.gradient, m.hessian, 1, 3);
    // Corner δ = (−1, −1): 1 − 0.5 + 1 + ½(2 − 1) = 2; centre: 1; corner (1, 1): 1 + 0.5 − 1 + 0.5 = 1.
    expect(grid[0]).toBeCloseTo(2, 12);
    expect(grid[4]).toBeCloseTo(1, 12);
    expect(grid[8]).toBeCloseTo(1, 12);
    expect(eigen2([2, 0, -1])).toEqual([-1, 2]);
    expect(eigen2([1, 1, 1])[0]).toBeCloseTo(0, 12);
    const c = sliceModelChart(m, 3);
    expect(c.residualEigen).toEqual([-2, -1]);
    expect(c.lo).toBeLessThanOrEqual(Math.min(...grid));
    expect(sliceModelText(m)).toContain('The true model is a saddle');
    expect(sliceModelsSkipped({ widths: [4, 3], activation: 'tanh', task: 'classification', weightDecay: 0 }, makeDataset('xor', { seed: 1, noise: 0 }), 15)).toMatch(/one-output/);
  });
});

/**
 * The spectrum view's pure parts and its compute jobs: per-unit-length curvature against closed
 * forms, the presenters (table rows, histogram, error-vs-HVPs, over-training series) on results
 * with known numbers, and the 'spectrum' / 'spectrumTrack' jobs through the in-process compute pair
 * (tfjs CPU) against the dense Hessian of the same small network.
 */
import { describe, expect, it } from 'vitest';
import { compareSliceWithFull, gramOf, perUnitLength, planeCurvatures } from '../../src/core/network/unitLength';
import { networkHessianMatrix } from '../../src/core/network/gaussNewton';
import { symmetricEigen } from '../../src/core/spectrum/dense';
import { makeDataset } from '../../src/core/network/datasets';
import type { NetworkSpec } from '../../src/core/network/types';
import { trainNetwork } from '../../src/compute/network/train';
import { inProcessConnection } from '../../src/app/network/computeConnection';
import { chunkSize, type SpectrumJob, type SpectrumJobResult, type TrackSample } from '../../src/worker/spectrumJobs';
import { densityHistogram, eigenRows, errorVsHvps, ERROR_FLOOR, stabilityLine, traceText, trackSeries } from '../../src/views/spectrum/spectrumPresenters';
import { expectNear } from './support/expectNear';

describe('curvature per unit length', () => {
  it('divides the slice Hessian by the directions’ lengths', () => {
    expect(perUnitLength({ xx: 8, xy: 6, yy: 18 }, 2, 3)).toEqual({ xx: 2, xy: 1, yy: 2 });
  });

  it('for orthogonal directions the plane’s curvatures are Hs_ii / ‖dᵢ‖²', () => {
    const [lo, hi] = planeCurvatures({ xx: 16 * 0.5, xy: 0, yy: 9 * 3 }, { xx: 16, xy: 0, yy: 9 });
    expectNear(lo, 0.5, 1e-15, 'lo');
    expectNear(hi, 3, 1e-15, 'hi');
  });

  it('for skew directions spanning {e₁, e₂} of H = diag(5, −2, 9) they are 5 and −2, not Hs’s eigenvalues', () => {
    const H = [5, -2, 9];
    const d1 = [2, 0, 0];
    const d2 = [3, 3, 0];
    const quad = (u: number[], v: number[]) => u.reduce((s, ui, i) => s + ui * H[i] * v[i], 0);
    const hs = { xx: quad(d1, d1), xy: quad(d1, d2), yy: quad(d2, d2) };
    const [lo, hi] = planeCurvatures(hs, gramOf(d1, d2));
    expectNear(lo, -2, 1e-12, 'lo');
    expectNear(hi, 5, 1e-12, 'hi');
    const c = compareSliceWithFull(hs, gramOf(d1, d2), 9);
    expectNear(c.perUnitLength, 5, 1e-12, 'per unit length');
    expectNear(c.ratio, 5 / 9, 1e-12, 'ratio');
    // In slice units the largest |eigenvalue| of [[20, 30], [30, 27]] is (47 + √3649)/2.
    expectNear(c.sliceUnits, (47 + Math.sqrt(3649)) / 2, 1e-12, 'slice units');
  });
});

/** A result with round numbers: P = 4, exact spectrum {−1, 0.5, 2, 4}. */
function fakeResult(): SpectrumJobResult {
  return {
    parameters: 4,
    engine: 'float64',
    top: [{ value: 4.001, residual: 0.004 }, { value: 2, residual: 0 }],
    bottom: [{ value: -1, residual: 0.002 }],
    lanczosHvps: 7,
    converged: true,
    tol: 1e-4,
    scale: 4,
    history: [
      { hvps: 2, steps: 2, top: [3.5, 1], bottom: [-0.5], estimate: 0.1 },
      { hvps: 4, steps: 4, top: [4, 2], bottom: [-1], estimate: 0 },
    ],
    lambdaMax: 4.001,
    lambdaMin: -1,
    stableLearningRate: 2 / 4.001,
    trace: { trace: 5.7, standardError: 0.1, probes: 50, samples: new Float64Array(50) },
    density: null,
    exact: { eigenvalues: Float64Array.from([-1, 0.5, 2, 4]), trace: 5.5, moments: [] },
    exactSkipped: null,
    gaussNewton: { top: [{ value: 4.5, residual: 0 }, { value: 1, residual: 0 }], eigenvalues: null },
    hvps: 60,
    ms: 1,
  };
}

describe('spectrum presenters', () => {
  it('rows pair each estimate with the exact eigenvalue of its index: λ₁, λ₂ from the top, λ_P from the bottom', () => {
    const rows = eigenRows(fakeResult());
    expect(rows.map((r) => [r.kind, r.index, r.exact, r.gaussNewton])).toEqual([
      ['top', 1, 4, 4.5],
      ['top', 2, 2, 1],
      ['bottom', 4, -1, null],
    ]);
    expectNear(rows[0].error as number, 0.001 / 4, 1e-15, 'error / ‖H‖');
    expectNear(rows[0].relativeResidual, 0.001, 1e-15, 'residual / ‖H‖');
  });

  it('says the trace ± its standard error and how many standard errors from the exact trace it is', () => {
    expect(traceText(fakeResult())).toBe('tr(H) ≈ 5.700 ± 0.10 (Hutchinson, 50 Rademacher probes, ± 1 standard error); exact 5.500, off by 2.0 standard errors');
  });

  it('bins eigenvalues into a histogram that integrates to 1', () => {
    const h = densityHistogram([-1, 0.5, 2, 4, 4], -1, 4, 5);
    expect(Array.from(h.heights).map((v) => v * 5 * h.width)).toEqual([1, 1, 0, 1, 2]);
    expectNear(h.heights.reduce((s, v) => s + v * h.width, 0), 1, 1e-15, 'mass');
  });

  it('error against HVPs: |Ritz − exact| / ‖H‖ at each check, floored for the log axis', () => {
    const r = fakeResult();
    const s = errorVsHvps(r.history, r.exact!.eigenvalues, r.scale);
    expect(s.map((x) => x.name)).toEqual(['λ1', 'λ2', 'λ4']);
    expect(s[0]).toEqual({ name: 'λ1', x: [2, 4], y: [0.125, ERROR_FLOOR] });
    expect(s[2].y).toEqual([0.125, ERROR_FLOOR]);
  });

  it('over training: one series per top eigenvalue and one for the trace, against the step', () => {
    const samples: TrackSample[] = [
      { step: 0, top: [1, 0.5], trace: 2, traceError: 0.1, hvps: 10 },
      { step: 10, top: [3, 1], trace: 4, traceError: 0.1, hvps: 10 },
    ];
    const { eigen, trace } = trackSeries(samples);
    expect(eigen).toEqual([{ name: 'λ1', x: [0, 10], y: [1, 3] }, { name: 'λ2', x: [0, 10], y: [0.5, 1] }]);
    expect(trace.y).toEqual([2, 4]);
  });

  it('draws 2/η when it is within 3× of the largest eigenvalue, else says how far above it is', () => {
    const eigen = [{ name: 'λ1', x: [0, 10], y: [1, 3] }];
    expect(stabilityLine(eigen, 0.5, 'gd')).toEqual({ reference: { y: 4, label: '2/η = 4.000' }, title: 'top eigenvalues of H' });
    expect(stabilityLine(eigen, 0.05, 'adam')).toEqual({ reference: null, title: "top eigenvalues of H; 2/η = 40.00 is 13× above the largest (plain GD's stability limit; this run uses adam)" });
  });

  it('training chunks end on every multiple of K', () => {
    expect([1, 7, 10, 25, 40, 97].map(chunkSize)).toEqual([1, 7, 10, 5, 20, 1]);
  });
});

const spec: NetworkSpec = { widths: [2, 4, 1], activation: 'tanh', task: 'classification', weightDecay: 0 };
const data = makeDataset('circles', { seed: 3, noise: 0.1, size: 40 });

describe('spectrum jobs through the compute protocol (in-process, tfjs CPU)', () => {
  it('the spectrum job matches the dense Hessian: top/bottom, trace within 3 s.e., exact, G ⪰ 0, density of mass 1', async () => {
    const run = await trainNetwork(spec, data, { optimizer: 'adam', lr: 0.05, steps: 60, seed: 3, snapshotEvery: 60 });
    const { client } = await inProcessConnection('cpu');
    const job: SpectrumJob = { spec, data, theta: run.theta, top: 3, bottom: 2, probes: 200, densityProbes: 5, exactMax: 600, gaussNewton: true, engine: 'float64', seed: 3 };
    const stages = new Set<string>();
    const r = await client.run<SpectrumJobResult, { stage: string }>('spectrum', job, { onProgress: (p) => void stages.add(p.stage) });
    const P = run.theta.length;
    const exact = symmetricEigen(networkHessianMatrix(spec, data, run.theta), P).values;
    const scale = Math.max(Math.abs(exact[0]), Math.abs(exact[P - 1]));
    r.top.forEach((p, i) => expectNear(p.value, exact[P - 1 - i], 1e-6 * scale, `top ${i}`));
    r.bottom.forEach((p, i) => expectNear(p.value, exact[i], 1e-6 * scale, `bottom ${i}`));
    Array.from(r.exact!.eigenvalues).forEach((v, i) => expectNear(v, exact[i], 1e-9 * scale, `exact ${i}`));
    expect(Math.abs(r.trace!.trace - r.exact!.trace)).toBeLessThan(3 * r.trace!.standardError);
    expect(Math.min(...r.gaussNewton!.eigenvalues!)).toBeGreaterThan(-1e-9 * scale);
    const d = r.density!;
    const step = d.grid[1] - d.grid[0];
    const trapezoid = d.density.reduce((s, v, k) => (k === 0 ? s : s + 0.5 * step * (v + d.density[k - 1])), 0);
    expectNear(trapezoid, 1, 1e-9, 'density mass');
    expect(r.history.length).toBeGreaterThan(0);
    expect([...stages]).toEqual(expect.arrayContaining(['lanczos', 'trace', 'density', 'exact']));
    expect(r.stableLearningRate).toBeCloseTo(2 / exact[P - 1], 6);
  });

  it('the tracking job samples step 0, every K steps and the end, and its last λ₁ is that of the trained θ*', async () => {
    const { client } = await inProcessConnection('cpu');
    const settings = { optimizer: 'gd' as const, lr: 0.5, steps: 24, seed: 4 };
    const reported: number[] = [];
    const samples = await client.run<TrackSample[], TrackSample>('spectrumTrack', { spec, data, ...settings, every: 8, top: 2, probes: 10, engine: 'float64' }, { onProgress: (s) => void reported.push(s.step) });
    expect(samples.map((s) => s.step)).toEqual([0, 8, 16, 24]);
    expect(reported).toEqual([0, 8, 16, 24]);
    const run = await trainNetwork(spec, data, { ...settings, snapshotEvery: 24 });
    const P = run.theta.length;
    const exact = symmetricEigen(networkHessianMatrix(spec, data, run.theta), P).values;
    expectNear(samples[3].top[0], exact[P - 1], 1e-6 * Math.abs(exact[P - 1]), 'λ1 at the end');
    expect(samples.every((s) => s.top.length === 2 && Number.isFinite(s.trace) && s.traceError > 0)).toBe(true);
  });

  it('a cancelled spectrum job rejects with an AbortError', async () => {
    const { client } = await inProcessConnection('cpu');
    const controller = new AbortController();
    const theta = Float64Array.from({ length: 17 }, (_, i) => Math.sin(i));
    const pending = client.run('spectrum', { spec, data, theta, top: 3, bottom: 1, probes: 500, densityProbes: 20, exactMax: 0, gaussNewton: false, engine: 'tfjs', seed: 1 } satisfies SpectrumJob, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

/**
 * The network controller's rules in Node, with a fake host and view and the real compute jobs
 * in-process (tfjs CPU): the 3D view waits instead of showing another landscape, coarse levels
 * come before the full grid, a finished run is reused by its key, the newest settings win, and
 * leaving the network cancels its training.
 */
import { describe, expect, it } from 'vitest';
import { NetworkController, gridLevels, type NetworkHost, type NetworkView } from '../../src/app/network/NetworkController';
import { inProcessConnection } from '../../src/app/network/computeConnection';
import type { GridLandscape } from '../../src/compute/landscape/GridLandscape';
import type { GridField } from '../../src/core/types';
import { Store } from '../../src/state/Store';
import { analyzeBreakdown } from '../../src/core/breakdownAnalysis';
import { defaultState, type LabState } from '../../src/state/schema';
import { networkPresetPatch } from '../../src/state/actions';
import type { ComputeClient } from '../../src/worker/ComputeClient';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

/** Polls (bounded) until predicate holds. */
async function until(predicate: () => boolean, tries = 2000): Promise<void> {
  for (let i = 0; i < tries && !predicate(); i++) await tick();
  expect(predicate()).toBe(true);
}

interface Recorded {
  events: string[];
  landscapes: (GridLandscape | null)[];
  waiting: string[];
  statuses: string[];
  jobs: string[];
}

function harness(state: Partial<LabState>) {
  const rec: Recorded = { events: [], landscapes: [], waiting: [], statuses: [], jobs: [] };
  const host: NetworkHost = {
    setExternalLandscape: (_choice, landscape) => {
      rec.landscapes.push(landscape);
      rec.events.push(landscape ? 'landscape' : 'cleared');
    },
    setWaiting: (_choice, text) => {
      rec.waiting.push(text);
      rec.events.push('waiting');
    },
    onPointModel: () => undefined,
    onGridProgress: () => undefined,
  };
  const noop = (): void => undefined;
  const view: NetworkView = { progress: noop, prediction: noop, status: (text) => void rec.statuses.push(text), parameters: noop, fullHessian: noop, path: noop, sharpness: noop, gridProgress: noop, busy: noop };
  const store = new Store({ ...defaultState(), ...networkPresetPatch(), netSteps: 30, netHidden: '4', netSamples: 40, ...state });
  const compute = inProcessConnection('cpu').then(({ client }) => {
    // Count the jobs the controller starts, by kind.
    const run = client.run.bind(client);
    (client as { run: ComputeClient['run'] }).run = ((kind: string, payload: unknown, options?: object) => {
      rec.jobs.push(kind);
      return run(kind, payload, options);
    }) as ComputeClient['run'];
    return client;
  });
  const controller = new NetworkController(store, host, view, compute);
  return { rec, store, controller, compute };
}

function published(rec: Recorded): GridLandscape[] {
  return rec.landscapes.filter((l): l is GridLandscape => l !== null);
}

describe('NetworkController (fake host, in-process compute)', () => {
  it('clears the old landscape and says it is training before the new one is published', async () => {
    const { rec } = harness({});
    await until(() => published(rec).length === 1);
    expect(rec.events[0]).toBe('cleared');
    expect(rec.waiting.some((w) => /^Training the network/.test(w))).toBe(true);
    expect(rec.events.indexOf('landscape')).toBeGreaterThan(rec.events.indexOf('waiting'));
    expect(rec.jobs.filter((k) => k === 'train')).toHaveLength(1);
  });

  it('computes the grid coarse first and the full level equals the float64 slice jets at the nodes', async () => {
    const { rec } = harness({ n: 32 });
    await until(() => published(rec).length === 1);
    const landscape = published(rec)[0];
    const levels: { grid: GridField; final: boolean }[] = [];
    const domain = { xmin: -1, xmax: 1, ymin: -1, ymax: 1 };
    await landscape.computeGrid?.(domain, 32, (grid, final) => void levels.push({ grid, final }), new AbortController().signal);
    expect(gridLevels(32)).toEqual([16, 32]);
    expect(levels.map((l) => [l.grid.n, l.final])).toEqual([[16, false], [32, true]]);
    const grid = levels[1].grid;
    let maxF = 0;
    for (const v of grid.f) maxF = Math.max(maxF, Math.abs(v));
    // The slice behind the landscape: its float64 coefficients (c[1] = ∂f/∂a) at a few nodes.
    for (const [i, j] of [[0, 0], [7, 20], [31, 31], [16, 3]]) {
      const a = -1 + (2 * i) / 31;
      const b = -1 + (2 * j) / 31;
      const c = landscape.coefficients(a, b, 2);
      expect(Math.abs(grid.f[j * 32 + i] - c[0])).toBeLessThanOrEqual(1e-4 * maxF);
      expect(Math.abs(grid.gx[j * 32 + i] - c[1])).toBeLessThanOrEqual(1e-4 * Math.max(1, maxF));
    }
  });

  it('searches the critical points on the compute side: each one found has a vanishing float64 gradient', async () => {
    const { rec } = harness({ netSteps: 200 });
    await until(() => published(rec).length === 1);
    const landscape = published(rec)[0];
    const domain = { xmin: -1, xmax: 1, ymin: -1, ymax: 1 };
    const seeds: [number, number][] = [[0, 0], [0.5, -0.5], [-0.7, 0.2]];
    const points = (await landscape.findCriticalPoints?.(domain, seeds, new AbortController().signal)) ?? [];
    expect(points.length).toBeGreaterThan(0);
    const scale = Math.max(...seeds.map(([a, b]) => Math.hypot(...landscape.coefficients(a, b, 1).slice(1, 3))));
    for (const p of points) {
      const c = landscape.coefficients(p.x, p.y, 1);
      expect(Math.hypot(c[1], c[2])).toBeLessThanOrEqual(1e-6 * Math.max(1, scale));
    }
  });

  it('a big network computes its point model and error study on the compute side, with the same numbers; a small one here', async () => {
    const small = harness({});
    await until(() => published(small.rec).length === 1);
    expect(published(small.rec)[0].remotePoint).toBeUndefined();
    const { rec } = harness({ netHidden: '16,16', netSamples: 1000, netSteps: 20 });
    await until(() => published(rec).length === 1);
    const landscape = published(rec)[0];
    const remote = landscape.remotePoint;
    expect(remote).toBeDefined();
    const signal = new AbortController().signal;
    const coeffs = (await remote?.coefficients(0.3, -0.2, 4, signal)) ?? new Float64Array(0);
    const local = landscape.coefficients(0.3, -0.2, 4);
    expect(coeffs.length).toBe(local.length);
    for (let m = 0; m < local.length; m++) expect(Math.abs(coeffs[m] - local[m])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(local[m])));
    const request = { x0: 0.3, y0: -0.2, direction: 'gradient' as const, angleDeg: 0, maxOrder: 3, radius: 0.5, tolerance: 1e-2, precision: 'float64' as const };
    const answer = await remote?.breakdown(request, signal);
    const expected = analyzeBreakdown(landscape, request);
    expect(answer?.value).toBeCloseTo(landscape.value(0.3, -0.2), 12);
    expect(answer?.study.slopes).toEqual(expected.slopes);
  });

  it('trains once: settings seen before (a scene revisited, Back) reuse the finished run', async () => {
    const { rec, store } = harness({});
    await until(() => published(rec).length === 1);
    store.set({ netSeed: 5 });
    await until(() => published(rec).length === 2);
    store.set({ netSeed: defaultState().netSeed });
    await until(() => published(rec).length === 3);
    expect(rec.jobs.filter((k) => k === 'train')).toHaveLength(2);
    expect(rec.statuses.at(-1)).toMatch(/^Reused the run trained earlier/);
    expect(published(rec)[2].key).toBe(published(rec)[0].key);
  });

  it('the newest settings win: a change mid-training cancels the run in flight, and only the new run is published', async () => {
    const { rec, store, compute } = harness({ netSteps: 3000 });
    await until(() => rec.waiting.some((w) => /step \d+ of 3000/.test(w)));
    store.set({ netSteps: 20, netSeed: 7 });
    await until(() => published(rec).length === 1);
    expect(rec.jobs.filter((k) => k === 'train')).toHaveLength(2);
    expect(rec.statuses.at(-1)).toMatch(/^Trained \(20 steps\)/);
    expect((await compute).inFlight).toBe(0);
  });

  it('leaving the network cancels the training nobody waits for', async () => {
    const { rec, store, compute } = harness({ netSteps: 3000 });
    await until(() => rec.waiting.some((w) => /step \d+ of 3000/.test(w)));
    store.set({ landscape: 'formula' });
    const client = await compute;
    await until(() => client.inFlight === 0);
    expect(published(rec)).toHaveLength(0);
  });
});

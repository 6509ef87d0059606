/**
 * LabApp's rules in Node with fakes (no browser): a drag never recomputes the grid, the newest grid
 * request wins, a landscape choice not built yet clears the surface and says what it waits for,
 * a grid computed elsewhere is drawn level by level with the critical points searched once, at the end.
 * One point model per change (issue 20 item 2): one computation, delivered once to each subscriber,
 * carrying the chart's study and the live region's sentence; a stale remote one is never delivered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LabApp, type LabViews } from '../../src/app/LabApp';
import { chartNeeds } from '../../src/app/BreakdownPanel';
import { analyzeBreakdown, type BreakdownRequest, type BreakdownResult } from '../../src/core/breakdownAnalysis';
import type { PointModel } from '../../src/core/landscape/pointModel';
import type { GridEvaluator, GridResult } from '../../src/compute/GridEvaluator';
import type { GridLandscape } from '../../src/compute/landscape/GridLandscape';
import { formulaLandscape, type FormulaLandscape } from '../../src/core/landscape/formulaLandscape';
import { parseExpression } from '../../src/core/expr/parser';
import type { Domain, GridField } from '../../src/core/types';
import { Store } from '../../src/state/Store';
import { defaultState } from '../../src/state/schema';
import { labLandscapes } from '../../src/app/landscapeProviders';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

beforeAll(() => {
  // LabApp sets the page theme on <html>; Node has no document.
  (globalThis as { document?: unknown }).document ??= { documentElement: { dataset: {} } };
});

/** A grid of n × n nodes of f = x² + y² (what the fake evaluator returns, tagged by n). */
function bowlGrid(domain: Domain, n: number): GridField {
  const size = n * n;
  const f = new Float32Array(size);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const x = domain.xmin + (i * (domain.xmax - domain.xmin)) / (n - 1);
      const y = domain.ymin + (j * (domain.ymax - domain.ymin)) / (n - 1);
      f[j * n + i] = x * x + y * y;
    }
  }
  const zero = () => new Float32Array(size);
  return { n, domain, f, gx: zero(), gy: zero(), hxx: zero(), hxy: zero(), hyy: zero() };
}

/** A fake evaluator whose passes resolve only when the test says so, in any order. */
function fakeEvaluator() {
  const pending: { landscape: GridLandscape; n: number; resolve: (r: GridResult) => void; domain: Domain }[] = [];
  const evaluator = {
    evaluate: (landscape: GridLandscape, domain: Domain, n: number): Promise<GridResult> => new Promise((resolve) => void pending.push({ landscape, n, resolve, domain })),
  } as unknown as GridEvaluator;
  return { evaluator, pending };
}

function fakeViews() {
  const log = { grids: [] as number[], points: 0, cleared: 0, status: [] as (string | null)[], critical: 0, errors: [] as (string | null)[] };
  const views = {
    scene: {
      setGrid: (g: GridField) => void log.grids.push(g.n),
      setCriticalPoints: () => undefined,
      setPoint: () => void log.points++,
      clearGrid: () => void log.cleared++,
      setColorMode: () => undefined,
      setErrorTolerance: () => undefined,
      setVisibility: () => undefined,
      setRings: () => undefined,
      setTheme: () => undefined,
    },
    readouts: { update: () => undefined },
    notices: { show: () => undefined },
    formula: { showError: (e: string | null) => void log.errors.push(e) },
    panel: { setCriticalPoints: () => void log.critical++ },
    breakdown: { needs: () => null, setPointModel: () => undefined },
    status: { show: (t: string | null) => void log.status.push(t) },
  } as unknown as LabViews;
  return { views, log };
}

function setup() {
  const store = new Store({ ...defaultState(), n: 32 });
  const { evaluator, pending } = fakeEvaluator();
  const { views, log } = fakeViews();
  const app = new LabApp(store, evaluator, views, labLandscapes(views.formula));
  return { store, app, pending, log };
}

describe('LabApp rules (fakes in Node)', () => {
  it('a drag never recomputes the grid: only the point model and the scene point change', async () => {
    const { store, app, pending, log } = setup();
    void app.start();
    await tick();
    expect(pending).toHaveLength(1);
    pending[0].resolve(bowlGrid(pending[0].domain, 32));
    await tick();
    const pointsBefore = log.points;
    for (let k = 0; k < 10; k++) store.set({ x: 0.1 * k, y: -0.05 * k });
    expect(pending).toHaveLength(1);
    expect(log.points - pointsBefore).toBe(10);
    expect(app.pointModel?.x).toBeCloseTo(0.9, 12);
  });

  it('the newest grid request wins: an older pass that finishes last is never drawn', async () => {
    const { store, app, pending, log } = setup();
    void app.start();
    await tick();
    store.set({ formula: 'x^2 + 2*y^2' });
    await tick();
    expect(pending).toHaveLength(2);
    pending[1].resolve(bowlGrid(pending[1].domain, 32));
    await tick();
    pending[0].resolve(bowlGrid(pending[0].domain, 33));
    await tick();
    expect(log.grids).toEqual([32]);
  });

  it('a landscape choice not built yet clears the surface and says what it waits for; the built one then replaces it', async () => {
    const { store, app, pending, log } = setup();
    void app.start();
    await tick();
    pending[0].resolve(bowlGrid(pending[0].domain, 32));
    await tick();
    app.setWaiting('network', 'Training the network: step 3 of 10');
    store.set({ landscape: 'network' });
    await tick();
    expect(log.cleared).toBe(1);
    expect(log.status.at(-1)).toBe('Training the network: step 3 of 10');
    expect(app.currentLandscape).toBeNull();
    const parsed = parseExpression('x^2 + y^2');
    if (!parsed.ok) throw new Error('parse');
    const levels: number[] = [];
    const remote: GridLandscape = {
      ...formulaLandscape(parsed.expr, 'x^2 + y^2'),
      tensorFunction: () => {
        throw new Error('not on this thread');
      },
      computeGrid: async (domain, n, onLevel) => {
        for (const m of [16, n]) {
          levels.push(m);
          onLevel(bowlGrid(domain, m), m === n);
          await tick();
        }
      },
    };
    app.setExternalLandscape('network', remote);
    for (let i = 0; i < 20 && !app.idle(); i++) await tick();
    expect(log.grids.slice(-2)).toEqual([16, 32]);
    expect(levels).toEqual([16, 32]);
    expect(app.currentLandscape).toBe(remote);
    expect(log.status.at(-1)).toBeNull();
  });

  it('a bad formula keeps the last good surface and shows the error; no grid pass is started', async () => {
    const { store, app, pending, log } = setup();
    void app.start();
    await tick();
    pending[0].resolve(bowlGrid(pending[0].domain, 32));
    await tick();
    store.set({ formula: 'x^^2' });
    await tick();
    expect(pending).toHaveLength(1);
    expect(log.errors.at(-1)).toMatch(/x\^\^2|unexpected|expected/i);
    expect(log.grids).toEqual([32]);
  });
});

function formula(text: string): FormulaLandscape {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(`parse ${text}`);
  return formulaLandscape(parsed.expr, text);
}

/** A landscape that counts its evaluations (each is a pass over the data on a network slice). */
function countingLandscape(text = '(x^2 - 1)^2 + y^2', extra: Partial<GridLandscape> = {}) {
  const base = formula(text);
  const count = { value: 0, coefficients: 0 };
  const landscape: GridLandscape = {
    ...base,
    value: (x, y) => (count.value++, base.value(x, y)),
    coefficients: (x, y, order) => (count.coefficients++, base.coefficients(x, y, order)),
    tensorFunction: () => {
      throw new Error('not on this thread');
    },
    ...extra,
  };
  return { base, landscape, count };
}

/** Views that count what they receive; the chart declares its needs with the real chartNeeds. */
function countingViews() {
  const got = { readouts: 0, scenePoints: 0, chart: [] as (PointModel | null)[] };
  const { views } = fakeViews();
  const counted = {
    ...views,
    scene: { ...views.scene, setPoint: () => void got.scenePoints++ },
    readouts: { update: () => void got.readouts++ },
    breakdown: { needs: chartNeeds, setPointModel: (m: PointModel | null) => void got.chart.push(m) },
  } as unknown as LabViews;
  return { views: counted, got };
}

/** A lab showing `landscape` under the 'network' choice, its grid drawn; counters reset after the first model. */
async function labOn(landscape: GridLandscape, count: { value: number; coefficients: number }) {
  const store = new Store({ ...defaultState(), n: 32, landscape: 'network', x: 0.5, y: 0.5 });
  const { evaluator, pending } = fakeEvaluator();
  const { views, got } = countingViews();
  const app = new LabApp(store, evaluator, views, labLandscapes(views.formula));
  app.setExternalLandscape('network', landscape);
  for (let i = 0; i < 20 && !app.idle(); i++) {
    pending.shift()?.resolve(bowlGrid(pending[0]?.domain ?? { xmin: -2, xmax: 2, ymin: -2, ymax: 2 }, 32));
    await tick();
  }
  const deliveries = [0, 0];
  app.onPointModel(() => void deliveries[0]++);
  app.onPointModel(() => void deliveries[1]++);
  const reset = () => {
    count.value = 0;
    count.coefficients = 0;
    got.readouts = 0;
    got.scenePoints = 0;
    got.chart.length = 0;
    deliveries.fill(0);
  };
  reset();
  /** Computations and deliveries since the last reset. */
  const tally = () => ({ ...count, readouts: got.readouts, scene: got.scenePoints, chart: got.chart.length, listeners: [...deliveries] });
  return { store, app, got, reset, tally, pending };
}

describe('one point model per change, one channel (issue 20 item 2)', () => {
  it('one state change: one computation (one jet, the study’s 41 values) and one delivery to each subscriber', async () => {
    const { base, landscape, count } = countingLandscape();
    const { store, app, got, tally } = await labOn(landscape, count);
    store.set({ x: 0.3, y: -0.2 });
    // Before: LabApp's jet (order 2), then the chart's own jet (order 6) and 42 values = 44 evaluations.
    expect(tally()).toEqual({ coefficients: 1, value: 41, readouts: 1, scene: 1, chart: 1, listeners: [1, 1] });
    const model = app.pointModel;
    if (!model) throw new Error('no model');
    expect(got.chart[0]).toBe(model);
    const request: BreakdownRequest = { ...(chartNeeds(store.get()) as NonNullable<ReturnType<typeof chartNeeds>>), x0: 0.3, y0: -0.2 };
    expect(model.breakdown).toStrictEqual(analyzeBreakdown(base, request));
    expect(model.summary).toMatch(/^Point \(0\.3000, -0\.2000\): f = 0\.8681; .*; eigenvalues λ₁ = /);
  });

  it('a drag of 10 frames: 10 computations, each model delivered once to each subscriber', async () => {
    const { landscape, count } = countingLandscape();
    const { store, tally } = await labOn(landscape, count);
    for (let k = 1; k <= 10; k++) store.set({ x: 0.5 + 0.01 * k });
    expect(tally()).toEqual({ coefficients: 10, value: 410, readouts: 10, scene: 10, chart: 10, listeners: [10, 10] });
  });

  it('a change of the chart’s study recomputes once; what the model does not depend on recomputes nothing', async () => {
    const { landscape, count } = countingLandscape();
    const { store, app, tally, reset } = await labOn(landscape, count);
    store.set({ tolerance: 1e-3 });
    expect(tally()).toEqual({ coefficients: 1, value: 41, readouts: 1, scene: 1, chart: 1, listeners: [1, 1] });
    expect(app.pointModel?.breakdownRequest?.tolerance).toBe(1e-3);
    reset();
    store.set({ theme: 'projector-light' });
    store.set({ showChart: false });
    store.set({ direction: 'eigen1', precision: 'float32' }); // the hidden chart asks nothing
    expect(tally()).toEqual({ coefficients: 0, value: 0, readouts: 0, scene: 0, chart: 0, listeners: [0, 0] });
    store.set({ x: 0.1 }); // hidden chart: the model alone, no study
    expect(tally()).toEqual({ coefficients: 1, value: 0, readouts: 1, scene: 1, chart: 1, listeners: [1, 1] });
    expect(app.pointModel?.breakdown).toBeUndefined();
    reset();
    store.set({ showChart: true }); // shown again: one model with the study it now asks for
    expect(tally()).toEqual({ coefficients: 1, value: 41, readouts: 1, scene: 1, chart: 1, listeners: [1, 1] });
    expect(app.pointModel?.breakdownRequest).toMatchObject({ x0: 0.1, direction: 'eigen1', precision: 'float32' });
    reset();
    store.set({ showChart: false });
    store.set({ showChart: true }); // the model on screen still answers it
    expect(tally()).toEqual({ coefficients: 0, value: 0, readouts: 0, scene: 0, chart: 0, listeners: [0, 0] });
  });

  it('a finer grid level of the same landscape does not recompute the point model', async () => {
    const levels: number[] = [];
    const { landscape, count } = countingLandscape('(x^2 - 1)^2 + y^2', {
      findCriticalPoints: () => Promise.resolve([]), // the search elsewhere: only the point model evaluates here
      computeGrid: async (domain, n, onLevel) => {
        for (const m of [16, n]) {
          levels.push(m);
          onLevel(bowlGrid(domain, m), m === n);
          await tick();
        }
      },
    });
    const store = new Store({ ...defaultState(), n: 32, landscape: 'network' });
    const { evaluator } = fakeEvaluator();
    const { views, got } = countingViews();
    const app = new LabApp(store, evaluator, views, labLandscapes(views.formula));
    app.setExternalLandscape('network', landscape);
    for (let i = 0; i < 20 && !app.idle(); i++) await tick();
    expect(levels).toEqual([16, 32]);
    expect(count.coefficients).toBe(1);
    expect(got.chart).toHaveLength(1);
  });

  it('a remote point model: coefficients and study from the compute side, delivered once; a stale one never', async () => {
    type Pending<T> = { resolve: (v: T) => void; reject: (e: Error) => void; signal: AbortSignal; x: number };
    const coefficientCalls: Pending<Float64Array>[] = [];
    const studyCalls: Pending<{ study: BreakdownResult; value: number }>[] = [];
    const { base, landscape, count } = countingLandscape('(x^2 - 1)^2 + y^2', {
      findCriticalPoints: () => Promise.resolve([]),
      remotePoint: {
        coefficients: (x, _y, _order, signal) => new Promise((resolve, reject) => void coefficientCalls.push({ resolve, reject, signal, x })),
        breakdown: (request, signal) => new Promise((resolve, reject) => void studyCalls.push({ resolve, reject, signal, x: request.x0 })),
      },
    });
    const store = new Store({ ...defaultState(), n: 32, landscape: 'network', x: 0.5, y: 0.5 });
    const { evaluator, pending } = fakeEvaluator();
    const { views, got } = countingViews();
    const app = new LabApp(store, evaluator, views, labLandscapes(views.formula));
    const delivered: PointModel[] = [];
    app.onPointModel((m) => void delivered.push(m));
    app.setExternalLandscape('network', landscape);
    await tick();
    pending[0].resolve(bowlGrid(pending[0].domain, 32));
    await tick();
    expect(coefficientCalls.map((c) => c.x)).toEqual([0.5]);
    expect(studyCalls.map((c) => c.x)).toEqual([0.5]);
    // Answer the first request: one model, with the remote study, delivered once.
    const answer = (k: number, x: number) => {
      const request: BreakdownRequest = { ...(chartNeeds(store.get()) as NonNullable<ReturnType<typeof chartNeeds>>), x0: x, y0: 0.5 };
      coefficientCalls[k].resolve(base.coefficients(x, 0.5, 2));
      studyCalls[k].resolve({ study: analyzeBreakdown(base, request), value: base.value(x, 0.5) });
      return request;
    };
    const first = answer(0, 0.5);
    await tick();
    expect(delivered).toHaveLength(1);
    expect(got.chart).toHaveLength(1);
    expect(delivered[0].breakdownRequest).toStrictEqual(first);
    expect(delivered[0].breakdown).toStrictEqual(analyzeBreakdown(base, first));
    expect(delivered[0].summary).toMatch(/^Point \(0\.5000, 0\.5000\)/);
    // Two changes: the first is aborted by the second; answered late (after the newer one), never shown.
    store.set({ x: 0.6 });
    store.set({ x: 0.7 });
    expect(coefficientCalls.map((c) => c.x)).toEqual([0.5, 0.6, 0.7]);
    expect(coefficientCalls[1].signal.aborted && studyCalls[1].signal.aborted).toBe(true);
    expect(coefficientCalls[2].signal.aborted || studyCalls[2].signal.aborted).toBe(false);
    answer(2, 0.7);
    await tick();
    answer(1, 0.6);
    await tick();
    expect(delivered.map((m) => m.x)).toEqual([0.5, 0.7]);
    expect(app.pointModel?.x).toBe(0.7);
    // The stale answer coming first is not shown either: the newest is awaited.
    store.set({ x: 0.8 });
    store.set({ x: 0.9 });
    answer(3, 0.8);
    await tick();
    expect(delivered.map((m) => m.x)).toEqual([0.5, 0.7]);
    answer(4, 0.9);
    await tick();
    expect(delivered.map((m) => m.x)).toEqual([0.5, 0.7, 0.9]);
    expect(got.chart.map((m) => m?.x)).toEqual([0.5, 0.7, 0.9]);
    // Nothing is evaluated on this thread for a remote landscape.
    expect(count).toEqual({ value: 0, coefficients: 0 });
  });
});

/**
 * LabApp's rules in Node with fakes (no browser): a drag never recomputes the grid, the newest grid
 * request wins, a landscape choice not built yet clears the surface and says what it waits for,
 * a grid computed elsewhere is drawn level by level with the critical points searched once, at the end.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LabApp, type LabViews } from '../../src/app/LabApp';
import type { GridEvaluator, GridResult } from '../../src/compute/GridEvaluator';
import type { GridLandscape } from '../../src/compute/landscape/GridLandscape';
import { formulaLandscape } from '../../src/core/landscape/formulaLandscape';
import { parseExpression } from '../../src/core/expr/parser';
import type { Domain, GridField } from '../../src/core/types';
import { Store } from '../../src/state/Store';
import { defaultState } from '../../src/state/schema';

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
  const app = new LabApp(store, evaluator, views);
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

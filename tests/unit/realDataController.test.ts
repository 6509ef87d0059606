/**
 * The network controller on the user's files in Node (fake host and view, the real compute jobs
 * in-process on tfjs CPU): a CSV trains on mini-batches and publishes its slice with the split,
 * the objective and the scores; an imported model is θ* as loaded (0 steps); a link naming a CSV
 * the page does not hold clears the landscape and says why instead of showing another one.
 */
import { describe, expect, it } from 'vitest';
import { NetworkController, type NetworkHost, type NetworkView, type PublishedNetwork } from '../../src/app/network/NetworkController';
import { inProcessConnection } from '../../src/app/network/computeConnection';
import type { RealDataView, RealRunInfo } from '../../src/app/network/RealDataReadouts';
import type { GridLandscape } from '../../src/compute/landscape/GridLandscape';
import { networkLoss } from '../../src/core/network/mlp';
import { Store } from '../../src/state/Store';
import { defaultState, type LabState } from '../../src/state/schema';
import { networkPresetPatch } from '../../src/state/actions';
import { UserFiles } from '../../src/ui/UserFiles';
import * as P from '../../src/ui/dataSourcePresenters';
import { layersModelFiles } from './support/layersModel';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

async function until(predicate: () => boolean, tries = 3000): Promise<void> {
  for (let i = 0; i < tries && !predicate(); i++) await tick();
  expect(predicate()).toBe(true);
}

/** A CSV of 60 rows: y = x1 - 2 x2 (+ a fixed wiggle), and a binary class by its sign. */
function csvText(): string {
  const rows = ['x1,x2,y,cls'];
  for (let k = 0; k < 60; k++) {
    const x1 = Math.sin(1.3 * k);
    const x2 = Math.cos(0.7 * k);
    const y = x1 - 2 * x2 + 0.05 * Math.sin(5 * k);
    rows.push(`${x1.toFixed(4)},${x2.toFixed(4)},${y.toFixed(4)},${y > 0 ? 1 : 0}`);
  }
  return `${rows.join('\n')}\n`;
}

function harness(state: Partial<LabState>, files: UserFiles) {
  const landscapes: (GridLandscape | null)[] = [];
  const waiting: string[] = [];
  const statuses: string[] = [];
  const runs: (RealRunInfo | null)[] = [];
  const scores: { at: string; train: number | null; test: number | null }[] = [];
  const host: NetworkHost = {
    setExternalLandscape: (_c, l) => void landscapes.push(l),
    setWaiting: (_c, text) => void waiting.push(text),
    onPointModel: () => undefined,
    onGridProgress: () => undefined,
  };
  const noop = (): void => undefined;
  const realData: RealDataView & { files: UserFiles } = {
    files,
    realRun: (info) => void runs.push(info),
    scores: (at, train, test) => void scores.push({ at, train, test }),
    examples: noop,
    confusion: noop,
  };
  const view: NetworkView = { progress: noop, prediction: noop, status: (t) => void statuses.push(t), parameters: noop, fullHessian: noop, path: noop, sharpness: noop, gridProgress: noop, busy: noop, dataSource: realData };
  const store = new Store({ ...defaultState(), ...networkPresetPatch(), n: 16, netHidden: '4', ...state });
  const controller = new NetworkController(store, host, view, inProcessConnection('cpu').then((c) => c.client));
  const published: PublishedNetwork[] = [];
  controller.onPublished((n) => published.push(n));
  return { landscapes, waiting, statuses, runs, scores, published, controller };
}

function withCsv(): UserFiles {
  const files = new UserFiles();
  const text = csvText();
  const loaded = P.loadCsvText('wiggle.csv', text, text.length);
  if ('error' in loaded) throw new Error(loaded.error);
  files.setCsv(loaded.csv);
  return files;
}

describe('NetworkController on the user’s files', () => {
  it('trains a CSV regression on mini-batches and reports the split, the objective and the test R²', async () => {
    const h = harness({ netData: 'csv', netCsvName: 'wiggle.csv', netCsvTarget: 'y', netCsvTask: 'regression', netBatch: 16, netEpochs: 5, netOptimizer: 'momentum', netLr: 0.02 }, withCsv());
    await until(() => h.published.length === 1 && h.scores.length === 2);
    const run = h.published[0];
    // 48 training rows (20 % held out), batches of 16: 3 steps an epoch.
    expect(run.steps).toBe(15);
    expect(run.settings.spec.widths).toEqual([3, 4, 1]);
    expect(h.runs.at(-1)).toMatchObject({ objective: { size: 48, of: 48, subset: false }, planeInset: false });
    // The test score at θ* first, then the training score (test null).
    expect(h.scores[0].at).toBe('θ*');
    expect(Number.isFinite(h.scores[0].test)).toBe(true);
    expect(h.scores[1].test).toBeNull();
    expect(Number.isFinite(h.scores[1].train)).toBe(true);
    const landscape = h.landscapes.at(-1)!;
    expect(landscape.value(0, 0)).toBeCloseTo(networkLoss(run.settings.spec, run.theta, run.settings.data), 12);
  });

  it('shows an imported model as θ*, untrained, with the status saying so', async () => {
    const files = withCsv();
    const m = layersModelFiles([3, 5, 1], 'tanh', 'sigmoid', 7);
    const loaded = P.loadModelFiles([{ name: 'model.json', bytes: new TextEncoder().encode(m.json).buffer as ArrayBuffer }, { name: m.binName, bytes: m.bin.buffer as ArrayBuffer }]);
    if ('error' in loaded) throw new Error(loaded.error);
    files.setModel(loaded.model);
    const h = harness({ netData: 'csv', netCsvName: 'wiggle.csv', netCsvTarget: 'cls', netModelName: 'model.json' }, files);
    await until(() => h.published.length === 1);
    expect(h.published[0].steps).toBe(0);
    expect(Array.from(h.published[0].theta)).toEqual(Array.from(loaded.model.model.theta));
    await until(() => h.statuses.some((s) => /^Loaded model\.json as θ\* \(not trained\)/.test(s)));
  });

  it('a link to a CSV run in a page without the file clears the landscape and asks for the file', async () => {
    const h = harness({ netData: 'csv', netCsvName: 'wiggle.csv', netCsvTarget: 'y' }, new UserFiles());
    await until(() => h.waiting.length > 0);
    expect(h.landscapes).toEqual([null]);
    expect(h.waiting[0]).toMatch(/your CSV wiggle\.csv .* which a link cannot carry/);
    expect(h.statuses[0]).toBe(h.waiting[0]);
    expect(h.published).toEqual([]);
  });
});

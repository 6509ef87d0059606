/**
 * The page side of issue 16 in Node: the state's settings become the data and network of every
 * real source (the same assets the page fetches, read from the repository here), the CSV and model
 * files give the panel the core's messages, a link names a CSV or a model but cannot carry it (and
 * resolving it says so instead of another landscape), and the chunked main-thread predictions
 * equal the core's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NetworkSources, missingFileMessage, type ResolvedSettings } from '../../src/app/network/networkSources';
import type { NetworkSettings } from '../../src/app/network/networkSettings';
import { outputsInChunks, scoresOf } from '../../src/app/network/chunkedPredict';
import { accuracy, predictClasses, initParameters } from '../../src/core/network/mlp';
import { confusionMatrix } from '../../src/core/network/softmax';
import { chebyshevT } from '../../src/core/data/tabular';
import { defaultState, type LabState } from '../../src/state/schema';
import { decodeState, encodeState } from '../../src/state/permalink';
import { UserFiles } from '../../src/ui/UserFiles';
import * as P from '../../src/ui/dataSourcePresenters';
import { layersModelFiles } from './support/layersModel';

const ROOT = path.resolve(__dirname, '../..');
const fetchFromRepo = async (p: string): Promise<ArrayBuffer> => {
  const b = readFileSync(path.join(ROOT, p));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

const NET: Partial<LabState> = { landscape: 'network', preset: 'network', netHidden: '8,8' };

function settingsOf(r: ResolvedSettings): NetworkSettings {
  if ('problem' in r) throw new Error(r.problem);
  if ('missingFile' in r) throw new Error(r.missingFile);
  return r;
}

async function resolve(state: Partial<LabState>, files: UserFiles | null = null): Promise<ResolvedSettings> {
  return new NetworkSources(files, fetchFromRepo).resolve({ ...defaultState(), ...NET, ...state });
}

const CSV = 'a,b,label\n0.1,1,0\n0.4,2,1\n0.3,1.5,0\n0.9,3,1\n0.2,0.5,0\n0.8,2.5,1\n0.7,2.2,1\n0.15,0.9,0\n0.5,1.8,1\n0.35,1.1,0\n';

function csvFiles(text = CSV, name = 'points.csv'): UserFiles {
  const files = new UserFiles();
  const loaded = P.loadCsvText(name, text, text.length);
  if ('error' in loaded) throw new Error(loaded.error);
  files.setCsv(loaded.csv);
  return files;
}

describe('network settings for each real data source', () => {
  it('digits: 64 inputs, 10 softmax outputs, a seeded 80/20 split, the whole training set as the objective', async () => {
    const s = settingsOf(await resolve({ netData: 'digits', netHidden: '32' }));
    expect(s.spec.widths).toEqual([64, 32, 10]);
    expect(s.spec.task).toBe('classification');
    expect(s.data.size + (s.prepared?.test?.size ?? 0)).toBe(1797);
    expect(s.prepared?.test?.size).toBe(359);
    expect(s.objective).toEqual({ size: 1438, of: 1438, subset: false });
    expect(s.prepared?.image).toEqual({ rows: 8, cols: 8 });
  });

  it('MNIST: 784-128-64-10 with the fixed 2,000 + 500 split and a seeded objective subset of 500; mini-batch epochs become steps', async () => {
    const s = settingsOf(await resolve({ netData: 'mnist', netHidden: '128,64', netObjective: 500, netBatch: 100, netEpochs: 3, netOptimizer: 'momentum' }));
    expect(s.spec.widths).toEqual([784, 128, 64, 10]);
    expect(s.trainData?.size).toBe(2000);
    expect(s.data.size).toBe(500);
    expect(s.objective).toEqual({ size: 500, of: 2000, subset: true });
    expect(s.prepared?.test?.size).toBe(500);
    expect(s.batchSize).toBe(100);
    expect(s.steps).toBe(60);
    expect(s.optimizer).toBe('momentum');
    expect(P.objectiveText(s.objective!, s.seed)).toMatch(/fixed subset of 500 of the 2,000 training samples \(seed 1\)/);
  });

  it('MNIST 14×14, Iris and Chebyshev: 196 inputs, 3 classes, and T_k regression with the degree from the state', async () => {
    expect(settingsOf(await resolve({ netData: 'mnist14' })).spec.widths).toEqual([196, 8, 8, 10]);
    const iris = settingsOf(await resolve({ netData: 'iris' }));
    expect(iris.spec.widths).toEqual([4, 8, 8, 3]);
    expect(iris.prepared?.test?.size).toBe(30);
    const cheb = settingsOf(await resolve({ netData: 'chebyshev', netDegree: 5 }));
    expect(cheb.spec).toMatchObject({ widths: [1, 8, 8, 1], task: 'regression' });
    expect(cheb.data.size).toBe(20);
    expect(cheb.data.targets[3]).toBeCloseTo(chebyshevT(5, cheb.data.inputs[3]), 12);
    expect(cheb.prepared?.test).toBeNull();
  });

  it('keys runs by what makes them: the seed, the degree, the CSV bytes', async () => {
    const a = settingsOf(await resolve({ netData: 'chebyshev', netDegree: 5 }));
    const b = settingsOf(await resolve({ netData: 'chebyshev', netDegree: 6 }));
    expect(a.key).not.toBe(b.key);
    const c1 = settingsOf(await resolve({ netData: 'csv', netCsvName: 'points.csv' }, csvFiles()));
    const c2 = settingsOf(await resolve({ netData: 'csv', netCsvName: 'points.csv' }, csvFiles(CSV.replace('0.9,3,1', '0.9,3.5,1'))));
    expect(c1.key).not.toBe(c2.key);
  });

  it('refuses a hidden layer wider than 256 or a fifth layer with a message', async () => {
    expect(await resolve({ netData: 'digits', netHidden: '300' })).toEqual({ problem: expect.stringMatching(/1 to 256/) });
    expect(await resolve({ netData: 'digits', netHidden: '8,8,8,8,8' })).toEqual({ problem: expect.stringMatching(/at most 4/) });
  });
});

describe('the CSV flow and its messages', () => {
  it('a binary CSV target trains a one-output logistic network on standardised inputs', async () => {
    const s = settingsOf(await resolve({ netData: 'csv', netCsvName: 'points.csv', netCsvTarget: 'label' }, csvFiles()));
    expect(s.spec.widths).toEqual([2, 8, 8, 1]);
    expect(s.data.size).toBe(8);
    expect(s.prepared?.test?.size).toBe(2);
  });

  it('shows the core parser’s message with the file name, line and column', () => {
    expect(P.loadCsvText('bad.csv', 'a,b\n1,2\n3,x\n', 12)).toEqual({ error: "bad.csv: line 3, column 2 ('b'): 'x' is not a number" });
    expect(P.loadCsvText('nan.csv', 'a,b\n1,NaN\n', 10)).toEqual({ error: expect.stringMatching(/NaN and ∞ are not allowed/) });
    expect(P.loadCsvText('ragged.csv', 'a,b\n1,2\n3\n', 10)).toEqual({ error: expect.stringMatching(/line 3 has 1 cells, expected 2/) });
    expect(P.csvTooLarge('big.csv', 11 * 1024 * 1024)).toBe('big.csv: the file is 11.0 MB; the limit is 10 MB');
    expect(P.CSV_LIMITS_TEXT).toMatch(/20,000 rows, 1,024 columns and 10 MB/);
  });

  it('names a target with one class, a fractional class, or no such column; the resolved run says the same', async () => {
    const files = csvFiles();
    const table = files.csv!.table;
    expect(P.csvTargetProblem(table, 'a', 'classification')).toMatch(/0\.1 is not an integer class/);
    expect(P.csvTargetProblem(table, 'nope', 'classification')).toMatch(/no target column named 'nope'/);
    expect(P.csvTargetProblem(table, 'a', 'regression')).toBeNull();
    const one = csvFiles('x,y\n1,0\n2,0\n3,0\n');
    expect(P.csvTargetProblem(one.csv!.table, 'y', 'classification')).toMatch(/one class only/);
    expect(await resolve({ netData: 'csv', netCsvTarget: 'a' }, files)).toEqual({ problem: expect.stringMatching(/^your CSV: .*not an integer class/) });
    expect(P.csvTargetOptions(table)).toEqual({ 'a (column 1)': 'a', 'b (column 2)': 'b', 'label (column 3)': 'label' });
  });
});

describe('links to runs on user files', () => {
  it('a CSV run’s link names the file, target and task but not the data; opened elsewhere it asks for the file', async () => {
    const state: LabState = { ...defaultState(), ...NET, netData: 'csv', netCsvName: 'points.csv', netCsvTarget: 'label', netCsvTask: 'classification' };
    const link = encodeState(state);
    expect(link).toMatch(/netData=csv/);
    expect(link).toMatch(/netCsvName=points\.csv/);
    expect(link).not.toMatch(/0\.4/);
    const opened = decodeState(link).state;
    const r = await new NetworkSources(new UserFiles(), fetchFromRepo).resolve(opened);
    expect(r).toEqual({ missingFile: expect.stringMatching(/your CSV points\.csv \(target 'label', classification\), which a link cannot carry/) });
    expect(missingFileMessage(opened, csvFiles(CSV, 'other.csv'))).toMatch(/names the CSV points\.csv, but the file chosen in this page is other\.csv/);
    expect(missingFileMessage(opened, csvFiles())).toBeNull();
  });

  it('a model run’s link names the model only; without its files the page says so', async () => {
    const state: LabState = { ...defaultState(), ...NET, netData: 'iris', netModelName: 'model.json' };
    expect(encodeState(state)).toMatch(/netModelName=model\.json/);
    const r = await new NetworkSources(new UserFiles(), fetchFromRepo).resolve(decodeState(encodeState(state)).state);
    expect(r).toEqual({ missingFile: expect.stringMatching(/your model model\.json, which a link cannot carry/) });
    expect(P.MODEL_LINK_NOTE).toMatch(/The model is not in the link/);
    expect(P.CSV_LINK_NOTE).toMatch(/The CSV is not in the link/);
  });
});

describe('your own model', () => {
  const files = (widths: number[], act = 'tanh', out = 'softmax', layer = 'Dense') => {
    const m = layersModelFiles(widths, act, out, 3, layer);
    return [{ name: 'model.json', bytes: new TextEncoder().encode(m.json).buffer as ArrayBuffer }, { name: m.binName, bytes: m.bin.buffer as ArrayBuffer }];
  };

  it('becomes θ* untrained unless asked, on a data set that fits it (4-6-3 on Iris)', async () => {
    const loaded = P.loadModelFiles(files([4, 6, 3]));
    if ('error' in loaded) throw new Error(loaded.error);
    expect(P.modelSummary(loaded.model)).toMatch(/^model\.json: 4-6-3 tanh MLP, 51 weights, 3 classes \(softmax output\)/);
    expect(P.dataForModel(loaded.model, 'circles', { csv: null })).toBe('iris');
    const user = new UserFiles();
    user.setModel(loaded.model);
    const s = settingsOf(await resolve({ netData: 'iris', netModelName: 'model.json', netDirections: 'path' }, user));
    expect(s.steps).toBe(0);
    expect(s.directions).toBe('filter');
    expect(Array.from(s.initialTheta!)).toEqual(Array.from(loaded.model.model.theta));
    expect(s.spec.widths).toEqual([4, 6, 3]);
    const trained = settingsOf(await resolve({ netData: 'iris', netModelName: 'model.json', netModelTrain: true, netSteps: 40 }, user));
    expect(trained.steps).toBe(40);
    expect(await resolve({ netData: 'digits', netModelName: 'model.json' }, user)).toEqual({ problem: expect.stringMatching(/does not fit .*data has 64 inputs, the network takes 4/) });
  });

  it('an unsupported layer, a missing weight file or two model.json files get the importer’s message', () => {
    expect(P.loadModelFiles(files([4, 6, 3], 'tanh', 'softmax', 'Conv2D'))).toEqual({ error: expect.stringMatching(/^model\.json: .*Conv2D/) });
    expect(P.loadModelFiles(files([4, 6, 3], 'elu'))).toEqual({ error: expect.stringMatching(/activation 'elu' .* is not supported/) });
    expect(P.loadModelFiles(files([4, 6, 3]).slice(0, 1))).toEqual({ error: expect.stringMatching(/missing weight file 'group1-shard1of1\.bin'/) });
    expect(P.loadModelFiles([])).toEqual({ error: expect.stringMatching(/choose model\.json together with its weight files/) });
  });
});

describe('predictions on the main thread', () => {
  it('in chunks equal the core’s predicted classes, accuracy and confusion matrix (digits, 64-32-10)', async () => {
    const s = settingsOf(await resolve({ netData: 'digits', netHidden: '32' }));
    const theta = initParameters(s.spec, 5);
    const test = s.prepared!.test!;
    const z = await outputsInChunks(s.spec, theta, test, () => false);
    const scores = scoresOf(s.spec, z!, test);
    const predicted = predictClasses(s.spec, theta, test);
    expect(Array.from(scores.predicted!)).toEqual(Array.from(predicted));
    expect(scores.score).toBeCloseTo(accuracy(s.spec, theta, test), 12);
    expect(scores.confusion).toEqual(confusionMatrix(predicted, test.targets, 10));
    expect(await outputsInChunks(s.spec, theta, test, () => true)).toBeNull();
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliAsync, USAGE } from '../../src/cli/taylorLab';
import { gridCoordinates } from '../../src/compute/GridEvaluator';
import { makeDataset } from '../../src/core/network/datasets';
import { initParameters, layersToNested } from '../../src/core/network/mlp';
import { createRandom } from '../../src/core/network/random';
import { sliceLossCoefficients } from '../../src/core/network/sliceJets';
import type { NetworkSpec } from '../../src/core/network/types';
import { coefficientIndex } from '../../src/core/taylorLayout';

const dir = mkdtempSync(path.join(tmpdir(), 'taylor-lab-slice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const data = makeDataset('circles', { seed: 2, noise: 0.1, size: 30 });
const spec: NetworkSpec = { widths: [2, 6, 5, 1], activation: 'tanh', task: 'classification', weightDecay: 0.02 };
const rng = createRandom(5);
const theta = initParameters(spec, 4).map((w) => w + 0.2 * rng.normal());
const d1 = Float64Array.from(theta, () => 0.4 * rng.normal());
const d2 = Float64Array.from(theta, () => 0.4 * rng.normal());

/** A saved run in the taylor-lab-network/1 layout, as `network --save` writes it. */
function savedRun(): Record<string, unknown> {
  const nested = (p: Float64Array) => layersToNested(spec, p);
  return {
    format: 'taylor-lab-network/1',
    task: spec.task,
    activation: spec.activation,
    weightDecay: spec.weightDecay,
    data: { inputs: Array.from({ length: data.size }, (_, k) => Array.from(data.inputs.subarray(2 * k, 2 * k + 2))), targets: Array.from(data.targets) },
    layers: nested(theta),
    directions: { kind: 'filter', d1: nested(d1), d2: nested(d2) },
    report: {},
  };
}

function writeRun(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const runFile = writeRun('run.json', savedRun());

async function slice(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCliAsync(['slice', ...argv], { out: (s) => out.push(s), err: (s) => err.push(...s.split('\n')) });
  return { code, stdout: out.join('\n'), stderr: err };
}

interface GridFile {
  format: string;
  engine: string;
  n: number;
  a: number[];
  b: number[];
  seconds: number;
  fields: Record<'f' | 'da' | 'db' | 'daa' | 'dab' | 'dbb', number[][]>;
}

async function grid(name: string, ...options: string[]): Promise<GridFile> {
  const out = path.join(dir, name);
  const r = await slice(runFile, '--grid', '6', '--window', '-1,0.5,-0.4,1', '--out', out, ...options);
  expect(r.code, r.stderr.join('\n')).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ out, n: 6 });
  return JSON.parse(readFileSync(out, 'utf8')) as GridFile;
}

const KEYS = ['f', 'da', 'db', 'daa', 'dab', 'dbb'] as const;

describe('taylor-lab slice', () => {
  it('is listed in --help', async () => {
    expect(USAGE).toContain('taylor-lab slice <run.json>');
  });

  it('writes the six fields at every node, equal to the float64 slice jets', async () => {
    const g = await grid('jets.json');
    expect(g).toMatchObject({ format: 'taylor-lab-slice-grid/1', engine: 'jets-f64', n: 6 });
    expect(g.seconds).toBeGreaterThan(0);
    const { xs, ys } = gridCoordinates({ xmin: -1, xmax: 0.5, ymin: -0.4, ymax: 1 }, 6);
    expect(g.a).toEqual(Array.from(xs.subarray(0, 6)));
    expect(g.b).toEqual([0, 1, 2, 3, 4, 5].map((j) => ys[6 * j]));
    const scale = [1, 1, 1, 2, 1, 2];
    const index = [[0, 0], [1, 0], [0, 1], [2, 0], [1, 1], [0, 2]].map(([i, j]) => coefficientIndex(i, j));
    for (let j = 0; j < 6; j++) {
      for (let i = 0; i < 6; i++) {
        const c = sliceLossCoefficients(spec, data, theta, d1, d2, g.a[i], g.b[j], 2);
        KEYS.forEach((key, f) => {
          const expected = scale[f] * c[index[f]];
          expect(Math.abs(g.fields[key][j][i] - expected), `${key} at (${i}, ${j})`).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(expected)));
        });
      }
    }
  });

  it('--engine autodiff (and --backend wasm where it starts) agree with the jets to 1e-4 of each field', async () => {
    const jets = await grid('jets2.json');
    for (const options of [['--engine', 'autodiff'], ['--backend', 'wasm']]) {
      const out = path.join(dir, 'other.json');
      const r = await slice(runFile, '--grid', '6', '--window', '-1,0.5,-0.4,1', '--out', out, ...options);
      if (r.code !== 0 && options[1] === 'wasm') continue;
      expect(r.code, r.stderr.join('\n')).toBe(0);
      const other = JSON.parse(readFileSync(out, 'utf8')) as GridFile;
      expect(other.engine).toBe(options[1] === 'wasm' ? 'jets-tfjs' : 'autodiff');
      for (const key of KEYS) {
        const largest = Math.max(...jets.fields[key].flat().map(Math.abs));
        const worst = Math.max(...jets.fields[key].flat().map((v, k) => Math.abs(v - other.fields[key].flat()[k])));
        expect(worst, `${options.join(' ')} ${key}`).toBeLessThanOrEqual(1e-4 * largest);
      }
    }
  });

  it.each([
    ['a missing file', [path.join(dir, 'none.json'), '--out', 'x.json'], /cannot read run file/],
    ['a file that is not JSON', [writeRun('bad.json', '{ nope'), '--out', 'x.json'], /not JSON/],
    ['another format', [writeRun('other.json', { format: 'x/1' }), '--out', 'x.json'], /expected "format": "taylor-lab-network\/1"/],
    ['a layer of the wrong shape', [writeRun('shape.json', { ...savedRun(), directions: { d1: [{ weights: [[1]], bias: [0] }], d2: [] } }), '--out', 'x.json'], /directions\.d1/],
    ['no --out', [runFile], /needs --out/],
    ['a bad window', [runFile, '--window', '1,0,0,1', '--out', 'x.json'], /--window/],
    ['an unknown engine', [runFile, '--engine', 'magic', '--out', 'x.json'], /unknown engine 'magic'/],
  ])('exits with status 2 and one line for %s', async (_, argv, message) => {
    const r = await slice(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(message);
  });
});

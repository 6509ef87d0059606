/**
 * `taylor-lab slice run.json --grid 64 --out grid.json`: the loss of a saved network run over the
 * slice θ* + a·d1 + b·d2 on an n × n grid, with ∂/∂a, ∂/∂b and the three second derivatives at
 * every node, written as JSON (docs/formats/slice-grid.md). `--engine jets` (default) is Taylor-mode:
 * the float64 loop with `--backend cpu` (default), tfjs ops on WASM with `--backend wasm`;
 * `--engine autodiff` is the nested reverse-mode reference on the chosen backend.
 */
import { writeFileSync } from 'node:fs';
import type { Domain } from '../core/types';
import { initBackend } from '../compute/backend';
import { gridCoordinates } from '../compute/GridEvaluator';
import { createSliceEngine, evaluateSliceGridF64 } from '../compute/network/sliceGrid';
import type { SliceEngineKind } from '../compute/network/sliceGrid';
import { initWasmBackend } from '../compute/wasmBackend';
import type { ParsedArgs } from './cliArgs';
import { CliError, parseIntegerInRange, parseNumberList } from './cliArgs';
import type { ReportValue } from './jsonOutput';
import { formatJson, replaceNonFinite } from './jsonOutput';
import { readSavedRun } from './savedRunFile';

/** Valued options of `slice`. */
export const SLICE_OPTIONS = ['grid', 'window', 'engine', 'backend', 'out'] as const;

/** Name of the layout `slice` writes. */
export const SLICE_GRID_FORMAT = 'taylor-lab-slice-grid/1';

/** Largest grid the CLI accepts (6 float64 fields of n² nodes, as JSON). */
const MAX_GRID = 1024;

/** The six fields' names in the output, in GridEvaluator's order. */
const FIELD_KEYS = ['f', 'da', 'db', 'daa', 'dab', 'dbb'] as const;

/** Everything one `slice` command line asks for, checked. */
interface SliceSettings {
  readonly run: string;
  readonly n: number;
  readonly window: Domain;
  readonly engine: SliceEngineKind;
  readonly backend: 'cpu' | 'wasm';
  readonly out: string;
}

/** Reads and checks the options; throws CliError (exit 2) for bad input. */
function parseSliceSettings(args: ParsedArgs): SliceSettings {
  if (args.positionals.length !== 1) throw new CliError('slice takes one saved run: taylor-lab slice run.json --out grid.json (try taylor-lab --help)');
  const out = args.values.get('out');
  if (out === undefined) throw new CliError('slice needs --out <file> for the grid JSON');
  const w = parseNumberList(args.values.get('window') ?? '-1,1,-1,1', '--window');
  if (w.length !== 4 || !(w[0] < w[1]) || !(w[2] < w[3])) throw new CliError(`--window must be amin,amax,bmin,bmax with amin < amax and bmin < bmax, got '${args.values.get('window')}'`);
  const engine = args.values.get('engine') ?? 'jets';
  if (engine !== 'jets' && engine !== 'autodiff') throw new CliError(`unknown engine '${engine}': expected jets, autodiff`);
  const backend = args.values.get('backend') ?? 'cpu';
  if (backend !== 'cpu' && backend !== 'wasm') throw new CliError(`unknown backend '${backend}': expected cpu, wasm`);
  return {
    run: args.positionals[0],
    n: parseIntegerInRange(args.values.get('grid') ?? '64', '--grid', 2, MAX_GRID, 'nodes per side'),
    window: { xmin: w[0], xmax: w[1], ymin: w[2], ymax: w[3] },
    engine,
    backend,
    out,
  };
}

/** Activates the tfjs backend the command asked for. */
async function useBackend(backend: 'cpu' | 'wasm'): Promise<void> {
  if (backend === 'cpu') {
    await initBackend('cpu');
    return;
  }
  const reason = await initWasmBackend();
  if (reason !== null) throw new CliError(`--backend wasm is not available here: ${reason}`);
}

/** Rows j of a field (b_j), each the n values at a_0 … a_(n-1). */
function rows(field: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, j) => Array.from(field.subarray(j * n, (j + 1) * n)));
}

/** Runs `slice`: reads the run, evaluates the grid, writes --out; returns the summary printed on stdout. */
export async function sliceCommand(args: ParsedArgs): Promise<ReportValue> {
  const settings = parseSliceSettings(args);
  const problem = readSavedRun(settings.run);
  await useBackend(settings.backend);
  const { n, window } = settings;
  const engine = createSliceEngine(problem, settings.engine, settings.backend);
  let fields: Float64Array | null;
  const t0 = performance.now();
  try {
    fields = await evaluateSliceGridF64(engine, window, n);
  } finally {
    engine.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  if (fields === null) throw new Error('the grid pass was cancelled');
  const size = n * n;
  const { xs, ys } = gridCoordinates(window, n);
  const summary = {
    run: settings.run,
    engine: engine.name,
    backend: settings.backend,
    precision: engine.name === 'jets-f64' ? 'float64' : 'float32',
    widths: [...problem.spec.widths],
    samples: problem.data.size,
    n,
    window: [window.xmin, window.xmax, window.ymin, window.ymax],
    seconds,
  };
  const grid = {
    format: SLICE_GRID_FORMAT,
    ...summary,
    a: Array.from(xs.subarray(0, n)),
    b: Array.from({ length: n }, (_, j) => ys[j * n]),
    fields: Object.fromEntries(FIELD_KEYS.map((key, k) => [key, rows(fields.subarray(k * size, (k + 1) * size), n)])),
  };
  const { value, warnings } = replaceNonFinite(grid);
  const text = formatJson(warnings.length > 0 ? { ...(value as Record<string, ReportValue>), warnings } : value);
  try {
    writeFileSync(settings.out, `${text}\n`);
  } catch (e) {
    throw new CliError(`cannot write --out file '${settings.out}': ${e instanceof Error ? e.message : String(e)}`);
  }
  let gaps = 0;
  for (let k = 0; k < size; k++) if (!Number.isFinite(fields[k])) gaps++;
  return { ...summary, out: settings.out, gaps };
}

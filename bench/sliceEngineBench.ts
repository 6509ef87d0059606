/**
 * Slice grid engines side by side in one Node process (issue 15): the nested reverse-mode pass
 * (tfjs CPU), Taylor-mode jets as tfjs ops on tfjs CPU and on WASM, and the float64 jet loop, for
 * the default network (2-8-8-1 tanh, circles, 200 samples, seed 1, filter-normalised directions) at
 * 64×64 and 128×128, plus a digits-sized 64-32-32-1 net on 1,797 seeded random samples × 64 inputs
 * (WASM and float64, 32×32 and 64×64), and the digits classifier 64-32-32-10 tanh with softmax
 * cross-entropy on the real digits asset (all 1,797 images, standardised; WASM and float64, 32×32 and
 * 64×64). Kernels per pass = kernels of one chunk × chunks; 'vs f64' is the largest deviation from the
 * float64 loop over the six fields, relative to each field's largest value.
 * `npx tsx bench/sliceEngineBench.ts [--quick] [--softmax]` (--quick: no 128×128 nested pass, no
 * digits 64×64 and no float64 digits-classifier 64×64; --softmax: the digits classifier only).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { registerNodeTfjsGradients } from '../src/cli/nodeTfjsGradients';
import type { SliceGridEngine, SliceProblem } from '../src/core/network/sliceGridEngine';

/** One row of the table: a pass's seconds per N (NaN: not run), kernels per pass at the first N, chunk size. */
interface Row {
  readonly label: string;
  readonly seconds: Record<number, number>;
  /** CPU seconds of this process during the pass (user + system): the figure to read on a shared machine. */
  readonly cpu: Record<number, number>;
  readonly kernels: number;
  readonly chunk: number;
  /** The six fields at the first N (NaN-filled where not run), for the deviation from the float64 loop. */
  readonly fields: Float32Array[];
}

const DOMAIN = { xmin: -1, xmax: 1, ymin: -1, ymax: 1 };

async function modules() {
  registerNodeTfjsGradients();
  return {
    tf: (await import('../src/compute/tf')).tf,
    wasm: await import('../src/compute/wasmBackend'),
    grid: await import('../src/compute/network/sliceGrid'),
    engines: {
      autodiff: (await import('../src/compute/network/AutodiffSliceEngine')).AutodiffSliceEngine,
      tfjs: (await import('../src/compute/network/TfJetGridEngine')).TfJetGridEngine,
      f64: (await import('../src/core/network/SliceJetEngineF64')).SliceJetEngineF64,
    },
    data: await import('../src/core/network/datasets'),
    mlp: await import('../src/core/network/mlp'),
    random: await import('../src/core/network/random'),
    catalog: await import('../src/core/data/catalog'),
    images: await import('../src/core/data/imageSets'),
    directions: await import('../src/compute/network/directions'),
  };
}
type Modules = Awaited<ReturnType<typeof modules>>;

/** The default network's slice, θ* from the seeded initialisation as in networkBench.ts. */
function defaultProblem(m: Modules): SliceProblem {
  const spec = { widths: [2, 8, 8, 1], activation: 'tanh', task: 'classification', weightDecay: 0 } as const;
  const data = m.data.makeDataset('circles', { seed: 1, noise: 0.1 });
  const thetaStar = m.mlp.initParameters(spec, 1);
  return { spec, data, thetaStar, ...m.directions.filterNormalizedDirections(spec, thetaStar, 1) };
}

/** A digits-sized problem: 64-32-32-1 tanh on 1,797 seeded random inputs in [0, 1]⁶⁴ with 0/1 targets. */
function digitsProblem(m: Modules): SliceProblem {
  const spec = { widths: [64, 32, 32, 1], activation: 'tanh', task: 'classification', weightDecay: 1e-4 } as const;
  const rng = m.random.createRandom(1);
  const size = 1797;
  const data = { task: 'classification' as const, inputDim: 64, size, inputs: Float64Array.from({ length: size * 64 }, () => rng.uniform()), targets: Float64Array.from({ length: size }, () => (rng.uniform() < 0.5 ? 0 : 1)) };
  const thetaStar = m.mlp.initParameters(spec, 1);
  return { spec, data, thetaStar, ...m.directions.filterNormalizedDirections(spec, thetaStar, 1) };
}

/** The digits classifier: 64-32-32-10 tanh, softmax cross-entropy, all 1,797 images of the committed asset (testFraction 0). */
function digitsClassifierProblem(m: Modules): SliceProblem {
  const spec = { widths: [64, 32, 32, 10], activation: 'tanh', task: 'classification', weightDecay: 1e-4 } as const;
  const file = readFileSync(new URL(`../${m.images.DIGITS_ASSET.path}`, import.meta.url));
  const bytes = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
  const data = m.catalog.prepareSource('digits', { seed: 1, testFraction: 0 }, bytes).train;
  const thetaStar = m.mlp.initParameters(spec, 1);
  return { spec, data, thetaStar, ...m.directions.filterNormalizedDirections(spec, thetaStar, 1) };
}

/** Times a pass per N (seconds; NaN where skip says so) and counts one chunk's kernels × chunks at sizes[0]. */
async function measure(m: Modules, label: string, make: () => SliceGridEngine, sizes: readonly number[], skip: (n: number) => boolean = () => false): Promise<Row> {
  const engine = make();
  try {
    const seconds: Record<number, number> = {};
    const cpu: Record<number, number> = {};
    let fields: Float32Array[] = [];
    for (const n of sizes) {
      if (skip(n)) {
        seconds[n] = NaN;
        cpu[n] = NaN;
        continue;
      }
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const grid = await m.grid.evaluateSliceGrid(engine, DOMAIN, n);
      seconds[n] = (performance.now() - t0) / 1000;
      const used = process.cpuUsage(c0);
      cpu[n] = (used.user + used.system) / 1e6;
      if (grid === null) throw new Error('cancelled');
      if (n === sizes[0]) fields = [grid.f, grid.gx, grid.gy, grid.hxx, grid.hxy, grid.hyy];
    }
    const chunk = engine.maxPointsPerPass;
    const xs = new Float32Array(chunk);
    const one = await m.tf.profile(() => engine.fields(xs, xs, 0, chunk, new Float32Array(6 * chunk), chunk));
    return { label, seconds, cpu, kernels: one.kernels.length * Math.ceil((sizes[0] * sizes[0]) / chunk), chunk, fields };
  } finally {
    engine.dispose();
  }
}

/** The rows of one problem on every engine and backend asked for (skipF64: sizes the slow float64 loop leaves out). */
async function rowsFor(m: Modules, p: SliceProblem, sizes: readonly number[], which: { nested: boolean; cpuJets: boolean }, skip: (n: number) => boolean, skipF64 = skip): Promise<Row[]> {
  const rows: Row[] = [];
  await m.tf.setBackend('cpu');
  if (which.nested) rows.push(await measure(m, 'nested reverse mode, tfjs CPU', () => new m.engines.autodiff(p), sizes, (n) => skip(n) || (n > 64 && process.argv.includes('--quick'))));
  if (which.cpuJets) rows.push(await measure(m, 'jets as tfjs ops, tfjs CPU', () => new m.engines.tfjs(p), sizes, skip));
  const reason = await m.wasm.initWasmBackend();
  if (reason === null) rows.push(await measure(m, 'jets as tfjs ops, tfjs WASM', () => new m.engines.tfjs(p), sizes, skip));
  else console.log(`WASM not available: ${reason}`);
  await m.tf.setBackend('cpu');
  rows.push(await measure(m, 'jets as a float64 loop', () => new m.engines.f64(p), sizes, skipF64));
  return rows;
}

/** Largest |difference| over the six fields, each relative to the reference field's largest |value|. */
function deviation(fields: readonly Float32Array[], reference: readonly Float32Array[]): number {
  if (fields.length === 0 || reference.length === 0) return NaN;
  let worst = 0;
  fields.forEach((field, f) => {
    let largest = 0;
    let error = 0;
    for (let k = 0; k < field.length; k++) {
      largest = Math.max(largest, Math.abs(reference[f][k]));
      error = Math.max(error, Math.abs(field[k] - reference[f][k]));
    }
    worst = Math.max(worst, error / largest);
  });
  return worst;
}

/** The table: seconds per N, ratio to the first row, kernels per pass and deviation from the float64 loop at the first N, chunk points. */
function printTable(title: string, rows: readonly Row[], sizes: readonly number[]): void {
  console.log(title);
  const head = sizes.map((n) => `${n}×${n} s`.padStart(11) + `  ${'cpu s'.padStart(7)}  ${'ratio'.padStart(6)}`).join('');
  const reference = rows[rows.length - 1].fields;
  console.log(`  ${'pass'.padEnd(32)}${head}  ${`kernels/pass ${sizes[0]}×${sizes[0]}`.padStart(20)}  ${'vs f64'.padStart(8)}  chunk`);
  for (const r of rows) {
    const cells = sizes.map((n) => {
      const base = rows[0].seconds[n];
      const s = r.seconds[n];
      const cpu = r.cpu[n];
      return (Number.isNaN(s) ? '—' : s.toFixed(2)).padStart(11) + `  ${(Number.isNaN(cpu) ? '—' : cpu.toFixed(2)).padStart(7)}` + `  ${Number.isNaN(s) || Number.isNaN(base) ? '—'.padStart(6) : `${(base / s).toFixed(1)}×`.padStart(6)}`;
    });
    console.log(`  ${r.label.padEnd(32)}${cells.join('')}  ${String(r.kernels).padStart(20)}  ${deviation(r.fields, reference).toExponential(1).padStart(8)}  ${r.chunk}`);
  }
}

/** Runs both problems and prints their tables (ratios: how many times faster than the table's first row). */
export async function runSliceEngineBench(): Promise<void> {
  const m = await modules();
  const quick = process.argv.includes('--quick');
  console.log('slice grid engines, one Node process (wall and CPU seconds per pass; ratio = first row / this row, wall)');
  const digits = [32, 64];
  if (!process.argv.includes('--softmax')) {
    const sizes = [64, 128];
    printTable('default network 2-8-8-1 tanh, circles, 200 samples:', await rowsFor(m, defaultProblem(m), sizes, { nested: true, cpuJets: true }, () => false), sizes);
    printTable('digits-sized 64-32-32-1 tanh, 1,797 random samples × 64 inputs (ratios against WASM):', await rowsFor(m, digitsProblem(m), digits, { nested: false, cpuJets: false }, (n) => quick && n > 32), digits);
  }
  const classifier = digitsClassifierProblem(m);
  const title = `digits classifier 64-32-32-10 tanh, softmax cross-entropy, digits asset (${classifier.data.size} images) (ratios against WASM):`;
  printTable(title, await rowsFor(m, classifier, digits, { nested: false, cpuJets: false }, () => false, (n) => quick && n > 32), digits);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSliceEngineBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

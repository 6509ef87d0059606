/**
 * Real data sets in one Node process (issue 16): the digits classifier 64-32-32-10 tanh on all
 * 1,797 images and MNIST 14×14 196-64-10 tanh on its 2,000 training images (both standardised as
 * the page does): one full-batch Adam step and one Hessian-vector product on each tfjs backend Node
 * offers (CPU; WASM when it starts), the exact float64 HVP of the core beside them, and a 64×64
 * slice grid pass where the backend's slice engine takes a K-class net. Numbers, not pass/fail.
 * `npx tsx bench/realDataBench.ts` (also at the end of `npm run bench`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { registerNodeTfjsGradients } from '../src/cli/nodeTfjsGradients';
import type { Dataset, NetworkSpec } from '../src/core/network/types';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One case: a data set and the network on it. */
interface Case {
  readonly label: string;
  readonly spec: NetworkSpec;
  readonly data: Dataset;
}

async function cases(): Promise<Case[]> {
  const { prepareSource, DATA_SOURCE_INFO } = await import('../src/core/data/catalog');
  const bytes = (name: 'digits' | 'mnist14') => {
    const b = readFileSync(path.join(ROOT, DATA_SOURCE_INFO[name].asset!.path));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  };
  const digits = prepareSource('digits', { seed: 1, testFraction: 0 }, bytes('digits')).train;
  const mnist = prepareSource('mnist14', { seed: 1 }, bytes('mnist14')).train;
  const spec = (widths: number[]): NetworkSpec => ({ widths, activation: 'tanh', task: 'classification', weightDecay: 0 });
  return [
    { label: `digits 64-32-32-10, ${digits.size} samples`, spec: spec([64, 32, 32, 10]), data: digits },
    { label: `MNIST 14×14 196-64-10, ${mnist.size} samples`, spec: spec([196, 64, 10]), data: mnist },
  ];
}

/** Median ms of `runs` calls of work (after one warm-up call). */
async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** A training step, an HVP and a 64×64 slice pass on the active backend. */
async function backendRow(c: Case, theta: Float64Array, v: Float64Array): Promise<string> {
  const { tf } = await import('../src/compute/tf');
  const { trainNetwork } = await import('../src/compute/network/train');
  const { createHvpSession } = await import('../src/compute/network/hessian');
  const before = tf.memory().numTensors;
  // One step includes uploading the data; eleven minus one is ten steps on data already there.
  const train = (steps: number) => () => trainNetwork(c.spec, c.data, { optimizer: 'adam', lr: 0.01, steps, seed: 1, snapshotEvery: steps, yieldEvery: 1000, initialTheta: theta });
  const one = await median(3, train(1));
  const step = ((await median(3, train(11))) - one) / 10;
  const session = createHvpSession(c.spec, c.data, theta);
  const hvp = await median(5, () => session.hvp(v));
  session.dispose();
  // tfjs CPU takes minutes for a 64×64 pass over ~2,000 samples: the slice pass is the WASM figure.
  const grid = tf.getBackend() === 'cpu' ? 'not run on CPU (minutes; see WASM)' : await gridPass(c, theta);
  return `  tfjs ${tf.getBackend().padEnd(5)} training step ${step.toFixed(1)} ms (first, with upload ${one.toFixed(0)} ms) · HVP ${hvp.toFixed(1)} ms · 64×64 slice ${grid} · tensors left ${tf.memory().numTensors - before}`;
}

/** Seconds of one 64×64 slice grid pass with the backend's jet engine, or why it did not run. */
async function gridPass(c: Case, theta: Float64Array): Promise<string> {
  const { tf } = await import('../src/compute/tf');
  const { createSliceEngine, evaluateSliceGrid } = await import('../src/compute/network/sliceGrid');
  const { filterNormalizedDirections } = await import('../src/compute/network/directions');
  const { d1, d2 } = filterNormalizedDirections(c.spec, theta, 1);
  try {
    const engine = createSliceEngine({ spec: c.spec, data: c.data, thetaStar: theta, d1, d2 }, 'jets', tf.getBackend());
    try {
      const t0 = performance.now();
      await evaluateSliceGrid(engine, { xmin: -1, xmax: 1, ymin: -1, ymax: 1 }, 64);
      return `${((performance.now() - t0) / 1000).toFixed(2)} s (${engine.name})`;
    } finally {
      engine.dispose();
    }
  } catch (e) {
    return `not run (${(e as Error).message})`;
  }
}

/** Prints the figures of both cases on tfjs CPU, then WASM, with the float64 HVP beside them. */
export async function runRealDataBench(): Promise<void> {
  registerNodeTfjsGradients();
  const { initBackend } = await import('../src/compute/backend');
  const { initWasmBackend } = await import('../src/compute/wasmBackend');
  const { initParameters } = await import('../src/core/network/mlp');
  const { hessianVectorProduct } = await import('../src/core/network/backprop');
  console.log('\nReal data (issue 16): one full-batch Adam step, one HVP, one 64×64 slice pass per backend (median ms)');
  const all = await cases();
  const inputs = all.map((c) => {
    const theta = initParameters(c.spec, 1);
    return { c, theta, v: Float64Array.from(theta, (_, k) => Math.sin(k + 1)) };
  });
  await initBackend('cpu');
  const cpu = [];
  for (const { c, theta, v } of inputs) cpu.push(await backendRow(c, theta, v));
  const wasm = await initWasmBackend();
  for (const [i, { c, theta, v }] of inputs.entries()) {
    const f64 = await median(3, async () => hessianVectorProduct(c.spec, theta, c.data, v));
    console.log(`${c.label}, P = ${theta.length}`);
    console.log(cpu[i]);
    console.log(wasm === null ? await backendRow(c, theta, v) : `  tfjs wasm: not run (${wasm})`);
    console.log(`  float64 HVP (core, plain JS, exact) ${f64.toFixed(1)} ms`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runRealDataBench();

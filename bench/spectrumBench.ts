/**
 * `npx tsx bench/spectrumBench.ts` (also at the end of `npm run bench`): the Hessian-spectrum
 * figures of issue 17 for two networks,
 * - the lab's default network (2-8-8-1 tanh on circles, 200 samples, θ* after 300 Adam steps), and
 * - a digits net (64-32-10 tanh on the 8×8 digits asset, its 1,438 training images standardised as
 *   the page does, θ after 100 Adam steps):
 * tfjs HVPs per second and the time to the top 5 eigenpairs (Lanczos), the trace (Hutchinson, 100
 * probes) and the density (SLQ) on each tfjs backend Node offers (CPU; WASM when it starts), beside
 * the float64 HVP of the core (forward-over-reverse for the scalar-output net, the K-class R-operator
 * for digits) and, for the default net, the exact spectrum (dense H + ml-matrix EVD). Numbers, not
 * pass/fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { registerNodeTfjsGradients } from '../src/cli/nodeTfjsGradients';
import type { Dataset, NetworkSpec } from '../src/core/network/types';
import type { HessianVectorProduct } from '../src/core/spectrum/operator';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One network of the bench: where it comes from, its θ, and how its density is sampled. */
interface Case {
  readonly label: string;
  readonly spec: NetworkSpec;
  readonly data: Dataset;
  readonly theta: Float64Array;
  /** SLQ probes × Lanczos steps (fewer on digits: each HVP there costs ~200× the default net's). */
  readonly density: { readonly probes: number; readonly steps: number };
  /** The float64 HVP of the core, with its label. */
  readonly float64: { readonly label: string; readonly hvp: HessianVectorProduct };
  readonly exact: boolean;
}

/** ms of one call of `work` and what it returned. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

/** The spectrum figures with one HVP operator of dimension P. */
async function figures(label: string, hvp: HessianVectorProduct, P: number, density: Case['density']): Promise<void> {
  const { DEFAULT_HVP_TOL } = await import('../src/compute/network/hessian');
  const { lanczosExtremes } = await import('../src/core/spectrum/lanczos');
  const { hutchinsonTrace } = await import('../src/core/spectrum/hutchinson');
  const { slqDensity } = await import('../src/core/spectrum/slq');
  const probe = Float64Array.from({ length: P }, (_, k) => Math.sin(k + 1));
  for (let k = 0; k < 3; k++) await hvp(probe);
  const reps = P > 1000 ? 10 : 50;
  const rate = await timed(async () => {
    for (let k = 0; k < reps; k++) await hvp(probe);
  });
  const top = await timed(() => lanczosExtremes(hvp, P, { top: 5, tol: DEFAULT_HVP_TOL }));
  const trace = await timed(() => hutchinsonTrace(hvp, P, { probes: 100 }));
  const slq = await timed(() => slqDensity(hvp, P, density));
  console.log(`  ${label}`);
  console.log(`    HVPs per second        ${((reps * 1000) / rate.ms).toFixed(1)} (${(rate.ms / reps).toFixed(2)} ms per HVP)`);
  console.log(`    top-5 (Lanczos)        ${top.ms.toFixed(0)} ms, ${top.value.hvps} HVPs, converged ${top.value.converged}, λ1..5 ${top.value.top.map((p) => p.value.toFixed(4)).join(' ')}`);
  console.log(`    trace (100 probes)     ${trace.ms.toFixed(0)} ms: ${trace.value.trace.toFixed(4)} ± ${trace.value.standardError.toFixed(4)}`);
  console.log(`    density (${density.probes} × ${density.steps})`.padEnd(27) + `${slq.ms.toFixed(0)} ms, ${slq.value.hvps} HVPs`);
}

/** The tfjs figures on the active backend, in one HVP session. */
async function tfjsFigures(c: Case): Promise<void> {
  const { tf } = await import('../src/compute/tf');
  const { createHvpSession } = await import('../src/compute/network/hessian');
  const before = tf.memory().numTensors;
  const session = createHvpSession(c.spec, c.data, c.theta);
  try {
    await figures(`tfjs ${tf.getBackend()} (float32 HVPs, nested autodiff)`, session.hvp, c.theta.length, c.density);
  } finally {
    session.dispose();
  }
  console.log(`    tensors left           ${tf.memory().numTensors - before}`);
}

/** The default net and the digits net, trained on tfjs CPU. */
async function cases(): Promise<Case[]> {
  const { trainNetwork } = await import('../src/compute/network/train');
  const { makeDataset } = await import('../src/core/network/datasets');
  const { prepareSource, DATA_SOURCE_INFO } = await import('../src/core/data/catalog');
  const { hessianVectorProduct64 } = await import('../src/core/network/backprop64');
  const { hessianVectorProduct } = await import('../src/core/network/backprop');
  const small: NetworkSpec = { widths: [2, 8, 8, 1], activation: 'tanh', task: 'classification', weightDecay: 0 };
  const circles = makeDataset('circles', { seed: 1, noise: 0.1 });
  const smallRun = await trainNetwork(small, circles, { optimizer: 'adam', lr: 0.01, steps: 300, seed: 1, snapshotEvery: 300 });
  const bytes = readFileSync(path.join(ROOT, DATA_SOURCE_INFO.digits.asset!.path));
  const digits = prepareSource('digits', { seed: 1 }, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer).train;
  const big: NetworkSpec = { widths: [64, 32, 10], activation: 'tanh', task: 'classification', weightDecay: 0 };
  const bigRun = await trainNetwork(big, digits, { optimizer: 'adam', lr: 0.01, steps: 100, seed: 1, snapshotEvery: 100, yieldEvery: 1000 });
  return [
    {
      label: `default net 2-8-8-1 tanh, circles, ${circles.size} samples, P = ${smallRun.theta.length}, θ* after ${smallRun.steps} Adam steps (loss ${smallRun.loss.toFixed(4)})`,
      spec: small,
      data: circles,
      theta: smallRun.theta,
      density: { probes: 10, steps: 80 },
      float64: { label: 'float64 forward-over-reverse HVPs (core, plain JS)', hvp: async (v) => hessianVectorProduct64(small, circles, smallRun.theta, v) },
      exact: true,
    },
    {
      label: `digits net 64-32-10 tanh, 8×8 digits, ${digits.size} training images, P = ${bigRun.theta.length}, θ after ${bigRun.steps} Adam steps (loss ${bigRun.loss.toFixed(4)})`,
      spec: big,
      data: digits,
      theta: bigRun.theta,
      density: { probes: 5, steps: 40 },
      float64: { label: 'float64 R-operator HVPs (core backprop.ts, K-class, plain JS)', hvp: async (v) => hessianVectorProduct(big, bigRun.theta, digits, v) },
      exact: false,
    },
  ];
}

/** Prints the figures of both nets on tfjs CPU, WASM when it starts, and the float64 engine. */
export async function runSpectrumBench(): Promise<void> {
  registerNodeTfjsGradients();
  const { initBackend } = await import('../src/compute/backend');
  const { initWasmBackend } = await import('../src/compute/wasmBackend');
  const { networkHessianMatrix } = await import('../src/core/network/gaussNewton');
  const { symmetricEigen } = await import('../src/core/spectrum/dense');
  console.log('\nHessian spectrum (issue 17): HVPs per second, time to top-5 / trace (100 probes) / density per backend');
  await initBackend('cpu');
  const all = await cases();
  for (const c of all) {
    console.log(`\n${c.label}`);
    await tfjsFigures(c);
  }
  const wasm = await initWasmBackend();
  for (const c of all) {
    console.log(`\n${c.label}`);
    if (wasm === null) await tfjsFigures(c);
    else console.log(`  tfjs wasm: not run (${wasm})`);
    await figures(c.float64.label, c.float64.hvp, c.theta.length, c.density);
    if (!c.exact) {
      console.log(`  exact spectrum: not run (P = ${c.theta.length}: a dense EVD of that size takes minutes here)`);
      continue;
    }
    const P = c.theta.length;
    const exact = await timed(async () => symmetricEigen(networkHessianMatrix(c.spec, c.data, c.theta), P));
    const values = exact.value.values;
    console.log(`  exact spectrum (dense float64 H + ml-matrix EVD): ${exact.ms.toFixed(0)} ms; λ1..5 ${Array.from(values.slice(-5)).reverse().map((x) => x.toFixed(4)).join(' ')}, tr ${values.reduce((s, x) => s + x, 0).toFixed(4)}, λmin ${values[0].toFixed(4)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runSpectrumBench();

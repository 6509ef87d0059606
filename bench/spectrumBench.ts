/**
 * `npx tsx bench/spectrumBench.ts`: the Hessian-spectrum figures of issue 17 for the lab's default
 * network (2-8-8-1 tanh on circles, 200 samples, θ* after 300 Adam steps): tfjs HVPs per second and
 * the time to the top 5 eigenpairs (Lanczos), the trace (Hutchinson, 100 probes) and the density
 * (SLQ, 10 probes × 80 steps) on each tfjs backend Node offers (CPU; WASM when it starts), beside the
 * float64 forward-over-reverse HVP and the exact spectrum (dense H + ml-matrix EVD). Numbers, not
 * pass/fail.
 */
import { registerNodeTfjsGradients } from '../src/cli/nodeTfjsGradients';

registerNodeTfjsGradients();
const { tf } = await import('../src/compute/tf');
const { initBackend } = await import('../src/compute/backend');
const { initWasmBackend } = await import('../src/compute/wasmBackend');
const { createHvpSession, DEFAULT_HVP_TOL } = await import('../src/compute/network/hessian');
const { trainNetwork } = await import('../src/compute/network/train');
const { makeDataset } = await import('../src/core/network/datasets');
const { hessianVectorProduct64 } = await import('../src/core/network/backprop64');
const { networkHessianMatrix } = await import('../src/core/network/gaussNewton');
const { symmetricEigen } = await import('../src/core/spectrum/dense');
const { lanczosExtremes } = await import('../src/core/spectrum/lanczos');
const { hutchinsonTrace } = await import('../src/core/spectrum/hutchinson');
const { slqDensity } = await import('../src/core/spectrum/slq');
type NetworkSpec = import('../src/core/network/types').NetworkSpec;
type HessianVectorProduct = import('../src/core/spectrum/operator').HessianVectorProduct;

const SPEC: NetworkSpec = { widths: [2, 8, 8, 1], activation: 'tanh', task: 'classification', weightDecay: 0 };
const data = makeDataset('circles', { seed: 1, noise: 0.1 });

/** ms of one call of `work` and what it returned. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

/** The spectrum figures with one HVP operator of dimension P. */
async function figures(label: string, hvp: HessianVectorProduct, P: number): Promise<void> {
  const probe = Float64Array.from({ length: P }, (_, k) => Math.sin(k + 1));
  for (let k = 0; k < 3; k++) await hvp(probe);
  const rate = await timed(async () => {
    for (let k = 0; k < 50; k++) await hvp(probe);
  });
  const top = await timed(() => lanczosExtremes(hvp, P, { top: 5, tol: DEFAULT_HVP_TOL }));
  const trace = await timed(() => hutchinsonTrace(hvp, P, { probes: 100 }));
  const density = await timed(() => slqDensity(hvp, P, { probes: 10, steps: 80 }));
  console.log(`${label}`);
  console.log(`  HVPs per second        ${(50_000 / rate.ms).toFixed(0)} (${(rate.ms / 50).toFixed(2)} ms per HVP)`);
  console.log(`  top-5 (Lanczos)        ${top.ms.toFixed(0)} ms, ${top.value.hvps} HVPs, converged ${top.value.converged}, λ1..5 ${top.value.top.map((p) => p.value.toFixed(4)).join(' ')}`);
  console.log(`  trace (100 probes)     ${trace.ms.toFixed(0)} ms: ${trace.value.trace.toFixed(4)} ± ${trace.value.standardError.toFixed(4)}`);
  console.log(`  density (10 × 80)      ${density.ms.toFixed(0)} ms, ${density.value.hvps} HVPs`);
}

/** The tfjs figures on the active backend, in one HVP session. */
async function tfjsFigures(theta: Float64Array): Promise<void> {
  const before = tf.memory().numTensors;
  const session = createHvpSession(SPEC, data, theta);
  try {
    await figures(`tfjs ${tf.getBackend()} (float32 HVPs, nested autodiff)`, session.hvp, theta.length);
  } finally {
    session.dispose();
  }
  console.log(`  tensors left           ${tf.memory().numTensors - before}`);
}

await initBackend('cpu');
const run = await trainNetwork(SPEC, data, { optimizer: 'adam', lr: 0.01, steps: 300, seed: 1, snapshotEvery: 300 });
const P = run.theta.length;
console.log(`default net 2-8-8-1 tanh, circles, ${data.size} samples, P = ${P}, θ* after ${run.steps} Adam steps (loss ${run.loss.toFixed(4)})\n`);
await tfjsFigures(run.theta);
const wasm = await initWasmBackend();
if (wasm === null) await tfjsFigures(run.theta);
else console.log(`tfjs wasm: not run (${wasm})`);
await figures('float64 forward-over-reverse HVPs (core, plain JS)', (v) => hessianVectorProduct64(SPEC, data, run.theta, v), P);
const exact = await timed(async () => symmetricEigen(networkHessianMatrix(SPEC, data, run.theta), P));
const values = exact.value.values;
console.log(`exact spectrum (dense float64 H + ml-matrix EVD): ${exact.ms.toFixed(0)} ms; λ1..5 ${Array.from(values.slice(-5)).reverse().map((x) => x.toFixed(4)).join(' ')}, tr ${values.reduce((s, x) => s + x, 0).toFixed(4)}, λmin ${values[0].toFixed(4)}`);

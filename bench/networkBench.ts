/**
 * Network figures shared by the browser bench page and the Node GPU bench (issue 8): time per
 * training step (2-8-8-1 tanh, 200 samples, Adam), the grid pass of the network slice at
 * N = 32/64/128 and Hessian-vector products (one alone, and per HVP in a session), on the active backend.
 */
import { tf } from '../src/compute/tf';
import { GridEvaluator, isStaleGrid } from '../src/compute/GridEvaluator';
import { networkGridLandscape } from '../src/compute/network/NetworkGridLandscape';
import { filterNormalizedDirections } from '../src/compute/network/directions';
import { createHvpSession, hessianVectorProduct } from '../src/compute/network/hessian';
import { trainNetwork } from '../src/compute/network/train';
import { NetworkSliceLandscape } from '../src/core/network/NetworkSliceLandscape';
import { makeDataset } from '../src/core/network/datasets';
import { initParameters } from '../src/core/network/mlp';
import type { NetworkSpec } from '../src/core/network/types';
import { gridPassKernels, median, timeIt } from './gridPassBench';
import type { NetworkFigures, Timing } from './gridTable';

/** The lab's default network and data. */
const SPEC: NetworkSpec = { widths: [2, 8, 8, 1], activation: 'tanh', task: 'classification', weightDecay: 0 };
const SLICE_DOMAIN = { xmin: -1, xmax: 1, ymin: -1, ymax: 1 };

/** Median ms per step over `chunks` runs of `steps` Adam steps each, after one untimed warm-up run. */
async function trainStepTime(data: ReturnType<typeof makeDataset>, steps: number, chunks: number): Promise<number> {
  const options = { optimizer: 'adam' as const, lr: 0.01, steps, seed: 1, snapshotEvery: steps, yieldEvery: steps };
  await trainNetwork(SPEC, data, { ...options, steps: 5, snapshotEvery: 5, yieldEvery: 5 });
  const perStep: number[] = [];
  for (let c = 0; c < chunks; c++) {
    const t0 = performance.now();
    await trainNetwork(SPEC, data, options);
    perStep.push((performance.now() - t0) / steps);
  }
  return median(perStep);
}

/** Runs the network figures on the active backend; sizes are the slice grid's N. */
export async function networkFigures(sizes: readonly number[] = [32, 64, 128], trainSteps = 50): Promise<NetworkFigures> {
  const data = makeDataset('circles', { seed: 1, noise: 0.1 });
  const trainStep = await trainStepTime(data, trainSteps, 3);
  // θ* from the seeded initialisation: the cost of a pass does not depend on how trained θ* is.
  const theta = initParameters(SPEC, 1);
  const { d1, d2 } = filterNormalizedDirections(SPEC, theta, 1);
  const landscape = networkGridLandscape(new NetworkSliceLandscape(SPEC, data, theta, d1, d2), SPEC, data, theta, d1, d2);
  const evaluator = new GridEvaluator();
  const gridPasses: Record<number, Timing> = {};
  for (const n of sizes) {
    // A pass at N = 128 takes minutes on tfjs CPU (200 samples through the net per point): N > 32 is timed once.
    gridPasses[n] = await timeIt(n > 32 ? 0 : 1, async () => {
      const r = await evaluator.evaluate(landscape, SLICE_DOMAIN, n);
      if (isStaleGrid(r)) throw new Error('unexpected stale grid');
    });
  }
  const kernelN = Math.min(...sizes);
  const gridKernels = await gridPassKernels(evaluator, landscape, SLICE_DOMAIN, kernelN);
  evaluator.dispose();
  // One HVP with its own upload (hessianVectorProduct), then the per-HVP cost inside one session (what Lanczos pays).
  const probe = new Float64Array(theta.length).fill(1 / Math.sqrt(theta.length));
  const hvpIteration = await timeIt(4, () => hessianVectorProduct(SPEC, data, theta, probe).then(() => undefined));
  const session = createHvpSession(SPEC, data, theta);
  await session.hvp(probe);
  const t0 = performance.now();
  for (let k = 0; k < 10; k++) await session.hvp(probe);
  const hvpPerIteration = (performance.now() - t0) / 10;
  session.dispose();
  return { trainStep, gridPasses, gridKernels, kernelN, pointsPerPass: landscape.maxPointsPerPass, hvpIteration, hvpPerIteration, tensorsAfter: tf.memory().numTensors };
}

/** Shared fixtures of the spectrum tests: symmetric matrices with a chosen spectrum, trained nets. */
import { createRandom } from '../../../src/core/network/random';
import { makeDataset } from '../../../src/core/network/datasets';
import type { Dataset, NetworkSpec } from '../../../src/core/network/types';
import { trainNetwork } from '../../../src/compute/network/train';

/** Q diag(values) Qᵀ (row-major) with Q a seeded random orthonormal basis, and Q's columns. */
export function matrixWithSpectrum(values: readonly number[], seed: number): { matrix: Float64Array; vectors: Float64Array[] } {
  const n = values.length;
  const rng = createRandom(seed);
  const q: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const v = Float64Array.from({ length: n }, () => rng.normal());
    for (let pass = 0; pass < 2; pass++) {
      for (const u of q) {
        let d = 0;
        for (let k = 0; k < n; k++) d += v[k] * u[k];
        for (let k = 0; k < n; k++) v[k] -= d * u[k];
      }
    }
    const length = Math.hypot(...v);
    q.push(v.map((x) => x / length));
  }
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[k][i] * values[k] * q[k][j];
      matrix[i * n + j] = matrix[j * n + i] = s;
    }
  }
  return { matrix, vectors: q };
}

/** A trained network of the issue's kind: spec, data, θ*. */
export interface TrainedNet {
  readonly name: string;
  readonly spec: NetworkSpec;
  readonly data: Dataset;
  readonly theta: Float64Array;
}

/**
 * The issue's run (`--data xor --hidden 5 --activation softplus --steps 300 --seed 11`: Adam, lr
 * 0.01, noise 0.1, 200 samples), whose explicit Hessian ends 0.0443, 0.2729, 0.3340, 0.9504.
 */
export async function issueNet(): Promise<TrainedNet> {
  const spec: NetworkSpec = { widths: [2, 5, 1], activation: 'softplus', task: 'classification', weightDecay: 0 };
  const data = makeDataset('xor', { seed: 11, noise: 0.1 });
  const run = await trainNetwork(spec, data, { optimizer: 'adam', lr: 0.01, steps: 300, seed: 11, snapshotEvery: 6 });
  return { name: 'xor 2-5-1 softplus (issue 17)', spec, data, theta: run.theta };
}

/** A few more small nets (activations, tasks, weight decay, seeds), briefly trained. */
export async function moreNets(): Promise<TrainedNet[]> {
  const cases: [string, NetworkSpec, Dataset, number][] = [
    ['circles 2-4-3-1 tanh', { widths: [2, 4, 3, 1], activation: 'tanh', task: 'classification', weightDecay: 1e-3 }, makeDataset('circles', { seed: 2, noise: 0.1, size: 60 }), 3],
    ['gaussians 2-6-1 sigmoid', { widths: [2, 6, 1], activation: 'sigmoid', task: 'classification', weightDecay: 0 }, makeDataset('gaussians', { seed: 5, noise: 0.1, size: 50 }), 5],
    ['sine 1-6-1 tanh regression', { widths: [1, 6, 1], activation: 'tanh', task: 'regression', weightDecay: 1e-2 }, makeDataset('sine', { seed: 7, noise: 0.05, size: 40 }), 7],
  ];
  const nets: TrainedNet[] = [];
  for (const [name, spec, data, seed] of cases) {
    const run = await trainNetwork(spec, data, { optimizer: 'adam', lr: 0.02, steps: 60, seed, snapshotEvery: 60 });
    nets.push({ name, spec, data, theta: run.theta });
  }
  return nets;
}

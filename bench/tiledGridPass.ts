/**
 * The "tiled" grid pass, kept for the bench only: one nested pass over the points fed twice
 * instead of the grid evaluator's two nested passes. It launches fewer kernels (the double well:
 * 70 against 87 on the CPU backend) but every sweep runs on 2m points, so it does the same work
 * plus a concat and a seed upload, and measured slower on CPU and SwiftShader WebGL. The bench
 * prints both so the trade-off stays measured; tests/unit/gridKernels.test.ts shows it agrees with
 * the grid evaluator to the bit.
 */
import { tf } from '../src/compute/tf';
import type { TensorFunction } from '../src/compute/compileExpr';
import { valueAndGradsOrZero } from '../src/compute/gradientsOrZero';

/** The two copies of the points a tiled pass runs on: [xs, xs]. */
export function tiled(values: Float32Array): Float32Array {
  const out = new Float32Array(2 * values.length);
  out.set(values);
  out.set(values, values.length);
  return out;
}

/** The outer seed: gx's row is 1 on copy 1, gy's row is 1 on copy 2; call inside `tf.tidy`. */
function seedFor(m: number): tf.Tensor {
  const values = new Float32Array(4 * m);
  values.fill(1, 0, m);
  values.fill(1, 3 * m, 4 * m);
  return tf.tensor2d(values, [2, 2 * m]);
}

/**
 * Stacks [f, gx, gy, hx, hy] of a tiled pass into one [5, 2m] tensor; call inside `tf.tidy`.
 * Copy 1 of hx and hy is (hxx, hxy), copy 2 of hy is hyy: seeding [gx; gy] with gx on copy 1
 * and gy on copy 2 gives both Hessian rows from one forward and two backward sweeps.
 */
function tiledFieldTensors(fn: TensorFunction, x2: tf.Tensor, y2: tf.Tensor): tf.Tensor {
  const m = (x2.shape[0] ?? 0) / 2;
  // Kept out of the outer tape's tidy scope, disposed once stacked.
  let firstOrder: tf.Tensor[] = [];
  try {
    const { grads } = tf.engine().gradients(
      () => {
        const inner = valueAndGradsOrZero(() => fn(x2, y2), [x2, y2]);
        firstOrder = [inner.value, ...inner.grads].map((t) => tf.keep(t));
        return tf.stack(inner.grads);
      },
      [x2, y2],
      seedFor(m),
      true,
    );
    const [hx, hy] = grads.map((g, k) => g ?? tf.zeros([x2, y2][k].shape));
    return tf.stack([...firstOrder, hx, hy]);
  } finally {
    for (const t of firstOrder) t.dispose();
  }
}

/**
 * One tiled pass over tiled coordinates x2 = [xs, xs], y2 = [ys, ys] (m points each copy);
 * resolves to the six fields f, gx, gy, hxx, hxy, hyy as one 6 x m array, the grid evaluator's layout.
 */
export async function tiledPass(fn: TensorFunction, x2: tf.Tensor, y2: tf.Tensor): Promise<Float32Array> {
  const m = (x2.shape[0] ?? 0) / 2;
  const stacked = tf.tidy(() => tiledFieldTensors(fn, x2, y2));
  let data: Float32Array;
  try {
    data = (await stacked.data()) as Float32Array;
  } finally {
    stacked.dispose();
  }
  const out = new Float32Array(6 * m);
  // Rows of 2m: f, gx, gy, hx, hy; copy 1 of each, except hyy which is copy 2 of hy.
  [0, 2, 4, 6, 8, 9].forEach((from, k) => out.set(data.subarray(from * m, (from + 1) * m), k * m));
  return out;
}

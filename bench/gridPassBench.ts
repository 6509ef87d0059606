/**
 * Grid-pass figures shared by the browser bench page and the Node GPU bench: time per pass (first
 * call and median), kernels per pass (this pass and the old two-pass structure), and the
 * plain-TypeScript closed-form loop of the double well, the practical limit of any grid pass.
 */
import { tf } from '../src/compute/tf';
import { compileExpr, type TensorFunction } from '../src/compute/compileExpr';
import { GridEvaluator, gridCoordinates, isStaleGrid } from '../src/compute/GridEvaluator';
import { valueAndGradsOrZero } from '../src/compute/gradientsOrZero';
import { parseExpression } from '../src/core/expr/parser';
import type { Expr } from '../src/core/expr/ast';
import type { Domain } from '../src/core/types';
import type { BackendFigures, Timing } from './gridTable';

/** The double well (the start-up landscape) and its domain. */
export const DOUBLE_WELL = '(x^2 - 1)^2 + y^2';
export const BENCH_DOMAIN: Domain = { xmin: -2, xmax: 2, ymin: -1.5, ymax: 1.5 };

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function wellExpr(): Expr {
  const parsed = parseExpression(DOUBLE_WELL);
  if (!parsed.ok) throw new Error('double well must parse');
  return parsed.expr;
}

/** The grid pass before this change: d/d(x, y) of gx, then a second full nested pass for hyy. */
function oldFieldTensors(fn: TensorFunction, x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  let firstOrder: tf.Tensor[] = [];
  try {
    const [hxx, hxy] = valueAndGradsOrZero(() => {
      const inner = valueAndGradsOrZero(() => fn(x, y), [x, y]);
      firstOrder = [inner.value, ...inner.grads].map((t) => tf.keep(t));
      return inner.grads[0];
    }, [x, y]).grads;
    const [hyy] = valueAndGradsOrZero(() => valueAndGradsOrZero(() => fn(x, y), [y]).grads[0], [y]).grads;
    return tf.stack([...firstOrder, hxx, hxy, hyy]);
  } finally {
    for (const t of firstOrder) t.dispose();
  }
}

/** Runs the old structure once at n (coordinates uploaded per call, as the old cache did not matter here). */
async function oldPass(fn: TensorFunction, x: tf.Tensor, y: tf.Tensor): Promise<void> {
  const stacked = tf.tidy(() => oldFieldTensors(fn, x, y));
  await stacked.data();
  stacked.dispose();
}

async function timeIt(repeats: number, once: (i: number) => Promise<void>): Promise<Timing> {
  const times: number[] = [];
  let first = 0;
  for (let i = 0; i <= repeats; i++) {
    const t0 = performance.now();
    await once(i);
    const dt = performance.now() - t0;
    if (i === 0) first = dt;
    else times.push(dt);
  }
  return { first, median: median(times) };
}

/** Times this grid pass and the old one at each N on the active backend and counts their kernels. */
export async function gridPassFigures(sizes: readonly number[]): Promise<BackendFigures> {
  const expr = wellExpr();
  const fn = compileExpr(expr);
  const evaluator = new GridEvaluator();
  const passes: Record<number, Timing> = {};
  const oldPasses: Record<number, Timing> = {};
  for (const n of sizes) {
    const repeats = n >= 512 ? 4 : 8;
    // Same domain every call: coordinates stay cached, as they are for the old structure below.
    passes[n] = await timeIt(repeats, async () => {
      const r = await evaluator.evaluate(expr, BENCH_DOMAIN, n);
      if (isStaleGrid(r)) throw new Error('unexpected stale grid');
    });
    const { xs, ys } = gridCoordinates(BENCH_DOMAIN, n);
    const x = tf.tensor1d(xs);
    const y = tf.tensor1d(ys);
    oldPasses[n] = await timeIt(repeats, () => oldPass(fn, x, y));
    x.dispose();
    y.dispose();
  }
  const kernels = (await tf.profile(async () => void (await evaluator.evaluate(expr, BENCH_DOMAIN, 16)))).kernels.length;
  const { xs, ys } = gridCoordinates(BENCH_DOMAIN, 16);
  const x = tf.tensor1d(xs);
  const y = tf.tensor1d(ys);
  const oldKernels = (await tf.profile(() => oldPass(fn, x, y))).kernels.length;
  x.dispose();
  y.dispose();
  evaluator.dispose();
  return { passes, oldPasses, kernels, oldKernels, tensorsAfter: tf.memory().numTensors };
}

/** The double well's six fields by a plain loop over the n x n grid (float64, no tfjs), ms. */
export function closedFormLoop(n: number, repeats = 5): Timing {
  const size = n * n;
  const out = new Float64Array(6 * size);
  const once = (): void => {
    const { xmin, xmax, ymin, ymax } = BENCH_DOMAIN;
    for (let j = 0, k = 0; j < n; j++) {
      const y = ymin + (j * (ymax - ymin)) / (n - 1);
      for (let i = 0; i < n; i++, k++) {
        const x = xmin + (i * (xmax - xmin)) / (n - 1);
        const a = x * x - 1;
        out[k] = a * a + y * y;
        out[size + k] = 4 * x * a;
        out[2 * size + k] = 2 * y;
        out[3 * size + k] = 12 * x * x - 4;
        out[4 * size + k] = 0;
        out[5 * size + k] = 2;
      }
    }
  };
  const times: number[] = [];
  for (let r = 0; r <= repeats; r++) {
    const t0 = performance.now();
    once();
    times.push(performance.now() - t0);
  }
  return { first: times[0], median: median(times.slice(1)) };
}

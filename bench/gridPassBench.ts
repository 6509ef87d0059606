/**
 * Grid-pass figures shared by the browser bench page and the Node GPU bench: time per pass (first
 * call and median) of the grid evaluator (two nested passes) and of the tiled variant (one nested
 * pass over the points fed twice, bench/tiledGridPass.ts), kernels per pass of both at every N, and
 * the plain-TypeScript closed-form loop of the double well, the practical limit of any grid pass.
 */
import { tf } from '../src/compute/tf';
import { compileExpr, type TensorFunction } from '../src/compute/compileExpr';
import { GridEvaluator, gridCoordinates, isStaleGrid } from '../src/compute/GridEvaluator';
import { parseExpression } from '../src/core/expr/parser';
import type { Expr } from '../src/core/expr/ast';
import type { Domain } from '../src/core/types';
import type { GridLandscape } from '../src/compute/landscape/GridLandscape';
import type { BackendFigures, Timing } from './gridTable';
import { tiled, tiledPass } from './tiledGridPass';

/** The double well (the start-up landscape) and its domain. */
export const DOUBLE_WELL = '(x^2 - 1)^2 + y^2';
/** The domain every bench grid pass runs over. */
export const BENCH_DOMAIN: Domain = { xmin: -2, xmax: 2, ymin: -1.5, ymax: 1.5 };

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The double well as an expression tree. */
export function wellExpr(): Expr {
  const parsed = parseExpression(DOUBLE_WELL);
  if (!parsed.ok) throw new Error('double well must parse');
  return parsed.expr;
}

/** Runs once() repeats + 1 times: the first call apart (shader compilation), the median of the rest, ms. */
export async function timeIt(repeats: number, once: (i: number) => Promise<void>): Promise<Timing> {
  const times: number[] = [];
  let first = 0;
  for (let i = 0; i <= repeats; i++) {
    const t0 = performance.now();
    await once(i);
    const dt = performance.now() - t0;
    if (i === 0) first = dt;
    else times.push(dt);
  }
  return { first, median: times.length ? median(times) : first };
}

/** Kernels launched by run() on the active backend (tf.profile), the figure the bench prints. */
export async function kernelsOf(run: () => Promise<unknown>): Promise<number> {
  return (await tf.profile(async () => void (await run()))).kernels.length;
}

/** Kernels of one grid-evaluator pass of source at n, coordinates already cached (as in the lab). */
export async function gridPassKernels(evaluator: GridEvaluator, source: Expr | GridLandscape, domain: Domain, n: number): Promise<number> {
  await evaluator.evaluate(source, domain, n);
  return kernelsOf(() => evaluator.evaluate(source, domain, n));
}

/** The tiled coordinates [xs, xs], [ys, ys] of the bench grid at n; the caller disposes them. */
export function tiledCoordinates(domain: Domain, n: number): { x2: tf.Tensor; y2: tf.Tensor } {
  const { xs, ys } = gridCoordinates(domain, n);
  return { x2: tf.tensor1d(tiled(xs)), y2: tf.tensor1d(tiled(ys)) };
}

/** Time and kernels of the tiled variant at n. */
async function tiledFigures(fn: TensorFunction, n: number, repeats: number): Promise<{ timing: Timing; kernels: number }> {
  const { x2, y2 } = tiledCoordinates(BENCH_DOMAIN, n);
  try {
    const timing = await timeIt(repeats, () => tiledPass(fn, x2, y2).then(() => undefined));
    return { timing, kernels: await kernelsOf(() => tiledPass(fn, x2, y2)) };
  } finally {
    x2.dispose();
    y2.dispose();
  }
}

/** Times the grid pass and the tiled variant at each N on the active backend and counts their kernels. */
export async function gridPassFigures(sizes: readonly number[]): Promise<BackendFigures> {
  const expr = wellExpr();
  const fn = compileExpr(expr);
  const evaluator = new GridEvaluator();
  const figures: BackendFigures = { passes: {}, tiledPasses: {}, kernels: {}, tiledKernels: {}, tensorsAfter: 0 };
  for (const n of sizes) {
    const repeats = n >= 512 ? 4 : 8;
    // Same domain every call: coordinates stay cached, as they are for the tiled variant below.
    figures.passes[n] = await timeIt(repeats, async () => {
      const r = await evaluator.evaluate(expr, BENCH_DOMAIN, n);
      if (isStaleGrid(r)) throw new Error('unexpected stale grid');
    });
    figures.kernels[n] = await gridPassKernels(evaluator, expr, BENCH_DOMAIN, n);
    const t = await tiledFigures(fn, n, repeats);
    figures.tiledPasses[n] = t.timing;
    figures.tiledKernels[n] = t.kernels;
  }
  evaluator.dispose();
  figures.tensorsAfter = tf.memory().numTensors;
  return figures;
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

import { tf } from '../../src/compute/tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/compute/backend';
import { compileExpr } from '../../src/compute/compileExpr';
import { GridEvaluator, isStaleGrid } from '../../src/compute/GridEvaluator';
import { parseExpression } from '../../src/core/expr/parser';
import type { Expr } from '../../src/core/expr/ast';
import type { Domain } from '../../src/core/types';
import { formulaGridLandscape, type GridLandscape } from '../../src/compute/landscape/GridLandscape';
import { DOUBLE_WELL, gridPassFigures, gridPassKernels, tiledCoordinates } from '../../bench/gridPassBench';
import { tiledPass } from '../../bench/tiledGridPass';

const DOMAIN: Domain = { xmin: -2, xmax: 2, ymin: -1.5, ymax: 1.5 };

function parse(text: string): Expr {
  const r = parseExpression(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.expr;
}

/** The double well as a grid landscape that must be evaluated in chunks of `points` grid points. */
function chunked(expr: Expr, points: number): GridLandscape {
  return { ...formulaGridLandscape(expr), maxPointsPerPass: points };
}

beforeAll(async () => {
  await initBackend('cpu');
});

describe('the kernels of one grid pass', () => {
  it('are the same number at N = 4, 16 and 64: the pass is batched over the points, not a loop over them', async () => {
    const expr = parse(DOUBLE_WELL);
    const evaluator = new GridEvaluator();
    const counts = [];
    for (const n of [4, 16, 64]) counts.push(await gridPassKernels(evaluator, expr, DOMAIN, n));
    evaluator.dispose();
    expect(counts[0]).toBeGreaterThan(10);
    expect(counts).toEqual([counts[0], counts[0], counts[0]]);
  });

  it('are what the bench reports for the grid pass at each N', async () => {
    const figures = await gridPassFigures([8, 16]);
    const evaluator = new GridEvaluator();
    // An independent count: kernels recorded by tf.profile around one evaluate call, coordinates cached.
    await evaluator.evaluate(parse(DOUBLE_WELL), DOMAIN, 16);
    const profile = await tf.profile(async () => void (await evaluator.evaluate(parse(DOUBLE_WELL), DOMAIN, 16)));
    evaluator.dispose();
    expect(figures.kernels[16]).toBe(profile.kernels.length);
    expect(figures.kernels[8]).toBe(figures.kernels[16]);
    // The tiled variant trades kernels for work: fewer kernels (70 against 87 measured on CPU).
    expect(figures.tiledKernels[16]).toBeLessThan(figures.kernels[16]);
  });

  it('grow by one pass per chunk when a landscape asks for chunks, plus two slices per chunk', async () => {
    const expr = parse(DOUBLE_WELL);
    const evaluator = new GridEvaluator();
    const whole = await gridPassKernels(evaluator, expr, DOMAIN, 8);
    // 64 grid points in chunks of 16: four passes, each on slices of x and y.
    const four = await gridPassKernels(evaluator, chunked(expr, 16), DOMAIN, 8);
    evaluator.dispose();
    expect(four).toBe(4 * (whole + 2));
  });

  it('leave no tensors behind, whole or chunked, and neither does the tiled variant', async () => {
    const expr = parse(DOUBLE_WELL);
    const before = tf.memory().numTensors;
    const evaluator = new GridEvaluator();
    await evaluator.evaluate(expr, DOMAIN, 16);
    await evaluator.evaluate(chunked(expr, 50), DOMAIN, 16);
    // The evaluator keeps exactly its two cached coordinate tensors until dispose.
    expect(tf.memory().numTensors).toBe(before + 2);
    evaluator.dispose();
    const { x2, y2 } = tiledCoordinates(DOMAIN, 16);
    await tiledPass(compileExpr(expr), x2, y2);
    x2.dispose();
    y2.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the tiled variant of the bench', () => {
  it('gives the grid evaluator six fields to the bit, for five formulas', async () => {
    const n = 17;
    const size = n * n;
    const evaluator = new GridEvaluator();
    for (const text of [DOUBLE_WELL, 'sin(x) * cos(y)', 'x^2', '(1 - x)^2 + 100 * (y - x^2)^2', 'exp(x * y) + tanh(x - y)']) {
      const expr = parse(text);
      const r = await evaluator.evaluate(expr, DOMAIN, n);
      if (isStaleGrid(r)) throw new Error('stale');
      const { x2, y2 } = tiledCoordinates(DOMAIN, n);
      const data = await tiledPass(compileExpr(expr), x2, y2);
      x2.dispose();
      y2.dispose();
      [r.f, r.gx, r.gy, r.hxx, r.hxy, r.hyy].forEach((field, k) => {
        // + 0 turns -0 into 0: the zero seeds of the other copy add +0 where the two passes leave -0.
        expect(Array.from(field, (v) => v + 0), `${text} field ${k}`).toEqual(Array.from(data.subarray(k * size, (k + 1) * size), (v) => v + 0));
      });
    }
    evaluator.dispose();
  });
});

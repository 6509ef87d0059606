import { tf } from '../../src/compute/tf';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/compute/backend';
import { GridEvaluator, isStaleGrid, type GridResult } from '../../src/compute/GridEvaluator';
import { parseExpression } from '../../src/core/expr/parser';
import type { Expr } from '../../src/core/expr/ast';
import { PRESETS_2D } from '../../src/core/presets';
import type { Domain, GridField } from '../../src/core/types';
import { X, Y, bin, call, num } from './support/tfTestUtils';

/**
 * Grid values are float32 and the closed forms are float64 at the same float32 coordinates, so
 * the error is roundoff of the tfjs ops. Terms cancel (Rosenbrock's Hessian reaches 1e4 on its
 * domain while hxx passes through 0), so each field is compared against the largest magnitude
 * of that field on the grid (at least 1): |grid - exact| <= 2e-6 * max|exact|.
 */
const GRID_TOL = 2e-6;

import { CLOSED_FORMS, FIELDS, coordinate, relativeFieldError } from './support/presetClosedForms';


function parse(text: string): Expr {
  const result = parseExpression(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.expr;
}

/** The field of a result that must not be stale. */
function fieldOf(result: GridResult): GridField {
  if (isStaleGrid(result)) throw new Error('unexpected stale grid result');
  return result;
}

const SQUARE: Domain = { xmin: -2, xmax: 2, ymin: -2, ymax: 2 };

let evaluator: GridEvaluator;

beforeAll(async () => {
  await initBackend('cpu');
});

afterEach(() => {
  evaluator?.dispose();
});

describe('GridEvaluator', () => {
  it('has a hand-written closed form for every preset', () => {
    for (const preset of PRESETS_2D) expect(CLOSED_FORMS[preset.id], preset.id).toBeDefined();
  });

  for (const preset of PRESETS_2D) {
    it(`matches the closed-form f, gradient and Hessian of the ${preset.id} preset on a 33 x 33 grid`, async () => {
      evaluator = new GridEvaluator();
      const param = preset.param?.value ?? 0;
      const grid = fieldOf(await evaluator.evaluate(parse(preset.formula(param)), preset.domain, 33));
      expect(grid.n).toBe(33);
      expect(grid.domain).toEqual(preset.domain);
      for (const field of FIELDS) {
        const error = relativeFieldError(grid, field, (x, y) => CLOSED_FORMS[preset.id](x, y, param)[field]);
        expect(error, `${preset.id} ${field}`).toBeLessThanOrEqual(GRID_TOL);
      }
    });
  }

  it('lays the grid out row-major with x fastest: index j*n + i at x_i, y_j', async () => {
    evaluator = new GridEvaluator();
    const domain = { xmin: -1, xmax: 3, ymin: 10, ymax: 20 };
    const grid = fieldOf(await evaluator.evaluate(bin('+', X, bin('*', num(1000), Y)), domain, 5));
    expect(grid.f[0]).toBe(-1 + 10_000);
    expect(grid.f[1]).toBe(0 + 10_000);
    expect(grid.f[4]).toBe(3 + 10_000);
    expect(grid.f[5]).toBe(-1 + 12_500);
    expect(grid.f[24]).toBe(3 + 20_000);
  });

  it('returns zeros for gy, hxy and hyy of a function without y (x^2)', async () => {
    evaluator = new GridEvaluator();
    const grid = fieldOf(await evaluator.evaluate(bin('^', X, num(2)), SQUARE, 9));
    for (const field of ['gy', 'hxy', 'hyy'] as const) expect(grid[field].every((v) => v === 0), field).toBe(true);
    expect(grid.hxx.every((v) => v === 2)).toBe(true);
  });

  it('returns the constant and zero derivatives for a function of neither x nor y', async () => {
    evaluator = new GridEvaluator();
    const grid = fieldOf(await evaluator.evaluate(bin('+', num(3), call('sin', num(0))), SQUARE, 4));
    expect(grid.f.every((v) => v === 3)).toBe(true);
    for (const field of FIELDS.slice(1)) expect(grid[field].every((v) => v === 0), field).toBe(true);
  });

  it('gives NaN for log(x) where x < 0 and finite closed-form values where x > 0, without throwing', async () => {
    evaluator = new GridEvaluator();
    const domain = { xmin: -1, xmax: 1, ymin: -1, ymax: 1 };
    const grid = fieldOf(await evaluator.evaluate(call('log', X), domain, 8));
    for (let k = 0; k < 64; k++) {
      const x = coordinate(-1, 1, k % 8, 8);
      if (x < 0) {
        for (const field of FIELDS) expect(grid[field][k], `${field} at x=${x}`).toBeNaN();
      } else {
        expect(grid.f[k]).toBeCloseTo(Math.log(x), 5);
        expect(grid.gx[k]).toBeCloseTo(1 / x, 4);
        expect(grid.hxx[k]).toBeCloseTo(-1 / (x * x), 3);
      }
    }
  });

  it('keeps only its two cached grid tensors between passes and frees them in dispose', async () => {
    const before = tf.memory().numTensors;
    evaluator = new GridEvaluator();
    const expr = parse('exp(sin(x)*y) + tanh(x*y) + sigmoid(x - y) + softplus(x) + sqrt(x^2 + 1)');
    await evaluator.evaluate(expr, SQUARE, 16);
    expect(tf.memory().numTensors).toBe(before + 2);
    await evaluator.evaluate(expr, SQUARE, 16);
    await evaluator.evaluate(expr, { ...SQUARE, xmax: 3 }, 24);
    expect(tf.memory().numTensors).toBe(before + 2);
    evaluator.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('resolves the older of two overlapping requests as { stale: true } and the newer with data', async () => {
    evaluator = new GridEvaluator();
    const older = evaluator.evaluate(parse('x^2 + y^2'), SQUARE, 8);
    const newer = evaluator.evaluate(parse('x^2 - y^2'), SQUARE, 8);
    expect(await older).toEqual({ stale: true });
    expect(isStaleGrid(await older)).toBe(true);
    expect(fieldOf(await newer).hyy[0]).toBe(-2);
  });

  it('resolves a request still in flight as stale when the evaluator is disposed', async () => {
    evaluator = new GridEvaluator();
    const pending = evaluator.evaluate(parse('x*y'), SQUARE, 8);
    evaluator.dispose();
    expect(isStaleGrid(await pending)).toBe(true);
  });

  it('rejects grid sizes below 2', async () => {
    evaluator = new GridEvaluator();
    await expect(evaluator.evaluate(X, SQUARE, 1)).rejects.toBeInstanceOf(RangeError);
  });

  it('warms up without leaking, touching the cache, or superseding a pending request', async () => {
    const before = tf.memory().numTensors;
    evaluator = new GridEvaluator();
    const pending = evaluator.evaluate(parse('x*y'), SQUARE, 8);
    await evaluator.warmUp(16);
    expect(fieldOf(await pending).hxy[0]).toBe(1);
    expect(tf.memory().numTensors).toBe(before + 2);
  });
});

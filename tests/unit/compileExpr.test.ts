import { tf } from '../../src/compute/tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/compute/backend';
import { compileExpr, constantValue } from '../../src/compute/compileExpr';
import { registerSecondOrderGradients } from '../../src/compute/registerGradients';
import { UNARY_FUNCTIONS, type UnaryFunction } from '../../src/core/expr/ast';
import { expectRelNear } from './support/expectNear';
import { X, Y, bin, call, evaluateAt, neg, num } from './support/tfTestUtils';

/** float32 has a 6e-8 unit roundoff; one tfjs op on CPU stays within a few of those. */
const F32_TOL = 1e-6;

const REFERENCE: Record<UnaryFunction, (v: number) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  softplus: (v) => Math.log1p(Math.exp(v)),
};

/** d^k/dx^k of a one-argument tensor function at the points xs, by nested tf.grad. */
async function nthDerivative(f: (t: tf.Tensor) => tf.Tensor, k: number, xs: number[]): Promise<Float32Array> {
  let g = f;
  for (let i = 0; i < k; i++) {
    const inner = g;
    g = (t) => tf.grad(inner)(t);
  }
  const result = tf.tidy(() => g(tf.tensor1d(xs)));
  const data = (await result.data()) as Float32Array;
  result.dispose();
  return data;
}

beforeAll(async () => {
  await initBackend('cpu');
});

describe('compileExpr', () => {
  it('matches Math for every unary function of x at positive points (relative tolerance 1e-6)', async () => {
    const xs = [0.1, 0.7, 1.3];
    for (const fn of UNARY_FUNCTIONS) {
      const values = await evaluateAt(call(fn, X), xs, [0, 0, 0]);
      xs.forEach((x, k) => expectRelNear(values[k], REFERENCE[fn](x), F32_TOL, `${fn}(${x})`, 1));
    }
  });

  it('applies + - * / and unary minus elementwise to x and y', async () => {
    const expr = bin('-', bin('+', bin('*', X, Y), bin('/', X, Y)), neg(Y));
    const values = await evaluateAt(expr, [2, -3], [4, 0.5]);
    expectRelNear(values[0], 2 * 4 + 2 / 4 + 4, F32_TOL, 'at (2, 4)');
    expectRelNear(values[1], -3 * 0.5 + -3 / 0.5 + 0.5, F32_TOL, 'at (-3, 0.5)');
  });

  it('raises negative bases to constant integer powers exactly, including negative exponents', async () => {
    const xs = [-2, -1.5, 3];
    for (const n of [2, 3, 4, 5, 7, -1, -2, -3]) {
      const values = await evaluateAt(bin('^', X, num(n)), xs, [0, 0, 0]);
      xs.forEach((x, k) => expectRelNear(values[k], x ** n, F32_TOL, `${x}^${n}`));
    }
    const zeroth = await evaluateAt(bin('^', X, num(0)), [-2, 5], [0, 0]);
    expect(Array.from(zeroth)).toEqual([1, 1]);
  });

  it('gives NaN for a negative base to a non-integer power and the real root otherwise', async () => {
    const values = await evaluateAt(bin('^', X, num(0.5)), [-4, 4], [0, 0]);
    expect(values[0]).toBeNaN();
    expectRelNear(values[1], 2, F32_TOL, '4^0.5');
  });

  it('raises to variable exponents via exp(b log a): x^y and 2^x', async () => {
    const xy = await evaluateAt(bin('^', X, Y), [2, 0.5], [3, -2]);
    expectRelNear(xy[0], 8, F32_TOL, '2^3');
    expectRelNear(xy[1], 4, F32_TOL, '0.5^-2');
    const twoX = await evaluateAt(bin('^', num(2), X), [3, -1], [0, 0]);
    expectRelNear(twoX[0], 8, F32_TOL, '2^3');
    expectRelNear(twoX[1], 0.5, F32_TOL, '2^-1');
  });

  it('is stable for softplus and sigmoid at large |arguments|', async () => {
    const sp = await evaluateAt(call('softplus', X), [100, -100, 30], [0, 0, 0]);
    expectRelNear(sp[0], 100, F32_TOL, 'softplus(100)');
    expect(sp[1]).toBeGreaterThanOrEqual(0);
    expect(sp[1]).toBeLessThan(1e-30);
    expectRelNear(sp[2], 30, F32_TOL, 'softplus(30)');
    const sg = await evaluateAt(call('sigmoid', X), [100, -100], [0, 0]);
    expect(sg[0]).toBe(1);
    expect(sg[1]).toBeGreaterThanOrEqual(0);
    expect(sg[1]).toBeLessThan(1e-30);
  });

  it('folds constant subtrees in float64 and reports them through constantValue', () => {
    expect(constantValue(bin('+', call('sin', num(0)), bin('^', num(2), num(10))))).toBe(1024);
    expect(constantValue(bin('*', call('sigmoid', num(0)), num(4)))).toBe(2);
    expect(constantValue(bin('*', X, num(0)))).toBeNull();
  });

  it('returns a tensor of the input shape for a function of neither x nor y', async () => {
    const fn = compileExpr(bin('+', num(1), call('exp', num(0))));
    const t = tf.tidy(() => fn(tf.zeros([3, 4]), tf.zeros([3, 4])));
    expect(t.shape).toEqual([3, 4]);
    expect(Array.from(await t.data())).toEqual(new Array(12).fill(2));
    t.dispose();
  });

  it('returns a fresh tensor for f = x, so disposing the result leaves the input alive', () => {
    const x = tf.tensor1d([1, 2]);
    const y = tf.tensor1d([3, 4]);
    const result = compileExpr(X)(x, y);
    expect(result).not.toBe(x);
    result.dispose();
    expect(x.isDisposed).toBe(false);
    tf.dispose([x, y]);
  });

  it('differentiates x^5 at negative x to order 5 (the constant 120) by nested tf.grad', async () => {
    registerSecondOrderGradients();
    const fn = compileExpr(bin('^', X, num(5)));
    const f = (t: tf.Tensor): tf.Tensor => tf.sum(fn(t, t));
    const xs = [-1.5, -0.5, 2];
    const d2 = await nthDerivative(f, 2, xs);
    xs.forEach((x, k) => expectRelNear(d2[k], 20 * x ** 3, F32_TOL, `20 x^3 at ${x}`));
    const d5 = await nthDerivative(f, 5, xs);
    xs.forEach((x, k) => expectRelNear(d5[k], 120, F32_TOL, `fifth derivative at ${x}`));
  });

  it('leaves no tensors behind when evaluated inside tf.tidy', async () => {
    const before = tf.memory().numTensors;
    await evaluateAt(bin('+', call('tanh', bin('*', X, Y)), bin('^', X, Y)), [0.5, 1], [2, 3]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

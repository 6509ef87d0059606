import { tf } from '../../src/compute/tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/compute/backend';
import { tfPartialDerivatives } from '../../src/compute/tfPointDerivatives';
import { UNARY_FUNCTIONS, type Expr, type UnaryFunction } from '../../src/core/expr/ast';
import { parseExpression } from '../../src/core/expr/parser';
import { taylorCoefficients } from '../../src/core/jet';
import { coefficientCount, coefficientIndex } from '../../src/core/taylorLayout';
import { expectNear } from './support/expectNear';
import { X, Y, bin, call, num } from './support/tfTestUtils';

/**
 * Nested float32 autodiff loses a little more at every order. Coefficients are compared
 * against the largest |coefficient| of the expansion (at least 1): |tf - exact| <= 1e-5 * scale,
 * both for closed forms and for the float64 jet evaluator (largest error seen on the CPU
 * backend: 1.3e-6 of the scale, for x^y + y/x at (0.5, -0.4); a 1e-3 budget would hide bugs).
 */
const CLOSED_FORM_TOL = 1e-5;
const JET_TOL = 1e-5;

function parse(text: string): Expr {
  const result = parseExpression(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.expr;
}

function factorial(k: number): number {
  return k <= 1 ? 1 : k * factorial(k - 1);
}

/** a (a-1) ... (a-k+1) x^(a-k): the k-th derivative of x^a. */
function powerDerivative(a: number, k: number, x: number): number {
  let product = 1;
  for (let m = 0; m < k; m++) product *= a - m;
  return product * x ** (a - k);
}

/** Largest |c| of an expansion, at least 1: the scale its errors are measured against. */
function coefficientScale(c: ArrayLike<number>): number {
  return Math.max(1, ...Array.from(c, Math.abs));
}

/** Compares two coefficient arrays entry by entry within tol * scale. */
function expectCoefficientsNear(actual: Float64Array, expected: ArrayLike<number>, tol: number, what: string): void {
  expect(actual.length).toBe(expected.length);
  const bound = tol * coefficientScale(expected);
  for (let k = 0; k < expected.length; k++) expectNear(actual[k], expected[k], bound, `${what} c[${k}]`);
}

/** f, f' and f'' of every unary function at x, by hand. */
function lowDerivatives(fn: UnaryFunction, x: number): [number, number, number] {
  const t = Math.tan(x);
  const th = Math.tanh(x);
  const s = 1 / (1 + Math.exp(-x));
  const table: Record<UnaryFunction, [number, number, number]> = {
    sin: [Math.sin(x), Math.cos(x), -Math.sin(x)],
    cos: [Math.cos(x), -Math.sin(x), -Math.cos(x)],
    tan: [t, 1 + t * t, 2 * t * (1 + t * t)],
    exp: [Math.exp(x), Math.exp(x), Math.exp(x)],
    log: [Math.log(x), 1 / x, -1 / (x * x)],
    sqrt: [Math.sqrt(x), 0.5 / Math.sqrt(x), -0.25 * x ** -1.5],
    abs: [Math.abs(x), Math.sign(x), 0],
    atan: [Math.atan(x), 1 / (1 + x * x), (-2 * x) / (1 + x * x) ** 2],
    sinh: [Math.sinh(x), Math.cosh(x), Math.sinh(x)],
    cosh: [Math.cosh(x), Math.sinh(x), Math.cosh(x)],
    tanh: [th, 1 - th * th, -2 * th * (1 - th * th)],
    sigmoid: [s, s * (1 - s), s * (1 - s) * (1 - 2 * s)],
    softplus: [Math.log1p(Math.exp(x)), s, s * (1 - s)],
  };
  return table[fn];
}

/** k-th derivatives with a closed form at every order. */
const ALL_ORDERS: Partial<Record<UnaryFunction, (x: number, k: number) => number>> = {
  exp: (x) => Math.exp(x),
  sin: (x, k) => Math.sin(x + (k * Math.PI) / 2),
  cos: (x, k) => Math.cos(x + (k * Math.PI) / 2),
  sinh: (x, k) => (k % 2 === 0 ? Math.sinh(x) : Math.cosh(x)),
  cosh: (x, k) => (k % 2 === 0 ? Math.cosh(x) : Math.sinh(x)),
  log: (x, k) => (k === 0 ? Math.log(x) : ((-1) ** (k - 1) * factorial(k - 1)) / x ** k),
  sqrt: (x, k) => powerDerivative(0.5, k, x),
};

beforeAll(async () => {
  await initBackend('cpu');
});

describe('tfPartialDerivatives', () => {
  it('returns the exact expansion of x^3 y^2 at (-1.5, 0.7) to order 6, zeros above degree 5', async () => {
    const [x0, y0] = [-1.5, 0.7];
    const c = await tfPartialDerivatives(bin('*', bin('^', X, num(3)), bin('^', Y, num(2))), x0, y0, 6);
    const binomial = (n: number, k: number): number => (k > n ? 0 : factorial(n) / (factorial(k) * factorial(n - k)));
    const expected = new Float64Array(coefficientCount(6));
    for (let i = 0; i <= 3; i++) {
      for (let j = 0; j <= 2; j++) {
        expected[coefficientIndex(i, j)] = binomial(3, i) * x0 ** (3 - i) * binomial(2, j) * y0 ** (2 - j);
      }
    }
    expectCoefficientsNear(c, expected, CLOSED_FORM_TOL, 'x^3 y^2');
  });

  for (const fn of UNARY_FUNCTIONS) {
    it(`differentiates ${fn}(x) and ${fn}(y) to order 6 without throwing, matching f, f', f''/2`, async () => {
      const p = 0.6;
      const [f0, f1, f2] = lowDerivatives(fn, p);
      const inX = await tfPartialDerivatives(call(fn, X), p, -0.2, 6);
      const inY = await tfPartialDerivatives(call(fn, Y), 0.3, p, 6);
      expect(inX.every(Number.isFinite) && inY.every(Number.isFinite), 'all finite').toBe(true);
      const bound = CLOSED_FORM_TOL * Math.max(1, Math.abs(f0), Math.abs(f1), Math.abs(f2));
      for (const [c, i, j] of [
        [inX, 1, 0],
        [inY, 0, 1],
      ] as const) {
        expectNear(c[0], f0, bound, `${fn} value`);
        expectNear(c[coefficientIndex(i, j)], f1, bound, `${fn} first derivative`);
        expectNear(c[coefficientIndex(2 * i, 2 * j)], f2 / 2, bound, `${fn} second derivative / 2`);
        // The other variable never appears: every coefficient with a power of it is zero.
        for (let k = 1; k <= 6; k++) expect(c[coefficientIndex(j * k, i * k)]).toBe(0);
      }
      const kth = ALL_ORDERS[fn];
      if (kth) {
        const expected = new Float64Array(coefficientCount(6));
        for (let k = 0; k <= 6; k++) expected[coefficientIndex(k, 0)] = kth(p, k) / factorial(k);
        expectCoefficientsNear(inX, expected, CLOSED_FORM_TOL, `${fn} to order 6`);
      }
    });
  }

  it('differentiates ^ (integer, fractional and variable exponents) and / to order 6 by closed form', async () => {
    const p = 0.8;
    for (const [expr, a] of [
      [bin('^', X, num(3)), 3],
      [bin('^', X, num(-2)), -2],
      [bin('^', X, num(2.5)), 2.5],
      [bin('/', num(1), X), -1],
    ] as const) {
      const c = await tfPartialDerivatives(expr, p, 0.1, 6);
      const expected = new Float64Array(coefficientCount(6));
      for (let k = 0; k <= 6; k++) expected[coefficientIndex(k, 0)] = powerDerivative(a, k, p) / factorial(k);
      expectCoefficientsNear(c, expected, CLOSED_FORM_TOL, `x^${a}`);
    }
    // x^y = exp(y log x): d^j/dy^j at fixed x is (log x)^j x^y.
    const xy = await tfPartialDerivatives(bin('^', X, Y), 1.7, 0.4, 6);
    for (let j = 0; j <= 6; j++) {
      expectNear(xy[coefficientIndex(0, j)], (Math.log(1.7) ** j * 1.7 ** 0.4) / factorial(j), 1e-5, `d^${j}/dy^${j} x^y`);
    }
  });

  it('returns just f at order 0 and rejects negative or fractional orders', async () => {
    const c = await tfPartialDerivatives(parse('exp(x) * y'), 0, 2, 0);
    expect(Array.from(c)).toEqual([2]);
    await expect(tfPartialDerivatives(X, 0, 0, -1)).rejects.toBeInstanceOf(RangeError);
    await expect(tfPartialDerivatives(X, 0, 0, 1.5)).rejects.toBeInstanceOf(RangeError);
  });

  it('leaves no tensors behind after an order-6 expansion', async () => {
    const before = tf.memory().numTensors;
    await tfPartialDerivatives(parse('exp(sin(x)*y) + tanh(x*y) + x^y'), 0.4, 0.9, 6);
    expect(tf.memory().numTensors).toBe(before);
  });

  describe('agrees with the float64 jet evaluator (taylorCoefficients) to 1e-5 of the coefficient scale', () => {
    const cases: readonly string[] = [
      'exp(sin(x)*y)',
      'tanh(x*y)',
      'sigmoid(x-y)',
      'sqrt(x^2+y^2+1)',
      'log(1+x^2)+0.1*y^2',
      'atan(x)*cosh(y)',
      'softplus(x*y)',
      'abs(x-0.3)*y',
      'x^y + y/x',
    ];
    const points: readonly (readonly [number, number])[] = [
      [0.5, -0.4],
      [-1.2, 0.7],
      [1.1, 1.3],
    ];
    for (const text of cases) {
      it(`${text} at three points, order 6`, async () => {
        const expr = parse(text);
        for (const [x0, y0] of points) {
          // x^y needs x > 0; mirror the point instead of skipping it.
          const x = text.includes('x^y') ? Math.abs(x0) : x0;
          const jet = taylorCoefficients(expr, x, y0, 6);
          const autodiff = await tfPartialDerivatives(expr, x, y0, 6);
          expectCoefficientsNear(autodiff, jet, JET_TOL, `${text} at (${x}, ${y0})`);
        }
      });
    }
  });
});

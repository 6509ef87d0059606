import { describe, expect, it } from 'vitest';
import { UNARY_FUNCTIONS } from '../../src/core/expr/ast';
import type { Expr, UnaryFunction } from '../../src/core/expr/ast';
import { parseExpression } from '../../src/core/expr/parser';
import { evaluateExpr, partialDerivative, pointDerivatives, taylorCoefficients } from '../../src/core/jet';
import { coefficientCount, coefficientIndex } from '../../src/core/taylorLayout';

function parsed(text: string): Expr {
  const r = parseExpression(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.expr;
}

/** All partial derivatives up to `order` at (x0, y0), keyed by [i, j]. */
function partials(text: string, x0: number, y0: number, order = 6): (i: number, j: number) => number {
  const c = taylorCoefficients(parsed(text), x0, y0, order);
  return (i, j) => partialDerivative(c, i, j);
}

/** |actual - expected| <= tol * max(1, |expected|): relative for large values, absolute near 0. */
function expectClose(actual: number, expected: number, tol: number, what: string): void {
  const ok = Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected));
  expect(ok, `${what}: got ${actual}, expected ${expected} (tol ${tol})`).toBe(true);
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** d^n/dt^n of g where g' = q(g): the nth derivative is P_n(g) with P_0 = t, P_{n+1} = P_n' q. */
function riccatiDerivative(q: number[], g: number, n: number): number {
  let p = [0, 1];
  for (let k = 0; k < n; k++) {
    const dp = p.slice(1).map((a, i) => a * (i + 1));
    const next = new Array<number>(dp.length + q.length - 1).fill(0);
    dp.forEach((a, i) => q.forEach((b, j) => (next[i + j] += a * b)));
    p = next;
  }
  return p.reduceRight((acc, a) => acc * g + a, 0);
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Closed-form nth derivative of each allowed function, written independently of the jet code. */
const DERIVATIVES: Record<UnaryFunction, (x: number, n: number) => number> = {
  sin: (x, n) => Math.sin(x + (n * Math.PI) / 2),
  cos: (x, n) => Math.cos(x + (n * Math.PI) / 2),
  exp: (x) => Math.exp(x),
  log: (x, n) => (n === 0 ? Math.log(x) : ((-1) ** (n + 1) * factorial(n - 1)) / x ** n),
  sqrt: (x, n) => {
    let k = 1;
    for (let m = 0; m < n; m++) k *= 0.5 - m;
    return k * x ** (0.5 - n);
  },
  abs: (x, n) => (n === 0 ? Math.abs(x) : n === 1 ? Math.sign(x) : 0),
  atan: (x, n) =>
    n === 0 ? Math.atan(x) : ((-1) ** (n - 1) * factorial(n - 1) * Math.sin(n * (Math.PI / 2 - Math.atan(x)))) / (1 + x * x) ** (n / 2),
  sinh: (x, n) => (n % 2 === 0 ? Math.sinh(x) : Math.cosh(x)),
  cosh: (x, n) => (n % 2 === 0 ? Math.cosh(x) : Math.sinh(x)),
  tan: (x, n) => riccatiDerivative([1, 0, 1], Math.tan(x), n),
  tanh: (x, n) => riccatiDerivative([1, 0, -1], Math.tanh(x), n),
  sigmoid: (x, n) => riccatiDerivative([0, 1, -1], sigmoid(x), n),
  softplus: (x, n) => (n === 0 ? Math.log1p(Math.exp(x)) : riccatiDerivative([0, 1, -1], sigmoid(x), n - 1)),
};

const POINTS: Record<UnaryFunction, number[]> = {
  sin: [-1.3, 0, 0.5, 2.2],
  cos: [-1.3, 0, 0.5, 2.2],
  exp: [-1.3, 0, 0.5, 2.2],
  log: [0.3, 1, 2.5],
  sqrt: [0.3, 1, 2.5],
  abs: [-1.3, 0.5],
  atan: [-1.3, 0, 0.5, 2.2],
  sinh: [-1.3, 0, 0.5, 2.2],
  cosh: [-1.3, 0, 0.5, 2.2],
  tan: [-1.3, 0, 0.5, 1.1],
  tanh: [-1.3, 0, 0.5, 2.2],
  sigmoid: [-4, -1.3, 0, 0.5, 2.2],
  softplus: [-4, -1.3, 0, 0.5, 2.2],
};

describe('taylorCoefficients of each allowed function', () => {
  for (const fn of UNARY_FUNCTIONS) {
    it(`gives every derivative of ${fn}(x) up to order 6 as in closed form (relative 1e-10)`, () => {
      for (const x0 of POINTS[fn]) {
        const d = partials(`${fn}(x)`, x0, 0.25);
        for (let n = 0; n <= 6; n++) expectClose(d(n, 0), DERIVATIVES[fn](x0, n), 1e-10, `${fn}^(${n})(${x0})`);
        for (let i = 0; i <= 5; i++) for (let j = 1; i + j <= 6; j++) expect(d(i, j)).toBe(0);
      }
    });

    it(`gives every y-derivative of ${fn}(2*y - 1) up to order 6 by the chain rule (relative 1e-10)`, () => {
      const y0 = (POINTS[fn][0] + 1) / 2;
      const d = partials(`${fn}(2*y - 1)`, -0.6, y0);
      for (let n = 0; n <= 6; n++) expectClose(d(0, n), 2 ** n * DERIVATIVES[fn](2 * y0 - 1, n), 1e-10, `${fn} d/dy^${n}`);
    });
  }

  it('puts sin at 0 as x - x^3/6 + x^5/120 with exactly zero even terms', () => {
    const c = taylorCoefficients(parsed('sin(x)'), 0, 0, 6);
    const at = (i: number): number => c[coefficientIndex(i, 0)];
    expect([at(1), at(3), at(5)]).toEqual([1, -1 / 6, 1 / 120]);
    expect([at(0), at(2), at(4), at(6)]).toEqual([0, 0, 0, 0]);
  });

  it('composes exp(sin(x)) into 1 + x + x^2/2 - x^4/8 - x^5/15 - x^6/240 at 0 (1e-15)', () => {
    const c = taylorCoefficients(parsed('exp(sin(x))'), 0, 0, 6);
    const expected = [1, 1, 1 / 2, 0, -1 / 8, -1 / 15, -1 / 240];
    expected.forEach((v, i) => expectClose(c[coefficientIndex(i, 0)], v, 1e-15, `c${i}`));
  });

  it('matches central differences for exp(sin(x)) and tanh(x*y) at a generic point (1e-6)', () => {
    const h = 1e-4;
    for (const text of ['exp(sin(x))', 'tanh(x*y)', 'softplus(x - y^2)*atan(x)']) {
      const f = (x: number, y: number): number => evaluateExpr(parsed(text), x, y);
      const [x, y] = [0.7, -0.4];
      const p = pointDerivatives(parsed(text), x, y);
      expectClose(p.gx, (f(x + h, y) - f(x - h, y)) / (2 * h), 1e-6, `${text} gx`);
      expectClose(p.gy, (f(x, y + h) - f(x, y - h)) / (2 * h), 1e-6, `${text} gy`);
      expectClose(p.hxx, (f(x + h, y) - 2 * f(x, y) + f(x - h, y)) / h ** 2, 1e-5, `${text} hxx`);
      const fxy = (f(x + h, y + h) - f(x + h, y - h) - f(x - h, y + h) + f(x - h, y - h)) / (4 * h * h);
      expectClose(p.hxy, fxy, 1e-5, `${text} hxy`);
    }
  });
});

describe('taylorCoefficients of products, quotients and powers', () => {
  /** Checks every ∂x^i ∂y^j with i + j <= 6 against a closed form. */
  function expectPartials(text: string, x0: number, y0: number, exact: (i: number, j: number) => number, tol = 1e-10): void {
    const d = partials(text, x0, y0);
    for (let i = 0; i <= 6; i++) for (let j = 0; i + j <= 6; j++) expectClose(d(i, j), exact(i, j), tol, `${text} d(${i},${j})`);
  }

  it('gives the mixed partials of sin(x)*cos(y) as sin^(i)(x) cos^(j)(y) (1e-12)', () => {
    expectPartials('sin(x)*cos(y)', 0.5, -1.2, (i, j) => DERIVATIVES.sin(0.5, i) * DERIVATIVES.cos(-1.2, j), 1e-12);
  });

  it('gives the mixed partials of sin(x + y) as sin^(i+j)(x + y) (1e-12)', () => {
    expectPartials('sin(x + y)', 0.5, 0.9, (i, j) => DERIVATIVES.sin(1.4, i + j), 1e-12);
  });

  it('gives the mixed partials of 1/(x + 2*y) in closed form (1e-10)', () => {
    const s = 0.7 + 2 * 0.3;
    expectPartials('1/(x + 2*y)', 0.7, 0.3, (i, j) => ((-1) ** (i + j) * factorial(i + j) * 2 ** j) / s ** (i + j + 1));
  });

  it('gives the mixed partials of 2^(x + y) as ln(2)^(i+j) 2^(x+y) (1e-12)', () => {
    expectPartials('2^(x + y)', 0.4, -1.1, (i, j) => Math.LN2 ** (i + j) * 2 ** -0.7, 1e-12);
  });

  it('differentiates x^a for whole, negative and fractional a, including negative bases (1e-10)', () => {
    const cases: [string, number, number][] = [
      ['x^3', 3, -1.5],
      ['x^-2', -2, -0.8],
      ['x^2.5', 2.5, 1.3],
      ['x^(1/3)', 1 / 3, 2],
      ['x^7', 7, -0.6],
    ];
    for (const [text, a, x0] of cases) {
      expectPartials(text, x0, 0, (i, j) => {
        if (j > 0) return 0;
        let k = 1;
        for (let m = 0; m < i; m++) k *= a - m;
        return k * Math.pow(x0, a - i);
      });
    }
  });

  it('differentiates x^y in x, in y and once in each (1e-10)', () => {
    const [x0, y0] = [1.5, 2.5];
    const d = partials('x^y', x0, y0);
    for (let n = 0; n <= 6; n++) {
      let k = 1;
      for (let m = 0; m < n; m++) k *= y0 - m;
      expectClose(d(n, 0), k * x0 ** (y0 - n), 1e-10, `d/dx^${n}`);
      expectClose(d(0, n), Math.log(x0) ** n * x0 ** y0, 1e-10, `d/dy^${n}`);
    }
    expectClose(d(1, 1), x0 ** (y0 - 1) * (1 + y0 * Math.log(x0)), 1e-10, 'd/dxdy');
  });

  it('gives the Hessian of the double well (x^2-1)^2 + y^2: diag(8, 2) at (±1, 0), diag(-4, 2) at 0', () => {
    for (const [x, hxx] of [[1, 8], [-1, 8], [0, -4]]) {
      const p = pointDerivatives(parsed('(x^2-1)^2 + y^2'), x, 0);
      expect(p).toEqual({ f: x === 0 ? 1 : 0, gx: 0, gy: 0, hxx, hxy: 0, hyy: 2 });
    }
  });

  it('gives Rosenbrock at (1, 1) a zero gradient and H = [[802, -400], [-400, 200]]', () => {
    const p = pointDerivatives(parsed('(1-x)^2 + 100*(y-x^2)^2'), 1, 1);
    expect(p).toEqual({ f: 0, gx: 0, gy: 0, hxx: 802, hxy: -400, hyy: 200 });
  });
});

describe('taylorCoefficients outside the domain and at edges', () => {
  const allNaN = (c: Float64Array): boolean => c.every((v) => Number.isNaN(v));

  it('returns NaN coefficients for log(x) at x = -1 and at 0 without throwing', () => {
    expect(allNaN(taylorCoefficients(parsed('log(x)'), -1, 0, 6))).toBe(true);
    expect(allNaN(taylorCoefficients(parsed('log(x)'), 0, 0, 6))).toBe(true);
  });

  it('returns NaN for sqrt below 0, division by 0 and fractional powers of negatives', () => {
    for (const [text, x0] of [['sqrt(x)', -1], ['1/x', 0], ['x^-1', 0], ['x^0.5', -2], ['(-8)^(1/3) + x', 0], ['(-2)^x', 1]] as const) {
      expect(allNaN(taylorCoefficients(parsed(text), x0, 0, 4)), text).toBe(true);
    }
  });

  it('keeps sqrt(x) = 0 at 0 but makes its infinite derivatives NaN', () => {
    const c = taylorCoefficients(parsed('sqrt(x)'), 0, 0, 3);
    expect(c[0]).toBe(0);
    expect(Number.isNaN(c[coefficientIndex(1, 0)])).toBe(true);
  });

  it('keeps x^2.5 at 0 finite up to order 2 and NaN from order 3', () => {
    const c = taylorCoefficients(parsed('x^2.5'), 0, 0, 4);
    expect([0, 1, 2].map((i) => c[coefficientIndex(i, 0)])).toEqual([0, 0, 0]);
    expect(Number.isNaN(c[coefficientIndex(3, 0)])).toBe(true);
  });

  it('expands whole powers exactly at a zero base: (x - 1)^2 at x = 1 is dx^2', () => {
    const c = taylorCoefficients(parsed('(x - 1)^2 + 0^0'), 1, 0, 4);
    expect(Array.from(c)).toEqual(Array.from({ length: coefficientCount(4) }, (_, k) => (k === 0 || k === 3 ? 1 : 0)));
  });

  it('takes the slope of abs at 0 as +1 (sign(0) = 1, documented)', () => {
    const d = partials('abs(x)', 0, 0, 3);
    expect([d(0, 0), d(1, 0), d(2, 0)]).toEqual([0, 1, 0]);
  });

  it('stays finite for sigmoid and softplus far from 0', () => {
    const big = taylorCoefficients(parsed('softplus(x) + sigmoid(-x)'), 800, 0, 4);
    expect(big[0]).toBe(800);
    expect(big.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('throws RangeError only for an order that is not an integer in [0, 20]', () => {
    for (const order of [-1, 1.5, 21]) expect(() => taylorCoefficients(parsed('x'), 0, 0, order)).toThrow(RangeError);
    expect(Array.from(taylorCoefficients(parsed('x*y + 3'), 1, 2, 0))).toEqual([5]);
  });
});

describe('evaluateExpr, pointDerivatives and partialDerivative', () => {
  const zoo = [
    '(x^2-1)^2 + y^2',
    'exp(-(x^2+y^2))*sin(3*x) + log(1+x^2) + 0.1*y^2',
    'sqrt(x^2+y^2+1) - tanh(x*y)/cosh(y) + atan(x - y)^3',
    'sigmoid(2*x - y)*softplus(x*y) + abs(x - 3) + sinh(y)*tan(0.3*x)',
    '(x + 2)^y + 2^(x*y) + (x + 2)^-1.5',
  ];

  it('agrees with the constant coefficient of the jet (1e-15 relative)', () => {
    for (const text of zoo) {
      for (const [x, y] of [[0.3, 0.8], [-0.9, 1.4]]) {
        expectClose(taylorCoefficients(parsed(text), x, y, 4)[0], evaluateExpr(parsed(text), x, y), 1e-15, text);
      }
    }
  });

  it('makes Taylor polynomials of order k err like h^(k+1): halving h divides the error by ~2^(k+1)', () => {
    // zoo[0] is a quartic, exact at order 4, so it has no error to scale.
    for (const text of zoo.slice(1)) {
      for (const k of [2, 4]) {
        const [x0, y0] = [0.3, 0.8];
        const c = taylorCoefficients(parsed(text), x0, y0, k);
        const error = (h: number): number => {
          const [dx, dy] = [0.6 * h, -0.8 * h];
          let t = 0;
          for (let i = 0; i <= k; i++) for (let j = 0; i + j <= k; j++) t += c[coefficientIndex(i, j)] * dx ** i * dy ** j;
          return Math.abs(evaluateExpr(parsed(text), x0 + dx, y0 + dy) - t);
        };
        const ratio = error(0.02) / error(0.01);
        expect(ratio, `${text} order ${k}`).toBeGreaterThan(2 ** (k + 1) * 0.8);
        expect(ratio, `${text} order ${k}`).toBeLessThan(2 ** (k + 1) * 1.25);
      }
    }
  });

  it('reads value, gradient and Hessian from the order-2 coefficients', () => {
    const c = taylorCoefficients(parsed(zoo[2]), 0.3, 0.8, 6);
    const p = pointDerivatives(parsed(zoo[2]), 0.3, 0.8);
    expect(p.gx).toBe(partialDerivative(c, 1, 0));
    expect(p.hxx).toBe(partialDerivative(c, 2, 0));
    expect(p.hxy).toBe(partialDerivative(c, 1, 1));
    expect(p.hyy).toBe(partialDerivative(c, 0, 2));
  });

  it('scales a coefficient by i! j! and refuses an index past the array', () => {
    const c = taylorCoefficients(parsed('x^3*y^2'), 0, 0, 5);
    expect(partialDerivative(c, 3, 2)).toBe(12);
    expect(() => partialDerivative(c, 3, 3)).toThrow(RangeError);
  });
});

/**
 * Taylor coefficients of an expression at a point, to any order, by truncated bivariate series
 * ("jet") arithmetic in float64: each tree node yields its own Taylor series at (x0, y0), combined
 * by exact series rules, so there is no step size and no finite-difference error. This is the
 * reference the GPU derivatives are checked against and what feeds the Taylor patch per drag frame.
 */
import type { Expr, UnaryFunction } from './expr/ast';
import type { PointDerivatives } from './types';
import { coefficientIndex } from './taylorLayout';
import { compose, divInto, mulInto, productPlan } from './jetArithmetic';
import type { ProductPlan } from './jetArithmetic';
import { powerSeries, sigmoid, softplus, unarySeries } from './univariateSeries';

interface JetContext {
  readonly plan: ProductPlan;
  readonly x0: number;
  readonly y0: number;
  /** Scratch for one function's univariate coefficients, reused by every node. */
  readonly series: Float64Array;
}

function constantJet(value: number, ctx: JetContext): Float64Array {
  const c = new Float64Array(ctx.plan.size);
  c[0] = value;
  return c;
}

/** Whether a jet has no terms beyond its constant, as for the exponent in x^2 or x^(1/3). */
function isConstant(c: Float64Array): boolean {
  for (let k = 1; k < c.length; k++) if (c[k] !== 0) return false;
  return true;
}

/** u^v: constant exponents use the binomial series (negative bases allowed for whole exponents). */
function power(u: Float64Array, v: Float64Array, ctx: JetContext): Float64Array {
  const { plan, series } = ctx;
  if (isConstant(v)) {
    powerSeries(u[0], v[0], plan.order, series);
    return compose(series, u, plan);
  }
  // u^v = exp(v log u), defined only for a positive base.
  unarySeries('log', u[0], plan.order, series);
  const logU = compose(series, u, plan);
  const exponent = new Float64Array(plan.size);
  mulInto(logU, v, exponent, plan);
  unarySeries('exp', exponent[0], plan.order, series);
  return compose(series, exponent, plan);
}

function binary(e: Extract<Expr, { kind: 'binary' }>, ctx: JetContext): Float64Array {
  const u = jet(e.left, ctx);
  const v = jet(e.right, ctx);
  switch (e.op) {
    case '+':
      for (let k = 0; k < u.length; k++) u[k] += v[k];
      return u;
    case '-':
      for (let k = 0; k < u.length; k++) u[k] -= v[k];
      return u;
    case '*': {
      const out = new Float64Array(ctx.plan.size);
      mulInto(u, v, out, ctx.plan);
      return out;
    }
    case '/':
      divInto(u, v, u, ctx.plan);
      return u;
    case '^':
      return power(u, v, ctx);
  }
}

/** The jet of a subtree; the returned array is fresh, so callers may overwrite it. */
function jet(e: Expr, ctx: JetContext): Float64Array {
  switch (e.kind) {
    case 'num':
      return constantJet(e.value, ctx);
    case 'var': {
      const c = constantJet(e.name === 'x' ? ctx.x0 : ctx.y0, ctx);
      if (ctx.plan.order >= 1) c[e.name === 'x' ? coefficientIndex(1, 0) : coefficientIndex(0, 1)] = 1;
      return c;
    }
    case 'neg': {
      const c = jet(e.arg, ctx);
      for (let k = 0; k < c.length; k++) c[k] = -c[k];
      return c;
    }
    case 'binary':
      return binary(e, ctx);
    case 'call': {
      const u = jet(e.arg, ctx);
      unarySeries(e.fn, u[0], ctx.plan.order, ctx.series);
      return compose(ctx.series, u, ctx.plan);
    }
  }
}

/**
 * Taylor coefficients c[i][j] = ∂^(i+j) f / ∂x^i ∂y^j / (i! j!) at (x0, y0) for i + j <= order, in
 * the taylorLayout order; NaN where f or a derivative is undefined (log of a non-positive number,
 * sqrt at or below 0, division by 0). Throws RangeError only for an order outside [0, 20].
 */
export function taylorCoefficients(expr: Expr, x0: number, y0: number, order: number): Float64Array {
  const plan = productPlan(order);
  return jet(expr, { plan, x0, y0, series: new Float64Array(order + 1) });
}

/** Plain float64 value of each allowed function (overflow-safe sigmoid and softplus). */
export const SCALAR_FUNCTIONS: Readonly<Record<UnaryFunction, (u: number) => number>> = {
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
  sigmoid,
  softplus,
};

/** Plain float64 value of f(x, y), with JavaScript's Math semantics (log(0) = -Infinity, 1/0 = Infinity). */
export function evaluateExpr(expr: Expr, x: number, y: number): number {
  switch (expr.kind) {
    case 'num':
      return expr.value;
    case 'var':
      return expr.name === 'x' ? x : y;
    case 'neg':
      return -evaluateExpr(expr.arg, x, y);
    case 'call':
      return SCALAR_FUNCTIONS[expr.fn](evaluateExpr(expr.arg, x, y));
    case 'binary': {
      const a = evaluateExpr(expr.left, x, y);
      const b = evaluateExpr(expr.right, x, y);
      switch (expr.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return a / b;
        case '^':
          return Math.pow(a, b);
      }
    }
  }
}

/** Value, gradient and Hessian of f at (x, y), read off the order-2 Taylor coefficients. */
export function pointDerivatives(expr: Expr, x: number, y: number): PointDerivatives {
  const c = taylorCoefficients(expr, x, y, 2);
  return {
    f: c[0],
    gx: c[coefficientIndex(1, 0)],
    gy: c[coefficientIndex(0, 1)],
    hxx: 2 * c[coefficientIndex(2, 0)],
    hxy: c[coefficientIndex(1, 1)],
    hyy: 2 * c[coefficientIndex(0, 2)],
  };
}

function factorial(n: number): number {
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
}

/** The partial derivative ∂^(i+j) f / ∂x^i ∂y^j = c[i][j] i! j!; throws RangeError past the array. */
export function partialDerivative(coeffs: ArrayLike<number>, i: number, j: number): number {
  const index = coefficientIndex(i, j);
  if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j < 0 || index >= coeffs.length) {
    throw new RangeError(`no coefficient for the derivative of order (${i}, ${j}) in ${coeffs.length} coefficients`);
  }
  return coeffs[index] * factorial(i) * factorial(j);
}

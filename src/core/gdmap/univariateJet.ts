/**
 * f of x as the GD map needs it: exact univariate jets for Newton (minima, orbits, multipliers) and a
 * compiled f′ for the diagram's millions of steps. The compiled slope is forward-mode dual numbers
 * over the parsed tree, built once into closures: no tree walk by kind and no allocation per step.
 */
import type { Expr } from '../expr/ast';
import { taylorCoefficients } from '../jet';
import { coefficientIndex } from '../taylorLayout';
import { powerSeries, unarySeries } from '../univariateSeries';
import type { Slope, UnivariateJet } from './types';

/** The jet callback of a formula in x (y, if present, is held at 0). */
export function jetOfExpr(expr: Expr): UnivariateJet {
  return (x, order) => {
    const c = taylorCoefficients(expr, x, 0, order);
    const out = new Float64Array(order + 1);
    for (let k = 0; k <= order; k++) out[k] = c[coefficientIndex(k, 0)];
    return out;
  };
}

/** f′ read off an order-1 jet: the slow but general slope of any jet callback. */
export function slopeOfJet(jet: UnivariateJet): Slope {
  return (x) => jet(x, 1)[1];
}

/** A compiled node: returns the value at x and leaves the derivative in `reg.d`. */
type DualNode = (x: number) => number;

/** Derivative register shared by one compiled tree's closures. */
interface Register {
  d: number;
}

/** f′ of a formula in x, compiled to closures; agrees with the order-1 jet (abs has slope +1 at 0 as there). */
export function compileSlope(expr: Expr): Slope {
  const reg: Register = { d: 0 };
  const node = compileDual(expr, reg, new Float64Array(2));
  return (x) => {
    node(x);
    return reg.d;
  };
}

function compileDual(e: Expr, reg: Register, scratch: Float64Array): DualNode {
  switch (e.kind) {
    case 'num': {
      const value = e.value;
      return () => ((reg.d = 0), value);
    }
    case 'var':
      return e.name === 'x' ? (x) => ((reg.d = 1), x) : () => ((reg.d = 0), 0);
    case 'neg': {
      const arg = compileDual(e.arg, reg, scratch);
      return (x) => {
        const v = arg(x);
        reg.d = -reg.d;
        return -v;
      };
    }
    case 'call': {
      const arg = compileDual(e.arg, reg, scratch);
      const fn = e.fn;
      return (x) => {
        const u = arg(x);
        const du = reg.d;
        unarySeries(fn, u, 1, scratch);
        reg.d = scratch[1] * du;
        return scratch[0];
      };
    }
    case 'binary':
      return compileBinary(e, reg, scratch);
  }
}

function compileBinary(e: Extract<Expr, { kind: 'binary' }>, reg: Register, scratch: Float64Array): DualNode {
  const left = compileDual(e.left, reg, scratch);
  const right = compileDual(e.right, reg, scratch);
  const op = e.op;
  return (x) => {
    const a = left(x);
    const da = reg.d;
    const b = right(x);
    const db = reg.d;
    switch (op) {
      case '+':
        reg.d = da + db;
        return a + b;
      case '-':
        reg.d = da - db;
        return a - b;
      case '*':
        reg.d = da * b + a * db;
        return a * b;
      case '/':
        reg.d = (da - (a / b) * db) / b;
        return a / b;
      case '^':
        return power(a, da, b, db, reg, scratch);
    }
  };
}

/** u^v as the jets do it: the binomial series for a constant exponent, exp(v log u) otherwise. */
function power(a: number, da: number, b: number, db: number, reg: Register, scratch: Float64Array): number {
  if (db === 0) {
    powerSeries(a, b, 1, scratch);
    reg.d = da === 0 ? 0 : scratch[1] * da;
    return scratch[0];
  }
  const value = Math.pow(a, b);
  reg.d = value * (db * Math.log(a) + (b * da) / a);
  return value;
}

/**
 * d/dx of an expression tree as another tree, with light simplification (0 + a = a, 1·a = a,
 * constants folded) so that f = x^4 - 3*x^2 + x prints its f′ as 4*x^3 - 6*x + 1. Used to write a
 * typed f's slope into a formula (the GD map's F(x, η) in the implicit view); numbers elsewhere come
 * from jets, which the tests compare this with.
 */
import type { Expr } from '../expr/ast';

const num = (value: number): Expr => ({ kind: 'num', value });
const isNum = (e: Expr): e is Extract<Expr, { kind: 'num' }> => e.kind === 'num';
/** Whether e is the number `value` (a plain test, not a type guard: other numbers pass through). */
const isValue = (e: Expr, value: number): boolean => e.kind === 'num' && e.value === value;

/** −a, folding numbers and double negation. */
export function neg(a: Expr): Expr {
  if (isNum(a)) return num(-a.value);
  if (a.kind === 'neg') return a.arg;
  return { kind: 'neg', arg: a };
}

/** a + b, dropping zeros, folding numbers, and writing a + (−b) as a − b. */
export function add(a: Expr, b: Expr): Expr {
  if (isNum(a) && isNum(b)) return num(a.value + b.value);
  if (isValue(a, 0)) return b;
  if (isValue(b, 0)) return a;
  if (b.kind === 'neg') return sub(a, b.arg);
  if (isNum(b) && b.value < 0) return sub(a, num(-b.value));
  return { kind: 'binary', op: '+', left: a, right: b };
}

/** a − b, dropping zeros and folding numbers. */
export function sub(a: Expr, b: Expr): Expr {
  if (isNum(a) && isNum(b)) return num(a.value - b.value);
  if (isValue(b, 0)) return a;
  if (isValue(a, 0)) return neg(b);
  if (b.kind === 'neg') return add(a, b.arg);
  return { kind: 'binary', op: '-', left: a, right: b };
}

/** a · b: zeros and ones dropped, numbers folded (also into a leading number of b), signs pulled out. */
export function mul(a: Expr, b: Expr): Expr {
  if (isNum(a) && isNum(b)) return num(a.value * b.value);
  if (isNum(b)) return mul(b, a);
  if (isValue(a, 0)) return num(0);
  if (isValue(a, 1)) return b;
  if (isValue(a, -1)) return neg(b);
  if (a.kind === 'neg') return neg(mul(a.arg, b));
  if (b.kind === 'neg') return neg(mul(a, b.arg));
  if (isNum(a) && b.kind === 'binary' && b.op === '*' && isNum(b.left)) return mul(num(a.value * b.left.value), b.right);
  if (isNum(a) && a.value < 0) return neg(mul(num(-a.value), b));
  return { kind: 'binary', op: '*', left: a, right: b };
}

/** a / b, with a / 1 = a and 0 / b = 0. */
export function div(a: Expr, b: Expr): Expr {
  if (isValue(b, 1)) return a;
  if (isValue(a, 0)) return num(0);
  if (a.kind === 'neg') return neg(div(a.arg, b));
  return { kind: 'binary', op: '/', left: a, right: b };
}

/** a ^ b, with a ^ 1 = a and a ^ 0 = 1. */
export function pow(a: Expr, b: Expr): Expr {
  if (isValue(b, 1)) return a;
  if (isValue(b, 0)) return num(1);
  return { kind: 'binary', op: '^', left: a, right: b };
}

const call = (fn: Extract<Expr, { kind: 'call' }>['fn'], arg: Expr): Expr => ({ kind: 'call', fn, arg });

/** The derivative of a function of u with respect to u, as a tree in u. */
function outerDerivative(fn: Extract<Expr, { kind: 'call' }>['fn'], u: Expr): Expr {
  switch (fn) {
    case 'sin':
      return call('cos', u);
    case 'cos':
      return neg(call('sin', u));
    case 'tan':
      return add(num(1), pow(call('tan', u), num(2)));
    case 'exp':
      return call('exp', u);
    case 'log':
      return div(num(1), u);
    case 'sqrt':
      return div(num(1), mul(num(2), call('sqrt', u)));
    case 'abs':
      // u/|u|: the sign of u (undefined at u = 0, where |u| has no derivative).
      return div(u, call('abs', u));
    case 'atan':
      return div(num(1), add(num(1), pow(u, num(2))));
    case 'sinh':
      return call('cosh', u);
    case 'cosh':
      return call('sinh', u);
    case 'tanh':
      return sub(num(1), pow(call('tanh', u), num(2)));
    case 'sigmoid':
      return mul(call('sigmoid', u), sub(num(1), call('sigmoid', u)));
    case 'softplus':
      return call('sigmoid', u);
  }
}

/** d/dx (y counts as a constant), simplified as the constructors above do. */
export function derivativeExpr(e: Expr): Expr {
  switch (e.kind) {
    case 'num':
      return num(0);
    case 'var':
      return num(e.name === 'x' ? 1 : 0);
    case 'neg':
      return neg(derivativeExpr(e.arg));
    case 'call':
      return mul(outerDerivative(e.fn, e.arg), derivativeExpr(e.arg));
    case 'binary': {
      const [u, v] = [e.left, e.right];
      const [du, dv] = [derivativeExpr(u), derivativeExpr(v)];
      switch (e.op) {
        case '+':
          return add(du, dv);
        case '-':
          return sub(du, dv);
        case '*':
          return add(mul(du, v), mul(u, dv));
        case '/':
          return div(sub(mul(du, v), mul(u, dv)), pow(v, num(2)));
        case '^':
          if (isValue(dv, 0)) {
            // u^c: c u^(c−1) u′ (the exponent does not depend on x).
            return mul(mul(v, pow(u, isNum(v) ? num(v.value - 1) : sub(v, num(1)))), du);
          }
          // u^v = exp(v log u): u^v (v′ log u + v u′/u).
          return mul(e, add(mul(dv, call('log', u)), div(mul(v, du), u)));
      }
    }
  }
}

/** The tree with every x replaced by `by` (y is left alone). */
export function substituteX(e: Expr, by: Expr): Expr {
  switch (e.kind) {
    case 'num':
      return e;
    case 'var':
      return e.name === 'x' ? by : e;
    case 'neg':
      return { kind: 'neg', arg: substituteX(e.arg, by) };
    case 'call':
      return { kind: 'call', fn: e.fn, arg: substituteX(e.arg, by) };
    case 'binary':
      return { kind: 'binary', op: e.op, left: substituteX(e.left, by), right: substituteX(e.right, by) };
  }
}

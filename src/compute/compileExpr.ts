/**
 * Expression tree -> elementwise tfjs function of (x, y), built only from tf ops so that tfjs
 * autodiff (nested to order 6, see registerGradients.ts) works through it.
 */
import { tf } from './tf';
import type { BinaryOp, Expr, UnaryFunction } from '../core/expr/ast';
import { SCALAR_FUNCTIONS } from '../core/jet';

/** An elementwise function of two same-shaped tensors; the result has their shape. */
export type TensorFunction = (x: tf.Tensor, y: tf.Tensor) => tf.Tensor;

/** A compiled subtree: either a folded constant or a tensor builder. */
type Compiled = number | TensorFunction;

/** Beyond this, x^n by repeated squaring overflows float32 anyway; pow is just as good there. */
const MAX_INTEGER_EXPONENT = 1024;


// tf.softplus is the stable form (x for large x, exp(x) for very negative x) on CPU and WebGL.
const UNARY_TENSOR: Record<UnaryFunction, (t: tf.Tensor) => tf.Tensor> = {
  sin: tf.sin,
  cos: tf.cos,
  tan: tf.tan,
  exp: tf.exp,
  log: tf.log,
  sqrt: tf.sqrt,
  abs: tf.abs,
  atan: tf.atan,
  sinh: tf.sinh,
  cosh: tf.cosh,
  tanh: tf.tanh,
  sigmoid: tf.sigmoid,
  softplus: tf.softplus,
};

const BINARY_NUMBER: Record<BinaryOp, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '^': (a, b) => Math.pow(a, b),
};

/** Applies a binary op to tensors or numbers (tfjs turns numbers into scalars that broadcast). */
function tensorBinary(op: Exclude<BinaryOp, '^'>, a: tf.Tensor | number, b: tf.Tensor | number): tf.Tensor {
  switch (op) {
    case '+':
      return tf.add(a, b);
    case '-':
      return tf.sub(a, b);
    case '*':
      return tf.mul(a, b);
    case '/':
      return tf.div(a, b);
  }
}

/**
 * t^n for an integer n by repeated squaring: exact for negative bases and built from Square/Mul,
 * whose gradients nest to any order (tf.pow would give NaN for negative bases in its gradient).
 */
function integerPower(t: tf.Tensor, n: number): tf.Tensor {
  let exponent = Math.abs(n);
  let result: tf.Tensor | null = null;
  let base = t;
  while (exponent > 0) {
    if (exponent & 1) result = result === null ? base : tf.mul(result, base);
    exponent >>= 1;
    if (exponent > 0) base = tf.square(base);
  }
  // n = 0 is folded to the constant 1 before we get here.
  const positive = result ?? tf.onesLike(t);
  return n < 0 ? tf.div(1, positive) : positive;
}

/** Compiles base ^ exponent where at least one side depends on x or y. */
function compilePower(base: Compiled, exponent: Compiled): Compiled {
  if (typeof exponent === 'number') {
    const b = base as TensorFunction;
    if (exponent === 0) return 1;
    if (exponent === 1) return b;
    if (Number.isInteger(exponent) && Math.abs(exponent) <= MAX_INTEGER_EXPONENT) {
      return (x, y) => integerPower(b(x, y), exponent);
    }
    // Non-integer constant exponent: NaN for negative bases, which the UI shows as a gap.
    return (x, y) => tf.pow(b(x, y), exponent);
  }
  // Variable exponent: a^b = exp(b log a), defined for a > 0 (NaN elsewhere, a gap).
  if (typeof base === 'number') {
    const logBase = Math.log(base);
    return (x, y) => tf.exp(tf.mul(exponent(x, y), logBase));
  }
  return (x, y) => tf.exp(tf.mul(exponent(x, y), tf.log(base(x, y))));
}

/** Compiles a binary node, folding it when both sides are constants. */
function compileBinary(op: BinaryOp, left: Compiled, right: Compiled): Compiled {
  if (typeof left === 'number' && typeof right === 'number') return BINARY_NUMBER[op](left, right);
  if (op === '^') return compilePower(left, right);
  const l = left;
  const r = right;
  return (x, y) =>
    tensorBinary(op, typeof l === 'number' ? l : l(x, y), typeof r === 'number' ? r : r(x, y));
}

/** Compiles a subtree to a folded constant or a tensor builder. */
function compileNode(expr: Expr): Compiled {
  switch (expr.kind) {
    case 'num':
      return expr.value;
    case 'var':
      return expr.name === 'x' ? (x) => x : (_x, y) => y;
    case 'neg': {
      const arg = compileNode(expr.arg);
      return typeof arg === 'number' ? -arg : (x, y) => tf.neg(arg(x, y));
    }
    case 'binary':
      return compileBinary(expr.op, compileNode(expr.left), compileNode(expr.right));
    case 'call': {
      const arg = compileNode(expr.arg);
      if (typeof arg === 'number') return SCALAR_FUNCTIONS[expr.fn](arg);
      const op = UNARY_TENSOR[expr.fn];
      return (x, y) => op(arg(x, y));
    }
  }
}

/**
 * Compiles an expression into an elementwise tfjs function; call the result inside `tf.tidy`.
 * x and y must have the same shape; a function of neither still returns a tensor of that shape
 * (a constant fill, which autodiff correctly sees as independent of x and y).
 */
export function compileExpr(expr: Expr): TensorFunction {
  const compiled = compileNode(expr);
  if (typeof compiled === 'number') {
    return (x) => tf.fill(x.shape, compiled);
  }
  // f = x would hand back the caller's own input; a clone keeps "dispose the result" safe.
  return (x, y) => {
    const t = compiled(x, y);
    return t === x || t === y ? tf.clone(t) : t;
  };
}

/** Evaluates a constant-only expression in float64, or returns null if it uses x or y. */
export function constantValue(expr: Expr): number | null {
  const compiled = compileNode(expr);
  return typeof compiled === 'number' ? compiled : null;
}

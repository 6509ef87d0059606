/** Helpers for the compute-layer tests: hand-built expression trees and tfjs evaluation. */
import { tf } from '../../../src/compute/tf';
import type { BinaryOp, Expr, UnaryFunction } from '../../../src/core/expr/ast';
import { compileExpr } from '../../../src/compute/compileExpr';

/** The variable x as a tree. */
export const X: Expr = { kind: 'var', name: 'x' };
/** The variable y as a tree. */
export const Y: Expr = { kind: 'var', name: 'y' };

/** A number literal. */
export function num(value: number): Expr {
  return { kind: 'num', value };
}

/** A binary node. */
export function bin(op: BinaryOp, left: Expr, right: Expr): Expr {
  return { kind: 'binary', op, left, right };
}

/** A call of an allowed unary function. */
export function call(fn: UnaryFunction, arg: Expr): Expr {
  return { kind: 'call', fn, arg };
}

/** Unary minus. */
export function neg(arg: Expr): Expr {
  return { kind: 'neg', arg };
}

/** Evaluates a compiled expression at paired points and reads the values back (leak-free). */
export async function evaluateAt(expr: Expr, xs: number[], ys: number[]): Promise<Float32Array> {
  const fn = compileExpr(expr);
  const result = tf.tidy(() => fn(tf.tensor1d(xs), tf.tensor1d(ys)));
  try {
    return (await result.data()) as Float32Array;
  } finally {
    result.dispose();
  }
}

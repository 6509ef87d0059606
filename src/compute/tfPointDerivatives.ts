/**
 * All partial derivatives of f up to a given order at one point by nested tfjs autodiff: the slow
 * reference that the jet evaluator (src/core/jet.ts) is checked against.
 *
 * One chain of nested gradient calls serves every partial: copy c (c = 0..order) of the point
 * differentiates by y at the first c levels and by x after that, so at level k it holds
 * d^k f / dx^(k-c) dy^c for c <= k. The copies are independent elements of the x and y tensors,
 * so one backward pass per level differentiates all of them, and each level is evaluated once.
 */
import { tf } from './tf';
import type { Expr } from '../core/expr/ast';
import { coefficientCount, coefficientIndex } from '../core/taylorLayout';
import { compileExpr, type TensorFunction } from './compileExpr';
import { valueAndGradsOrZero } from './gradientsOrZero';
import { registerSecondOrderGradients } from './registerGradients';

/**
 * Builds level `order` of the chain over `copies` copies of the point; each level, when run,
 * keeps a clone of its values in `levels` (levels are run once per call, inside the tape scopes
 * that tidy everything else away).
 */
function chainLevel(fn: TensorFunction, order: number, copies: number, levels: tf.Tensor[]): TensorFunction {
  const record = (value: tf.Tensor): tf.Tensor => {
    levels[order]?.dispose();
    levels[order] = tf.keep(value.clone());
    return value;
  };
  if (order === 0) return (x, y) => record(fn(x, y));
  const previous = chainLevel(fn, order - 1, copies, levels);
  // Copy c takes a y-derivative at level `order` when order <= c, an x-derivative otherwise.
  const byY = Array.from({ length: copies }, (_, c) => order <= c);
  return (x, y) => {
    const [gx, gy] = valueAndGradsOrZero(() => previous(x, y), [x, y]).grads;
    return record(tf.where(tf.tensor1d(byY, 'bool'), gy, gx));
  };
}

/** i! for small i. */
function factorial(i: number): number {
  let result = 1;
  for (let k = 2; k <= i; k++) result *= k;
  return result;
}

/**
 * Taylor coefficients d^(i+j) f / dx^i dy^j / (i! j!) at (x0, y0) for i + j <= order, in the
 * taylorLayout ordering, by nested tf autodiff in float32. Slow; for tests and the CLI.
 */
export async function tfPartialDerivatives(
  expr: Expr,
  x0: number,
  y0: number,
  order: number,
): Promise<Float64Array> {
  if (!Number.isInteger(order) || order < 0) throw new RangeError(`order must be an integer >= 0, got ${order}`);
  registerSecondOrderGradients();
  const copies = order + 1;
  const levels: tf.Tensor[] = [];
  const x = tf.fill([copies], x0);
  const y = tf.fill([copies], y0);
  try {
    // Returning nothing lets tidy free the top level too; `levels` holds the kept copies.
    tf.tidy(() => {
      chainLevel(compileExpr(expr), order, copies, levels)(x, y);
    });
    const values = await Promise.all(levels.map((t) => t.data()));
    const coefficients = new Float64Array(coefficientCount(order));
    for (let k = 0; k <= order; k++) {
      for (let j = 0; j <= k; j++) {
        const i = k - j;
        coefficients[coefficientIndex(i, j)] = values[k][j] / (factorial(i) * factorial(j));
      }
    }
    return coefficients;
  } finally {
    for (const t of levels) t.dispose();
    x.dispose();
    y.dispose();
  }
}

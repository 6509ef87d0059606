/** One-dimensional gradient descent and Newton's method, returning every iterate for plotting. */

/**
 * Gradient descent x <- x - lr f'(x): the minimiser of the first-order Taylor model plus a step
 * penalty. Returns [x0, x1, ..., x_steps]; stops early (shorter array) once an iterate is non-finite,
 * keeping that iterate so the divergence shows.
 */
export function gradientDescent1D(df: (x: number) => number, x0: number, lr: number, steps: number): number[] {
  const iterates = [x0];
  let x = x0;
  for (let k = 0; k < steps && Number.isFinite(x); k++) {
    x -= lr * df(x);
    iterates.push(x);
  }
  return iterates;
}

/**
 * Newton's method x <- x - f'(x) / f''(x): jump to the stationary point of the second-order Taylor
 * model. Returns [x0, x1, ..., x_steps]; stops early when f''(x) is 0 or the iterate turns
 * non-finite. Like the lesson's version it seeks f' = 0, so where f'' < 0 it heads for a maximum.
 */
export function newton1D(df: (x: number) => number, d2f: (x: number) => number, x0: number, steps: number): number[] {
  const iterates = [x0];
  let x = x0;
  for (let k = 0; k < steps; k++) {
    const curvature = d2f(x);
    if (curvature === 0 || !Number.isFinite(curvature)) break;
    x -= df(x) / curvature;
    iterates.push(x);
    if (!Number.isFinite(x)) break;
  }
  return iterates;
}

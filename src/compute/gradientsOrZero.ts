/**
 * Gradients where "f does not depend on this input" means zero rather than an exception.
 *
 * Why not `tf.grads`: it throws "Cannot compute gradient" as soon as ONE input has no path to f
 * (f = x^2 has no y; d2/dxdy of (x^2 - 1)^2 + y^2 is constant), which would also throw away the
 * derivatives that do exist. The engine's own `gradients` has an `allowNoGradients` switch that
 * returns null for the unconnected inputs; we replace those by zeros made without inputs, so the
 * zeros stay unconnected at the next order too and nested calls keep working.
 */
import { tf } from './tf';

/** Value of f and its gradient with respect to each input, zeros where f does not depend on one. */
export interface ValueAndGrads {
  readonly value: tf.Tensor;
  readonly grads: tf.Tensor[];
}

/**
 * Runs f on the tape and back-propagates ones of f's shape (elementwise derivatives for
 * elementwise f over independent points); call inside `tf.tidy`.
 */
export function valueAndGradsOrZero(f: () => tf.Tensor, xs: tf.Tensor[]): ValueAndGrads {
  // Without dy the engine seeds the backward pass with ones(f.shape), i.e. d(sum f)/dx.
  const { value, grads } = tf.engine().gradients(f, xs, undefined, true);
  return { value, grads: grads.map((g, k) => g ?? tf.zeros(xs[k].shape)) };
}

/**
 * Gradients of tfjs kernels recomputed from the kernel's input, so that nested `tf.grads`
 * (Hessians on the grid, Taylor coefficients to order 6) can differentiate through them.
 *
 * Why: tfjs 4.22 registers the gradients of Exp, Tanh, Sigmoid and Pow with `outputsToSave`. The
 * engine saves a clone of the output while the kernel runs, i.e. before the kernel's own tape node
 * is recorded, so at the next order the clone looks unconnected to x and `tf.grads` throws
 * "Cannot compute gradient". Saving the input instead keeps the chain on the tape. Softplus
 * (grad = sigmoid(x)) becomes differentiable to all orders once Sigmoid is. Sqrt, Rsqrt,
 * Reciprocal, Square, Log, Sin, Cos, Tan, Sinh, Cosh, Atan and Abs already save their input.
 */
import { tf } from './tf';

/** Sums a broadcast gradient back down to the shape of the input it belongs to. */
function reduceToShape(grad: tf.Tensor, shape: number[], outShape: number[]): tf.Tensor {
  const axes = tf.broadcast_util.getReductionAxes(shape, outShape);
  return axes.length > 0 ? tf.reshape(tf.sum(grad, axes), shape) : grad;
}

const expGrad: tf.GradConfig = {
  kernelName: tf.Exp,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => ({ x: () => tf.mul(dy as tf.Tensor, tf.exp(saved[0])) }),
};

const tanhGrad: tf.GradConfig = {
  kernelName: tf.Tanh,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => ({
    x: () => tf.mul(dy as tf.Tensor, tf.sub(1, tf.square(tf.tanh(saved[0])))),
  }),
};

const sigmoidGrad: tf.GradConfig = {
  kernelName: tf.Sigmoid,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    return {
      x: () => {
        const s = tf.sigmoid(saved[0]);
        return tf.mul(dy as tf.Tensor, tf.mul(s, tf.sub(1, s)));
      },
    };
  },
};

const powGrad: tf.GradConfig = {
  kernelName: tf.Pow,
  inputsToSave: ['a', 'b'],
  gradFunc: (dy, saved) => {
    const [a, b] = saved;
    const g = dy as tf.Tensor;
    const outShape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape, b.shape);
    return {
      a: () => reduceToShape(tf.mul(g, tf.mul(b, tf.pow(a, tf.sub(b, 1)))), a.shape, outShape),
      // d/db a^b = a^b log a; tfjs uses 0 instead of log a where a <= 0, and so do we.
      b: () => {
        const logA = tf.where(tf.greater(a, 0), tf.log(a), tf.zerosLike(a));
        return reduceToShape(tf.mul(g, tf.mul(tf.pow(a, b), logA)), b.shape, outShape);
      },
    };
  },
};

let registered = false;

/** Re-registers the Exp, Tanh, Sigmoid and Pow gradients from their inputs; safe to call often. */
export function registerSecondOrderGradients(): void {
  // The flag avoids needless work; overwriting is harmless anyway (tfjs only warns in DEBUG mode).
  if (registered) return;
  for (const config of [expGrad, tanhGrad, sigmoidGrad, powGrad]) tf.registerGradient(config);
  registered = true;
}

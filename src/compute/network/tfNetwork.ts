/**
 * The network loss as tfjs ops on a flat parameter tensor, in the shared layout of
 * core/network/types.ts: per layer W (rows = outputs, row-major) then b; hidden layers act(W h + b),
 * a linear last layer with one output z or K logits; mean softplus(z) - t z, (z - t)^2 or the
 * softmax cross-entropy log Σ e^{z_k} - z_t, plus (wd / 2) sum W^2.
 *
 * Every nonlinearity is built from primitives whose gradients are themselves differentiable (with
 * registerSecondOrderGradients), so tf.grad of tf.grad gives Hessian-vector products; tfjs's fused
 * sigmoid cross-entropy has no second-order gradient, and tf.logSumExp's max has none either (its
 * gradient goes through Equal), so the log-sum-exp here shifts by a max whose gradient is zero.
 */
import { tf } from '../tf';
import type { Activation, Dataset, NetworkSpec } from '../../core/network/types';
import { parameterLayout } from '../../core/network/types';
import { registerSecondOrderGradients } from '../registerGradients';

/** softplus(z) = log(1 + e^z) without overflow: max(z, 0) + log1p(e^-|z|), differentiable to every order. */
export function softplus(z: tf.Tensor): tf.Tensor {
  return tf.add(tf.relu(z), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
}

/** A hidden layer's activation as tfjs ops. */
export function activate(activation: Activation, z: tf.Tensor): tf.Tensor {
  switch (activation) {
    case 'tanh':
      return tf.tanh(z);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'softplus':
      return softplus(z);
    case 'relu':
      return tf.relu(z);
  }
}

/** Per-sample loss from outputs z and targets t (same shape): softplus(z) - t z, or (z - t)^2. */
export function sampleLoss(spec: NetworkSpec, z: tf.Tensor, t: tf.Tensor): tf.Tensor {
  return spec.task === 'classification' ? tf.sub(softplus(z), tf.mul(t, z)) : tf.square(tf.sub(z, t));
}

/** max over the last axis (kept as [S, 1]) with a zero gradient: the log-sum-exp's shift, which cancels in every derivative. */
const shiftOf = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const z = args[0] as tf.Tensor;
  return { value: tf.max(z, -1, true), gradFunc: () => tf.zerosLike(z) };
});

/** log Σ_k e^{z_k} of each row of z [S, K] as [S], stable for large logits and differentiable to every order. */
export function logSumExpRows(z: tf.Tensor): tf.Tensor1D {
  const m = shiftOf(z) as tf.Tensor;
  return tf.add(tf.reshape(m, [-1]), tf.log(tf.sum(tf.exp(tf.sub(z, m)), -1))) as tf.Tensor1D;
}

/** Per-sample softmax cross-entropy log Σ_k e^{z_k} - z_t for logits z [S, K] and class indices t [S]. */
export function softmaxCrossEntropy(z: tf.Tensor, t: tf.Tensor): tf.Tensor1D {
  const K = z.shape[z.shape.length - 1];
  const picked = tf.sum(tf.mul(z, tf.oneHot(tf.cast(t, 'int32'), K)), -1);
  return tf.sub(logSumExpRows(z), picked) as tf.Tensor1D;
}

/** The data set as tensors: inputs X [S, inputDim] and targets T [S]; the caller disposes them. */
export interface DataTensors {
  readonly X: tf.Tensor2D;
  readonly T: tf.Tensor1D;
}

/** Uploads a data set (float32); the caller disposes both tensors. */
export function dataTensors(data: Dataset): DataTensors {
  return {
    X: tf.tensor2d(Float32Array.from(data.inputs), [data.size, data.inputDim]),
    T: tf.tensor1d(Float32Array.from(data.targets)),
  };
}

/** Network outputs z [S] (first output per sample) for parameters theta [P] and inputs X [S, in]; call inside tf.tidy. */
export function outputsOf(spec: NetworkSpec, theta: tf.Tensor, X: tf.Tensor): tf.Tensor1D {
  const z = logitsOf(spec, theta, X);
  return (z.shape[1] === 1 ? tf.reshape(z, [-1]) : tf.reshape(tf.slice(z, [0, 0], [-1, 1]), [-1])) as tf.Tensor1D;
}

/** All network outputs [S, K] (logits of a K-class network) for parameters theta [P] and inputs X [S, in]; call inside tf.tidy. */
export function logitsOf(spec: NetworkSpec, theta: tf.Tensor, X: tf.Tensor): tf.Tensor2D {
  const { layers } = parameterLayout(spec.widths);
  let h: tf.Tensor = X;
  layers.forEach((slot, l) => {
    const W = tf.reshape(tf.slice(theta, slot.weights, slot.rows * slot.cols), [slot.rows, slot.cols]);
    const b = tf.slice(theta, slot.bias, slot.rows);
    const z = tf.add(tf.matMul(h as tf.Tensor2D, W as tf.Tensor2D, false, true), b);
    h = l + 1 < layers.length ? activate(spec.activation, z) : z;
  });
  return h as tf.Tensor2D;
}

/** (wd / 2) * sum of squared weights (biases excluded) as a scalar tensor; call inside tf.tidy. */
export function weightDecayOf(spec: NetworkSpec, theta: tf.Tensor): tf.Scalar {
  const { layers } = parameterLayout(spec.widths);
  if (spec.weightDecay === 0) return tf.scalar(0);
  const squares = layers.map((slot) => tf.sum(tf.square(tf.slice(theta, slot.weights, slot.rows * slot.cols))));
  return tf.mul(spec.weightDecay / 2, tf.addN(squares)) as tf.Scalar;
}

/** The training loss at theta [P] as a scalar tensor, differentiable twice in theta; call inside tf.tidy. */
export function lossOf(spec: NetworkSpec, theta: tf.Tensor, X: tf.Tensor, T: tf.Tensor): tf.Scalar {
  registerSecondOrderGradients();
  const perSample = spec.widths[spec.widths.length - 1] > 1 ? softmaxCrossEntropy(logitsOf(spec, theta, X), T) : sampleLoss(spec, outputsOf(spec, theta, X), T);
  return tf.add(tf.mean(perSample), weightDecayOf(spec, theta)) as tf.Scalar;
}

/** Share of samples classified right (argmax of K logits, or z > 0 meaning class 1) as a scalar tensor; NaN for regression. */
export function accuracyOf(spec: NetworkSpec, theta: tf.Tensor, X: tf.Tensor, T: tf.Tensor): tf.Scalar {
  if (spec.task !== 'classification') return tf.scalar(NaN);
  if (spec.widths[spec.widths.length - 1] > 1) {
    return tf.mean(tf.cast(tf.equal(tf.argMax(logitsOf(spec, theta, X), 1), tf.cast(T, 'int32')), 'float32')) as tf.Scalar;
  }
  const z = outputsOf(spec, theta, X);
  return tf.mean(tf.cast(tf.equal(tf.greater(z, 0), tf.greater(T, 0.5)), 'float32')) as tf.Scalar;
}

/** Checks that a network and a data set fit together (widths, outputs, task, classes); throws a clear Error. */
export function assertSpecFitsData(spec: NetworkSpec, data: Dataset): void {
  if (spec.widths.length < 2 || spec.widths.some((w) => !Number.isInteger(w) || w < 1)) {
    throw new Error(`every layer width must be a whole number >= 1, got [${spec.widths.join(', ')}]`);
  }
  const K = spec.widths[spec.widths.length - 1];
  const classes = data.classes ?? 2;
  if (spec.task === 'regression' || spec.task !== data.task) {
    if (K !== 1) throw new Error(`the last layer must have one output, got ${K}`);
  } else if (K === 1 ? classes !== 2 : K !== classes) {
    throw new Error(`the data has ${classes} classes: the last layer must have ${classes} outputs${classes === 2 ? ' (softmax) or 1 (logistic)' : ''}, got ${K}`);
  }
  if (spec.widths[0] !== data.inputDim) throw new Error(`the first width (${spec.widths[0]}) must equal the data's input dimension (${data.inputDim})`);
  if (spec.task !== data.task) throw new Error(`a ${spec.task} network cannot be trained on a ${data.task} data set`);
  if (!(Number.isFinite(spec.weightDecay) && spec.weightDecay >= 0)) throw new Error(`weight decay must be a finite number >= 0, got ${spec.weightDecay}`);
  if (data.size < 1) throw new Error('the data set is empty');
}

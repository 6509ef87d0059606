/**
 * The float64 reference MLP on plain typed arrays, in the flat parameter layout of types.ts: seeded
 * Glorot initialisation, forward pass (one output, or K logits), the exact training loss (softmax
 * cross-entropy for K >= 2 outputs), accuracy, and conversion to and from
 * the nested {weights, bias} layers of the saved-run format. The tfjs model in compute/network is
 * checked against these numbers.
 */
import { sigmoid, softplus } from '../univariateSeries';
import { createRandom } from './random';
import { argmax, softmaxCrossEntropy } from './softmax';
import type { Activation, Dataset, LayerSlot, NetworkSpec } from './types';
import { parameterLayout } from './types';

/** One layer as the saved-run format writes it: weights out × in, bias of length out. */
export interface NestedLayer {
  readonly weights: number[][];
  readonly bias: number[];
}

/** Number of parameters (weights and biases) of the network. */
export function parameterCount(spec: NetworkSpec): number {
  return parameterLayout(spec.widths).count;
}

/** Glorot-uniform weights (U(±√(6 / (in + out))), drawn in flat layout order) and zero biases. */
export function initParameters(spec: NetworkSpec, seed: number): Float64Array {
  const layout = parameterLayout(spec.widths);
  const params = new Float64Array(layout.count);
  const rng = createRandom(seed);
  for (const { weights, rows, cols } of layout.layers) {
    const limit = Math.sqrt(6 / (rows + cols));
    for (let k = 0; k < rows * cols; k++) params[weights + k] = rng.range(-limit, limit);
  }
  return params;
}

/** The activation at one pre-activation value; ReLU is max(0, u). */
export function activate(activation: Activation, u: number): number {
  switch (activation) {
    case 'tanh':
      return Math.tanh(u);
    case 'sigmoid':
      return sigmoid(u);
    case 'softplus':
      return softplus(u);
    case 'relu':
      return u > 0 ? u : 0;
  }
}

/** Number of outputs of the network (its last width): 1, or K classes for softmax cross-entropy. */
export function outputCount(spec: NetworkSpec): number {
  return spec.widths[spec.widths.length - 1];
}

/** The network's output z for one input vector (length widths[0]); the first output of a multi-output net. */
export function forward(spec: NetworkSpec, params: ArrayLike<number>, input: ArrayLike<number>): number {
  return forwardThrough(parameterLayout(spec.widths).layers, spec.activation, params, input)[0];
}

/** All outputs (logits of a classifier with K outputs) for one input vector. */
export function forwardVector(spec: NetworkSpec, params: ArrayLike<number>, input: ArrayLike<number>): Float64Array {
  return forwardThrough(parameterLayout(spec.widths).layers, spec.activation, params, input);
}

/** The forward pass over a layout computed once per data set, not once per sample. */
function forwardThrough(layers: readonly LayerSlot[], activation: Activation, params: ArrayLike<number>, input: ArrayLike<number>): Float64Array {
  let h: ArrayLike<number> = input;
  for (let l = 0; l < layers.length; l++) {
    const { weights, bias, rows, cols } = layers[l];
    const next = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let s = params[bias + r];
      for (let c = 0; c < cols; c++) s += params[weights + r * cols + c] * h[c];
      next[r] = l + 1 < layers.length ? activate(activation, s) : s;
    }
    h = next;
  }
  return h as Float64Array;
}

/** The first output z of every sample (the output of a single-output network; forwardOutputs for K outputs). */
export function forwardAll(spec: NetworkSpec, params: ArrayLike<number>, data: Dataset): Float64Array {
  const z = new Float64Array(data.size);
  const n = data.inputDim;
  const { layers } = parameterLayout(spec.widths);
  for (let k = 0; k < data.size; k++) z[k] = forwardThrough(layers, spec.activation, params, data.inputs.subarray(k * n, (k + 1) * n))[0];
  return z;
}

/** Every output of every sample: size × K values, sample by sample. */
export function forwardOutputs(spec: NetworkSpec, params: ArrayLike<number>, data: Dataset): Float64Array {
  const K = outputCount(spec);
  const z = new Float64Array(data.size * K);
  const n = data.inputDim;
  const { layers } = parameterLayout(spec.widths);
  for (let k = 0; k < data.size; k++) z.set(forwardThrough(layers, spec.activation, params, data.inputs.subarray(k * n, (k + 1) * n)), k * K);
  return z;
}

/** One sample's loss: softplus(z) - t z (classification, stable for large |z|) or (z - t)^2. */
export function sampleLoss(spec: NetworkSpec, z: number, t: number): number {
  return spec.task === 'classification' ? softplus(z) - t * z : (z - t) * (z - t);
}

/** (weightDecay / 2) Σ W² over the weights, biases excluded. */
export function weightPenalty(spec: NetworkSpec, params: ArrayLike<number>): number {
  if (spec.weightDecay === 0) return 0;
  let s = 0;
  for (const { weights, rows, cols } of parameterLayout(spec.widths).layers) {
    for (let k = weights; k < weights + rows * cols; k++) s += params[k] * params[k];
  }
  return 0.5 * spec.weightDecay * s;
}

/** The training loss of types.ts: mean sample loss (softmax cross-entropy for K >= 2 outputs) plus the weight-decay penalty. */
export function networkLoss(spec: NetworkSpec, params: ArrayLike<number>, data: Dataset): number {
  checkNetworkFits(spec, params, data);
  const K = outputCount(spec);
  let s = 0;
  if (K === 1) {
    const z = forwardAll(spec, params, data);
    for (let k = 0; k < data.size; k++) s += sampleLoss(spec, z[k], data.targets[k]);
  } else {
    const z = forwardOutputs(spec, params, data);
    for (let k = 0; k < data.size; k++) s += softmaxCrossEntropy(z, k * K, K, data.targets[k]);
  }
  return s / data.size + weightPenalty(spec, params);
}

/** The predicted class of every sample: argmax of the K logits, or z > 0 for a single output. */
export function predictClasses(spec: NetworkSpec, params: ArrayLike<number>, data: Dataset): Int32Array {
  checkNetworkFits(spec, params, data);
  const K = outputCount(spec);
  const z = forwardOutputs(spec, params, data);
  return Int32Array.from({ length: data.size }, (_, k) => (K === 1 ? (z[k] > 0 ? 1 : 0) : argmax(z, k * K, K)));
}

/**
 * Classification: the fraction of samples whose predicted class (argmax, or z > 0 for one output)
 * is the target. Regression: the coefficient of determination R² = 1 - Σ(z - t)² / Σ(t - mean t)²
 * (1 is a perfect fit; NaN when all targets are equal).
 */
export function accuracy(spec: NetworkSpec, params: ArrayLike<number>, data: Dataset): number {
  checkNetworkFits(spec, params, data);
  const t = data.targets;
  if (spec.task === 'classification') {
    const predicted = predictClasses(spec, params, data);
    let right = 0;
    for (let k = 0; k < data.size; k++) if (predicted[k] === t[k]) right++;
    return right / data.size;
  }
  const z = forwardAll(spec, params, data);
  let mean = 0;
  for (let k = 0; k < data.size; k++) mean += t[k] / data.size;
  let residual = 0;
  let total = 0;
  for (let k = 0; k < data.size; k++) {
    residual += (z[k] - t[k]) ** 2;
    total += (t[k] - mean) ** 2;
  }
  return total > 0 ? 1 - residual / total : Number.NaN;
}

/**
 * Throws RangeError when the parameters or the data do not fit a single-output architecture
 * (backprop64's check; the slice engines take K outputs and use checkNetworkFits).
 */
export function checkShapes(spec: NetworkSpec, params: ArrayLike<number>, data: Dataset): void {
  const { widths } = spec;
  if (widths[widths.length - 1] !== 1) throw new RangeError(`the last width must be 1 (one output z), got ${widths[widths.length - 1]}`);
  checkNetworkFits(spec, params, data);
}

/**
 * Throws RangeError when the parameters or the data do not fit the architecture: parameter count,
 * input size, task, and outputs (regression: one; classification: one for two classes, or one per class).
 */
export function checkNetworkFits(spec: NetworkSpec, params: ArrayLike<number>, data: Dataset): void {
  const { widths } = spec;
  const count = parameterCount(spec);
  if (params.length !== count) throw new RangeError(`expected ${count} parameters for [${widths.join(', ')}], got ${params.length}`);
  if (data.inputDim !== widths[0]) throw new RangeError(`data has ${data.inputDim} inputs, the network takes ${widths[0]}`);
  if (data.task !== spec.task) throw new RangeError(`a ${spec.task} network cannot be trained on ${data.task} data`);
  const K = outputCount(spec);
  if (spec.task === 'regression' && K !== 1) throw new RangeError(`a regression network has one output, got ${K}`);
  const classes = data.classes ?? 2;
  if (spec.task === 'classification' && (K === 1 ? classes !== 2 : K !== classes)) {
    throw new RangeError(`the data has ${classes} classes: the last width must be ${classes}${classes === 2 ? ' (softmax) or 1 (logistic)' : ''}, got ${K}`);
  }
}

/** The flat parameters as nested layers (weights out × in, bias), as the saved-run format writes them. */
export function layersToNested(spec: NetworkSpec, params: ArrayLike<number>): NestedLayer[] {
  const layout = parameterLayout(spec.widths);
  if (params.length !== layout.count) throw new RangeError(`expected ${layout.count} parameters, got ${params.length}`);
  return layout.layers.map(({ weights, bias, rows, cols }) => ({
    weights: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => params[weights + r * cols + c])),
    bias: Array.from({ length: rows }, (_, r) => params[bias + r]),
  }));
}

/** Nested layers back to the flat layout; throws RangeError for a shape that does not match the widths. */
export function nestedToLayers(spec: NetworkSpec, layers: readonly NestedLayer[]): Float64Array {
  const layout = parameterLayout(spec.widths);
  if (layers.length !== layout.layers.length) throw new RangeError(`expected ${layout.layers.length} layers, got ${layers.length}`);
  const params = new Float64Array(layout.count);
  layout.layers.forEach(({ weights, bias, rows, cols }, l) => {
    const { weights: w, bias: b } = layers[l];
    if (w.length !== rows || w.some((row) => row.length !== cols) || b.length !== rows) {
      throw new RangeError(`layer ${l} must have ${rows} × ${cols} weights and ${rows} biases`);
    }
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) params[weights + r * cols + c] = w[r][c];
      params[bias + r] = b[r];
    }
  });
  return params;
}

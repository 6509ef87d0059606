/**
 * The shared vocabulary of the network landscape: architecture, data set and the flat parameter
 * layout that the float64 model (core/network), the tfjs model (compute/network), the slice
 * directions and the saved-run format all agree on.
 *
 * Flat layout: for each layer l in order, its weights W_l (rows = outputs, cols = inputs, row-major),
 * then its bias b_l. A hidden layer computes act(W h + b); the last layer is linear with outputs z.
 * Loss: mean over samples of softplus(z) - t z (classification with one output, t in {0, 1}),
 * log Σ_k e^{z_k} - z_t (classification with K >= 2 outputs: softmax cross-entropy, t the class
 * index) or (z - t)^2 (regression, one output), plus (weightDecay / 2) * sum of squared weights
 * (biases excluded).
 */

/** Hidden-layer activations; ReLU's second derivatives vanish almost everywhere. */
export const ACTIVATIONS = ['tanh', 'sigmoid', 'softplus', 'relu'] as const;
/** One activation. */
export type Activation = (typeof ACTIVATIONS)[number];

/** What the network is trained for. */
export type Task = 'classification' | 'regression';

/** An MLP: widths from input to output ([2, 8, 8, 1]), activation, task, L2 weight decay. */
export interface NetworkSpec {
  readonly widths: readonly number[];
  readonly activation: Activation;
  readonly task: Task;
  readonly weightDecay: number;
}

/**
 * A data set: `size` samples of `inputDim` features (row-major) and one target each. A
 * classification target is a class index 0 .. classes - 1 (0 or 1 when `classes` is absent).
 */
export interface Dataset {
  readonly task: Task;
  readonly inputDim: number;
  readonly size: number;
  readonly inputs: Float64Array;
  readonly targets: Float64Array;
  /** Number of classes of a classification set (absent: 2, the binary sets of datasets.ts). */
  readonly classes?: number;
}

/** Where one layer's weights and bias sit in the flat parameter vector. */
export interface LayerSlot {
  /** Offset of W (rows x cols, row-major). */
  readonly weights: number;
  /** Offset of b (rows entries). */
  readonly bias: number;
  /** Outputs of the layer. */
  readonly rows: number;
  /** Inputs of the layer. */
  readonly cols: number;
}

/** The flat layout of an MLP's parameters. */
export interface ParameterLayout {
  readonly count: number;
  readonly layers: readonly LayerSlot[];
}

/** The flat parameter layout for the given widths (at least an input and an output width). */
export function parameterLayout(widths: readonly number[]): ParameterLayout {
  if (widths.length < 2 || widths.some((w) => !Number.isInteger(w) || w < 1)) {
    throw new RangeError(`widths must be at least two positive integers, got [${widths.join(', ')}]`);
  }
  const layers: LayerSlot[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    const cols = widths[l];
    const rows = widths[l + 1];
    layers.push({ weights: offset, bias: offset + rows * cols, rows, cols });
    offset += rows * cols + rows;
  }
  return { count: offset, layers };
}

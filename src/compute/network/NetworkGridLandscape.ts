/**
 * The loss over a 2D slice θ(a, b) = θ* + a d1 + b d2 as a grid landscape: value and exact
 * coefficients from the float64 slice (core/network/NetworkSliceLandscape), and for the grid pass
 * the same loss as tfjs ops over M independent points (a_m, b_m), the whole data set through the
 * network for all M points in one batched pass. Element m depends on a[m] and b[m] only, so the
 * grid evaluator's nested autodiff gives every point's gradient and Hessian at once.
 */
import { tf } from '../tf';
import type { Landscape } from '../../core/landscape/Landscape';
import type { Dataset, LayerSlot, NetworkSpec } from '../../core/network/types';
import { parameterLayout } from '../../core/network/types';
import type { TensorFunction } from '../compileExpr';
import type { GridLandscape } from '../landscape/GridLandscape';
import { activate, assertSpecFitsData, sampleLoss, softmaxCrossEntropy } from './tfNetwork';

/** Bytes of float32 intermediates one batched pass may hold (tape included). */
export const GRID_PASS_BYTES = 64 * 1024 * 1024;

/**
 * Floats one grid point keeps alive per sample and hidden unit during a pass (forward tape, two
 * nested backward passes, the separate hyy pass), by activation; measured with tf.profile's
 * peakBytes on the CPU backend (tanh ~29, softplus ~71, which is six primitives) plus headroom.
 */
const FLOATS_PER_UNIT: Readonly<Record<NetworkSpec['activation'], number>> = { tanh: 36, sigmoid: 44, relu: 36, softplus: 88 };
/** The same per sample and output for the output and the loss (softplus, square or softmax cross-entropy, mean): measured ~66 for one. */
const FLOATS_PER_SAMPLE = 84;
/** The same per parameter (the per-point weights and their gradients). */
const FLOATS_PER_PARAMETER = 64;

/** Most grid points per batched pass so one chunk's intermediates stay within GRID_PASS_BYTES. */
export function gridPointsPerPass(spec: NetworkSpec, samples: number): number {
  const hidden = spec.widths.slice(1, -1).reduce((sum, w) => sum + w, 0);
  const outputs = spec.widths[spec.widths.length - 1];
  const parameters = parameterLayout(spec.widths).count;
  const floatsPerPoint = samples * (FLOATS_PER_UNIT[spec.activation] * hidden + FLOATS_PER_SAMPLE * outputs) + FLOATS_PER_PARAMETER * parameters;
  return Math.max(1, Math.floor(GRID_PASS_BYTES / 4 / floatsPerPoint));
}

/** One layer's pieces of θ*, d1 and d2 as float32 arrays: W (rows x cols) and b of each. */
interface LayerParts {
  readonly slot: LayerSlot;
  readonly w: [Float32Array, Float32Array, Float32Array];
  readonly b: [Float32Array, Float32Array, Float32Array];
}

function layerParts(spec: NetworkSpec, vectors: readonly ArrayLike<number>[]): LayerParts[] {
  return parameterLayout(spec.widths).layers.map((slot) => {
    const part = (begin: number, size: number): [Float32Array, Float32Array, Float32Array] =>
      vectors.map((v) => Float32Array.from({ length: size }, (_, i) => v[begin + i])) as [Float32Array, Float32Array, Float32Array];
    return { slot, w: part(slot.weights, slot.rows * slot.cols), b: part(slot.bias, slot.rows) };
  });
}

/** Gram matrix of θ*, d1, d2 over the weights only (float64): the weight-decay term is quadratic in (a, b). */
function weightGram(spec: NetworkSpec, vectors: readonly ArrayLike<number>[]): number[][] {
  const g = [0, 1, 2].map(() => [0, 0, 0]);
  for (const slot of parameterLayout(spec.widths).layers) {
    for (let k = slot.weights; k < slot.weights + slot.rows * slot.cols; k++) {
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) g[i][j] += vectors[i][k] * vectors[j][k];
    }
  }
  return g;
}

/**
 * The batched slice loss: a, b [M] -> L(θ* + a_m d1 + b_m d2) [M] (one output, or K logits with the
 * softmax cross-entropy); call inside tf.tidy.
 *
 * Written so no large tensor is ever broadcast (the CPU backend's broadcasting binary ops are an
 * order of magnitude slower than its same-shape ones): the first layer's input is shared, so its
 * pre-activation is [1, a_m, b_m] times the three constant parts, one plain matmul; later layers
 * multiply by the per-point weights W* + a_m D1 + b_m D2 (small, [M, out, in]) and add the
 * per-point bias through a matmul with ones (concat's and broadcasting's gradients are slow).
 */
export function batchedSliceLoss(spec: NetworkSpec, data: Dataset, vectors: readonly ArrayLike<number>[]): TensorFunction {
  const parts = layerParts(spec, vectors);
  const gram = weightGram(spec, vectors);
  const inputs = Float32Array.from(data.inputs);
  const targets = Float32Array.from(data.targets);
  const S = data.size;
  return (a: tf.Tensor, b: tf.Tensor): tf.Tensor => {
    const M = a.shape[0] ?? 1;
    const coefficients = tf.stack([tf.onesLike(a), a, b], 1) as tf.Tensor2D;
    const first = parts[0];
    const X = tf.tensor2d(inputs, [S, data.inputDim]);
    const constantParts = [0, 1, 2].map((k) => tf.add(tf.matMul(X, tf.tensor2d(first.w[k], [first.slot.rows, first.slot.cols]), false, true), tf.tensor1d(first.b[k])));
    const z1 = tf.matMul(coefficients, tf.reshape(tf.stack(constantParts), [3, S * first.slot.rows]));
    let h: tf.Tensor = tf.reshape(z1, [M, S, first.slot.rows]);
    const a3 = tf.reshape(a, [M, 1, 1]);
    const b3 = tf.reshape(b, [M, 1, 1]);
    const ones = tf.ones([M, S, 1]);
    for (let l = 1; l < parts.length; l++) {
      const p = parts[l];
      const perPoint = (values: readonly Float32Array[], shape: [number, number]): tf.Tensor => {
        const [v0, v1, v2] = values.map((v) => tf.tensor2d(v, shape));
        return tf.add(tf.add(v0, tf.mul(a3, v1)), tf.mul(b3, v2));
      };
      const weights = perPoint(p.w, [p.slot.rows, p.slot.cols]) as tf.Tensor3D;
      const bias = perPoint(p.b, [1, p.slot.rows]) as tf.Tensor3D;
      // The bias as ones [M, S, 1] x b [M, 1, out]: a matmul, whose gradient is cheap, instead of a broadcast add.
      h = tf.add(tf.matMul(activate(spec.activation, h) as tf.Tensor3D, weights, false, true), tf.matMul(ones as tf.Tensor3D, bias));
    }
    const t = tf.tile(tf.tensor2d(targets, [1, S]), [M, 1]);
    const K = spec.widths[spec.widths.length - 1];
    // K outputs: the log-sum-exp cross-entropy of tfNetwork over the M·S rows of logits.
    const perSample = K === 1 ? sampleLoss(spec, tf.reshape(h, [M, S]), t) : tf.reshape(softmaxCrossEntropy(tf.reshape(h, [M * S, K]), tf.reshape(t, [M * S])), [M, S]);
    const loss = tf.mean(perSample, 1);
    return spec.weightDecay === 0 ? loss : tf.add(loss, weightDecayTerm(spec.weightDecay, gram, a, b));
  };
}

/** (wd / 2) ‖W* + a D1 + b D2‖² from the float64 Gram matrix of the weights. */
function weightDecayTerm(wd: number, g: number[][], a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const terms = [tf.scalar(g[0][0]), tf.mul(2 * g[0][1], a), tf.mul(2 * g[0][2], b), tf.mul(g[1][1], tf.square(a)), tf.mul(2 * g[1][2], tf.mul(a, b)), tf.mul(g[2][2], tf.square(b))];
  return tf.mul(wd / 2, terms.reduce((s, t) => tf.add(s, t)));
}

/** A network slice with both halves: float64 values and coefficients, and the batched tfjs grid pass. */
export class NetworkGridLandscape implements GridLandscape {
  readonly kind: Landscape['kind'];
  readonly key: string;
  readonly label: string;
  readonly maxPointsPerPass: number;
  private compiled: TensorFunction | null = null;
  private readonly vectors: readonly Float64Array[];

  /** Wraps the float64 slice; θ*, d1 and d2 are copied so later edits of the arrays do not leak in. */
  constructor(
    private readonly slice: Landscape,
    private readonly spec: NetworkSpec,
    private readonly data: Dataset,
    thetaStar: ArrayLike<number>,
    d1: ArrayLike<number>,
    d2: ArrayLike<number>,
  ) {
    assertSpecFitsData(spec, data);
    const count = parameterLayout(spec.widths).count;
    for (const [name, v] of [['θ*', thetaStar], ['d1', d1], ['d2', d2]] as const) {
      if (v.length !== count) throw new Error(`${name} has ${v.length} entries, the network has ${count} parameters`);
    }
    this.vectors = [thetaStar, d1, d2].map((v) => Float64Array.from(v));
    this.kind = slice.kind;
    this.key = slice.key;
    this.label = slice.label;
    this.maxPointsPerPass = gridPointsPerPass(spec, data.size);
  }

  /** The float64 loss at (a, b), from the slice. */
  value(a: number, b: number): number {
    return this.slice.value(a, b);
  }

  /** The slice's exact Taylor coefficients at (a, b). */
  coefficients(a: number, b: number, order: number): Float64Array {
    return this.slice.coefficients(a, b, order);
  }

  /** The batched tfjs loss over independent points (a_m, b_m), built once. */
  tensorFunction(): TensorFunction {
    return (this.compiled ??= batchedSliceLoss(this.spec, this.data, this.vectors));
  }
}

/** The grid landscape of a network slice: `slice` for values and coefficients, tfjs for the grid. */
export function networkGridLandscape(slice: Landscape, spec: NetworkSpec, data: Dataset, thetaStar: ArrayLike<number>, d1: ArrayLike<number>, d2: ArrayLike<number>): NetworkGridLandscape {
  return new NetworkGridLandscape(slice, spec, data, thetaStar, d1, d2);
}

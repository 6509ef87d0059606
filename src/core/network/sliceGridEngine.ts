/**
 * The grid engine of a network slice: given a trained network and two directions, it writes the
 * six fields [f, ∂a, ∂b, ∂²a, ∂a∂b, ∂²b] of L(θ* + a·d1 + b·d2) at any list of points (a, b).
 * Implementations: Taylor-mode jets as a float64 loop (core), jets as tfjs ops, and the nested
 * reverse-mode pass kept as the reference (compute).
 */
import type { Dataset, LayerSlot, NetworkSpec } from './types';

/** A network slice to evaluate: the network, its data, θ* and the two directions (flat layout of types.ts). */
export interface SliceProblem {
  readonly spec: NetworkSpec;
  readonly data: Dataset;
  readonly thetaStar: ArrayLike<number>;
  readonly d1: ArrayLike<number>;
  readonly d2: ArrayLike<number>;
}

/** The six fields an engine writes per point, in this order (GridEvaluator's order). */
export const SLICE_FIELDS = ['f', 'ga', 'gb', 'haa', 'hab', 'hbb'] as const;

/** Where an engine writes: float32 for the lab's grids; the float64 engine also fills float64 buffers exactly. */
export type FieldBuffer = Float32Array | Float64Array;

/** Evaluates the six fields of a network slice at batches of points; owns whatever it keeps alive. */
export interface SliceGridEngine {
  /** 'jets-f64' | 'jets-tfjs' | 'autodiff'. */
  readonly name: string;
  /** Most points one call handles at once (chunk size from measured memory or time). */
  readonly maxPointsPerPass: number;
  /** Writes the six fields of points k in [begin, begin+count) of the coordinate arrays a, b into out[field*size + k]. */
  fields(a: Float32Array, b: Float32Array, begin: number, count: number, out: FieldBuffer, size: number): Promise<void>;
  /** Frees what the engine keeps alive (tensors); the engine must not be used afterwards. */
  dispose(): void;
}

/** Throws RangeError unless θ*, d1 and d2 have one entry per parameter of the spec (count). */
export function checkSliceVectors(problem: SliceProblem, count: number): void {
  for (const [name, v] of [['θ*', problem.thetaStar], ['d1', problem.d1], ['d2', problem.d2]] as const) {
    if (v.length !== count) throw new RangeError(`${name} has ${v.length} entries, the network has ${count} parameters`);
  }
}

/** Gram matrix of θ*, d1, d2 over the weights only (biases excluded): the weight-decay term is quadratic in (a, b). */
export function weightGram(problem: SliceProblem, layers: readonly LayerSlot[]): Float64Array {
  const v = [problem.thetaStar, problem.d1, problem.d2];
  const g = new Float64Array(9);
  for (const slot of layers) {
    for (let k = slot.weights; k < slot.weights + slot.rows * slot.cols; k++) {
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) g[3 * i + j] += v[i][k] * v[j][k];
    }
  }
  return g;
}

/**
 * Adds the six fields of (wd / 2)‖W* + a D1 + b D2‖² (Gram matrix g, row-major 3 × 3) at (a, b) to
 * jets[0..5] = [f, ∂a, ∂b, ∂²a, ∂a∂b, ∂²b].
 */
export function addWeightDecayFields(wd: number, g: Float64Array, a: number, b: number, jets: Float64Array): void {
  if (wd === 0) return;
  jets[0] += 0.5 * wd * (g[0] + 2 * a * g[1] + 2 * b * g[2] + a * a * g[4] + 2 * a * b * g[5] + b * b * g[8]);
  jets[1] += wd * (g[1] + a * g[4] + b * g[5]);
  jets[2] += wd * (g[2] + a * g[5] + b * g[8]);
  jets[3] += wd * g[4];
  jets[4] += wd * g[5];
  jets[5] += wd * g[8];
}

/** X·vᵀ + bias of the first layer for one parameter vector v (float64): S × rows, row-major. */
export function firstLayerPart(v: ArrayLike<number>, slot: LayerSlot, inputs: Float64Array, S: number): Float64Array {
  const { weights, bias, rows, cols } = slot;
  const out = new Float64Array(S * rows);
  for (let s = 0; s < S; s++) {
    for (let r = 0; r < rows; r++) {
      let sum = v[bias + r];
      for (let c = 0; c < cols; c++) sum += v[weights + r * cols + c] * inputs[s * cols + c];
      out[s * rows + r] = sum;
    }
  }
  return out;
}

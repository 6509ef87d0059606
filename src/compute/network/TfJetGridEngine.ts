/**
 * Taylor-mode jets of a network slice as tfjs ops ('jets-tfjs'), for the WASM, WebGL and WebGPU
 * backends: one forward pass with no tape over a chunk of M points, activations [M·S, width] with
 * the six jet parts as separate tensors, shared-weight 2D matMuls against persistent stacked
 * matrices of W*, D1, D2 (see tfJetOps.ts), the first layer's X·[W*; D1; D2]ᵀ computed once.
 * One read per chunk; weight decay added in float64 from its Gram matrix; kernels per chunk do
 * not depend on the grid size. A K-class network's K output jets go through the softmax
 * cross-entropy (softmaxLossSums), its targets picked by a matMul with a persistent one-hot.
 */
import { tf } from '../tf';
import type { FieldBuffer, SliceGridEngine, SliceProblem } from '../../core/network/sliceGridEngine';
import { addWeightDecayFields, checkSliceVectors, firstLayerPart, weightGram } from '../../core/network/sliceGridEngine';
import { outputCount } from '../../core/network/mlp';
import { checkClassIndex } from '../../core/network/softmaxJets';
import type { Dataset, LayerSlot, NetworkSpec } from '../../core/network/types';
import { parameterLayout } from '../../core/network/types';
import { assertSpecFitsData } from './tfNetwork';
import type { ChunkColumns, LayerMatrices, TensorJet } from './tfJetOps';
import { activationJet, disposeJet, layerJet, sampleLossJet, softmaxLossSums, tidyJet } from './tfJetOps';

/** Bytes of float32 intermediates one chunk may hold. */
export const JET_PASS_BYTES = 64 * 1024 * 1024;

/** Equal columns of the one-hot pick matrix of a K-class network (one column leaves XNNPACK, as below). */
const PICK_COLUMNS = 2;

/**
 * The single output z is computed twice (two equal columns, the loss summed over both and halved):
 * tfjs-wasm's matMul with one output column leaves XNNPACK for a loop several times slower than
 * two columns.
 */
const OUTPUT_COPIES = 2;

/**
 * Floats alive per sample at the peak of a chunk, fitted to tf.profile's peakBytes on the CPU
 * backend (tests/unit/sliceGridEngine.test.ts checks the budget): a later layer (cols → rows) holds
 * its input jet, its output jet and the reused cross products (~7 per input, ~22 per output unit),
 * the first activation ~20 per unit, and the output and loss stage ~40. A softmax over K outputs
 * holds ~16 per output (the K output jets, p, p·z_a, p·z_b, one part's temporaries): less than the
 * output layer's 22 per unit (or the first activation's 20), so the layers' bound covers it.
 */
export function jetFloatsPerSample(spec: NetworkSpec): number {
  const { layers } = parameterLayout(spec.widths);
  const K = outputCount(spec);
  let floats = 20 * layers[0].rows;
  layers.slice(1).forEach((slot, l) => {
    const rows = l + 2 === layers.length && K === 1 ? slot.rows * OUTPUT_COPIES : slot.rows;
    floats = Math.max(floats, 7 * slot.cols + 22 * rows);
  });
  return floats + 40;
}

/** Most points per chunk so one chunk's float32 intermediates stay within JET_PASS_BYTES. */
export function jetPointsPerPass(spec: NetworkSpec, samples: number): number {
  return Math.max(1, Math.floor(JET_PASS_BYTES / 4 / (samples * jetFloatsPerSample(spec))));
}

/** Options of the engine: a fixed chunk size (tests, benches) instead of the memory-based one. */
export interface TfJetEngineOptions {
  readonly maxPointsPerPass?: number;
}

/**
 * A later layer's W*ᵀ, D1ᵀ, D2ᵀ ([cols, rows · copies], float32) and bias parts from θ*, d1, d2;
 * copies > 1 repeats every output column (see OUTPUT_COPIES).
 */
function layerMatrices(slot: LayerSlot, vectors: readonly ArrayLike<number>[], copies: number): LayerMatrices {
  const { rows, cols, weights, bias } = slot;
  const width = rows * copies;
  const [w, d1, d2] = vectors.map((v) => {
    const m = new Float32Array(cols * width);
    for (let r = 0; r < width; r++) for (let c = 0; c < cols; c++) m[c * width + r] = v[weights + Math.floor(r / copies) * cols + c];
    return tf.tensor2d(m, [cols, width]);
  });
  const [c, e1, e2] = vectors.map((v) => tf.tensor1d(Float32Array.from({ length: width }, (_, r) => v[bias + Math.floor(r / copies)])));
  return { w, d1, d2, c, e1, e2 };
}

/** A single output's targets as [1, S·copies], each repeated per copy of z. */
function targetRow(data: Dataset, copies: number): tf.Tensor2D {
  const targets = new Float32Array(data.size * copies);
  for (let k = 0; k < targets.length; k++) targets[k] = data.targets[Math.floor(k / copies)];
  return tf.tensor2d(targets, [1, targets.length]);
}

/** The one-hot of the class targets, flattened sample by sample to [S·K, PICK_COLUMNS] (equal columns). */
function pickMatrix(data: Dataset, K: number): tf.Tensor2D {
  const pick = new Float32Array(data.size * K * PICK_COLUMNS);
  for (let s = 0; s < data.size; s++) {
    const t = data.targets[s];
    checkClassIndex(t, K);
    for (let c = 0; c < PICK_COLUMNS; c++) pick[(s * K + t) * PICK_COLUMNS + c] = 1;
  }
  return tf.tensor2d(pick, [data.size * K, PICK_COLUMNS]);
}

/** The tfjs Taylor-mode grid engine ('jets-tfjs'); owns persistent tensors until dispose(). */
export class TfJetGridEngine implements SliceGridEngine {
  readonly name = 'jets-tfjs';
  readonly maxPointsPerPass: number;
  private readonly spec: NetworkSpec;
  private readonly samples: number;
  private readonly width1: number;
  /** [P0; P1; P2] as [3, S·h1] (P_k = X·W_kᵀ + b_k), and P1, P2 alone as [1, S·h1]. */
  private readonly first: { stack: tf.Tensor2D; pa: tf.Tensor2D; pb: tf.Tensor2D };
  private readonly layers: LayerMatrices[];
  /** One output: the targets [1, S·copies]; K outputs: the one-hot pick matrix [S·K, PICK_COLUMNS]. */
  private readonly targets: tf.Tensor2D;
  private readonly outputs: number;
  private readonly gram: Float64Array;
  /** How many equal columns hold the output z (OUTPUT_COPIES, or 1 for a network without hidden layers). */
  private readonly copies: number;

  /** Uploads the persistent tensors; throws when the problem's shapes do not fit. */
  constructor(problem: SliceProblem, options: TfJetEngineOptions = {}) {
    const { spec, data, thetaStar, d1, d2 } = problem;
    assertSpecFitsData(spec, data);
    const layout = parameterLayout(spec.widths);
    checkSliceVectors(problem, layout.count);
    this.spec = spec;
    this.samples = data.size;
    this.gram = weightGram(problem, layout.layers);
    const [slot1, ...rest] = layout.layers;
    this.width1 = slot1.rows;
    const parts = [thetaStar, d1, d2].map((v) => firstLayerPart(v, slot1, data.inputs, data.size));
    const width = data.size * slot1.rows;
    const stack = new Float32Array(3 * width);
    parts.forEach((p, k) => stack.set(p, k * width));
    this.first = { stack: tf.tensor2d(stack, [3, width]), pa: tf.tensor2d(Float32Array.from(parts[1]), [1, width]), pb: tf.tensor2d(Float32Array.from(parts[2]), [1, width]) };
    this.outputs = outputCount(spec);
    this.copies = rest.length > 0 && this.outputs === 1 ? OUTPUT_COPIES : 1;
    this.layers = rest.map((slot, l) => layerMatrices(slot, [thetaStar, d1, d2], l + 1 === rest.length ? this.copies : 1));
    this.targets = this.outputs === 1 ? targetRow(data, this.copies) : pickMatrix(data, this.outputs);
    this.maxPointsPerPass = Math.max(1, Math.floor(options.maxPointsPerPass ?? jetPointsPerPass(spec, data.size)));
  }

  /** Writes the six fields of points [begin, begin + count) into out[field * size + k], chunk by chunk. */
  async fields(a: Float32Array, b: Float32Array, begin: number, count: number, out: FieldBuffer, size: number): Promise<void> {
    for (let start = begin; start < begin + count; start += this.maxPointsPerPass) {
      const m = Math.min(this.maxPointsPerPass, begin + count - start);
      const stacked = tf.tidy(() => this.chunkSums(a, b, start, m));
      let sums: Float32Array;
      try {
        sums = (await stacked.data()) as Float32Array;
      } finally {
        stacked.dispose();
      }
      this.write(sums, a, b, start, m, out, size);
    }
  }

  /** Frees every persistent tensor. */
  dispose(): void {
    for (const t of [this.first.stack, this.first.pa, this.first.pb, this.targets]) t.dispose();
    for (const m of this.layers) for (const t of Object.values(m) as tf.Tensor[]) t.dispose();
  }

  /** Σ over samples of the loss jet at points [start, start + M), as one [6, M] tensor; call inside tf.tidy. */
  private chunkSums(a: Float32Array, b: Float32Array, start: number, M: number): tf.Tensor {
    const S = this.samples;
    const coefficients = new Float32Array(3 * M);
    const aRows = new Float32Array(M * S);
    const bRows = new Float32Array(M * S);
    for (let m = 0; m < M; m++) {
      coefficients.set([1, a[start + m], b[start + m]], 3 * m);
      aRows.fill(a[start + m], m * S, (m + 1) * S);
      bRows.fill(b[start + m], m * S, (m + 1) * S);
    }
    const cols: ChunkColumns = { a: tf.tensor2d(aRows, [M * S, 1]), b: tf.tensor2d(bRows, [M * S, 1]) };
    let jet = this.firstLayerJet(tf.tensor2d(coefficients, [M, 3]), M);
    for (const m of this.layers) {
      const u = jet;
      const h = tidyJet(() => activationJet(this.spec.activation, u));
      disposeJet(u);
      jet = tidyJet(() => layerJet(h, cols, m));
      disposeJet(h);
    }
    if (this.outputs > 1) return tf.stack(softmaxLossSums(jet, M, this.targets));
    const z = jet.map((t) => (t === null ? null : tf.reshape(t, [M, S * this.copies]))) as TensorJet;
    const loss = sampleLossJet(this.spec.task, z, this.targets);
    return tf.stack(loss.map((t) => (t === null ? tf.zeros([M]) : tf.sum(t, 1))));
  }

  /**
   * The first layer's pre-activation jet: [1, a, b]·[P0; P1; P2], slopes P1 and P2 repeated per point
   * (as ones [M, 1]·P: a matMul, where tfjs-wasm's tile is a slow loop), no second-order part.
   */
  private firstLayerJet(coefficients: tf.Tensor2D, M: number): TensorJet {
    const shape: [number, number] = [M * this.samples, this.width1];
    const { stack, pa, pb } = this.first;
    const ones = tf.ones([M, 1]) as tf.Tensor2D;
    return [tf.reshape(tf.matMul(coefficients, stack), shape), tf.reshape(tf.matMul(ones, pa), shape), tf.reshape(tf.matMul(ones, pb), shape), null, null, null];
  }

  /** Mean over samples plus the weight decay, in float64, into out. */
  private write(sums: Float32Array, a: Float32Array, b: Float32Array, start: number, M: number, out: FieldBuffer, size: number): void {
    const jets = new Float64Array(6);
    for (let m = 0; m < M; m++) {
      for (let f = 0; f < 6; f++) jets[f] = sums[f * M + m] / (this.samples * this.copies);
      addWeightDecayFields(this.spec.weightDecay, this.gram, a[start + m], b[start + m], jets);
      for (let f = 0; f < 6; f++) out[f * size + start + m] = jets[f];
    }
  }
}

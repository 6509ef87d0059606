/**
 * The reference grid engine of a network slice ('autodiff'): today's nested reverse-mode pass
 * (batchedSliceLoss, per-point weights, grad of grad over independent points, as GridEvaluator
 * runs it) behind the SliceGridEngine interface, so the jet engines are tested against it.
 */
import { tf } from '../tf';
import type { FieldBuffer, SliceGridEngine, SliceProblem } from '../../core/network/sliceGridEngine';
import { checkSliceVectors } from '../../core/network/sliceGridEngine';
import { parameterLayout } from '../../core/network/types';
import type { TensorFunction } from '../compileExpr';
import { fieldTensors } from '../GridEvaluator';
import { registerSecondOrderGradients } from '../registerGradients';
import { batchedSliceLoss, gridPointsPerPass } from './NetworkGridLandscape';
import { assertSpecFitsData } from './tfNetwork';

/** The nested reverse-mode grid engine ('autodiff'), chunked by the tape's measured memory. */
export class AutodiffSliceEngine implements SliceGridEngine {
  readonly name = 'autodiff';
  readonly maxPointsPerPass: number;
  private readonly fn: TensorFunction;

  /** Builds the batched loss; throws when the problem's shapes do not fit. */
  constructor(problem: SliceProblem) {
    assertSpecFitsData(problem.spec, problem.data);
    checkSliceVectors(problem, parameterLayout(problem.spec.widths).count);
    registerSecondOrderGradients();
    const vectors = [problem.thetaStar, problem.d1, problem.d2].map((v) => Float64Array.from(v));
    this.fn = batchedSliceLoss(problem.spec, problem.data, vectors);
    this.maxPointsPerPass = gridPointsPerPass(problem.spec, problem.data.size);
  }

  /** Writes the six fields of points [begin, begin + count) into out[field * size + k], chunk by chunk. */
  async fields(a: Float32Array, b: Float32Array, begin: number, count: number, out: FieldBuffer, size: number): Promise<void> {
    for (let start = begin; start < begin + count; start += this.maxPointsPerPass) {
      const m = Math.min(this.maxPointsPerPass, begin + count - start);
      const stacked = tf.tidy(() => fieldTensors(this.fn, tf.tensor1d(a.subarray(start, start + m)), tf.tensor1d(b.subarray(start, start + m))));
      let data: Float32Array;
      try {
        data = (await stacked.data()) as Float32Array;
      } finally {
        stacked.dispose();
      }
      for (let f = 0; f < 6; f++) for (let k = 0; k < m; k++) out[f * size + start + k] = data[f * m + k];
    }
  }

  /** Nothing persistent: every pass builds and frees its own tensors. */
  dispose(): void {}
}

/**
 * `taylor-lab network … --track-sharpness K`: λmax of the full Hessian (Lanczos, with its residual)
 * at θ_0 and every K training steps, beside the loss at the same θ and the stability line 2/η of
 * full-batch GD, for the edge of stability (the loss is the one trained: regression is the mean of
 * (z − t)², whose Hessian is twice that of ½·MSE).
 */
import { networkLoss, outputCount } from '../core/network/mlp';
import type { Dataset, NetworkSpec } from '../core/network/types';
import { lambdaMax } from '../compute/network/hessian';
import type { ParsedArgs } from './cliArgs';
import { parseIntegerInRange } from './cliArgs';
import type { ReportValue } from './jsonOutput';

/** The option's name. */
export const TRACK_SHARPNESS_OPTION = 'track-sharpness';

/** Residual tolerance of each λmax: residual ≤ tol·λmax. */
const TRACK_TOL = 1e-6;

/** K of `--track-sharpness K` (a whole number from 1 to 100000), or null when not asked for. */
export function parseTrackSharpness(args: ParsedArgs): number | null {
  const text = args.values.get(TRACK_SHARPNESS_OPTION);
  return text === undefined ? null : parseIntegerInRange(text, `--${TRACK_SHARPNESS_OPTION}`, 1, 100_000, 'λmax every K steps');
}

/** One sample: the step, the loss at θ_step, λmax there and its residual ‖Hv − λv‖. */
interface SharpnessSample {
  readonly step: number;
  readonly loss: number;
  readonly lambdaMax: number;
  readonly residual: number;
}

/** Collects λmax samples during a run: `sample(step, θ)` is trainNetwork's onParameters. */
export class SharpnessTrack {
  private readonly samples: SharpnessSample[] = [];

  /** A track of λmax every `every` steps of GD at rate lr on (spec, data). */
  constructor(
    private readonly spec: NetworkSpec,
    private readonly data: Dataset,
    readonly every: number,
    private readonly lr: number,
  ) {}

  /** λmax and the loss at θ after `step` steps (float64 HVPs for one output, tfjs for K logits). */
  async sample(step: number, theta: Float64Array): Promise<void> {
    const engine = outputCount(this.spec) === 1 ? 'float64' : 'tfjs';
    const found = await lambdaMax(this.spec, this.data, theta, { engine, tol: engine === 'float64' ? TRACK_TOL : undefined, seed: 0 });
    this.samples.push({ step, loss: networkLoss(this.spec, theta, this.data), lambdaMax: found.lambdaMax, residual: found.residual });
  }

  /** The report: 2/η, what the loss is, and the samples (first step where λmax reaches 2/η, or null). */
  report(optimizer: string): ReportValue {
    const line = 2 / this.lr;
    const crossing = this.samples.find((s) => s.lambdaMax >= line)?.step ?? null;
    return {
      every: this.every,
      stabilityLine: line,
      loss: this.spec.task === 'regression' ? 'mean (z − t)² (MSE): its λmax is twice that of ½·MSE, and GD at η on it is GD at 2η on ½·MSE' : 'the training loss',
      ...(optimizer === 'gd' ? {} : { note: `2/η is the stability line of plain full-batch GD; this run uses ${optimizer}` }),
      firstStepAtLine: crossing,
      samples: this.samples.map((s) => ({ ...s })),
    };
  }
}

/**
 * The edge-of-stability run as the view accumulates it from the worker's chunks, and what the
 * view says about it: the columns of its four charts and a summary (λmax at the start and now, the
 * first step where λmax reaches 0.9·2/η and 2/η, the loss). Pure: no DOM, no worker.
 */
import type { EosChunk } from '../../worker/edgeOfStability';

/** The run so far: per-step arrays and λmax samples, appended chunk by chunk. */
export class EosTrace {
  readonly loss: number[] = [];
  readonly actual: number[] = [];
  readonly order1: number[] = [];
  readonly order2: number[] = [];
  readonly component: number[] = [];
  readonly sampleStep: number[] = [];
  readonly lambdaMax: number[] = [];
  readonly residual: number[] = [];

  /** An empty trace of a run at rate η. */
  constructor(readonly lr: number) {}

  /** 2/η. */
  get limit(): number {
    return 2 / this.lr;
  }

  /** Steps recorded. */
  get steps(): number {
    return this.loss.length;
  }

  /** Appends a chunk; a chunk that does not continue the trace (a stale or repeated one) is ignored. */
  append(chunk: EosChunk): boolean {
    if (chunk.steps.start !== this.loss.length) return false;
    const s = chunk.steps;
    this.loss.push(...s.loss);
    this.actual.push(...s.actual);
    this.order1.push(...s.order1);
    this.order2.push(...s.order2);
    this.component.push(...s.component);
    this.sampleStep.push(...chunk.samples.step);
    this.lambdaMax.push(...chunk.samples.lambdaMax);
    this.residual.push(...chunk.samples.residual);
    return true;
  }

  /** The first sampled step where λmax ≥ fraction·2/η, or null. */
  crossing(fraction = 1): number | null {
    const i = this.lambdaMax.findIndex((v) => v >= fraction * this.limit);
    return i < 0 ? null : this.sampleStep[i];
  }
}

/** Columns of the four linked charts. */
export interface EosChartColumns {
  readonly sharpness: { x: number[]; columns: number[][] };
  readonly loss: { x: number[]; columns: number[][] };
  readonly change: { x: number[]; columns: number[][] };
  readonly component: { x: number[]; columns: number[][] };
}

/**
 * Lowest loss the log-scale loss chart draws: uPlot's log axis has no ticks below 1e-16 (its split
 * loop never ends there), and the deep linear preset's loss falls to ~1e-31. Below it: a gap.
 */
export const EOS_LOSS_CHART_FLOOR = 1e-14;

/** Chart columns: λmax with the 2/η line, the loss (NaN, a gap, below EOS_LOSS_CHART_FLOOR), actual/order-1/order-2 ΔL, the top-eigenvector component. */
export function eosChartColumns(trace: EosTrace): EosChartColumns {
  const x = trace.loss.map((_, t) => t);
  return {
    sharpness: { x: [...trace.sampleStep], columns: [[...trace.lambdaMax], trace.sampleStep.map(() => trace.limit)] },
    loss: { x, columns: [trace.loss.map((v) => (v >= EOS_LOSS_CHART_FLOOR ? v : Number.NaN))] },
    change: { x, columns: [[...trace.actual], [...trace.order1], [...trace.order2]] },
    component: { x, columns: [[...trace.component]] },
  };
}

/** What the readouts say about the run. */
export interface EosSummary {
  readonly steps: number;
  readonly limit: number;
  readonly lambdaFirst: number;
  readonly lambdaLast: number;
  readonly residualLast: number;
  readonly crossing90: number | null;
  readonly crossing: number | null;
  readonly lossFirst: number;
  readonly lossLast: number;
  /** Steps whose loss went up. */
  readonly increases: number;
}

/** The summary of the trace so far (NaN where nothing is recorded yet). */
export function eosSummary(trace: EosTrace): EosSummary {
  const last = trace.lambdaMax.length - 1;
  return {
    steps: trace.steps,
    limit: trace.limit,
    lambdaFirst: trace.lambdaMax[0] ?? Number.NaN,
    lambdaLast: trace.lambdaMax[last] ?? Number.NaN,
    residualLast: trace.residual[last] ?? Number.NaN,
    crossing90: trace.crossing(0.9),
    crossing: trace.crossing(1),
    lossFirst: trace.loss[0] ?? Number.NaN,
    lossLast: trace.loss[trace.loss.length - 1] ?? Number.NaN,
    increases: trace.actual.filter((d) => d > 0).length,
  };
}

/** The summary in one line for the status area. */
export function eosSummaryText(s: EosSummary): string {
  if (s.steps === 0) return 'Starting the run…';
  const p = (v: number, d = 4) => (Number.isFinite(v) ? v.toPrecision(d) : '—');
  const cross = s.crossing === null ? `not yet at 2/η = ${p(s.limit, 3)}` : `reached 2/η = ${p(s.limit, 3)} at step ${s.crossing}`;
  return `step ${s.steps}: λmax ${p(s.lambdaFirst)} → ${p(s.lambdaLast)} (residual ${p(s.residualLast, 2)}), ${cross}; loss ${p(s.lossFirst)} → ${p(s.lossLast)}, up on ${s.increases} steps`;
}

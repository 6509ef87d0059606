/**
 * Turns the error-vs-step study (plain arrays per order) into what ErrorChart draws: x sorted
 * ascending, the fitted and round-off parts as separate gap-separated series, a slope k+1 guide per
 * order and the log ranges. Pure, so the chart itself only moves numbers into uPlot.
 */
import {
  ascendingIndices,
  decadeRange,
  formatSlope,
  formatStep,
  powerLawGuide,
  type Range,
} from './chartMath';

/** Input of ErrorChart.update: errors[i][j] is order orders[i] at step h[j]. */
export interface ErrorChartData {
  readonly h: readonly number[];
  readonly errors: readonly (readonly number[])[];
  readonly orders: readonly number[];
  /** roundoff[i][j]: the point is dominated by floating-point round-off, not truncation. */
  readonly roundoff: readonly (readonly boolean[])[];
  /** Fitted log-log slope per order, null when too few points were usable. */
  readonly slopes: readonly (number | null)[];
  /** Step where the Taylor model stops being good per order, null when it never does. */
  readonly breakdown: readonly (number | null)[];
  /** Expected slope per order (default k + 1; the next non-zero term's degree where terms vanish, null when exact). */
  readonly theorySlopes?: readonly (number | null)[];
  readonly tolerance?: number;
}

/** One order ready to draw: null entries are gaps. */
export interface OrderErrorSeries {
  readonly order: number;
  /** Errors dominated by truncation: the part the slope is fitted on. */
  readonly fit: (number | null)[];
  /** Errors dominated by round-off, drawn as hollow points, never joined to `fit`. */
  readonly roundoff: (number | null)[];
  /** e0 (h / h0)^(k+1) through the anchor, or all null without one. */
  readonly guide: (number | null)[];
  /** Smallest-h truncation point the guide passes through. */
  readonly anchor: { readonly h: number; readonly e: number } | null;
  readonly slope: number | null;
  /** Expected slope; null when the model is exact along the direction (error is round-off only). */
  readonly theorySlope: number | null;
  readonly breakdown: number | null;
}

/** Everything ErrorChart needs for one frame. */
export interface PreparedErrorData {
  /** Positive steps, ascending. */
  readonly h: number[];
  readonly series: OrderErrorSeries[];
  readonly xRange: Range;
  readonly yRange: Range;
  readonly tolerance: number | null;
}

function positive(v: number | null | undefined): v is number {
  return typeof v === 'number' && v > 0 && Number.isFinite(v);
}

/** Splits one order's errors (already permuted to ascending h) into fitted and round-off parts. */
export function splitRoundoff(
  errors: readonly number[],
  roundoff: readonly boolean[],
): { fit: (number | null)[]; roundoff: (number | null)[] } {
  const fit: (number | null)[] = [];
  const round: (number | null)[] = [];
  errors.forEach((e, j) => {
    const ok = positive(e);
    const isRound = roundoff[j] === true;
    fit.push(ok && !isRound ? e : null);
    round.push(ok && isRound ? e : null);
  });
  return { fit, roundoff: round };
}

/** Index of the smallest-h non-null entry of the fitted part (h ascending), or -1. */
export function anchorIndex(fit: readonly (number | null)[]): number {
  return fit.findIndex((e) => e !== null);
}

function prepareOrder(data: ErrorChartData, i: number, idx: number[], h: number[]): OrderErrorSeries {
  const order = data.orders[i];
  const row = data.errors[i] ?? [];
  const flags = data.roundoff[i] ?? [];
  const parts = splitRoundoff(
    idx.map((j) => row[j]),
    idx.map((j) => flags[j] === true),
  );
  const a = anchorIndex(parts.fit);
  const theory = data.theorySlopes?.[i];
  const theorySlope = theory === undefined ? order + 1 : theory;
  const anchor = a >= 0 ? { h: h[a], e: parts.fit[a] as number } : null;
  const guide = anchor && theorySlope !== null ? powerLawGuide(h, anchor.h, anchor.e, theorySlope) : h.map(() => null);
  const slope = data.slopes[i];
  const breakdown = data.breakdown[i];
  return {
    order,
    fit: parts.fit,
    roundoff: parts.roundoff,
    guide,
    anchor,
    slope: typeof slope === 'number' && Number.isFinite(slope) ? slope : null,
    theorySlope,
    breakdown: positive(breakdown) ? breakdown : null,
  };
}

/** Sorts, splits and ranges the study so that every value handed to uPlot is positive or null. */
export function prepareErrorData(data: ErrorChartData): PreparedErrorData {
  const idx = ascendingIndices(data.h);
  const h = idx.map((j) => data.h[j]);
  const series = data.orders.map((_, i) => prepareOrder(data, i, idx, h));
  const tolerance = positive(data.tolerance) ? data.tolerance : null;
  const ys: (number | null)[] = [tolerance];
  for (const s of series) ys.push(...s.fit, ...s.roundoff);
  const xs: (number | null)[] = [...h, ...series.map((s) => s.breakdown)];
  return {
    h,
    series,
    xRange: decadeRange(xs) ?? [1e-8, 1],
    yRange: decadeRange(ys) ?? [1e-16, 1],
    tolerance,
  };
}

/** The legend line of one order: "k=2  slope 3.02 (theory 3)  breakdown h=0.41". */
export function errorLegendText(s: Pick<OrderErrorSeries, 'order' | 'slope' | 'theorySlope' | 'breakdown'>): string {
  const breakdown = s.breakdown === null ? 'no breakdown' : `breakdown h=${formatStep(s.breakdown)}`;
  const theory = s.theorySlope === null ? 'exact' : `theory ${s.theorySlope}`;
  return `k=${s.order}  slope ${formatSlope(s.slope)} (${theory})  ${breakdown}`;
}

/**
 * Work on a network slice's float64 jets that costs a pass over the data set per evaluation, on the
 * compute side: the critical-point search (damped Newton from the grid's seeds: seconds of sliced
 * work on the main thread), and for big networks the point's Taylor coefficients and the
 * error-vs-step study (a digits net's point model alone took ~165 ms on the main thread).
 */
import { criticalPointSearch } from '../core/criticalPoints';
import { analyzeBreakdown, type BreakdownRequest, type BreakdownResult } from '../core/breakdownAnalysis';
import { landscapeDerivatives } from '../core/landscape/Landscape';
import { NetworkSliceLandscape } from '../core/network/NetworkSliceLandscape';
import type { SliceProblem } from '../core/network/sliceGridEngine';
import type { Domain, PointClass } from '../core/types';
import type { JobContext } from './ComputeServer';
import { abortError } from './protocol';

/** A search request: the slice (by key, so the worker reuses it), the window and the seeds. */
export interface CriticalJob {
  readonly key: string;
  readonly problem: SliceProblem;
  readonly domain: Domain;
  readonly seeds: ReadonlyArray<readonly [number, number]>;
}

/** One critical point found. */
export interface CriticalJobPoint {
  readonly x: number;
  readonly y: number;
  readonly cls: PointClass;
}

/** Longest stretch of search between two turns of the worker's event loop (so a cancel can land). */
const TURN_MS = 20;

let cached: { key: string; slice: NetworkSliceLandscape } | null = null;

function sliceFor(job: { readonly key: string; readonly problem: SliceProblem }): NetworkSliceLandscape {
  if (cached?.key !== job.key) {
    const { spec, data, thetaStar, d1, d2 } = job.problem;
    cached = { key: job.key, slice: new NetworkSliceLandscape(spec, data, thetaStar, d1, d2) };
  }
  return cached.slice;
}

/** Runs the search to the end, or rejects with an AbortError at the next seed once cancelled. */
export async function criticalJob(job: CriticalJob, context: JobContext): Promise<CriticalJobPoint[]> {
  const slice = sliceFor(job);
  const search = criticalPointSearch((x, y) => landscapeDerivatives(slice, x, y), job.domain, job.seeds);
  let turn = performance.now();
  for (;;) {
    const step = search.next();
    if (step.done) return step.value.map((c) => ({ x: c.x, y: c.y, cls: c.cls }));
    if (context.signal.aborted) throw abortError();
    if (performance.now() - turn > TURN_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      turn = performance.now();
      if (context.signal.aborted) throw abortError();
    }
  }
}

/** The slice's exact Taylor coefficients at one point. */
export interface PointJob {
  readonly key: string;
  readonly problem: SliceProblem;
  readonly x: number;
  readonly y: number;
  readonly order: number;
}

/** Coefficients of the slice at (x, y) to the order asked (taylorLayout order). */
export async function pointJob(job: PointJob): Promise<Float64Array> {
  return sliceFor(job).coefficients(job.x, job.y, job.order);
}

/** The error-vs-step study of the slice at a point. */
export interface BreakdownJob {
  readonly key: string;
  readonly problem: SliceProblem;
  readonly request: BreakdownRequest;
}

/** analyzeBreakdown on the slice, with f(p) for the chart's tolerance line. */
export async function breakdownJob(job: BreakdownJob): Promise<{ study: BreakdownResult; value: number }> {
  const slice = sliceFor(job);
  return { study: analyzeBreakdown(slice, job.request), value: slice.value(job.request.x0, job.request.y0) };
}

/**
 * The critical-point search of a network slice, on the compute side: damped Newton on the
 * gradient from the grid's seeds with the slice's exact float64 jets. On the main thread it cost
 * seconds of sliced work (each derivative is a pass over the data set); here it only answers.
 */
import { criticalPointSearch } from '../core/criticalPoints';
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

function sliceFor(job: CriticalJob): NetworkSliceLandscape {
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

/**
 * Long-run behaviour of one orbit of a map with a parameter η: iterate past a transient, keep K
 * iterates, and name them — a fixed point, a cycle of the smallest period p that repeats them, no
 * period up to a limit (chaotic, or not yet settled), or an escape (diverged).
 */
import type { OrbitKind, OrbitSample } from './types';

/** A map on a state vector, stepped in place, with the one coordinate the diagram shows. */
export interface ParameterMap {
  readonly dimension: number;
  /** One step at parameter η, overwriting the state. */
  step(state: Float64Array, eta: number): void;
  /** The coordinate drawn on the diagram's vertical axis. */
  observe(state: Float64Array): number;
}

/** How long to iterate and how to judge what is kept. */
export interface SamplingOptions {
  /** Steps thrown away before keeping any (default 1000). */
  readonly transient?: number;
  /** Iterates kept (default 64). */
  readonly keep?: number;
  /** Largest period looked for (default keep / 2). */
  readonly maxPeriod?: number;
  /** Two kept iterates closer than this are the same point (default 1e-7 × scale). */
  readonly tolerance?: number;
  /** A state coordinate beyond this in size has escaped (default 1e6 × scale). */
  readonly escape?: number;
}

/** Defaults of SamplingOptions, for callers that show them. */
export const DEFAULT_SAMPLING = { transient: 1000, keep: 64 } as const;

/**
 * The kept iterates of the orbit from `start` at η and their classification; `scale` (the size of
 * the window drawn) sets the default tolerance and escape radius.
 */
export function sampleOrbit(map: ParameterMap, start: ArrayLike<number>, eta: number, scale: number, opts: SamplingOptions = {}): OrbitSample {
  const transient = opts.transient ?? DEFAULT_SAMPLING.transient;
  const keep = opts.keep ?? DEFAULT_SAMPLING.keep;
  const escape = opts.escape ?? 1e6 * scale;
  const state = Float64Array.from(start);
  const points = new Float64Array(keep);
  for (let t = 0; t < transient + keep; t++) {
    map.step(state, eta);
    // A fresh empty array per orbit: a shared one would be detached by the first transfer to the page.
    if (escaped(state, escape)) return { kind: 'diverged', period: 0, points: new Float64Array(0) };
    if (t >= transient) points[t - transient] = map.observe(state);
  }
  const { kind, period } = classifyOrbit(points, opts.tolerance ?? 1e-7 * scale, opts.maxPeriod ?? Math.floor(keep / 2));
  return { kind, period, points };
}

function escaped(state: Float64Array, escape: number): boolean {
  for (let i = 0; i < state.length; i++) if (!(Math.abs(state[i]) <= escape)) return true;
  return false;
}

/**
 * The smallest p <= maxPeriod with |x[k + p] − x[k]| <= tol for every kept k: 'fixed' for p = 1,
 * 'periodic' otherwise; 'chaotic' (period 0) when no such p exists.
 */
export function classifyOrbit(points: Float64Array, tol: number, maxPeriod: number): { kind: OrbitKind; period: number } {
  for (let p = 1; p <= maxPeriod && p < points.length; p++) {
    let repeats = true;
    for (let k = 0; k + p < points.length && repeats; k++) repeats = Math.abs(points[k + p] - points[k]) <= tol;
    if (repeats) return { kind: p === 1 ? 'fixed' : 'periodic', period: p };
  }
  return { kind: 'chaotic', period: 0 };
}

/** The distinct values of a sample's cycle (its first `period` kept points, sorted); all kept points when chaotic. */
export function cyclePoints(sample: OrbitSample): number[] {
  const n = sample.period > 0 ? sample.period : sample.points.length;
  return Array.from(sample.points.subarray(0, n)).sort((a, b) => a - b);
}

/**
 * A whole curve by pseudo-arclength continuation: the start corrected onto G = 0, then traced in
 * both directions with an adaptive step until it leaves the window (ending exactly on its edge) or
 * comes back to the start (a closed curve), with the sign changes of the fold and branch-point test
 * functions between consecutive points recorded for the caller to locate.
 */
import { dot, norm } from './denseLinear';
import { correct, insideBounds, landOnEdge, tangentAt, testFunctions } from './pseudoArclength';
import type { Bounds, CurvePoint, CurveSystem } from './pseudoArclength';

/** Steps and limits of a trace; lengths are in u's units. */
export interface TraceOptions {
  readonly bounds: Bounds;
  /** Largest step (default a fiftieth of the window's diagonal). */
  readonly maxStep?: number;
  /** First step (default maxStep / 4). */
  readonly initialStep?: number;
  /** Smallest step before the trace gives up (default 1e-9 maxStep). */
  readonly minStep?: number;
  /** Points per direction at most (default 4000). */
  readonly maxPoints?: number;
  /** Orientation of the first direction (default: the tangent bordered by the best unit vector). */
  readonly direction?: readonly number[];
}

/** A traced point: the corrected point, its signed arclength from the start and its test functions. */
export interface TracedPoint extends CurvePoint {
  readonly arclength: number;
  readonly tests: readonly [number, number];
}

/** Why a direction stopped. */
export type TraceEnd = 'edge' | 'closed' | 'stalled' | 'max-points';

/** The curve through the start, ordered along it; `events` are indices k where a test changes sign between k and k + 1. */
export interface TracedCurve {
  readonly points: TracedPoint[];
  readonly closed: boolean;
  readonly ends: readonly [TraceEnd, TraceEnd];
  readonly events: readonly { readonly index: number; readonly test: 0 | 1 }[];
}

function diagonal(bounds: Bounds): number {
  const spans = bounds.map(([lo, hi]) => hi - lo).filter(Number.isFinite);
  return spans.length > 0 ? Math.hypot(...spans) : 1;
}

function traced(system: CurveSystem, p: CurvePoint, arclength: number): TracedPoint {
  return { ...p, arclength, tests: testFunctions(system, p) };
}

/** One predictor-corrector step of length ds from p, or null when Newton fails or the tangent turns too far. */
function step(system: CurveSystem, p: CurvePoint, ds: number): CurvePoint | null {
  const predictor = p.u.map((v, k) => v + ds * p.tangent[k]);
  const next = correct(system, predictor, p.tangent);
  if (!next) return null;
  const moved = norm(next.u.map((v, k) => v - predictor[k]));
  // A large correction or a sharp turn means the step jumped: to another branch or across a bend.
  if (moved > 0.5 * ds || dot(next.tangent, p.tangent) < 0.97) return null;
  return next;
}

/** Traces from `start` along its tangent until an edge, the start again, a stall or the point limit. */
function traceOneWay(system: CurveSystem, start: TracedPoint, options: Required<Omit<TraceOptions, 'direction'>>, sign: 1 | -1): { points: TracedPoint[]; end: TraceEnd } {
  const points: TracedPoint[] = [];
  let p: TracedPoint = { ...start, tangent: start.tangent.map((v) => sign * v) };
  let ds = options.initialStep;
  while (points.length < options.maxPoints) {
    const next = step(system, p, ds);
    if (!next) {
      ds /= 2;
      if (ds < options.minStep) return { points, end: 'stalled' };
      continue;
    }
    const length = norm(next.u.map((v, k) => v - p.u[k]));
    if (!insideBounds(next.u, options.bounds)) {
      const edge = landOnEdge(system, p, next.u, options.bounds);
      if (edge) points.push(traced(system, edge, p.arclength + sign * norm(edge.u.map((v, k) => v - p.u[k]))));
      return { points, end: 'edge' };
    }
    const arclength = p.arclength + sign * length;
    if (closesAt(start, p, next, Math.abs(arclength), ds)) {
      points.push({ ...start, arclength: p.arclength + sign * norm(start.u.map((v, k) => v - p.u[k])) });
      return { points, end: 'closed' };
    }
    p = traced(system, next, arclength);
    points.push(p);
    ds = Math.min(options.maxStep, 1.3 * ds);
  }
  return { points, end: 'max-points' };
}

/** Whether the step from a to b passes the start again in the same direction (a closed curve). */
function closesAt(start: CurvePoint, a: CurvePoint, b: CurvePoint, travelled: number, ds: number): boolean {
  if (travelled < 4 * ds) return false;
  const ab = b.u.map((v, k) => v - a.u[k]);
  const as = start.u.map((v, k) => v - a.u[k]);
  const t = Math.max(0, Math.min(1, dot(as, ab) / dot(ab, ab)));
  const gap = norm(as.map((v, k) => v - t * ab[k]));
  return t > 0 && t <= 1 && gap <= 0.1 * norm(ab) && Math.abs(dot(start.tangent, a.tangent)) > 0.9;
}

/**
 * The curve of G = 0 through (near) `start`: corrected onto the curve, traced both ways and joined
 * in order of arclength (0 at the start, negative backwards); null if the start cannot be corrected.
 */
export function traceCurve(system: CurveSystem, start: readonly number[], options: TraceOptions): TracedCurve | null {
  const first = system.evaluate(start);
  const border = options.direction ?? tangentAt(first.jacobian);
  if (!border) return null;
  const p = correct(system, start, border);
  if (!p) return null;
  const oriented = options.direction && dot(p.tangent, options.direction) < 0 ? p.tangent.map((v) => -v) : p.tangent;
  const origin = traced(system, { ...p, tangent: oriented }, 0);
  const maxStep = options.maxStep ?? diagonal(options.bounds) / 50;
  const full = {
    bounds: options.bounds,
    maxStep,
    initialStep: options.initialStep ?? maxStep / 4,
    minStep: options.minStep ?? 1e-9 * maxStep,
    maxPoints: options.maxPoints ?? 4000,
  };
  const forward = traceOneWay(system, origin, full, 1);
  const backward = forward.end === 'closed' ? { points: [], end: 'closed' as const } : traceOneWay(system, origin, full, -1);
  // Backward points keep the forward orientation of the tangent, so the tests compare across the start.
  const back = backward.points.map((q) => ({ ...q, tangent: q.tangent.map((v) => -v) })).reverse();
  const points = [...back.map((q) => ({ ...q, tests: testFunctions(system, q) })), origin, ...forward.points];
  const events: { index: number; test: 0 | 1 }[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k].tests, points[k + 1].tests];
    if (Math.sign(a[1]) * Math.sign(b[1]) < 0) events.push({ index: k, test: 1 });
    else if (Math.sign(a[0]) * Math.sign(b[0]) < 0) events.push({ index: k, test: 0 });
  }
  return { points, closed: forward.end === 'closed', ends: [backward.end, forward.end], events };
}

/** Critical points of f(x, y) by damped Newton on the gradient, seeded from the grid. */
import { classifyPoint, DEFAULT_EIG_TOL, DEFAULT_GRAD_TOL, type ClassifyOptions } from './classify';
import { symmetricEigen2 } from './eigen2';
import type { Domain, Eigen2, GridField, PointClass, PointDerivatives } from './types';

/** A converged critical point with its derivatives, Hessian eigen-decomposition and type. */
export interface CriticalPoint {
  readonly x: number;
  readonly y: number;
  readonly derivs: PointDerivatives;
  readonly eigen: Eigen2;
  readonly cls: PointClass;
}

/** Tuning of `findCriticalPoints`; defaults suit float64 closed forms and float32 tfjs alike. */
export interface CriticalPointOptions {
  /** Newton iterations per seed (default 50). */
  readonly maxIterations?: number;
  /** Acceptance tolerance on |grad|, relative as in `classifyPoint` (default DEFAULT_GRAD_TOL). */
  readonly gradTol?: number;
  /** Eigenvalue tolerance passed to `classifyPoint` (default DEFAULT_EIG_TOL). */
  readonly eigTol?: number;
  /** Points closer than this fraction of the domain diagonal are one point (default 1e-4). */
  readonly mergeFraction?: number;
  /** Typical |curvature| for `classifyPoint` (default: the largest |eigenvalue| over the seeds). */
  readonly curvatureScale?: number;
}

/** Halvings tried by the line search before a seed is given up as stuck. */
const MAX_HALVINGS = 20;
/**
 * A seed stalls when STALL_ITERATIONS Newton steps in a row together lower |grad f|^2 by less than
 * STALL_DECREASE: it is sliding into a minimum of |grad f|^2 where grad f is not 0 (no critical
 * point), each step needing many halvings. Toward a critical point Newton lowers |grad f|^2 by far
 * more: quadratically at a regular one, by a factor below 0.14 per step at a degenerate one
 * (grad f ~ x^k), and once the arithmetic's floor is reached the line search fails and stops it.
 * On a network slice (a pass over the data per evaluation) stalled seeds were 90% of the search.
 */
const STALL_ITERATIONS = 4;
const STALL_DECREASE = 0.05;
/** Eigenvalues below this fraction of the largest are dropped from the Newton solve as singular. */
const SINGULAR_FRACTION = 1e-12;
/** Coordinates within this fraction of the domain diagonal of 0 are tried at exactly 0. */
const SNAP_FRACTION = 1e-9;
/** Ranks used to sort the result: minima first, then saddles, maxima, degenerate points. */
const CLASS_RANK: Record<PointClass, number> = { minimum: 0, saddle: 1, maximum: 2, degenerate: 3, regular: 4 };

/**
 * Runs damped Newton from every seed, keeps the points that converge inside the domain, merges
 * duplicates (keeping the smaller gradient) and sorts them by type, then x, then y, so the same
 * landscape always lists its points in the same order whatever the seeds' order.
 */
export function findCriticalPoints(
  derivsAt: (x: number, y: number) => PointDerivatives,
  domain: Domain,
  seeds: ReadonlyArray<readonly [number, number]>,
  opts: CriticalPointOptions = {},
): CriticalPoint[] {
  const search = criticalPointSearch(derivsAt, domain, seeds, opts);
  for (;;) {
    const step = search.next();
    if (step.done) return step.value;
  }
}

/**
 * The same search as `findCriticalPoints`, one seed per `next()`: a caller can spread it over
 * several frames (a network landscape's derivatives cost milliseconds each) and drop it when a new
 * grid makes it stale. Yields the number of seeds done; returns the sorted points.
 */
export function* criticalPointSearch(
  derivsAt: (x: number, y: number) => PointDerivatives,
  domain: Domain,
  seeds: ReadonlyArray<readonly [number, number]>,
  opts: CriticalPointOptions = {},
): Generator<number, CriticalPoint[], void> {
  const diagonal = Math.hypot(domain.xmax - domain.xmin, domain.ymax - domain.ymin);
  const mergeDistance = (opts.mergeFraction ?? 1e-4) * diagonal;
  const starts = seeds.map(([x, y]) => ({ x, y, d: derivsAt(x, y) }));
  const classify = {
    gradTol: opts.gradTol ?? DEFAULT_GRAD_TOL,
    eigTol: opts.eigTol ?? DEFAULT_EIG_TOL,
    // The seeds sample the landscape, so their curvature says what "tiny" means at a critical point.
    curvatureScale: opts.curvatureScale ?? Math.max(0, ...starts.map(({ d }) => largestCurvature(d)).filter(Number.isFinite)),
  };
  const found: CriticalPoint[] = [];
  let done = 0;
  for (const start of starts) {
    const end = newtonOnGradient(derivsAt, start, opts.maxIterations ?? 50, diagonal);
    yield ++done;
    if (!end || !insideDomain(end.x, end.y, domain, 1e-9 * diagonal)) continue;
    const settled = settle(derivsAt, end, classify, SNAP_FRACTION * diagonal);
    if (!settled) continue;
    const d = settled.derivs;
    const point = { ...settled, eigen: symmetricEigen2(d.hxx, d.hxy, d.hyy) };
    mergeInto(found, point, mergeDistance);
  }
  return found.sort((p, q) => compareCriticalPoints(p, q, mergeDistance));
}

/**
 * Classifies where Newton ended and, when that is a critical point, tries it with its near-zero
 * coordinates snapped to exactly 0: the snapped point wins when it passes the same test.
 */
function settle(
  derivsAt: (x: number, y: number) => PointDerivatives,
  end: { x: number; y: number; derivs: PointDerivatives },
  classify: ClassifyOptions,
  tolerance: number,
): { x: number; y: number; derivs: PointDerivatives; cls: PointClass } | null {
  const cls = classifyPoint(end.derivs, classify);
  if (cls === 'regular') return null;
  const snapped = snapToZero(derivsAt, end, tolerance);
  const snappedCls = snapped ? classifyPoint(snapped.derivs, classify) : 'regular';
  return snapped && snappedCls !== 'regular' ? { ...snapped, cls: snappedCls } : { ...end, cls };
}

/**
 * The point with every coordinate within `tolerance` of 0 set to exactly 0, with its derivatives;
 * null when no coordinate is that close (or already all are 0). Newton stops near a critical point
 * at 0 where the arithmetic does (the saddle of x·y·exp(−(x²+y²)/2) at −8e−174), which the page
 * would otherwise print as "(x + 8.086×10⁻¹⁷⁴)".
 */
export function snapToZero(
  derivsAt: (x: number, y: number) => PointDerivatives,
  p: { readonly x: number; readonly y: number },
  tolerance: number,
): { x: number; y: number; derivs: PointDerivatives } | null {
  const snap = (v: number): number => (Math.abs(v) <= tolerance ? 0 : v);
  const x = snap(p.x);
  const y = snap(p.y);
  if (Object.is(x, p.x) && Object.is(y, p.y)) return null;
  const derivs = derivsAt(x, y);
  return Number.isFinite(gradientNormSquared(derivs)) ? { x, y, derivs } : null;
}

/**
 * Damped Newton for grad f = 0: solve H d = -g in the Hessian's eigenbasis (dropping singular
 * directions), then halve the step until |g|^2 decreases, which it must for a small enough step
 * since d is a descent direction of |g|^2. Returns the last iterate, or null if f is undefined there.
 * Iterates on past the acceptance tolerance to the best point the arithmetic allows, so seeds
 * approaching a degenerate point from two sides end close enough to merge.
 */
function newtonOnGradient(
  derivsAt: (x: number, y: number) => PointDerivatives,
  start: { x: number; y: number; d: PointDerivatives },
  maxIterations: number,
  maxStep: number,
): { x: number; y: number; derivs: PointDerivatives } | null {
  let { x, y, d } = start;
  const residuals: number[] = [];
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const residual = gradientNormSquared(d);
    if (!Number.isFinite(residual)) return null;
    if (residual === 0) break;
    residuals.push(residual);
    if (residuals.length > STALL_ITERATIONS && residual > (1 - STALL_DECREASE) * residuals[residuals.length - 1 - STALL_ITERATIONS]) break;
    const step = newtonStep(d, maxStep);
    if (!step) break;
    const next = lineSearch(derivsAt, x, y, step, residual);
    if (!next) break;
    ({ x, y, d } = next);
  }
  return Number.isFinite(gradientNormSquared(d)) ? { x, y, derivs: d } : null;
}

/** Newton step -H^+ g through the eigen-decomposition, capped at maxStep in length; null if it vanishes. */
function newtonStep(d: PointDerivatives, maxStep: number): [number, number] | null {
  const e = symmetricEigen2(d.hxx, d.hxy, d.hyy);
  const largest = Math.max(Math.abs(e.lambda1), Math.abs(e.lambda2));
  let dx = 0;
  let dy = 0;
  for (const [lambda, v] of [
    [e.lambda1, e.v1],
    [e.lambda2, e.v2],
  ] as const) {
    // A (nearly) zero curvature has no Newton step along it; skipping it is the pseudo-inverse.
    if (Math.abs(lambda) <= SINGULAR_FRACTION * largest || lambda === 0) continue;
    const along = -(v[0] * d.gx + v[1] * d.gy) / lambda;
    dx += along * v[0];
    dy += along * v[1];
  }
  const length = Math.hypot(dx, dy);
  if (!(length > 0) || !Number.isFinite(length)) return null;
  // A huge step from a near-singular Hessian would fling the seed far outside the domain.
  const shrink = Math.min(1, maxStep / length);
  return [dx * shrink, dy * shrink];
}

/** Backtracking: the first of step, step/2, step/4, ... that lowers |g|^2, or null when none does. */
function lineSearch(
  derivsAt: (x: number, y: number) => PointDerivatives,
  x: number,
  y: number,
  step: readonly [number, number],
  residual: number,
): { x: number; y: number; d: PointDerivatives } | null {
  let scale = 1;
  for (let halving = 0; halving <= MAX_HALVINGS; halving++, scale /= 2) {
    const nx = x + scale * step[0];
    const ny = y + scale * step[1];
    // Once the step no longer moves the point, the arithmetic is exhausted.
    if (nx === x && ny === y) return null;
    const d = derivsAt(nx, ny);
    if (gradientNormSquared(d) < residual) return { x: nx, y: ny, d };
  }
  return null;
}

/** Largest |eigenvalue| of the Hessian at a point. */
function largestCurvature(d: PointDerivatives): number {
  const e = symmetricEigen2(d.hxx, d.hxy, d.hyy);
  return Math.max(Math.abs(e.lambda1), Math.abs(e.lambda2));
}

/** |grad f|^2 at a point (NaN when undefined). */
function gradientNormSquared(d: PointDerivatives): number {
  return d.gx * d.gx + d.gy * d.gy;
}

/** Whether (x, y) lies in the domain widened by slack on every side. */
function insideDomain(x: number, y: number, domain: Domain, slack: number): boolean {
  return x >= domain.xmin - slack && x <= domain.xmax + slack && y >= domain.ymin - slack && y <= domain.ymax + slack;
}

/** Adds the point, or replaces a neighbour within mergeDistance if the new one has the smaller gradient. */
function mergeInto(found: CriticalPoint[], point: CriticalPoint, mergeDistance: number): void {
  const twin = found.findIndex((p) => Math.hypot(p.x - point.x, p.y - point.y) < mergeDistance);
  if (twin < 0) found.push(point);
  else if (gradientNormSquared(point.derivs) < gradientNormSquared(found[twin].derivs)) found[twin] = point;
}

/** Order by type, then x, then y; x within the merge distance counts as equal so noise cannot swap two points. */
function compareCriticalPoints(p: CriticalPoint, q: CriticalPoint, mergeDistance: number): number {
  const byClass = CLASS_RANK[p.cls] - CLASS_RANK[q.cls];
  if (byClass !== 0) return byClass;
  if (Math.abs(p.x - q.x) >= mergeDistance) return p.x - q.x;
  return p.y - q.y;
}

/**
 * Seeds for `findCriticalPoints`: grid points where |grad f|^2 is a local minimum over the 3x3
 * neighbourhood (non-finite neighbours ignored, non-finite points skipped), smallest |grad f|^2
 * first, at most maxSeeds. On a plateau of equal values only the point with the lowest index
 * qualifies, so a flat region yields one seed rather than all of its points.
 */
export function seedsFromGrid(grid: GridField, maxSeeds = 64): Array<[number, number]> {
  const { n, domain } = grid;
  const squared = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) squared[k] = grid.gx[k] * grid.gx[k] + grid.gy[k] * grid.gy[k];
  const minima: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      if (isLocalMinimum(squared, n, i, j)) minima.push(j * n + i);
    }
  }
  minima.sort((a, b) => squared[a] - squared[b] || a - b);
  const spacing = (lo: number, hi: number): number => (n > 1 ? (hi - lo) / (n - 1) : 0);
  const [dx, dy] = [spacing(domain.xmin, domain.xmax), spacing(domain.ymin, domain.ymax)];
  return minima.slice(0, maxSeeds).map((k) => [domain.xmin + (k % n) * dx, domain.ymin + Math.floor(k / n) * dy]);
}

/** Whether grid value (i, j) is finite and below every finite neighbour, ties going to the lower index. */
function isLocalMinimum(values: Float64Array, n: number, i: number, j: number): boolean {
  const index = j * n + i;
  const value = values[index];
  if (!Number.isFinite(value)) return false;
  for (let nj = Math.max(0, j - 1); nj <= Math.min(n - 1, j + 1); nj++) {
    for (let ni = Math.max(0, i - 1); ni <= Math.min(n - 1, i + 1); ni++) {
      const other = nj * n + ni;
      if (other === index || !Number.isFinite(values[other])) continue;
      if (values[other] < value || (values[other] === value && other < index)) return false;
    }
  }
  return true;
}

/**
 * Everything the page shows about the optimizer runs, computed once per change of the runs, their
 * start or the landscape: each run to its stop, the path along the surface, iterations to
 * tolerance, the rate predicted from the Taylor model at the minimum next to the measured one, and
 * the η marks 1/λmax, 2/λmax at the start and at the nearest minimum. Stepping only picks an index.
 */
import { findCriticalPoints } from '../../core/criticalPoints';
import type { Landscape } from '../../core/landscape/Landscape';
import { landscapeDerivatives } from '../../core/landscape/Landscape';
import { hessianSpectrum, stationaryTypeOf } from '../../core/optimizers/localModels';
import {
  convergenceOrders,
  divergenceExplanation,
  gradientNorms,
  iterationsToTolerance,
  lrMarks,
  measuredLinearRate,
  predictedRate,
  type LrMarks,
  type PredictedRate,
} from '../../core/optimizers/rates';
import { runOptimizer } from '../../core/optimizers/runOptimizer';
import { runLabel, type RunSpec } from '../../core/optimizers/runSpecs';
import type { Iterate, OptimizerRun } from '../../core/optimizers/types';
import type { Domain } from '../../core/types';

/** Okabe–Ito orange, sky blue and reddish purple: distinct under the common colour-vision deficiencies. */
export const RUN_COLORS: readonly string[] = ['#E69F00', '#56B4E9', '#CC79A7'];
/** Step limit of a run on the page (the κ = 10 bowl at η = 1/λmax needs about 200 to reach RUN_TOL). */
export const RUN_MAX_STEPS = 300;
/** A run has converged once |∇f| <= RUN_TOL. */
export const RUN_TOL = 1e-8;
/** Columns of the iterations-to-tolerance table. */
export const TABLE_TOLERANCES: readonly number[] = [1e-2, 1e-4, 1e-8];
/** Path samples per step: the straight step in (x, y) lifted onto the surface. */
export const SAMPLES_PER_STEP = 8;

/** One run with what the page shows about it. */
export interface ComputedRun {
  readonly index: number;
  readonly spec: RunSpec;
  readonly label: string;
  readonly color: string;
  readonly run: OptimizerRun;
  /** (x, y, f) of the iterates and of the path samples along the surface. */
  readonly iterates: Float64Array;
  readonly path: Float64Array;
  /** |∇f| per iterate. */
  readonly gradNorms: readonly number[];
  /** First iterate with |∇f| <= each of TABLE_TOLERANCES, or null. */
  readonly toTolerance: readonly (number | null)[];
  readonly predicted: PredictedRate;
  /** Where the predicted rate is read ("at the minimum (1, 0)"). */
  readonly predictedAt: string;
  /** Measured linear rate of |∇f| over the tail (NaN unless converged); for Newton the last order estimate. */
  readonly measured: number;
  /** The numbers behind a gradient method's instability when η > 2/λmax at the start, else null. */
  readonly divergence: string | null;
}

/** The runs and the η marks. */
export interface ComputedRuns {
  readonly start: readonly [number, number];
  readonly dimension: 1 | 2;
  readonly runs: readonly ComputedRun[];
  readonly startMarks: LrMarks;
  /** The local minimum nearest the start (from the start and the runs' ends), with its marks. */
  readonly minimum: { readonly x: number; readonly y: number; readonly marks: LrMarks } | null;
}

/** Runs every spec from the start on the landscape; bounds scale with the domain so runaways stop early. */
export function computeRuns(landscape: Landscape, specs: readonly RunSpec[], start: readonly [number, number], domain: Domain, dimension: 1 | 2 = 2): ComputedRuns {
  const extent = Math.max(1, Math.abs(domain.xmin), Math.abs(domain.xmax), Math.abs(domain.ymin), Math.abs(domain.ymax));
  const bounds = { maxAbsCoordinate: 10 * extent };
  const runs = specs.map((spec) =>
    runOptimizer(landscape, { method: spec.method, params: spec.params, from: dimension === 1 ? [start[0]] : start, maxSteps: RUN_MAX_STEPS, tol: RUN_TOL, bounds, dimension }),
  );
  const first = landscapeDerivatives(landscape, start[0], start[1]);
  const startMarks = lrMarks(first, dimension);
  const minimum = nearestMinimum(landscape, start, runs, domain, dimension);
  return {
    start,
    dimension,
    startMarks,
    minimum,
    runs: runs.map((run, index) => describeRun(landscape, specs[index], run, index, minimum, startMarks)),
  };
}

function describeRun(landscape: Landscape, spec: RunSpec, run: OptimizerRun, index: number, minimum: ComputedRuns['minimum'], startMarks: LrMarks): ComputedRun {
  const norms = gradientNorms(run.iterates);
  const final = run.final;
  const converged = run.stop.reason === 'converged';
  // The rate is read where the run ends when it converged (Newton also converges to saddles), else at the nearest minimum.
  const finalType = stationaryTypeOf(hessianSpectrum(final, run.dimension).eigenvalues);
  const at = converged ? final : minimum !== null ? landscapeDerivatives(landscape, minimum.x, minimum.y) : run.iterates[0];
  const where = converged ? final : minimum ?? run.iterates[0];
  const predicted = predictedRate(spec.method, spec.params, hessianSpectrum(at, run.dimension).eigenvalues);
  const kind = converged ? (finalType === 'singular' ? 'critical point' : finalType) : minimum !== null ? 'minimum' : 'start';
  const place = `at the ${kind} ${point(where.x, where.y, run.dimension)}`;
  const orders = convergenceOrders(norms).filter(Number.isFinite);
  const measured = !converged ? NaN : predicted.kind === 'quadratic' ? (orders[orders.length - 1] ?? NaN) : measuredLinearRate(norms);
  const gradientMethod = spec.method === 'gd' || spec.method === 'momentum' || spec.method === 'nesterov';
  const lr = run.params.lr ?? NaN;
  const divergence = gradientMethod && lr > startMarks.stabilityLimit ? divergenceExplanation(lr, run.iterates[0].model) : null;
  return {
    index,
    spec,
    label: runLabel(spec),
    color: RUN_COLORS[index % RUN_COLORS.length],
    run,
    iterates: packIterates(run.iterates),
    path: surfacePath(landscape, run.iterates),
    gradNorms: norms,
    toTolerance: TABLE_TOLERANCES.map((tol) => iterationsToTolerance(norms, tol)),
    predicted,
    predictedAt: place,
    measured,
    divergence,
  };
}

/** "(1, 0)" or "x = 1", three significant digits, tiny values as 0. */
function point(x: number, y: number, dimension: 1 | 2): string {
  // Below 1e-6 a coordinate of a converged point is round-off around 0 (tol is 1e-8 on |∇f|).
  const c = (v: number) => String(Math.abs(v) < 1e-6 ? 0 : Number(v.toPrecision(3)));
  return dimension === 1 ? `x = ${c(x)}` : `(${c(x)}, ${c(y)})`;
}

/** The minimum nearest the start, found by the core's damped Newton from the start and every run's end. */
function nearestMinimum(landscape: Landscape, start: readonly [number, number], runs: readonly OptimizerRun[], domain: Domain, dimension: 1 | 2): ComputedRuns['minimum'] {
  const derivs = (x: number, y: number) => {
    const d = landscapeDerivatives(landscape, x, y);
    return dimension === 1 ? { ...d, gy: 0, hxy: 0, hyy: 1 } : d;
  };
  const seeds: [number, number][] = [[start[0], start[1]], ...runs.map((r) => [r.final.x, r.final.y] as [number, number]).filter((p) => p.every(Number.isFinite))];
  const minima = findCriticalPoints(derivs, domain, seeds).filter((c) => c.cls === 'minimum');
  if (minima.length === 0) return null;
  const best = minima.reduce((a, b) => (Math.hypot(b.x - start[0], b.y - start[1]) < Math.hypot(a.x - start[0], a.y - start[1]) ? b : a));
  return { x: best.x, y: best.y, marks: lrMarks(landscapeDerivatives(landscape, best.x, best.y), dimension) };
}

/** (x, y, f) triples of the iterates. */
function packIterates(iterates: readonly Iterate[]): Float64Array {
  const out = new Float64Array(iterates.length * 3);
  iterates.forEach((it, k) => out.set([it.x, it.y, it.f], 3 * k));
  return out;
}

/** The path along the surface: each step's straight line in (x, y) sampled and lifted to f. */
export function surfacePath(landscape: Landscape, iterates: readonly Iterate[]): Float64Array {
  const steps = iterates.length - 1;
  const out = new Float64Array((steps * SAMPLES_PER_STEP + 1) * 3);
  out.set([iterates[0].x, iterates[0].y, iterates[0].f], 0);
  for (let k = 0; k < steps; k++) {
    const a = iterates[k];
    const b = iterates[k + 1];
    for (let s = 1; s <= SAMPLES_PER_STEP; s++) {
      const u = s / SAMPLES_PER_STEP;
      const x = a.x + u * (b.x - a.x);
      const y = a.y + u * (b.y - a.y);
      // The iterates' own f at the ends; only the points between cost an evaluation.
      const f = s === SAMPLES_PER_STEP ? b.f : Number.isFinite(x + y) ? landscape.value(x, y) : NaN;
      out.set([x, y, f], 3 * (k * SAMPLES_PER_STEP + s));
    }
  }
  return out;
}

/** The iterate a run shows after `runSteps` steps (it stops at its last). */
export function shownIndex(run: OptimizerRun, runSteps: number): number {
  return Math.max(0, Math.min(Math.floor(runSteps), run.steps));
}

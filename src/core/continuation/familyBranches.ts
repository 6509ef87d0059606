/**
 * Critical points of a family of landscapes f(x, y; λ) continued in λ: the curve ∇f = 0 in
 * (x, y, λ) by pseudo-arclength, so a branch runs through the fold where two critical points merge
 * (det H = 0, where the tangent's λ component vanishes), and the fold located by Newton on
 * (f_x, f_y, det H) = 0 with every column exact, the λ column's f_xyλ by polarization along x + y.
 */
import { coefficientIndex } from '../taylorLayout';
import type { Domain, PointClass } from '../types';
import { traceCurve } from './curveTrace';
import { norm, solveLinear } from './denseLinear';
import type { CurveSystem } from './pseudoArclength';
import { AXIS_X, AXIS_Y, AXIS_Z, parseTrivariate, planeJet } from './trivariate';
import type { Trivariate, Vector3 } from './trivariate';

/** How λ may be written in a family's text. */
const LAMBDA_NAMES: readonly string[] = ['lambda', 'λ'];
/** The direction x + y, for f_xyλ by polarization. */
const DIAGONAL: Vector3 = [1, 1, 0];

/** Parses f(x, y; λ) as an expression in three symbols. */
export function parseFamilyTrivariate(text: string): ReturnType<typeof parseTrivariate> {
  return parseTrivariate(text, ['x', 'y'], LAMBDA_NAMES);
}

const i = coefficientIndex;

/** First and second partials of f at (x, y, λ) in the (x, y), (x, λ) and (y, λ) planes. */
function secondOrder(t: Trivariate, p: Vector3): { xy: Float64Array; xl: Float64Array; yl: Float64Array } {
  return { xy: planeJet(t, p, AXIS_X, AXIS_Y, 2), xl: planeJet(t, p, AXIS_X, AXIS_Z, 2), yl: planeJet(t, p, AXIS_Y, AXIS_Z, 2) };
}

/** The curve ∇f = 0 in u = [x, y, λ]: J = [H | ∂∇f/∂λ], exact from order-2 jets. */
export function criticalCurveSystem(t: Trivariate): CurveSystem {
  return {
    size: 3,
    parameterIndex: 2,
    evaluate: (u) => {
      const { xy, xl, yl } = secondOrder(t, [u[0], u[1], u[2]]);
      const [fxx, fxy, fyy] = [2 * xy[i(2, 0)], xy[i(1, 1)], 2 * xy[i(0, 2)]];
      return {
        residual: [xy[i(1, 0)], xy[i(0, 1)]],
        jacobian: [
          [fxx, fxy, xl[i(1, 1)]],
          [fxy, fyy, yl[i(1, 1)]],
        ],
      };
    },
  };
}

/** G = (f_x, f_y, det H) and its exact Jacobian in (x, y, λ), with f there. */
export function foldSystem(t: Trivariate, p: Vector3): { f: number; g: number[]; jacobian: number[][] } {
  const xy = planeJet(t, p, AXIS_X, AXIS_Y, 3);
  const xl = planeJet(t, p, AXIS_X, AXIS_Z, 3);
  const yl = planeJet(t, p, AXIS_Y, AXIS_Z, 3);
  const dl = planeJet(t, p, DIAGONAL, AXIS_Z, 3);
  const [fxx, fxy, fyy] = [2 * xy[i(2, 0)], xy[i(1, 1)], 2 * xy[i(0, 2)]];
  const [fxxx, fxxy, fxyy, fyyy] = [6 * xy[i(3, 0)], 2 * xy[i(2, 1)], 2 * xy[i(1, 2)], 6 * xy[i(0, 3)]];
  const [fxxl, fyyl] = [2 * xl[i(2, 1)], 2 * yl[i(2, 1)]];
  // g(s, λ) = f(x + s, y + s, λ): g_ssλ = f_xxλ + 2 f_xyλ + f_yyλ.
  const fxyl = (2 * dl[i(2, 1)] - fxxl - fyyl) / 2;
  return {
    f: xy[0],
    g: [xy[i(1, 0)], xy[i(0, 1)], fxx * fyy - fxy * fxy],
    jacobian: [
      [fxx, fxy, xl[i(1, 1)]],
      [fxy, fyy, yl[i(1, 1)]],
      [fxxx * fyy + fxx * fxyy - 2 * fxy * fxxy, fxxy * fyy + fxx * fyyy - 2 * fxy * fxyy, fxxl * fyy + fxx * fyyl - 2 * fxy * fxyl],
    ],
  };
}

/** A located fold of the family: where two critical points merge. */
export interface CriticalFold {
  readonly lambda: number;
  readonly x: number;
  readonly y: number;
  readonly f: number;
  /** |(f_x, f_y, det H)| at the end. */
  readonly residual: number;
}

/** Newton on (f_x, f_y, det H) = 0 from `guess` = (x, y, λ); the fold or null (residual above 1e-10 relative to 1 + |f|). */
export function locateFamilyFold(t: Trivariate, guess: Vector3, maxMove = Infinity): CriticalFold | null {
  let u: number[] = guess.slice();
  for (let iteration = 0; iteration < 50; iteration++) {
    const s = foldSystem(t, [u[0], u[1], u[2]]);
    const step = solveLinear(s.jacobian, s.g.map((v) => -v));
    if (!step) break;
    u = u.map((v, k) => v + step[k]);
    if (!u.every(Number.isFinite)) return null;
    if (norm(step) <= 1e-15 * (1 + norm(u))) break;
  }
  const end = foldSystem(t, [u[0], u[1], u[2]]);
  const residual = norm(end.g);
  const moved = norm(u.map((v, k) => v - guess[k]));
  return residual <= 1e-10 * (1 + Math.abs(end.f)) && moved <= maxMove ? { x: u[0], y: u[1], lambda: u[2], f: end.f, residual } : null;
}

/** A critical point on a continued branch: where, its class, det H and arclength. */
export interface CriticalBranchPoint {
  readonly x: number;
  readonly y: number;
  readonly lambda: number;
  readonly cls: PointClass;
  readonly detH: number;
  readonly arclength: number;
  /** |∇f| there. */
  readonly residual: number;
}

/** A continued branch of critical points and the folds on it. */
export interface CriticalBranch {
  readonly points: CriticalBranchPoint[];
  readonly folds: CriticalFold[];
  readonly closed: boolean;
}

function classOf(H: number[][]): PointClass {
  const det = H[0][0] * H[1][1] - H[0][1] * H[1][0];
  if (det < 0) return 'saddle';
  if (det > 0) return H[0][0] + H[1][1] > 0 ? 'minimum' : 'maximum';
  return 'degenerate';
}

/** The branch of critical points through (near) `start` = (x, y, λ), continued both ways inside the domain and λ range. */
export function continueCriticalBranch(t: Trivariate, start: Vector3, domain: Domain, lambdaRange: readonly [number, number], maxStep?: number): CriticalBranch | null {
  const bounds: [number, number][] = [[domain.xmin, domain.xmax], [domain.ymin, domain.ymax], [...lambdaRange]];
  const diagonal = Math.hypot(...bounds.map(([lo, hi]) => hi - lo));
  const curve = traceCurve(criticalCurveSystem(t), start, { bounds, maxStep: maxStep ?? diagonal / 60 });
  if (!curve) return null;
  const points = curve.points.map((p) => {
    const H = p.jacobian.map((row) => row.slice(0, 2));
    return { x: p.u[0], y: p.u[1], lambda: p.u[2], cls: classOf(H), detH: H[0][0] * H[1][1] - H[0][1] * H[1][0], arclength: p.arclength, residual: p.residual };
  });
  const folds: CriticalFold[] = [];
  for (const { index, test } of curve.events) {
    if (test !== 0) continue;
    const [a, b] = [curve.points[index], curve.points[index + 1]];
    const s = a.tests[0] / (a.tests[0] - b.tests[0]);
    const guess: Vector3 = [a.u[0] + s * (b.u[0] - a.u[0]), a.u[1] + s * (b.u[1] - a.u[1]), a.u[2] + s * (b.u[2] - a.u[2])];
    const fold = locateFamilyFold(t, guess, 2 * norm(b.u.map((v, k) => v - a.u[k])));
    if (fold) folds.push(fold);
  }
  return { points, folds, closed: curve.closed };
}

/**
 * Two-parameter continuation: for F(x, λ, μ) with an unfolding parameter μ (x³ − λx + μ, the
 * imperfect pitchfork), the folds (F = F_x = 0) form a curve in (x, λ, μ), continued here by
 * pseudo-arclength; its shadow in the (λ, μ) plane is the cusp 4λ³ = 27μ² for that example, and
 * its cusp points (F_xx = 0 too, CP as AUTO calls them) are located by Newton on (F, F_x, F_xx).
 */
import type { Expr } from '../expr/ast';
import { LAMBDA_ALIASES } from '../implicit/presets';
import { coefficientIndex } from '../taylorLayout';
import { traceCurve } from './curveTrace';
import { norm, solveLinear } from './denseLinear';
import type { CurveSystem } from './pseudoArclength';
import { AXIS_X, AXIS_Y, AXIS_Z, bindThird, parseTrivariate, planeJet } from './trivariate';
import type { Trivariate, Vector3 } from './trivariate';

/** How the unfolding parameter may be written. */
export const MU_NAMES: readonly string[] = ['mu', 'μ', 'µ'];

/** Parses F(x, λ, μ): x, λ (lambda or λ) and μ (mu or μ); a text without μ is a constant-in-μ F. */
export function parseUnfolding(text: string): ReturnType<typeof parseTrivariate> {
  return parseTrivariate(text, ['x'], MU_NAMES, { aliases: LAMBDA_ALIASES });
}

/** F(·, ·, μ) at one μ as an Expr in x and y = λ, what the one-parameter code takes. */
export function unfoldingAt(t: Trivariate, mu: number): Expr {
  return bindThird(t, mu);
}

/** The partials of F at (x, λ, μ) up to `order` in the (x, λ) and (x, μ) planes. */
function planes(t: Trivariate, p: Vector3, order: number): { xl: Float64Array; xm: Float64Array } {
  return { xl: planeJet(t, p, AXIS_X, AXIS_Y, order), xm: planeJet(t, p, AXIS_X, AXIS_Z, order) };
}

/** The fold curve G = (F, F_x) = 0 in u = [x, λ, μ], with λ as the parameter whose turns are watched. */
export function foldCurveSystem(t: Trivariate): CurveSystem {
  const i = coefficientIndex;
  return {
    size: 3,
    parameterIndex: 1,
    evaluate: (u) => {
      const { xl, xm } = planes(t, [u[0], u[1], u[2]], 2);
      return {
        residual: [xl[0], xl[i(1, 0)]],
        jacobian: [
          [xl[i(1, 0)], xl[i(0, 1)], xm[i(0, 1)]],
          [2 * xl[i(2, 0)], xl[i(1, 1)], xm[i(1, 1)]],
        ],
      };
    },
  };
}

/** A point of the fold curve. */
export interface FoldCurvePoint {
  readonly x: number;
  readonly lambda: number;
  readonly mu: number;
  readonly arclength: number;
  /** |(F, F_x)| there. */
  readonly residual: number;
}

/** The fold curve and its cusp points. */
export interface FoldCurve {
  readonly points: FoldCurvePoint[];
  readonly cusps: { readonly x: number; readonly lambda: number; readonly mu: number }[];
  readonly closed: boolean;
}

/** Box of the continuation in x, λ and μ. */
export interface FoldWindow {
  readonly xMin: number;
  readonly xMax: number;
  readonly lambdaMin: number;
  readonly lambdaMax: number;
  readonly muMin: number;
  readonly muMax: number;
}

/** The cusp (F = F_x = F_xx = 0) near `guess` by Newton in (x, λ, μ), or null beyond maxMove. */
export function locateCusp(t: Trivariate, guess: Vector3, maxMove: number): Vector3 | null {
  const i = coefficientIndex;
  let u: number[] = guess.slice();
  let r: number[] = [];
  for (let iteration = 0; iteration < 50; iteration++) {
    const { xl, xm } = planes(t, [u[0], u[1], u[2]], 3);
    r = [xl[0], xl[i(1, 0)], 2 * xl[i(2, 0)]];
    const J = [
      [xl[i(1, 0)], xl[i(0, 1)], xm[i(0, 1)]],
      [2 * xl[i(2, 0)], xl[i(1, 1)], xm[i(1, 1)]],
      [6 * xl[i(3, 0)], 2 * xl[i(2, 1)], 2 * xm[i(2, 1)]],
    ];
    const step = solveLinear(J, r.map((v) => -v));
    if (!step) break;
    u = u.map((v, k) => v + step[k]);
    if (norm(step) <= 1e-15 * (1 + norm(u))) break;
  }
  const moved = norm(u.map((v, k) => v - guess[k]));
  return norm(r) <= 1e-10 && moved <= maxMove ? [u[0], u[1], u[2]] : null;
}

/** The fold curve through (near) a fold at `start` = (x, λ, μ), both ways to the box's faces; null if not on one. */
export function continueFoldCurve(t: Trivariate, start: Vector3, w: FoldWindow, maxStep?: number): FoldCurve | null {
  const bounds: [number, number][] = [
    [w.xMin, w.xMax],
    [w.lambdaMin, w.lambdaMax],
    [w.muMin, w.muMax],
  ];
  const step = maxStep ?? Math.hypot(w.xMax - w.xMin, w.lambdaMax - w.lambdaMin, w.muMax - w.muMin) / 60;
  const curve = traceCurve(foldCurveSystem(t), start, { bounds, maxStep: step });
  if (!curve) return null;
  const points = curve.points.map((p) => ({ x: p.u[0], lambda: p.u[1], mu: p.u[2], arclength: p.arclength, residual: p.residual }));
  const fxx = curve.points.map((p) => p.jacobian[1][0]);
  const cusps: Vector3[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    if (Math.sign(fxx[k]) * Math.sign(fxx[k + 1]) >= 0) continue;
    const [a, b] = [curve.points[k].u, curve.points[k + 1].u];
    const s = fxx[k] / (fxx[k] - fxx[k + 1]);
    const guess: Vector3 = [a[0] + s * (b[0] - a[0]), a[1] + s * (b[1] - a[1]), a[2] + s * (b[2] - a[2])];
    const cusp = locateCusp(t, guess, 2 * norm(b.map((v, j) => v - a[j])));
    if (cusp) cusps.push(cusp);
  }
  return { points, cusps: cusps.map(([x, lambda, mu]) => ({ x, lambda, mu })), closed: curve.closed };
}

/** Distance from p = (x, λ, μ) to the polyline of a fold curve. */
function distanceToCurve(curve: FoldCurve, p: Vector3): number {
  let best = Infinity;
  const q = curve.points.map((c) => [c.x, c.lambda, c.mu]);
  for (let k = 0; k + 1 < q.length; k++) {
    const ab = q[k + 1].map((v, j) => v - q[k][j]);
    const ap = p.map((v, j) => v - q[k][j]);
    const len2 = ab.reduce((sum, v) => sum + v * v, 0);
    const t = len2 > 0 ? Math.max(0, Math.min(1, ap.reduce((sum, v, j) => sum + v * ab[j], 0) / len2)) : 0;
    best = Math.min(best, Math.hypot(...ap.map((v, j) => v - t * ab[j])));
  }
  return best;
}

/** The fold curves through the given folds or cusps (x, λ, μ), each curve once, inside the box. */
export function foldCurvesThrough(t: Trivariate, starts: readonly Vector3[], w: FoldWindow): FoldCurve[] {
  const curves: FoldCurve[] = [];
  const tolerance = 1e-6 * Math.hypot(w.lambdaMax - w.lambdaMin, w.xMax - w.xMin, w.muMax - w.muMin);
  for (const start of starts) {
    if (curves.some((c) => distanceToCurve(c, start) <= tolerance)) continue;
    const curve = continueFoldCurve(t, start, w);
    if (curve) curves.push(curve);
  }
  return curves;
}

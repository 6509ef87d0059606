/**
 * F(x, λ) = 0 as a continuation problem with u = [x, λ]: the curve system, the extended systems that
 * locate its special points by Newton (fold / limit point LP: F = F_x = 0 with F_λ ≠ 0; branch point
 * BP: F = F_x = F_λ = 0), and the branches' tangents at a simple BP from the algebraic branching
 * equation F_xx dx² + 2 F_xλ dx dλ + F_λλ dλ² = 0. Every derivative is read off a float64 jet.
 */
import type { Expr } from '../expr/ast';
import { taylorCoefficients } from '../jet';
import type { LambdaX } from '../implicit/types';
import { norm, solveLinear } from './denseLinear';
import type { CurveSystem } from './pseudoArclength';

/** Index of λ in u = [x, λ]. */
export const LAMBDA_INDEX = 1;

/** The order-2 jet of F at (x, λ): [F, F_x, F_λ, F_xx/2, F_xλ, F_λλ/2]. */
function jet2(F: Expr, u: readonly number[]): Float64Array {
  return taylorCoefficients(F, u[0], u[1], 2);
}

/** The curve F(x, λ) = 0 in u = [x, λ], with G = F and J = [F_x, F_λ] from order-1 jets. */
export function implicitSystem(F: Expr): CurveSystem {
  return {
    size: 2,
    parameterIndex: LAMBDA_INDEX,
    evaluate: (u) => {
      const c = taylorCoefficients(F, u[0], u[1], 1);
      return { residual: [c[0]], jacobian: [[c[1], c[2]]] };
    },
  };
}

/** A 2x2 extended system: residual and Jacobian in u = [x, λ] from the order-2 jet. */
type Extended = (c: Float64Array) => { r: [number, number]; J: [[number, number], [number, number]] };

/** Fold: (F, F_x) with Jacobian [[F_x, F_λ], [F_xx, F_xλ]]. */
const foldSystem: Extended = (c) => ({ r: [c[0], c[1]], J: [[c[1], c[2]], [2 * c[3], c[4]]] });
/** Branch point: ∇F = (F_x, F_λ) with the Hessian as Jacobian (nonsingular at a simple BP). */
const branchPointSystem: Extended = (c) => ({ r: [c[1], c[2]], J: [[2 * c[3], c[4]], [c[4], 2 * c[5]]] });

/** Newton on an extended system from `guess`; the point if it converges within maxMove with |F| <= tol. */
function newtonExtended(F: Expr, system: Extended, guess: LambdaX, maxMove: number, tol: number): LambdaX | null {
  let u = [guess.x, guess.lambda];
  for (let iteration = 0; iteration < 60; iteration++) {
    const { r, J } = system(jet2(F, u));
    const step = solveLinear(J, [-r[0], -r[1]]);
    if (!step) break;
    u = [u[0] + step[0], u[1] + step[1]];
    if (norm(step) <= 1e-15 * (1 + norm(u))) break;
  }
  const c = jet2(F, u);
  const r = system(c).r;
  const scale = 1 + Math.abs(2 * c[3]) + Math.abs(c[4]) + Math.abs(2 * c[5]);
  const moved = Math.hypot(u[0] - guess.x, u[1] - guess.lambda);
  const ok = Math.abs(c[0]) <= tol && Math.abs(r[0]) <= tol * scale && Math.abs(r[1]) <= tol * scale && moved <= maxMove;
  return ok ? { x: u[0], lambda: u[1] } : null;
}

/** The fold (LP) near `guess` by Newton on (F, F_x) = 0, or null beyond maxMove or tol (default 1e-10). */
export function locateFold(F: Expr, guess: LambdaX, maxMove: number, tol = 1e-10): LambdaX | null {
  return newtonExtended(F, foldSystem, guess, maxMove, tol);
}

/** The branch point (BP) near `guess` by Newton on ∇F = 0, kept when |F| <= tol there (default 1e-10). */
export function locateBranchPoint(F: Expr, guess: LambdaX, maxMove: number, tol = 1e-10): LambdaX | null {
  return newtonExtended(F, branchPointSystem, guess, maxMove, tol);
}

/** F's value and first and second partials at a point: what stability and branch switching need. */
export interface ImplicitPartials {
  readonly F: number;
  readonly Fx: number;
  readonly Flambda: number;
  readonly Fxx: number;
  readonly Fxlambda: number;
  readonly Flambdalambda: number;
}

/** The partials at (λ, x) from one order-2 jet. */
export function implicitPartials(F: Expr, at: LambdaX): ImplicitPartials {
  const c = jet2(F, [at.x, at.lambda]);
  return { F: c[0], Fx: c[1], Flambda: c[2], Fxx: 2 * c[3], Fxlambda: c[4], Flambdalambda: 2 * c[5] };
}

/**
 * The unit tangents [dx, dλ] of the branches through a branch point: the real roots of the
 * branching equation a dx² + 2b dx dλ + c dλ² = 0 with (a, b, c) = (F_xx, F_xλ, F_λλ). Two at a
 * simple BP (b² > ac), one where the roots coincide, none at an isolated point (b² < ac).
 */
export function branchingDirections(F: Expr, at: LambdaX): number[][] {
  const p = implicitPartials(F, at);
  const [a, b, c] = [p.Fxx, p.Fxlambda, p.Flambdalambda];
  const discriminant = b * b - a * c;
  const scale = Math.max(a * a, b * b, c * c);
  if (!(scale > 0) || discriminant < -1e-12 * scale) return [];
  if (a === 0 && c === 0) return [[1, 0], [0, 1]];
  const root = Math.sqrt(Math.max(discriminant, 0));
  // Solve for the slope along the better-conditioned axis: dx/dλ when |a| >= |c|, else dλ/dx.
  const raw =
    Math.abs(a) >= Math.abs(c)
      ? [(-b + root) / a, (-b - root) / a].map((m) => [m, 1])
      : [(-b + root) / c, (-b - root) / c].map((n) => [1, n]);
  const unit = raw.map((d) => d.map((v) => v / Math.hypot(d[0], d[1])));
  return discriminant <= 1e-12 * scale ? unit.slice(0, 1) : unit;
}

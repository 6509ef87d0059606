/**
 * Keller's pseudo-arclength continuation of a curve G(u) = 0, G: R^(n+1) -> R^n: the tangent is the
 * solution of the bordered system [J; t_prev] t = e, the predictor steps along it, and Newton on the
 * bordered system [G(u); t·(u - predictor)] = 0 corrects in the hyperplane normal to the tangent, so
 * the curve is followed through folds (where λ turns back) and straight through simple branch
 * points. Every derivative comes from the system's exact Jacobian; there is no finite difference.
 */
import { bordered, determinant, dot, norm, solveLinear } from './denseLinear';

/** G(u) and its exact Jacobian: n residuals, n rows of n + 1 partials. */
export interface Linearization {
  readonly residual: number[];
  readonly jacobian: number[][];
}

/** A curve G(u) = 0 in R^size, with size - 1 equations. */
export interface CurveSystem {
  readonly size: number;
  /** Index of the continuation parameter (λ) in u: its tangent component changes sign at a fold. */
  readonly parameterIndex: number;
  /** G and J at u (NaN where undefined). */
  readonly evaluate: (u: readonly number[]) => Linearization;
}

/** A corrected point of the curve with its unit tangent and Jacobian there. */
export interface CurvePoint {
  readonly u: number[];
  readonly tangent: number[];
  readonly jacobian: number[][];
  readonly residual: number;
}

/** Largest |G| a converged point may keep. */
export const RESIDUAL_TOL = 1e-11;

/** The unit tangent: oriented along `previous` when given, else bordered by the best unit vector. */
export function tangentAt(jacobian: number[][], previous?: readonly number[]): number[] | null {
  const size = jacobian.length + 1;
  const rhs = Array.from({ length: size }, (_, k) => (k === size - 1 ? 1 : 0));
  let best: number[] | null = null;
  if (previous) best = solveLinear(bordered(jacobian, previous), rhs);
  else {
    let bestDet = 0;
    for (let k = 0; k < size; k++) {
      const e = rhs.map((_, j) => (j === k ? 1 : 0));
      const d = Math.abs(determinant(bordered(jacobian, e)));
      if (d > bestDet) [bestDet, best] = [d, solveLinear(bordered(jacobian, e), rhs)];
    }
  }
  if (!best) return null;
  const length = norm(best);
  return length > 0 && Number.isFinite(length) ? best.map((v) => v / length) : null;
}

/** Newton on [G(u); border·(u - anchor)] = 0 from `guess`; the converged point or null. */
export function correct(system: CurveSystem, guess: readonly number[], border: readonly number[], anchor = guess): CurvePoint | null {
  let u = guess.slice();
  let small = false;
  for (let iteration = 0; iteration < 16; iteration++) {
    const { residual, jacobian } = system.evaluate(u);
    const rhs = [...residual.map((r) => -r), -dot(border, u.map((v, k) => v - anchor[k]))];
    const step = solveLinear(bordered(jacobian, border), rhs);
    if (!step) return small ? finish(system, u, border) : null;
    u = u.map((v, k) => v + step[k]);
    // Quadratic convergence: one more step after a tiny one reaches rounding level, even where
    // the bordered matrix is ill-conditioned next to a branch point and the steps never vanish.
    if (small) return finish(system, u, border);
    small = norm(step) <= 1e-9 * (1 + norm(u));
  }
  return null;
}

/** The point's record once Newton has stopped moving it, or null if G is not small there. */
function finish(system: CurveSystem, u: number[], orientation: readonly number[]): CurvePoint | null {
  const { residual, jacobian } = system.evaluate(u);
  const size = norm(residual);
  if (!(size <= RESIDUAL_TOL)) return null;
  const tangent = tangentAt(jacobian, orientation);
  return tangent && { u, tangent, jacobian, residual: size };
}

/** The two test functions at a point: the parameter's tangent component (fold) and det [J; t] (branch point). */
export function testFunctions(system: CurveSystem, p: CurvePoint): [number, number] {
  return [p.tangent[system.parameterIndex], determinant(bordered(p.jacobian, p.tangent))];
}

/** Lower and upper bound of each coordinate of u (±Infinity for none). */
export type Bounds = readonly (readonly [number, number])[];

/** Whether u lies in the box. */
export function insideBounds(u: readonly number[], bounds: Bounds): boolean {
  return u.every((v, k) => v >= bounds[k][0] && v <= bounds[k][1]);
}

/**
 * Where the segment from `inside` to `outside` first leaves the box, corrected onto the curve with
 * that coordinate held at the bound (Newton on [G; u_c - bound]); null when that fails.
 */
export function landOnEdge(system: CurveSystem, inside: CurvePoint, outside: readonly number[], bounds: Bounds): CurvePoint | null {
  let first = 1;
  let coordinate = -1;
  let bound = 0;
  inside.u.forEach((a, k) => {
    const b = outside[k];
    for (const edge of bounds[k]) {
      const s = (edge - a) / (b - a);
      if (Number.isFinite(s) && s >= 0 && s < first && (b < bounds[k][0] || b > bounds[k][1])) [first, coordinate, bound] = [s, k, edge];
    }
  });
  if (coordinate < 0) return null;
  const guess = inside.u.map((a, k) => (k === coordinate ? bound : a + first * (outside[k] - a)));
  const row = guess.map((_, k) => (k === coordinate ? 1 : 0));
  const p = correct(system, guess, row);
  if (!p) return null;
  const oriented = dot(p.tangent, inside.tangent) < 0 ? p.tangent.map((v) => -v) : p.tangent;
  const close = norm(p.u.map((v, k) => v - inside.u[k])) <= 2 * norm(outside.map((v, k) => v - inside.u[k]));
  return close ? { ...p, tangent: oriented } : null;
}

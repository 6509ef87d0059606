/**
 * Where the implicit function theorem fails: points with F = 0 and F_x = 0, found by Newton on
 * (F, F_x) from a grid of seeds. Where F_λ = 0 as well (a pitchfork or transcritical crossing) that
 * system is singular and Newton only creeps in linearly, so each end is polished by Newton on
 * ∇F = 0, which converges quadratically to such a crossing.
 */
import type { Expr } from '../expr/ast';
import { taylorCoefficients } from '../jet';
import type { ImplicitWindow } from './types';

/** What fails at a singular point: branches cross (F_λ = 0 too) or one branch turns back (F_λ ≠ 0). */
export type SingularKind = 'pitchfork/transcritical' | 'fold/turning point';

/** The label the view writes beside every singular point. */
export const SINGULAR_LABEL = '∂F/∂x = 0: x(λ) is not a function here';

/** A point of the zero set where F_x = 0, with the partials that say what happens there. */
export interface SingularPoint {
  readonly lambda: number;
  readonly x: number;
  readonly F: number;
  readonly Fx: number;
  readonly Flambda: number;
  readonly Fxx: number;
  readonly kind: SingularKind;
  readonly label: string;
}

/** Seeds per side of the grid and acceptance tolerances of `findSingularPoints`. */
export interface SingularPointOptions {
  /** Seeds per side (default 16). */
  readonly seedsPerSide?: number;
  /** |F| and |F_x| must be below this times their typical size over the seeds (default 1e-9). */
  readonly tol?: number;
}

/** (x, λ) and F's order-2 jet there: [F, F_x, F_λ, F_xx/2, F_xλ, F_λλ/2]. */
interface Iterate {
  readonly x: number;
  readonly lambda: number;
  readonly c: Float64Array;
}

type Residual = (c: Float64Array) => [number, number];
type Jacobian = (c: Float64Array) => [number, number, number, number];

const onCurve: Residual = (c) => [c[0], c[1]];
const onCurveJacobian: Jacobian = (c) => [c[1], c[2], 2 * c[3], c[4]];
const gradient: Residual = (c) => [c[1], c[2]];
const hessian: Jacobian = (c) => [2 * c[3], c[4], c[4], 2 * c[5]];

/** Newton on a 2x2 system in (x, λ) with steps capped at maxStep; the last finite iterate. */
function newton2(F: Expr, start: Iterate, residual: Residual, jacobian: Jacobian, iterations: number, maxStep: number): Iterate {
  let it = start;
  for (let k = 0; k < iterations; k++) {
    const [r0, r1] = residual(it.c);
    const [a, b, c, d] = jacobian(it.c);
    const det = a * d - b * c;
    if (!(det !== 0 && Number.isFinite(det)) || (r0 === 0 && r1 === 0)) break;
    let dx = -(d * r0 - b * r1) / det;
    let dl = -(a * r1 - c * r0) / det;
    const length = Math.hypot(dx, dl);
    if (!Number.isFinite(length)) break;
    if (length > maxStep) [dx, dl] = [(dx * maxStep) / length, (dl * maxStep) / length];
    const x = it.x + dx;
    const lambda = it.lambda + dl;
    const next = { x, lambda, c: taylorCoefficients(F, x, lambda, 2) };
    if (!Number.isFinite(next.c[0]) || !Number.isFinite(next.c[1])) break;
    it = next;
    if (length <= 1e-15 * (1 + Math.hypot(x, lambda))) break;
  }
  return it;
}

/**
 * Newton on (F, F_x) from (λ, x), polished by Newton on ∇F when that lands within maxMove: the
 * nearby point where F = F_x = 0, or null when neither |F| nor |F_x| gets below tol.
 */
export function refineSingular(F: Expr, lambda: number, x: number, maxMove: number, tol = 1e-12): { lambda: number; x: number; Fx: number } | null {
  const start = { x, lambda, c: taylorCoefficients(F, x, lambda, 2) };
  const end = newton2(F, start, onCurve, onCurveJacobian, 80, maxMove);
  const polished = newton2(F, end, gradient, hessian, 40, maxMove);
  const ok = (p: Iterate) => Math.abs(p.c[0]) <= tol && Math.abs(p.c[1]) <= tol && Math.hypot(p.x - x, p.lambda - lambda) <= maxMove;
  const best = ok(polished) ? polished : ok(end) ? end : null;
  return best && { lambda: best.lambda, x: best.x, Fx: best.c[1] };
}

/** A grid of seeds over the window, with their jets. */
function seedGrid(F: Expr, w: ImplicitWindow, n: number): Iterate[] {
  const seeds: Iterate[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const lambda = w.lambdaMin + ((i + 0.5) * (w.lambdaMax - w.lambdaMin)) / n;
      const x = w.xMin + ((j + 0.5) * (w.xMax - w.xMin)) / n;
      seeds.push({ x, lambda, c: taylorCoefficients(F, x, lambda, 2) });
    }
  }
  return seeds;
}

function inside(p: Iterate, w: ImplicitWindow, slack: number): boolean {
  return p.lambda >= w.lambdaMin - slack && p.lambda <= w.lambdaMax + slack && p.x >= w.xMin - slack && p.x <= w.xMax + slack;
}

/**
 * All singular points of F(x, λ) = 0 in the window, deduplicated and sorted by λ then x, each with
 * F_λ, F_xx, its kind and the view's label. A seed's Newton end is kept when |F| and |F_x| are tiny
 * relative to their typical size over the seeds.
 */
export function findSingularPoints(F: Expr, w: ImplicitWindow, opts: SingularPointOptions = {}): SingularPoint[] {
  const seeds = seedGrid(F, w, opts.seedsPerSide ?? 16);
  const typical = (pick: (c: Float64Array) => number) =>
    Math.max(...seeds.map((s) => Math.abs(pick(s.c))).filter(Number.isFinite), Number.MIN_VALUE);
  const fScale = typical((c) => c[0]);
  const gScale = Math.max(typical((c) => c[1]), typical((c) => c[2]));
  const tol = opts.tol ?? 1e-9;
  const diagonal = Math.hypot(w.lambdaMax - w.lambdaMin, w.xMax - w.xMin);
  const found: SingularPoint[] = [];
  for (const seed of seeds) {
    const end = newton2(F, seed, onCurve, onCurveJacobian, 80, diagonal / 4);
    const polished = newton2(F, end, gradient, hessian, 40, diagonal / 100);
    const close = Math.hypot(polished.x - end.x, polished.lambda - end.lambda) <= 1e-2 * diagonal;
    const best = close && Math.abs(polished.c[0]) <= tol * fScale && Math.abs(polished.c[1]) <= tol * gScale ? polished : end;
    if (!(Math.abs(best.c[0]) <= tol * fScale && Math.abs(best.c[1]) <= tol * gScale)) continue;
    if (!inside(best, w, 1e-9 * diagonal)) continue;
    const twin = found.find((p) => Math.hypot(p.x - best.x, p.lambda - best.lambda) <= 1e-6 * diagonal);
    if (twin) continue;
    found.push(describe(best, tol * gScale));
  }
  return found.sort((p, q) => p.lambda - q.lambda || p.x - q.x);
}

/** The singular point's record; F_λ within flatTol of 0 makes it a crossing. */
function describe(p: Iterate, flatTol: number): SingularPoint {
  const Flambda = p.c[2];
  return {
    lambda: p.lambda,
    x: p.x,
    F: p.c[0],
    Fx: p.c[1],
    Flambda,
    Fxx: 2 * p.c[3],
    kind: Math.abs(Flambda) <= flatTol ? 'pitchfork/transcritical' : 'fold/turning point',
    label: SINGULAR_LABEL,
  };
}

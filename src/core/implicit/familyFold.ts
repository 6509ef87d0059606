/**
 * Folds of a family f(x, y; λ): where two critical points meet and vanish, ∇f = 0 and det H = 0
 * together. Newton on G = (f_x, f_y, det H) in (x, y, λ): the (x, y) columns of the Jacobian come
 * exactly from order-3 jets, the λ column by a central difference of G (λ is not a jet variable);
 * the residual is exact, so the approximate column only slows the last digits, not the answer.
 */
import { taylorCoefficients } from '../jet';
import { coefficientIndex } from '../taylorLayout';
import type { Domain } from '../types';
import type { CriticalTrack, Family } from './family';

/** A fold point of the family: λ, where, f there and the final residual |G|. */
export interface FamilyFold {
  readonly lambda: number;
  readonly x: number;
  readonly y: number;
  readonly f: number;
  readonly residual: number;
}

/** G = (f_x, f_y, det H) and its (x, y) partials at (x, y) for one λ. */
function foldSystem(family: Family, x: number, y: number, lambda: number): { g: number[]; dx: number[]; dy: number[]; f: number } {
  const c = taylorCoefficients(family.at(lambda), x, y, 3);
  const k = (i: number, j: number) => c[coefficientIndex(i, j)];
  const [fxx, fxy, fyy] = [2 * k(2, 0), k(1, 1), 2 * k(0, 2)];
  const [fxxx, fxxy, fxyy, fyyy] = [6 * k(3, 0), 2 * k(2, 1), 2 * k(1, 2), 6 * k(0, 3)];
  return {
    f: c[0],
    g: [k(1, 0), k(0, 1), fxx * fyy - fxy * fxy],
    dx: [fxx, fxy, fxxx * fyy + fxx * fxyy - 2 * fxy * fxxy],
    dy: [fxy, fyy, fxxy * fyy + fxx * fyyy - 2 * fxy * fxyy],
  };
}

/** Solves the 3x3 system with columns a, b, c and right side r by Cramer's rule; null when singular. */
function solve3(a: number[], b: number[], c: number[], r: number[]): [number, number, number] | null {
  const det = (p: number[], q: number[], s: number[]) =>
    p[0] * (q[1] * s[2] - q[2] * s[1]) - q[0] * (p[1] * s[2] - p[2] * s[1]) + s[0] * (p[1] * q[2] - p[2] * q[1]);
  const d = det(a, b, c);
  if (!(d !== 0 && Number.isFinite(d))) return null;
  return [det(r, b, c) / d, det(a, r, c) / d, det(a, b, r) / d];
}

/** Newton on G from (x, y, λ); the converged fold or null. */
export function refineFold(family: Family, x0: number, y0: number, lambda0: number): FamilyFold | null {
  let [x, y, lambda] = [x0, y0, lambda0];
  for (let iteration = 0; iteration < 40; iteration++) {
    const s = foldSystem(family, x, y, lambda);
    const delta = 1e-6 * Math.max(1, Math.abs(lambda));
    const plus = foldSystem(family, x, y, lambda + delta).g;
    const minus = foldSystem(family, x, y, lambda - delta).g;
    const dl = plus.map((p, i) => (p - minus[i]) / (2 * delta));
    const step = solve3(s.dx, s.dy, dl, s.g.map((v) => -v));
    if (!step) return null;
    [x, y, lambda] = [x + step[0], y + step[1], lambda + step[2]];
    if (![x, y, lambda].every(Number.isFinite)) return null;
    if (Math.hypot(...step) <= 1e-14 * (1 + Math.hypot(x, y, lambda))) break;
  }
  const end = foldSystem(family, x, y, lambda);
  const residual = Math.hypot(...end.g);
  return residual <= 1e-10 * (1 + Math.abs(end.f)) ? { lambda, x, y, f: end.f, residual } : null;
}

/**
 * The folds of the family in the domain and λ range, seeded from the tracks: every sign change of
 * det H along a track and every track end or start strictly inside the tracked λ values. Duplicates
 * (within 1e-6 of the domain's diagonal) are merged; sorted by λ.
 */
export function findFolds(family: Family, tracks: readonly CriticalTrack[], domain: Domain): FamilyFold[] {
  const lambdas = tracks.flatMap((t) => t.lambda);
  const [lo, hi] = [Math.min(...lambdas), Math.max(...lambdas)];
  const seeds: Array<[number, number, number]> = [];
  for (const t of tracks) {
    const last = t.lambda.length - 1;
    for (let k = 1; k <= last; k++) if (Math.sign(t.detH[k]) !== Math.sign(t.detH[k - 1])) seeds.push([t.x[k], t.y[k], t.lambda[k]]);
    for (const k of [0, last]) if (t.lambda[k] !== lo && t.lambda[k] !== hi) seeds.push([t.x[k], t.y[k], t.lambda[k]]);
  }
  const diagonal = Math.hypot(domain.xmax - domain.xmin, domain.ymax - domain.ymin);
  const folds: FamilyFold[] = [];
  for (const [x, y, lambda] of seeds) {
    const fold = refineFold(family, x, y, lambda);
    if (!fold || fold.lambda < lo || fold.lambda > hi) continue;
    if (fold.x < domain.xmin || fold.x > domain.xmax || fold.y < domain.ymin || fold.y > domain.ymax) continue;
    const twin = folds.some((q) => Math.hypot(q.x - fold.x, q.y - fold.y, q.lambda - fold.lambda) <= 1e-6 * diagonal);
    if (!twin) folds.push(fold);
  }
  return folds.sort((p, q) => p.lambda - q.lambda);
}

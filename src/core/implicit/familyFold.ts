/**
 * Folds of a family f(x, y; λ): where two critical points meet and vanish, ∇f = 0 and det H = 0
 * together. Newton on G = (f_x, f_y, det H) in (x, y, λ) with every column of the Jacobian exact
 * (src/core/continuation/familyBranches.ts: the λ column from jets in the (x, λ), (y, λ) and
 * (x + y, λ) planes), so it converges quadratically to the last digits.
 */
import { locateFamilyFold, parseFamilyTrivariate } from '../continuation/familyBranches';
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

/** Newton on G from (x, y, λ); the converged fold or null. */
export function refineFold(family: Family, x0: number, y0: number, lambda0: number): FamilyFold | null {
  const parsed = parseFamilyTrivariate(family.text);
  return parsed.ok ? locateFamilyFold(parsed.value, [x0, y0, lambda0]) : null;
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

/**
 * A family f(x, y; λ) of 2D landscapes and its critical points as λ moves. The parameter is a third
 * symbol the tree has no variable for, so a family is its text, parsed once per λ with λ folded to
 * a number (`ParseOptions.constants`): `family.at(λ)` is a plain Expr in x and y for that λ, which
 * every formula consumer (grid pass, jets, critical points) takes as it is.
 */
import type { Expr, ParseError } from '../expr/ast';
import { parseExpression } from '../expr/parser';
import { findCriticalPoints } from '../criticalPoints';
import type { CriticalPoint } from '../criticalPoints';
import { pointDerivatives } from '../jet';
import type { Domain, PointClass } from '../types';

/** The lesson's family: the double well tilted by λx. */
export const DEFAULT_FAMILY = '(x^2 - 1)^2 + y^2 + lambda*x';

/** A parsed family f(x, y; λ): its text and the landscape at any λ. */
export interface Family {
  readonly text: string;
  /** f(·, ·; λ) as an expression in x and y. */
  readonly at: (lambda: number) => Expr;
}

/** Parses f(x, y; λ) (λ written lambda or λ); the text is checked once, at λ = 0. */
export function parseFamily(text: string): { ok: true; family: Family } | { ok: false; error: ParseError } {
  const parse = (lambda: number) => parseExpression(text, ['x', 'y'], { constants: { lambda, λ: lambda } });
  const checked = parse(0);
  if (!checked.ok) return checked;
  const at = (lambda: number): Expr => {
    // Folding a different number cannot make valid text fail, so this branch is unreachable.
    const result = parse(lambda);
    if (!result.ok) throw new Error(result.error.message);
    return result.expr;
  };
  return { ok: true, family: { text, at } };
}

/** A grid of seeds (cell centres) over the domain. */
export function seedGrid(domain: Domain, perSide: number): Array<[number, number]> {
  const seeds: Array<[number, number]> = [];
  for (let j = 0; j < perSide; j++) {
    for (let i = 0; i < perSide; i++) {
      seeds.push([
        domain.xmin + ((i + 0.5) * (domain.xmax - domain.xmin)) / perSide,
        domain.ymin + ((j + 0.5) * (domain.ymax - domain.ymin)) / perSide,
      ]);
    }
  }
  return seeds;
}

/** The critical points of f(·, ·; λ) in the domain, from a grid of seeds (default 12 per side). */
export function familyCriticalPoints(family: Family, lambda: number, domain: Domain, seedsPerSide = 12): CriticalPoint[] {
  const expr = family.at(lambda);
  return findCriticalPoints((x, y) => pointDerivatives(expr, x, y), domain, seedGrid(domain, seedsPerSide));
}

/** One critical point followed over λ: parallel arrays, one entry per λ it exists at. */
export interface CriticalTrack {
  readonly lambda: number[];
  readonly x: number[];
  readonly y: number[];
  readonly f: number[];
  readonly cls: PointClass[];
  /** det H along the track: it passes through 0 where the point is born or dies in a fold. */
  readonly detH: number[];
}

function newTrack(lambda: number, p: CriticalPoint): CriticalTrack {
  const t: CriticalTrack = { lambda: [], x: [], y: [], f: [], cls: [], detH: [] };
  extend(t, lambda, p);
  return t;
}

function extend(t: CriticalTrack, lambda: number, p: CriticalPoint): void {
  t.lambda.push(lambda);
  t.x.push(p.x);
  t.y.push(p.y);
  t.f.push(p.derivs.f);
  t.cls.push(p.cls);
  t.detH.push(p.derivs.hxx * p.derivs.hyy - p.derivs.hxy * p.derivs.hxy);
}

/**
 * Critical points of the family followed over the given λ values (in the order given): at each λ
 * every live track continues by Newton from its last point, kept only if it stays of the same class
 * within maxJump (default a tenth of the domain's diagonal) and is not another track's point; the
 * points a grid of seeds finds that no track claims start new tracks (births after a fold).
 */
export function trackCriticalPoints(family: Family, lambdas: readonly number[], domain: Domain, maxJump?: number): CriticalTrack[] {
  const diagonal = Math.hypot(domain.xmax - domain.xmin, domain.ymax - domain.ymin);
  const jump = maxJump ?? diagonal / 10;
  const merge = 1e-4 * diagonal;
  const tracks: CriticalTrack[] = [];
  let live: CriticalTrack[] = [];
  for (const lambda of lambdas) {
    const expr = family.at(lambda);
    const derivsAt = (x: number, y: number) => pointDerivatives(expr, x, y);
    const claimed: CriticalPoint[] = [];
    const isClaimed = (p: CriticalPoint) => claimed.some((q) => Math.hypot(p.x - q.x, p.y - q.y) < merge);
    live = live.filter((t) => {
      const [x, y, cls] = [t.x[t.x.length - 1], t.y[t.y.length - 1], t.cls[t.cls.length - 1]];
      const next = findCriticalPoints(derivsAt, domain, [[x, y]])[0];
      if (!next || next.cls !== cls || Math.hypot(next.x - x, next.y - y) > jump || isClaimed(next)) return false;
      claimed.push(next);
      extend(t, lambda, next);
      return true;
    });
    for (const p of findCriticalPoints(derivsAt, domain, seedGrid(domain, 12))) {
      if (isClaimed(p)) continue;
      claimed.push(p);
      const t = newTrack(lambda, p);
      tracks.push(t);
      live.push(t);
    }
  }
  return tracks;
}

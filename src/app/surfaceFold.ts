/**
 * Issue 19 item 5 on the 3D surface: when the 2D landscape is one member f(·, ·; λ) of a known
 * family (its formula is the family's text with λ written as a number, as a family preset's
 * `formula(param)` writes it, or as typed), the family's folds (det H = 0 with ∇f = 0, located by
 * Newton with exact derivatives, `locateFamilyFold`) are known, and the one near the current λ is
 * where two critical points of the surface merge.
 */
import { locateFamilyFold, parseFamilyTrivariate, type CriticalFold } from '../core/continuation/familyBranches';
import { DEFAULT_FAMILY } from '../core/implicit/family';
import type { Domain } from '../core/types';

/** The families recognised: the tilted double well (the lesson's family). */
export const SURFACE_FAMILIES: readonly string[] = [DEFAULT_FAMILY];

/** How close λ must be to a fold's λ* for the fold to be ringed (absolute, in λ units). */
export const FOLD_LAMBDA_WINDOW = 0.06;

const NUMBER = String.raw`\(?\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*\)?`;

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The family text and λ a formula instantiates, or null. */
export function familyInstance(formula: string, families: readonly string[] = SURFACE_FAMILIES): { family: string; lambda: number } | null {
  const typed = squash(formula);
  for (const family of families) {
    const parts = squash(family).split(/lambda|λ/);
    if (parts.length !== 2) continue;
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`^${escape(parts[0])}${NUMBER}${escape(parts[1])}$`, 'i').exec(typed);
    if (!m) continue;
    const lambda = Number(m[1]);
    if (Number.isFinite(lambda)) return { family, lambda };
  }
  return null;
}

const foldCache = new Map<string, CriticalFold[]>();

/** The family's folds over the domain (Newton from a 5 × 5 grid of guesses at λ; cached per family, domain and λ's sign). */
export function familyFolds(family: string, domain: Domain, lambda: number): CriticalFold[] {
  const key = `${family}|${domain.xmin},${domain.xmax},${domain.ymin},${domain.ymax}|${Math.sign(lambda)}`;
  const cached = foldCache.get(key);
  if (cached) return cached;
  const t = parseFamilyTrivariate(family);
  const folds: CriticalFold[] = [];
  if (t.ok) {
    const per = 5;
    for (let j = 0; j < per; j++) {
      for (let i = 0; i < per; i++) {
        const x = domain.xmin + ((i + 0.5) * (domain.xmax - domain.xmin)) / per;
        const y = domain.ymin + ((j + 0.5) * (domain.ymax - domain.ymin)) / per;
        const fold = locateFamilyFold(t.value, [x, y, lambda]);
        if (!fold || fold.x < domain.xmin || fold.x > domain.xmax || fold.y < domain.ymin || fold.y > domain.ymax) continue;
        if (folds.some((g) => Math.hypot(g.x - fold.x, g.y - fold.y, g.lambda - fold.lambda) <= 1e-7)) continue;
        folds.push(fold);
      }
    }
  }
  foldCache.set(key, folds);
  return folds;
}

/** The fold of the formula's family nearest its λ, when within FOLD_LAMBDA_WINDOW; else null. */
export function foldNear(formula: string, domain: Domain): (CriticalFold & { family: string; at: number }) | null {
  const inst = familyInstance(formula);
  if (!inst) return null;
  let best: CriticalFold | null = null;
  for (const f of familyFolds(inst.family, domain, inst.lambda)) {
    if (Math.abs(f.lambda - inst.lambda) <= FOLD_LAMBDA_WINDOW && (!best || Math.abs(f.lambda - inst.lambda) < Math.abs(best.lambda - inst.lambda))) best = f;
  }
  return best ? { ...best, family: inst.family, at: inst.lambda } : null;
}

/** The notice shown while a fold is ringed. */
export function foldNotice(fold: { x: number; y: number; lambda: number; at: number }): string {
  const fmt = (v: number) => (Math.abs(v) < 5e-7 ? '0' : v.toFixed(4));
  const side = fold.at === fold.lambda ? 'at' : Math.abs(fold.at) < Math.abs(fold.lambda) ? 'just before' : 'just past';
  return `fold (${side} it): two critical points merge at (${fmt(fold.x)}, ${fmt(fold.y)}), λ = ${fmt(fold.lambda)} — det H = 0 there, so the implicit function theorem fails.`;
}

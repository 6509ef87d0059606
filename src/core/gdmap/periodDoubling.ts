/**
 * The next doubling after a flip: the 2-cycle born at η_flip is followed in η (natural-parameter
 * continuation, each step a Newton solve from the extrapolated previous orbit) until its multiplier
 * (g∘g)′ = g′(p) g′(q) crosses −1, where the 2-cycle flips in turn and a 4-cycle is born; the
 * crossing is then closed by bisection in η.
 */
import { flipNormalForm, periodTwoNearFlip, solvePeriodTwo } from './periodTwo';
import type { LocalMinimum, PeriodTwoOrbit, UnivariateJet } from './types';

/** How the continuation walks. */
export interface ContinuationOptions {
  /** First step in η, as a fraction of η_flip (default 0.005); it halves on a failed solve and grows back. */
  readonly relativeStep?: number;
  /** Where to give up looking, as a multiple of η_flip (default 4). */
  readonly maxFlipMultiple?: number;
}

/** Bisections of the bracket [η_lo, η_hi]: 60 halvings reach rounding level from any bracket. */
const MAX_BISECTIONS = 60;

/**
 * The 2-cycle at the period-4 onset of a supercritical flip: the η where its multiplier is −1, and
 * its two points there. Null for a subcritical or missing flip, or when the cycle is lost (escapes,
 * folds) before its multiplier reaches −1.
 */
export function periodFourOnset(jet: UnivariateJet, min: LocalMinimum, opts: ContinuationOptions = {}): PeriodTwoOrbit | null {
  const start = periodTwoNearFlip(jet, min, 1e-3);
  if (!start || !flipNormalForm(min).supercritical) return null;
  const etaFlip = min.flipEta;
  const baseStep = (opts.relativeStep ?? 0.005) * etaFlip;
  const etaEnd = (opts.maxFlipMultiple ?? 4) * etaFlip;
  let step = baseStep;
  let older: PeriodTwoOrbit | null = null;
  let prev = start.orbit;
  while (prev.eta < etaEnd) {
    if (step < 1e-9 * etaFlip) return null;
    const eta = prev.eta + step;
    const orbit = solvePeriodTwo(jet, eta, extrapolate(older, prev, eta));
    if (!orbit || !continues(prev, orbit)) {
      step /= 2;
      continue;
    }
    if (orbit.multiplier <= -1) return bisectCrossing(jet, prev, orbit);
    older = prev;
    prev = orbit;
    step = Math.min(baseStep, step * 1.5);
  }
  return null;
}

/** The guess for the orbit at η: the line through the last two orbits, or the last one alone. */
function extrapolate(older: PeriodTwoOrbit | null, prev: PeriodTwoOrbit, eta: number): [number, number] {
  if (!older) return [prev.points[0], prev.points[1]];
  const t = (eta - prev.eta) / (prev.eta - older.eta);
  return [prev.points[0] + t * (prev.points[0] - older.points[0]), prev.points[1] + t * (prev.points[1] - older.points[1])];
}

/** Whether a solve stayed on the same branch: each point moved less than half the previous amplitude. */
function continues(prev: PeriodTwoOrbit, next: PeriodTwoOrbit): boolean {
  const limit = 0.5 * prev.amplitude;
  return Math.abs(next.points[0] - prev.points[0]) <= limit && Math.abs(next.points[1] - prev.points[1]) <= limit;
}

/** Bisection in η between an orbit with multiplier > −1 and one with multiplier ≤ −1. */
function bisectCrossing(jet: UnivariateJet, below: PeriodTwoOrbit, above: PeriodTwoOrbit): PeriodTwoOrbit {
  let lo = below;
  let hi = above;
  for (let k = 0; k < MAX_BISECTIONS && hi.eta - lo.eta > 4 * Number.EPSILON * hi.eta; k++) {
    const eta = 0.5 * (lo.eta + hi.eta);
    const guess: [number, number] = [0.5 * (lo.points[0] + hi.points[0]), 0.5 * (lo.points[1] + hi.points[1])];
    const mid = solvePeriodTwo(jet, eta, guess);
    if (!mid) break;
    if (mid.multiplier <= -1) hi = mid;
    else lo = mid;
  }
  // The end nearer multiplier −1 is the better estimate of the crossing.
  return Math.abs(lo.multiplier + 1) <= Math.abs(hi.multiplier + 1) ? lo : hi;
}

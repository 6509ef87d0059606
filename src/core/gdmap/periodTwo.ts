/**
 * The period-2 orbit born at the flip of a minimum: the flip's normal form from the Taylor
 * coefficients of g(x) = x − η f′(x) at x*, its amplitude prediction, and the orbit itself solved
 * from g(p) = q, g(q) = p by Newton with exact derivatives.
 *
 * Normal form. With y = x − x*, g(x* + y) − x* = μ y + b y² + c y³ + O(y⁴), where μ = 1 − η f″,
 * b = −η f‴/2, c = −η f⁗/6 (x* does not move with η). Composing,
 *   g∘g: y ↦ μ² y + μ(1 + μ) b y² + (μ(1 + μ²) c + 2 μ b²) y³ + O(y⁴),
 * and at μ = −1 the cubic coefficient is −2(b² + c). Writing μ = −1 − ε, ε = f″ (η − 2/f″), the
 * 2-cycle y ≠ 0 of g∘g(y) = y solves 2ε − 2(b² + c) y² = O(ε^{3/2}): amplitude² ≈ ε / (b² + c).
 * With b, c at the flip, b² + c = f‴²/f″² − f⁗/(3 f″) = (f‴² − f″ f⁗/3)/f″², so
 *   amplitude² ≈ f″³ (η − η_flip) / (f‴² − f″ f⁗ / 3).
 * The orbit exists past the flip (η > η_flip, supercritical, stable) when b² + c > 0 and before it
 * (subcritical, unstable) when b² + c < 0. Its two points straddle x* asymmetrically by O(ε), so
 * half their distance matches the prediction with a relative error O(ε).
 */
import type { LocalMinimum, PeriodTwoOrbit, UnivariateJet } from './types';

/** The flip of one minimum in normal form. */
export interface FlipNormalForm {
  readonly flipEta: number;
  /** dε/dη = −∂g′(x*)/∂η = f″(x*): how fast the multiplier passes −1. */
  readonly rate: number;
  /** b and c of g(x* + y) − x* = μ y + b y² + c y³ at η = η_flip. */
  readonly quadratic: number;
  readonly cubic: number;
  /** b² + c: the coefficient of the 2-cycle's amplitude law (g∘g's cubic term is −2(b² + c)). */
  readonly coefficient: number;
  /** Whether the 2-cycle is born past the flip (stable) rather than before it (unstable). */
  readonly supercritical: boolean;
}

/** Newton iterations for one 2-cycle before giving up. */
const MAX_ORBIT_NEWTON = 60;

/** The flip's normal form from the minimum's f″, f‴, f⁗. */
export function flipNormalForm(min: LocalMinimum): FlipNormalForm {
  const eta = min.flipEta;
  const quadratic = (-eta * min.f3) / 2;
  const cubic = (-eta * min.f4) / 6;
  const coefficient = quadratic * quadratic + cubic;
  return { flipEta: eta, rate: min.f2, quadratic, cubic, coefficient, supercritical: coefficient > 0 };
}

/** The normal form's leading-order 2-cycle amplitude sqrt(ε / (b² + c)) at η; NaN on the side of the flip where no orbit is born. */
export function predictedAmplitude(min: LocalMinimum, eta: number): number {
  const nf = flipNormalForm(min);
  const ratio = (nf.rate * (eta - nf.flipEta)) / nf.coefficient;
  return ratio > 0 ? Math.sqrt(ratio) : Number.NaN;
}

/** g(x) and g′(x) of the GD map at step η. */
function mapAndSlope(jet: UnivariateJet, x: number, eta: number): [number, number] {
  const c = jet(x, 2);
  return [x - eta * c[1], 1 - 2 * eta * c[2]];
}

/** The multiplier (g∘g)′ = g′(p) g′(q) of a 2-cycle at η. */
export function cycleMultiplier(jet: UnivariateJet, p: number, q: number, eta: number): number {
  return mapAndSlope(jet, p, eta)[1] * mapAndSlope(jet, q, eta)[1];
}

/**
 * The 2-cycle of g at η from a guess (p, q): Newton on (g(p) − q, g(q) − p) with the exact
 * Jacobian [[g′(p), −1], [−1, g′(q)]]. Null when Newton fails or falls onto a fixed point (p = q).
 */
export function solvePeriodTwo(jet: UnivariateJet, eta: number, guess: readonly [number, number]): PeriodTwoOrbit | null {
  let [p, q] = guess;
  let previous = Infinity;
  for (let k = 0; k < MAX_ORBIT_NEWTON; k++) {
    const [gp, dp] = mapAndSlope(jet, p, eta);
    const [gq, dq] = mapAndSlope(jet, q, eta);
    const r1 = gp - q;
    const r2 = gq - p;
    const det = dp * dq - 1;
    if (!Number.isFinite(det) || det === 0) return null;
    const stepP = -(dq * r1 + r2) / det;
    const stepQ = -(r1 + dp * r2) / det;
    p += stepP;
    q += stepQ;
    const scale = 1 + Math.abs(p) + Math.abs(q);
    if (!Number.isFinite(p) || !Number.isFinite(q)) return null;
    const step = Math.abs(stepP) + Math.abs(stepQ);
    // Near the flip the Jacobian is nearly singular (det ≈ −4ε), so the steps stall at rounding
    // level times its condition number instead of reaching eps: a stall below 1e-10 is converged.
    if (step <= 8 * Number.EPSILON * scale || (step >= 0.5 * previous && previous <= 1e-10 * scale)) return orbitOf(jet, eta, p, q);
    previous = step;
  }
  return null;
}

function orbitOf(jet: UnivariateJet, eta: number, p: number, q: number): PeriodTwoOrbit | null {
  const lo = Math.min(p, q);
  const hi = Math.max(p, q);
  if (hi - lo <= 1e-9 * (1 + Math.abs(lo) + Math.abs(hi))) return null;
  return { eta, points: [lo, hi], amplitude: (hi - lo) / 2, multiplier: cycleMultiplier(jet, lo, hi, eta) };
}

/** A 2-cycle near a flip beside what the normal form predicts for it. */
export interface OrbitNearFlip {
  readonly orbit: PeriodTwoOrbit;
  readonly predictedAmplitude: number;
  /** |amplitude − predicted| / predicted: O(|η − η_flip|). */
  readonly relativeError: number;
}

/**
 * The 2-cycle at η = η_flip (1 ± offset), on the side where the normal form says it exists (+ for a
 * supercritical flip), solved from the predicted points x* ± amplitude. Null for a minimum that
 * never flips or when Newton finds no cycle there.
 */
export function periodTwoNearFlip(jet: UnivariateJet, min: LocalMinimum, relativeOffset = 1e-3): OrbitNearFlip | null {
  if (!Number.isFinite(min.flipEta)) return null;
  const nf = flipNormalForm(min);
  const eta = nf.flipEta * (1 + (nf.supercritical ? relativeOffset : -relativeOffset));
  const predicted = predictedAmplitude(min, eta);
  if (!Number.isFinite(predicted)) return null;
  const orbit = solvePeriodTwo(jet, eta, [min.x - predicted, min.x + predicted]);
  if (!orbit) return null;
  return { orbit, predictedAmplitude: predicted, relativeError: Math.abs(orbit.amplitude - predicted) / predicted };
}

/** Reading a point's type and its optimisation numbers (condition number, stable step) from its gradient and Hessian. */
import { symmetricEigen2 } from './eigen2';
import type { Eigen2, PointClass, PointDerivatives } from './types';

/** Tolerances of `classifyPoint`, both relative (see there). */
export interface ClassifyOptions {
  /** |grad f| <= gradTol * max(1, |f|, largest |lambda|) counts as a critical point (default 1e-6). */
  readonly gradTol?: number;
  /** An eigenvalue with |lambda| <= eigTol * max(largest |lambda|, curvatureScale) counts as zero (default 1e-6). */
  readonly eigTol?: number;
  /**
   * Typical |curvature| of the landscape (default 0). Without it an all-tiny Hessian, such as the
   * monkey saddle's a hair away from 0, reads as a saddle because its eigenvalues are tiny only in
   * absolute terms, never relative to each other.
   */
  readonly curvatureScale?: number;
}

/** Default relative tolerances; float32 derivatives (tfjs WebGL) want looser ones, around 1e-4. */
export const DEFAULT_GRAD_TOL = 1e-6;
/** Default relative tolerance below which an eigenvalue counts as zero. */
export const DEFAULT_EIG_TOL = 1e-6;

/** Curvature type of a Hessian, used by the colour-map legend. */
export type CurvatureClass = 'convex' | 'concave' | 'saddle' | 'flat';

/**
 * Classifies a point as regular (gradient not ~0) or, at a critical point, as minimum, maximum,
 * saddle or degenerate (an eigenvalue ~0, as for x^4 or the monkey saddle at 0).
 *
 * The gradient is compared with max(1, |f|, largest |lambda|) because |grad| / |lambda| is about the
 * distance to the nearby critical point, so gradTol reads as a length in domain units when the
 * curvature dominates the scale; the 1 keeps a flat, zero-valued function from dividing by 0.
 */
export function classifyPoint(d: PointDerivatives, opts: ClassifyOptions = {}): PointClass {
  const gradTol = opts.gradTol ?? DEFAULT_GRAD_TOL;
  const eigTol = opts.eigTol ?? DEFAULT_EIG_TOL;
  const values = [d.f, d.gx, d.gy, d.hxx, d.hxy, d.hyy];
  // A point where f or a derivative is undefined has no type; 'degenerate' is the honest answer.
  if (!values.every(Number.isFinite)) return 'degenerate';
  const e = symmetricEigen2(d.hxx, d.hxy, d.hyy);
  const largestCurvature = Math.max(Math.abs(e.lambda1), Math.abs(e.lambda2));
  const scale = Math.max(1, Math.abs(d.f), largestCurvature);
  if (Math.hypot(d.gx, d.gy) > gradTol * scale) return 'regular';
  const zeroBound = eigTol * Math.max(largestCurvature, Math.abs(opts.curvatureScale ?? 0));
  // "<=" makes an all-zero Hessian (bound 0) degenerate, as it must be.
  if (Math.abs(e.lambda1) <= zeroBound || Math.abs(e.lambda2) <= zeroBound) return 'degenerate';
  if (e.lambda1 > 0) return 'minimum';
  if (e.lambda2 < 0) return 'maximum';
  return 'saddle';
}

/**
 * Condition number |lambda|max / |lambda|min by absolute values: how much faster plain gradient
 * descent moves along the steepest curvature than along the shallowest; Infinity when the smaller
 * |lambda| is 0 (including the zero matrix).
 */
export function conditionNumber(e: Eigen2): number {
  const small = Math.min(Math.abs(e.lambda1), Math.abs(e.lambda2));
  const large = Math.max(Math.abs(e.lambda1), Math.abs(e.lambda2));
  if (Number.isNaN(small) || Number.isNaN(large)) return NaN;
  return small === 0 ? Infinity : large / small;
}

/**
 * The learning rate 1 / lambda_max of the lesson ("the optimal learning rate for a quadratic loss"),
 * lambda_max being the largest (signed) eigenvalue; gradient descent on the quadratic model diverges
 * beyond twice this. Returns Infinity when lambda_max <= 0, since no upward curvature then limits the
 * step (the model has no minimum to overshoot), and NaN for NaN input.
 */
export function stableStep(e: Eigen2): number {
  const lambdaMax = Math.max(e.lambda1, e.lambda2);
  if (Number.isNaN(lambdaMax)) return NaN;
  return lambdaMax > 0 ? 1 / lambdaMax : Infinity;
}

/**
 * Curvature type for the colour-map legend: both eigenvalues within flatTol of 0 → 'flat'; none
 * below -flatTol → 'convex' (positive semi-definite, so a valley floor counts); none above flatTol
 * → 'concave'; otherwise 'saddle'. flatTol is absolute (default 0), so a caller colouring a whole
 * grid passes a fraction of that grid's curvature scale. The order of l1 and l2 does not matter;
 * NaN gives 'flat' (no curvature is known there).
 */
export function curvatureClass(l1: number, l2: number, flatTol = 0): CurvatureClass {
  const low = Math.min(l1, l2);
  const high = Math.max(l1, l2);
  if (Number.isNaN(low)) return 'flat';
  if (Math.abs(low) <= flatTol && Math.abs(high) <= flatTol) return 'flat';
  if (low >= -flatTol) return 'convex';
  if (high <= flatTol) return 'concave';
  return 'saddle';
}

/** Names of the point classes as a readout sentence starts them. */
const CLASS_PREFIX: Record<PointClass, string> = {
  regular: 'regular point',
  minimum: 'minimum',
  maximum: 'maximum',
  saddle: 'saddle point',
  degenerate: 'degenerate critical point',
};

/**
 * The shape of the quadratic model read from the eigenvalue signs (lambda1 <= lambda2), with the
 * inequality that defines it, so the words and the numbers next to them can be checked by eye.
 */
function quadraticShape(l1: number, l2: number, isZero: (l: number) => boolean): string {
  const z1 = isZero(l1);
  const z2 = isZero(l2);
  if (z1 && z2) return 'flat (λ₁ ≈ λ₂ ≈ 0)';
  // When only one counts as zero, the other lies beyond the bound on its side of 0: its sign is known.
  if (z1) return 'flat in one direction, curving up in the other (λ₁ ≈ 0 < λ₂)';
  if (z2) return 'flat in one direction, curving down in the other (λ₁ < 0 ≈ λ₂)';
  if (l1 < 0 && l2 > 0) return 'saddle-shaped (λ₁ < 0 < λ₂)';
  return l1 > 0 ? 'bowl-shaped (0 < λ₁ ≤ λ₂)' : 'cap-shaped (λ₁ ≤ λ₂ < 0)';
}

/**
 * One readout sentence for the point: its class and, also away from critical points, the local
 * shape of the surface from the Hessian's eigenvalues, e.g. "regular point, saddle-shaped
 * (λ₁ < 0 < λ₂)". An eigenvalue counts as zero under the same relative rule as `classifyPoint`
 * (pass the same options), so the class and the shape never disagree about flatness.
 */
export function describeLocalShape(cls: PointClass, eigen: Eigen2, opts: Pick<ClassifyOptions, 'eigTol' | 'curvatureScale'> = {}): string {
  const low = Math.min(eigen.lambda1, eigen.lambda2);
  const high = Math.max(eigen.lambda1, eigen.lambda2);
  if (!Number.isFinite(low) || !Number.isFinite(high)) return `${CLASS_PREFIX[cls]}, shape unknown (the Hessian is not finite here)`;
  const bound = (opts.eigTol ?? DEFAULT_EIG_TOL) * Math.max(Math.abs(low), Math.abs(high), Math.abs(opts.curvatureScale ?? 0));
  const shape = quadraticShape(low, high, (l) => Math.abs(l) <= bound);
  // "saddle point, saddle-shaped" says the same thing twice.
  if (cls === 'saddle' && shape.startsWith('saddle-shaped')) return 'saddle point (λ₁ < 0 < λ₂)';
  return `${CLASS_PREFIX[cls]}, ${shape}`;
}

/** What went wrong with a value that is not a number: too large to represent, or undefined there. */
export type ValueFault = 'overflow' | 'undefined';

/** 'overflow' for ±Infinity (exp(exp(exp(2))) in float64), 'undefined' for NaN (log of a negative, 0/0), null when finite. */
export function valueFault(v: number): ValueFault | null {
  if (Number.isNaN(v)) return 'undefined';
  return Number.isFinite(v) ? null : 'overflow';
}

/** How many of the values overflow and how many are undefined. */
export function countFaults(values: ArrayLike<number>): { overflow: number; undefined: number; total: number } {
  let overflow = 0;
  let undefinedCount = 0;
  for (let i = 0; i < values.length; i++) {
    const fault = valueFault(values[i]);
    if (fault === 'overflow') overflow++;
    else if (fault === 'undefined') undefinedCount++;
  }
  return { overflow, undefined: undefinedCount, total: values.length };
}

/** A share of a whole as the notices print it: one decimal, and never "0.0%" for a few points. */
function percent(part: number, total: number): string {
  const share = (100 * part) / Math.max(1, total);
  return share < 0.1 ? 'under 0.1%' : `${share.toFixed(1)}%`;
}

/**
 * The notice for the gaps in a grid of f ('' without any), naming what happened: values too large
 * to represent (overflow) apart from values undefined there (log of a negative, 0/0, ...).
 */
export function gapsNotice(values: ArrayLike<number>): string {
  const c = countFaults(values);
  const parts: string[] = [];
  if (c.overflow > 0) parts.push(`f overflows (too large to represent) on ${percent(c.overflow, c.total)} of the domain`);
  if (c.undefined > 0) parts.push(`f is undefined on ${percent(c.undefined, c.total)} of the domain (log of a negative, division by zero, ...)`);
  return parts.length === 0 ? '' : `${parts.join('; ')}: shown as a gap.`;
}

/** The notice for an expansion point where f is not finite ('' where it is). */
export function pointFaultNotice(f: number): string {
  const fault = valueFault(f);
  if (fault === 'overflow') return 'f overflows at the expansion point (too large to represent): move the point to where f is smaller.';
  return fault === 'undefined' ? 'f is undefined at the expansion point: move it into the domain of f.' : '';
}

/**
 * The class and local-shape readouts of a point. Where f or a derivative is not finite the point
 * has no class (not even 'degenerate'): both say what happened there instead.
 */
export function pointReadouts(d: PointDerivatives, cls: PointClass, eigen: Eigen2, opts: Pick<ClassifyOptions, 'eigTol' | 'curvatureScale'> = {}): { cls: string; shape: string } {
  const values = [d.f, d.gx, d.gy, d.hxx, d.hxy, d.hyy];
  const fault = valueFault(d.f) ?? values.map(valueFault).find((v) => v !== null) ?? null;
  if (fault === null) return { cls, shape: describeLocalShape(cls, eigen, opts) };
  const what = Number.isFinite(d.f) ? 'a derivative' : 'f';
  const reason = fault === 'overflow' ? `${what} overflows here` : `${what} is undefined here`;
  return { cls: `none (${reason})`, shape: `unknown: ${reason}` };
}

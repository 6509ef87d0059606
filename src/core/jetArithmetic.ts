/**
 * Arithmetic on truncated bivariate Taylor series ("jets") stored in the layout of taylorLayout.ts.
 * Products walk a precomputed list of index pairs per output coefficient, so the hot loops are
 * flat typed-array reads with no index arithmetic and no allocation.
 */
import { coefficientCount, coefficientIndex } from './taylorLayout';

/** Highest order a jet may have: keeps the cached product plans small (10,626 pairs at 20). */
export const MAX_JET_ORDER = 20;

/**
 * For each output coefficient m = (i, j): the pairs (p, q) of input indices with p + q = m as
 * exponent vectors, stored flat: pairs start[m] .. start[m + 1] - 1 of `left` and `right`.
 */
export interface ProductPlan {
  readonly order: number;
  readonly size: number;
  readonly start: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
}

const plans = new Map<number, ProductPlan>();

function buildPlan(order: number): ProductPlan {
  const size = coefficientCount(order);
  const start = new Int32Array(size + 1);
  const left: number[] = [];
  const right: number[] = [];
  for (let d = 0; d <= order; d++) {
    for (let j = 0; j <= d; j++) {
      const i = d - j;
      start[coefficientIndex(i, j)] = left.length;
      for (let a = 0; a <= i; a++) {
        for (let b = 0; b <= j; b++) {
          left.push(coefficientIndex(a, b));
          right.push(coefficientIndex(i - a, j - b));
        }
      }
    }
  }
  start[size] = left.length;
  return { order, size, start, left: Int32Array.from(left), right: Int32Array.from(right) };
}

/** The (cached) product plan for jets of the given order; throws RangeError for an invalid order. */
export function productPlan(order: number): ProductPlan {
  if (!Number.isInteger(order) || order < 0 || order > MAX_JET_ORDER) {
    throw new RangeError(`jet order must be an integer in [0, ${MAX_JET_ORDER}], got ${order}`);
  }
  let plan = plans.get(order);
  if (plan === undefined) {
    plan = buildPlan(order);
    plans.set(order, plan);
  }
  return plan;
}

/** out = u * v truncated to the plan's order; out must not be u or v. */
export function mulInto(u: Float64Array, v: Float64Array, out: Float64Array, plan: ProductPlan): void {
  const { start, left, right, size } = plan;
  for (let m = 0; m < size; m++) {
    let s = 0;
    for (let k = start[m]; k < start[m + 1]; k++) s += u[left[k]] * v[right[k]];
    out[m] = s;
  }
}

/** out = u / v truncated to the plan's order (out may be u, not v); all NaN when v's constant term is 0. */
export function divInto(u: Float64Array, v: Float64Array, out: Float64Array, plan: ProductPlan): void {
  const { start, left, right, size } = plan;
  const v0 = v[0];
  if (v0 === 0 || Number.isNaN(v0)) {
    out.fill(Number.NaN);
    return;
  }
  // Solve v * out = u degree by degree: the pair with v's constant term holds out[m] itself,
  // every other pair reads an out coefficient of lower degree, which is already known.
  for (let m = 0; m < size; m++) {
    let s = u[m];
    for (let k = start[m]; k < start[m + 1]; k++) {
      if (left[k] !== 0) s -= v[left[k]] * out[right[k]];
    }
    out[m] = s / v0;
  }
}

/** out = acc * δ where δ[0] = 0: pairs reading δ[0] are skipped, so NaN * 0 cannot leak downwards. */
function mulByNilpotent(acc: Float64Array, delta: Float64Array, out: Float64Array, plan: ProductPlan): void {
  const { start, left, right, size } = plan;
  for (let m = 0; m < size; m++) {
    let s = 0;
    for (let k = start[m]; k < start[m + 1]; k++) if (right[k] !== 0) s += acc[left[k]] * delta[right[k]];
    out[m] = s;
  }
}

/**
 * Returns g(u) for g given by its univariate coefficients g[n] = g^(n)(u0) / n! at u0 = u[0]:
 * Horner in δ = u - u0, which has no constant term, so δ^n vanishes past the jet's order. An
 * infinite derivative (NaN g[n]) then spoils only the coefficients of degree >= n, so sqrt(x) at 0
 * keeps its value 0 and x^2.5 keeps its first two derivatives.
 */
export function compose(g: Float64Array, u: Float64Array, plan: ProductPlan): Float64Array {
  const { size, order } = plan;
  let top = order;
  while (top > 0 && g[top] === 0) top--; // whole powers and abs have few nonzero terms
  let acc = new Float64Array(size);
  let tmp = new Float64Array(size);
  acc[0] = g[top];
  for (let n = top - 1; n >= 0; n--) {
    mulByNilpotent(acc, u, tmp, plan); // u's constant term is never read: u - u0 = δ
    [acc, tmp] = [tmp, acc];
    acc[0] = g[n];
  }
  return acc;
}

/**
 * Curvature of a loss slice per unit length in parameter space. The slice f(x, y) = L(θ* + x d₁ + y d₂)
 * has Hessian Hs = DᵀHD in slice units (D = [d₁ d₂]); a unit step in x moves θ by ‖d₁‖, so slice
 * curvature is comparable with H's eigenvalues only after dividing by the directions' lengths. The
 * curvatures of L along unit directions in the plane are the eigenvalues μ of the pencil
 * Hs u = μ G u with G = DᵀD (the Gram matrix); by Courant–Fischer they lie in [λmin(H), λmax(H)].
 * For orthogonal directions this is Hs_ij / (‖dᵢ‖‖dⱼ‖).
 */

/** A symmetric 2×2 matrix [[xx, xy], [xy, yy]]. */
export interface Sym2 {
  readonly xx: number;
  readonly xy: number;
  readonly yy: number;
}

/** The Gram matrix of two directions: their squared lengths and their inner product. */
export function gramOf(d1: ArrayLike<number>, d2: ArrayLike<number>): Sym2 {
  let xx = 0;
  let xy = 0;
  let yy = 0;
  for (let i = 0; i < d1.length; i++) {
    xx += d1[i] * d1[i];
    xy += d1[i] * d2[i];
    yy += d2[i] * d2[i];
  }
  return { xx, xy, yy };
}

/** The slice Hessian divided entrywise by the directions' lengths: Hs_ij / (‖dᵢ‖‖dⱼ‖). */
export function perUnitLength(h: Sym2, norm1: number, norm2: number): Sym2 {
  return { xx: h.xx / (norm1 * norm1), xy: h.xy / (norm1 * norm2), yy: h.yy / (norm2 * norm2) };
}

/** Eigenvalues μ₁ ≤ μ₂ of Hs u = μ G u: the least and largest curvature of L per unit length in the plane. */
export function planeCurvatures(h: Sym2, gram: Sym2): [number, number] {
  // det(Hs − μG) = a μ² − b μ + c with a = det G, b = Hxx Gyy + Hyy Gxx − 2 Hxy Gxy, c = det Hs.
  const a = gram.xx * gram.yy - gram.xy * gram.xy;
  const b = h.xx * gram.yy + h.yy * gram.xx - 2 * h.xy * gram.xy;
  const c = h.xx * h.yy - h.xy * h.xy;
  if (!(a > 0)) return [Number.NaN, Number.NaN];
  const disc = Math.sqrt(Math.max(0, b * b - 4 * a * c));
  // The larger-magnitude root first, the other as c / (a · it), to avoid cancellation.
  const big = (b + (b >= 0 ? disc : -disc)) / (2 * a);
  const small = big !== 0 ? c / (a * big) : 0;
  return big >= small ? [small, big] : [big, small];
}

/** The slice against the full network: largest |curvature| in slice units, per unit length, and its ratio to |λmax|. */
export interface SliceComparison {
  /** max |eigenvalue| of the slice Hessian in slice units (what the 2D readouts show). */
  readonly sliceUnits: number;
  /** max |μ| of the pencil: the plane's largest curvature per unit length. */
  readonly perUnitLength: number;
  /** perUnitLength / |λmax|: at most 1 when λmax is the largest |eigenvalue|. */
  readonly ratio: number;
}

/** Compares the slice's curvature with λmax of the full Hessian per unit length. */
export function compareSliceWithFull(h: Sym2, gram: Sym2, lambdaMax: number): SliceComparison {
  const disc = Math.hypot(h.xx - h.yy, 2 * h.xy);
  const sliceUnits = Math.max(Math.abs((h.xx + h.yy + disc) / 2), Math.abs((h.xx + h.yy - disc) / 2));
  const [lo, hi] = planeCurvatures(h, gram);
  const unit = Math.max(Math.abs(lo), Math.abs(hi));
  return { sliceUnits, perUnitLength: unit, ratio: unit / Math.abs(lambdaMax) };
}

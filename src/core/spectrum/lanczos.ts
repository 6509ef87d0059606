/**
 * Extreme eigenpairs of a symmetric operator known only through products Hv: Lanczos with full
 * re-orthogonalisation (every new vector is orthogonalised twice against the whole basis, so float32
 * products cannot bring back ghost copies of converged eigenvalues), float64 recurrences, and a
 * convergence test on residuals only: a reported pair (θ, y) is converged when the true residual
 * ‖Hy − θy‖, from one extra product per pair, is at most tol·‖H‖ (‖H‖ estimated by the largest
 * |Ritz value|, which is |λmax| at a minimum). The cheap Ritz estimate |β_m s_m| only decides when
 * that check is worth its products. The basis is extended (never restarted) until every wanted pair
 * passes or maxSteps is reached; at maxSteps = dim the Krylov space is the whole space and T's
 * eigenvalues are H's. If the space becomes invariant early (β ≈ 0), the run continues from a fresh
 * random vector orthogonal to the basis, so repeated eigenvalues are found too.
 */
import { createRandom, type Random } from '../network/random';
import { symmetricEigen } from './dense';
import { applyOperator, axpy, dot, norm, type HessianVectorProduct } from './operator';

/** One eigenpair estimate: Ritz value, unit Ritz vector, true residual ‖Hv − λv‖. */
export interface EigenPair {
  readonly value: number;
  readonly vector: Float64Array;
  readonly residual: number;
}

/** Options of lanczosExtremes. */
export interface LanczosOptions {
  /** Largest algebraic eigenpairs wanted (default 1). */
  readonly top?: number;
  /** Most negative (smallest algebraic) eigenpairs wanted (default 0). */
  readonly bottom?: number;
  /** Converged when every residual ≤ tol·‖H‖ (default 1e-6). */
  readonly tol?: number;
  /** Most Lanczos steps, ≤ dim (default min(dim, max(80, 20·(top + bottom)))). */
  readonly maxSteps?: number;
  /** Seed of the random start vector (default 0). */
  readonly seed?: number;
  /** Aborting rejects with an Error named AbortError at the next product. */
  readonly signal?: AbortSignal;
}

/** The estimates at one convergence check, for an error-vs-products chart. */
export interface LanczosCheck {
  readonly hvps: number;
  readonly steps: number;
  /** Ritz values of the wanted top pairs (largest first) and bottom pairs (most negative first). */
  readonly top: number[];
  readonly bottom: number[];
  /** Largest Ritz estimate |β_m s_m| of the wanted pairs, divided by ‖H‖'s estimate. */
  readonly estimate: number;
}

/** What lanczosExtremes found. */
export interface LanczosResult {
  /** Largest algebraic first. */
  readonly top: EigenPair[];
  /** Most negative first. */
  readonly bottom: EigenPair[];
  /** Products spent, the residual checks' included. */
  readonly hvps: number;
  /** Size of the Krylov basis. */
  readonly steps: number;
  /** Every reported residual ≤ tol·scale. */
  readonly converged: boolean;
  /** ‖H‖'s estimate: the largest |Ritz value|. */
  readonly scale: number;
  readonly tol: number;
  readonly history: LanczosCheck[];
}

/** The Lanczos basis q_1 … q_m with T's diagonal alpha and off-diagonal beta (beta[m−1] = ‖pending residual‖). */
class KrylovBasis {
  readonly q: Float64Array[] = [];
  readonly alpha: number[] = [];
  readonly beta: number[] = [];
  hvps = 0;
  private pending: Float64Array = new Float64Array(0);
  private size = 0;

  constructor(
    readonly dim: number,
    private readonly rng: Random,
    private readonly restartOnBreakdown: boolean,
    private start?: Float64Array,
  ) {}

  /** True when the last step found an invariant subspace (β ≈ 0 relative to the T seen so far). */
  get brokeDown(): boolean {
    const m = this.q.length;
    return m > 0 && this.beta[m - 1] <= 1e-10 * this.size;
  }

  /** The next unit vector: r/β, or a fresh random one orthogonal to the basis (first step, breakdown). */
  private nextVector(): Float64Array {
    const m = this.q.length;
    if (m > 0 && !this.brokeDown) return this.pending.map((x) => x / this.beta[m - 1]);
    if (m > 0) this.beta[m - 1] = 0; // T decouples: the new block starts from an unrelated vector
    const v = this.start ?? Float64Array.from({ length: this.dim }, () => this.rng.normal());
    this.start = undefined;
    orthogonalise(v, this.q);
    const length = norm(v);
    return v.map((x) => x / length);
  }

  /** One Lanczos step: q_{m+1}, α, the re-orthogonalised residual and β; false when a stopping run broke down. */
  async step(hvp: HessianVectorProduct, signal: AbortSignal | undefined): Promise<boolean> {
    if (this.brokeDown && !this.restartOnBreakdown) return false;
    const v = this.nextVector();
    const w = await applyOperator(hvp, v, signal);
    this.hvps++;
    const m = this.q.length;
    const a = dot(v, w);
    axpy(-a, v, w);
    if (m > 0) axpy(-this.beta[m - 1], this.q[m - 1], w);
    this.q.push(v);
    this.alpha.push(a);
    orthogonalise(w, this.q);
    const b = this.q.length < this.dim ? norm(w) : 0;
    this.beta.push(b);
    this.pending = w;
    this.size = Math.max(this.size, Math.abs(a) + b + (m > 0 ? this.beta[m - 1] : 0));
    return true;
  }

  /** Σ_j s_j q_j, normalised. */
  combine(s: ArrayLike<number>): Float64Array {
    const y = new Float64Array(this.dim);
    for (let j = 0; j < this.q.length; j++) axpy(s[j], this.q[j], y);
    const length = norm(y);
    return y.map((x) => x / length);
  }
}

/** Removes v's components along the orthonormal basis, twice ("twice is enough", Kahan–Parlett). */
function orthogonalise(v: Float64Array, basis: readonly Float64Array[]): void {
  for (let pass = 0; pass < 2; pass++) for (const q of basis) axpy(-dot(v, q), q, v);
}

/** Eigenvalues (ascending) and unit eigenvectors of the symmetric tridiagonal matrix (alpha, beta). */
export function tridiagonalEigen(alpha: readonly number[], beta: readonly number[]): { values: Float64Array; vectors: Float64Array[] } {
  const m = alpha.length;
  const t = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    t[j * m + j] = alpha[j];
    if (j + 1 < m) t[j * m + j + 1] = t[(j + 1) * m + j] = beta[j];
  }
  return symmetricEigen(t, m);
}

/** Wanted Ritz pairs as indices into the ascending Ritz values: top (largest first), bottom (smallest first). */
function wantedIndices(m: number, top: number, bottom: number): { top: number[]; bottom: number[] } {
  return { top: Array.from({ length: Math.min(top, m) }, (_, i) => m - 1 - i), bottom: Array.from({ length: Math.min(bottom, m) }, (_, i) => i) };
}

/** Checked options with their defaults. */
function settle(dim: number, options: LanczosOptions): Required<Omit<LanczosOptions, 'signal'>> {
  const top = options.top ?? 1;
  const bottom = options.bottom ?? 0;
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`the dimension must be a whole number ≥ 1, got ${dim}`);
  for (const [name, k] of [['top', top], ['bottom', bottom]] as const) {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${k}`);
  }
  if (top + bottom < 1 || top + bottom > dim) throw new RangeError(`top + bottom must be from 1 to the dimension ${dim}, got ${top + bottom}`);
  const tol = options.tol ?? 1e-6;
  if (!(tol > 0 && tol < 1)) throw new RangeError(`tol must be in (0, 1), got ${tol}`);
  const maxSteps = options.maxSteps ?? Math.min(dim, Math.max(80, 20 * (top + bottom)));
  if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new RangeError(`maxSteps must be a whole number ≥ 1, got ${maxSteps}`);
  return { top, bottom, tol, maxSteps: Math.min(dim, Math.max(maxSteps, top + bottom)), seed: options.seed ?? 0 };
}

/** The wanted Ritz pairs of the current basis with their true residuals (one product each). */
async function confirm(basis: KrylovBasis, hvp: HessianVectorProduct, indices: number[], ritz: ReturnType<typeof tridiagonalEigen>, signal: AbortSignal | undefined): Promise<EigenPair[]> {
  const pairs: EigenPair[] = [];
  for (const i of indices) {
    const vector = basis.combine(ritz.vectors[i]);
    const hy = await applyOperator(hvp, vector, signal);
    basis.hvps++;
    axpy(-ritz.values[i], vector, hy);
    pairs.push({ value: ritz.values[i], vector, residual: norm(hy) });
  }
  return pairs;
}

/**
 * The `top` largest and `bottom` most negative eigenpairs of the symmetric operator hvp on R^dim,
 * each with its true residual; see the file comment for the convergence test.
 */
export async function lanczosExtremes(hvp: HessianVectorProduct, dim: number, options: LanczosOptions = {}): Promise<LanczosResult> {
  const o = settle(dim, options);
  const basis = new KrylovBasis(dim, createRandom(o.seed), true);
  const history: LanczosCheck[] = [];
  const wantedCount = o.top + o.bottom;
  let nextCheck = Math.min(dim, 2 * wantedCount + 4);
  let nextConfirm = 0;
  for (;;) {
    await basis.step(hvp, options.signal);
    const m = basis.q.length;
    const exhausted = m >= o.maxSteps;
    if (m < nextCheck && !exhausted) continue;
    nextCheck = m + (m <= 40 ? 1 : Math.ceil(m / 10));
    const ritz = tridiagonalEigen(basis.alpha, basis.beta);
    const scale = Math.max(Math.abs(ritz.values[0]), Math.abs(ritz.values[m - 1]));
    const wanted = wantedIndices(m, o.top, o.bottom);
    const all = [...wanted.top, ...wanted.bottom];
    const estimate = m >= dim ? 0 : Math.max(...all.map((i) => Math.abs(basis.beta[m - 1] * ritz.vectors[i][m - 1])));
    history.push({ hvps: basis.hvps, steps: m, top: wanted.top.map((i) => ritz.values[i]), bottom: wanted.bottom.map((i) => ritz.values[i]), estimate: scale > 0 ? estimate / scale : 0 });
    const promising = m >= wantedCount && estimate <= o.tol * scale && m >= nextConfirm;
    if (!promising && !exhausted) continue;
    const pairs = await confirm(basis, hvp, all, ritz, options.signal);
    const converged = pairs.every((p) => p.residual <= o.tol * scale);
    if (converged || exhausted) {
      return { top: pairs.slice(0, wanted.top.length), bottom: pairs.slice(wanted.top.length), hvps: basis.hvps, steps: m, converged, scale, tol: o.tol, history };
    }
    // The estimate was optimistic (float32 products): extend a while before spending products on a check again.
    nextConfirm = m + Math.max(5, Math.ceil(m / 5));
  }
}

/** The Lanczos tridiagonal of `steps` steps from a start vector (stopping early if the space becomes invariant). */
export async function lanczosTridiagonal(hvp: HessianVectorProduct, start: Float64Array, steps: number, signal?: AbortSignal): Promise<{ alpha: number[]; beta: number[]; hvps: number }> {
  const dim = start.length;
  const basis = new KrylovBasis(dim, createRandom(0), false, Float64Array.from(start));
  for (let j = 0; j < Math.min(steps, dim); j++) if (!(await basis.step(hvp, signal))) break;
  return { alpha: basis.alpha, beta: basis.beta.slice(0, basis.alpha.length - 1), hvps: basis.hvps };
}

/**
 * The two directions d1, d2 of a loss-landscape slice θ(a, b) = θ* + a d1 + b d2:
 * filter-normalised random directions (Li et al. 2018), the top two Hessian eigenvectors, or the
 * first two principal components of the training path.
 */
import type { Dataset, NetworkSpec } from '../../core/network/types';
import { parameterLayout } from '../../core/network/types';
import { createRandom } from '../../core/network/random';
import { topEigenpairs, type EigenOptions } from './hessian';

/** A pair of slice directions in the flat parameter layout. */
export interface SliceDirections {
  readonly d1: Float64Array;
  readonly d2: Float64Array;
}

/**
 * One Gaussian direction with each neuron's row of incoming weights rescaled to the norm of the
 * same row in θ* and the bias entries set to 0, so the slice's scale matches each neuron's own
 * weights (Li et al. 2018, with a neuron as the "filter" of a dense layer).
 */
export function filterNormalizedDirection(spec: NetworkSpec, theta: ArrayLike<number>, seed: number): Float64Array {
  const { count, layers } = parameterLayout(spec.widths);
  if (theta.length !== count) throw new Error(`expected ${count} parameters for [${spec.widths.join(', ')}], got ${theta.length}`);
  const rng = createRandom(seed);
  const d = Float64Array.from({ length: count }, () => rng.normal());
  for (const slot of layers) {
    for (let r = 0; r < slot.rows; r++) {
      const begin = slot.weights + r * slot.cols;
      let rowNorm = 0;
      let dNorm = 0;
      for (let c = 0; c < slot.cols; c++) {
        rowNorm += theta[begin + c] ** 2;
        dNorm += d[begin + c] ** 2;
      }
      const scale = dNorm > 0 ? Math.sqrt(rowNorm / dNorm) : 0;
      for (let c = 0; c < slot.cols; c++) d[begin + c] *= scale;
    }
    d.fill(0, slot.bias, slot.bias + slot.rows);
  }
  return d;
}

/** Two filter-normalised directions from one seed (d2 from a derived seed). */
export function filterNormalizedDirections(spec: NetworkSpec, theta: ArrayLike<number>, seed: number): SliceDirections {
  return { d1: filterNormalizedDirection(spec, theta, seed), d2: filterNormalizedDirection(spec, theta, seed + 0x5bd1e995) };
}

/**
 * The top two Hessian eigenvectors at θ* (largest algebraic eigenvalues, Lanczos) as directions, with
 * their eigenvalues (λ1 first), residuals ‖Hv − λv‖ and the HVPs spent. Both are Ritz vectors of one
 * Krylov space, so the slice's Hessian at (0, 0) is diag(λ1, λ2) up to the HVPs' float32 noise.
 */
export async function hessianDirections(spec: NetworkSpec, data: Dataset, theta: ArrayLike<number>, options: Omit<EigenOptions, 'k'> = {}): Promise<SliceDirections & { eigenvalues: [number, number]; residuals: [number, number]; hvps: number }> {
  const pairs = await topEigenpairs(spec, data, theta, { ...options, k: 2 });
  return { d1: pairs.eigenvectors[0], d2: pairs.eigenvectors[1], eigenvalues: [pairs.eigenvalues[0], pairs.eigenvalues[1]], residuals: [pairs.residuals[0], pairs.residuals[1]], hvps: pairs.hvps };
}

/** The path's principal directions and the path in slice coordinates. */
export interface PathDirections extends SliceDirections {
  /** a_t = (θ_t - θ*) · d1 and b_t = (θ_t - θ*) · d2 for every snapshot. */
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** Share of Σ‖θ_t - θ*‖² that each of the two directions explains. */
  readonly explained: [number, number];
}

function dot(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

/**
 * Top eigenpair of a small symmetric positive semidefinite matrix (row-major n x n) by power
 * iteration. Callers deflate the matrix itself (Hotelling), not the iterates: for a rank-one path
 * the deflated matrix is roundoff, so its top eigenvalue is too, and the path is seen as a line.
 */
function topEigenpair(matrix: Float64Array, n: number, seed: number): { value: number; vector: Float64Array } {
  const rng = createRandom(seed);
  let v = Float64Array.from({ length: n }, () => rng.normal());
  let value = 0;
  // Tiny and cheap: plenty of iterations and a tight tolerance.
  for (let it = 0; it < 2000; it++) {
    const norm = Math.sqrt(dot(v, v));
    if (!(norm > 0)) return { value: 0, vector: new Float64Array(n) };
    for (let i = 0; i < n; i++) v[i] /= norm;
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[i] += matrix[i * n + j] * v[j];
    const next = dot(v, w);
    const done = Math.abs(next - value) <= 1e-12 * Math.abs(next);
    value = next;
    v = w;
    if (done) break;
  }
  const norm = Math.sqrt(dot(v, v));
  return { value, vector: v.map((x) => (norm > 0 ? x / norm : 0)) };
}

/** matrix - value * vector vectorᵀ, the Hotelling deflation of one found eigenpair. */
function deflate(matrix: Float64Array, n: number, value: number, vector: Float64Array): Float64Array {
  return matrix.map((x, k) => x - value * vector[Math.floor(k / n)] * vector[k % n]);
}

/** Σ_t u_t u_tᵀ over the rows u_t (each of length n), as a row-major n x n matrix. */
function sumOfOuterProducts(rows: readonly Float64Array[], n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (const u of rows) for (let i = 0; i < n; i++) for (let j = i; j < n; j++) m[i * n + j] += u[i] * u[j];
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) m[i * n + j] = m[j * n + i];
  return m;
}

/** Unit vector along v minus its components along the orthonormal `basis`. */
function orthonormal(v: Float64Array, basis: readonly Float64Array[]): Float64Array {
  for (const q of basis) {
    const c = dot(v, q);
    for (let i = 0; i < v.length; i++) v[i] -= c * q[i];
  }
  const norm = Math.sqrt(dot(v, v));
  return v.map((x) => x / norm);
}

/**
 * The top two eigenpairs of Σ o oᵀ over the offsets, found in the smaller of the two spaces: the
 * P x P scatter matrix when there are more snapshots than parameters, else the T x T Gram matrix
 * (whose eigenvectors w map to directions Σ_t w_t o_t).
 */
function principalPairs(offsets: readonly Float64Array[], P: number): { values: [number, number]; directions: Float64Array[] } {
  const T = offsets.length;
  const inParameterSpace = P <= T;
  const n = inParameterSpace ? P : T;
  const matrix = inParameterSpace ? sumOfOuterProducts(offsets, P) : sumOfOuterProducts(transpose(offsets, P), T);
  const first = topEigenpair(matrix, n, 1);
  const second = topEigenpair(deflate(matrix, n, first.value, first.vector), n, 2);
  const lift = (w: Float64Array): Float64Array => {
    if (inParameterSpace) return Float64Array.from(w);
    const d = new Float64Array(P);
    for (let t = 0; t < T; t++) for (let i = 0; i < P; i++) d[i] += w[t] * offsets[t][i];
    return d;
  };
  const d1 = orthonormal(lift(first.vector), []);
  // Re-orthogonalised: the two power iterations stop at a tolerance, the slice wants d1 ⊥ d2 exactly.
  const d2 = orthonormal(lift(second.vector), [d1]);
  return { values: [first.value, second.value], directions: [d1, d2] };
}

/** The columns of the T x P matrix with rows `rows`, as P rows of length T. */
function transpose(rows: readonly Float64Array[], P: number): Float64Array[] {
  return Array.from({ length: P }, (_, i) => Float64Array.from(rows, (r) => r[i]));
}

/**
 * The first two principal components of the path's offsets θ_t - θ* (not re-centred: the slice is
 * anchored at θ*), and the path's coordinates in them.
 */
export function pathDirections(snapshots: readonly ArrayLike<number>[], thetaStar: ArrayLike<number>): PathDirections {
  const P = thetaStar.length;
  const offsets = snapshots.map((s) => {
    if (s.length !== P) throw new Error(`a snapshot has ${s.length} parameters, θ* has ${P}`);
    return Float64Array.from({ length: P }, (_, i) => s[i] - thetaStar[i]);
  });
  const total = offsets.reduce((sum, o) => sum + dot(o, o), 0);
  if (offsets.length < 2 || !(total > 0)) throw new Error('the training path needs at least two snapshots away from θ* to have two principal directions');
  const { values, directions } = principalPairs(offsets, P);
  // A second variance at roundoff level means the path is a straight line: no second direction.
  if (!(values[1] > 1e-10 * total) || directions[1].some((x) => !Number.isFinite(x))) {
    throw new Error('the training path spans fewer than two directions: train longer or take more snapshots');
  }
  const [d1, d2] = directions;
  return {
    d1,
    d2,
    a: Float64Array.from(offsets, (o) => dot(o, d1)),
    b: Float64Array.from(offsets, (o) => dot(o, d2)),
    explained: [values[0] / total, values[1] / total],
  };
}

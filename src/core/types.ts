/** Shared plain-data types of the lab: no tfjs, three or DOM. */

/** Rectangular domain [xmin, xmax] x [ymin, ymax]. */
export interface Domain {
  readonly xmin: number;
  readonly xmax: number;
  readonly ymin: number;
  readonly ymax: number;
}

/** Value, gradient and Hessian of f at one point. */
export interface PointDerivatives {
  readonly f: number;
  readonly gx: number;
  readonly gy: number;
  readonly hxx: number;
  readonly hxy: number;
  readonly hyy: number;
}

/**
 * f and its first and second partial derivatives on an n x n grid over a domain, row-major with
 * x varying fastest: index = j * n + i for x_i = xmin + i (xmax - xmin) / (n - 1), likewise y_j.
 * Non-finite values mark points where f is undefined (a gap, not an error).
 */
export interface GridField {
  readonly n: number;
  readonly domain: Domain;
  readonly f: Float32Array;
  readonly gx: Float32Array;
  readonly gy: Float32Array;
  readonly hxx: Float32Array;
  readonly hxy: Float32Array;
  readonly hyy: Float32Array;
}

/** Eigen-decomposition of a symmetric 2x2 matrix, lambda1 <= lambda2, unit eigenvectors. */
export interface Eigen2 {
  readonly lambda1: number;
  readonly lambda2: number;
  readonly v1: readonly [number, number];
  readonly v2: readonly [number, number];
}

/** Type of a point read from its gradient and Hessian. */
export type PointClass = 'minimum' | 'maximum' | 'saddle' | 'degenerate' | 'regular';

/**
 * Layout of bivariate Taylor coefficients, shared by the jet evaluator, the CLI and the GPU patch
 * shader: coefficient c[i][j] multiplies dx^i dy^j (c = d^(i+j) f / dx^i dy^j / (i! j!)), stored by
 * total degree d = i + j, and inside a degree by j ascending: index(i, j) = d (d + 1) / 2 + j.
 */

/** Highest order of the 2D Taylor model. */
export const MAX_ORDER_2D = 6;
/** Highest order of the 1D Taylor model. */
export const MAX_ORDER_1D = 10;

/** Number of coefficients of a bivariate polynomial of total degree <= order. */
export function coefficientCount(order: number): number {
  return ((order + 1) * (order + 2)) / 2;
}

/** Position of the coefficient of dx^i dy^j in the flat array. */
export function coefficientIndex(i: number, j: number): number {
  const d = i + j;
  return (d * (d + 1)) / 2 + j;
}

/**
 * Plain data of the implicit-function view. F(x, λ) is an `Expr` over x and y with y standing for
 * λ (see `parseImplicit`), so jets and grids of F are those of any formula: coefficient c[i][j] of
 * `taylorCoefficients(F, x0, λ0, k)` multiplies dx^i dλ^j.
 */

/** The (λ, x) window of a bifurcation diagram: λ horizontal, x vertical. */
export interface ImplicitWindow {
  readonly lambdaMin: number;
  readonly lambdaMax: number;
  readonly xMin: number;
  readonly xMax: number;
}

/** A point of the (λ, x) plane. */
export interface LambdaX {
  readonly lambda: number;
  readonly x: number;
}

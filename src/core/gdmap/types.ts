/**
 * Types of the GD-map analysis: gradient descent x ← x − η f′(x) seen as a map with a parameter η,
 * its fixed points (the minima of f), their flip bifurcations at η = 2/f″(x*), the period-2 orbits
 * born there, and the data of its bifurcation diagram.
 */

/**
 * Univariate Taylor coefficients c[k] = f^(k)(x) / k!, k = 0..order, of f at x (exact jets, no step
 * size); NaN where f or a derivative is undefined.
 */
export type UnivariateJet = (x: number, order: number) => Float64Array;

/** f′ alone at a point: the hot loop of the diagram calls nothing else. */
export type Slope = (x: number) => number;

/** An interval of x where minima are looked for. */
export interface XWindow {
  readonly xMin: number;
  readonly xMax: number;
}

/** A local minimum x* (f′ = 0, found by Newton on exact jets) with the derivatives its flip needs. */
export interface LocalMinimum {
  readonly x: number;
  readonly f: number;
  /** f″(x*): the curvature that sets the flip point. */
  readonly f2: number;
  /** f‴(x*) and f⁗(x*): they set the normal form of the flip. */
  readonly f3: number;
  readonly f4: number;
  /** η = 2/f″(x*), where g′(x*) = 1 − η f″(x*) crosses −1; Infinity when f″(x*) ≤ 0 (a flat minimum never flips). */
  readonly flipEta: number;
}

/** A period-2 orbit p ↦ q ↦ p of g(x) = x − η f′(x), p < q. */
export interface PeriodTwoOrbit {
  readonly eta: number;
  readonly points: readonly [number, number];
  /** Half the distance between the two points: the oscillation's amplitude. */
  readonly amplitude: number;
  /** (g∘g)′ on the orbit = g′(p) g′(q): stable while it lies in (−1, 1). */
  readonly multiplier: number;
}

/** How an orbit behaves in the long run. */
export type OrbitKind = 'fixed' | 'periodic' | 'chaotic' | 'diverged';

/** The kept iterates of one start at one η, and what they are. */
export interface OrbitSample {
  readonly kind: OrbitKind;
  /** 1 for a fixed point, p for period p, 0 for chaotic or diverged. */
  readonly period: number;
  /** The kept iterates after the transient (empty when diverged). */
  readonly points: Float64Array;
}

/** One η of the diagram: an orbit sample per start. */
export interface DiagramColumn {
  readonly eta: number;
  readonly orbits: readonly OrbitSample[];
}

/** A labelled flip point on the diagram: at (η, x*) the fixed point x* loses stability. */
export interface FlipMark {
  readonly eta: number;
  readonly x: number;
  readonly label: string;
}

/** Everything a bifurcation diagram of the GD map shows: iterates against η, and the flip points. */
export interface GdMapDiagramData {
  readonly etaMin: number;
  readonly etaMax: number;
  readonly xMin: number;
  readonly xMax: number;
  /** Where each start begins (the observed coordinate); orbit k of every column comes from start k. */
  readonly starts: readonly number[];
  readonly columns: readonly DiagramColumn[];
  readonly flips: readonly FlipMark[];
  /** Name of the observed coordinate for the vertical axis ("x", "u"). */
  readonly observed: string;
}

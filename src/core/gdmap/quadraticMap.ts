/**
 * Gradient descent on the 2D quadratic ½(λ₁ u² + λ₂ v²): the map (u, v) ↦ ((1 − ηλ₁) u, (1 − ηλ₂) v)
 * is linear, so each axis flips where its factor passes −1, at η = 2/λ, and past the first flip the
 * iterates diverge. The diagram's verdict comes from the spectral radius (iterating a linear map
 * near |factor| = 1 only blurs it: the escape or the decay takes ~1/|η − 2/λ| steps); its points
 * are the fixed point 0 where that is stable.
 */
import { etaGrid, DEFAULT_RESOLUTION } from './diagram';
import type { ParameterMap } from './orbitSampling';
import type { DiagramColumn, FlipMark, GdMapDiagramData, OrbitSample } from './types';

/** The curvatures λ₁, λ₂ of ½(λ₁ u² + λ₂ v²). */
export interface Quadratic2D {
  readonly lambda1: number;
  readonly lambda2: number;
}

/** GD on the quadratic as a ParameterMap, observing the coordinate of the larger curvature (the first to flip). */
export function quadraticGdMap(q: Quadratic2D): ParameterMap {
  const observeU = q.lambda1 >= q.lambda2;
  return {
    dimension: 2,
    step: (s, eta) => {
      s[0] *= 1 - eta * q.lambda1;
      s[1] *= 1 - eta * q.lambda2;
    },
    observe: (s) => (observeU ? s[0] : s[1]),
  };
}

/** The flip point η = 2/λ of each positive curvature, in η order, labelled with its axis. */
export function quadraticFlipMarks(q: Quadratic2D): FlipMark[] {
  const axes = [
    { lambda: q.lambda1, name: 'λ₁' },
    { lambda: q.lambda2, name: 'λ₂' },
  ];
  return axes
    .filter((a) => a.lambda > 0)
    .map((a) => ({ eta: 2 / a.lambda, x: 0, label: `η = 2/${a.name} = ${(2 / a.lambda).toPrecision(4)}` }))
    .sort((a, b) => a.eta - b.eta);
}

/** The largest |1 − ηλ| over both axes: the map contracts to 0 iff it is below 1. */
export function quadraticSpectralRadius(q: Quadratic2D, eta: number): number {
  return Math.max(Math.abs(1 - eta * q.lambda1), Math.abs(1 - eta * q.lambda2));
}

/**
 * The orbit at η: diverged when an axis's factor 1 − ηλ exceeds 1 in size, a neutral 2-cycle ±1
 * exactly at a flip (factor −1), else the fixed point 0 (a factor +1, at η = 0, leaves every point fixed).
 */
function quadraticSample(q: Quadratic2D, eta: number): OrbitSample {
  const factors = [1 - eta * q.lambda1, 1 - eta * q.lambda2];
  if (factors.some((m) => Math.abs(m) > 1)) return { kind: 'diverged', period: 0, points: new Float64Array(0) };
  if (factors.some((m) => m === -1)) return { kind: 'periodic', period: 2, points: new Float64Array([1, -1]) };
  return { kind: 'fixed', period: 1, points: new Float64Array([0]) };
}

/** The diagram of GD on the quadratic for η in [etaMin, etaMax] (default [0, 1.5 × 2/λmax]), from (u, v) = (1, 1). */
export function quadraticDiagram(q: Quadratic2D, opts: { etaMin?: number; etaMax?: number; resolution?: number } = {}): GdMapDiagramData {
  const lambdaMax = Math.max(q.lambda1, q.lambda2);
  if (!(lambdaMax > 0)) throw new RangeError(`no positive curvature in λ₁ = ${q.lambda1}, λ₂ = ${q.lambda2}: GD never flips`);
  const etaMin = opts.etaMin ?? 0;
  const etaMax = opts.etaMax ?? 3 / lambdaMax;
  const etas = etaGrid(etaMin, etaMax, opts.resolution ?? DEFAULT_RESOLUTION);
  const columns: DiagramColumn[] = Array.from(etas, (eta) => ({ eta, orbits: [quadraticSample(q, eta)] }));
  const observed = q.lambda1 >= q.lambda2 ? 'u' : 'v';
  return { etaMin, etaMax, xMin: -1.2, xMax: 1.2, starts: [1], columns, flips: quadraticFlipMarks(q), observed };
}

/**
 * The bifurcation diagram of gradient descent on a 1D f: for η on a grid, the long-run iterates of
 * x ← x − η f′(x) from a start beside each minimum, classified (fixed, period p, chaotic, diverged),
 * with each minimum's exact flip point η = 2/f″(x*) marked. Plain arrays out, for GdMapDiagram.
 */
import { sampleOrbit, type ParameterMap, type SamplingOptions } from './orbitSampling';
import type { DiagramColumn, FlipMark, GdMapDiagramData, LocalMinimum, Slope, XWindow } from './types';

/** Number of η values of the diagram when the caller does not say. */
export const DEFAULT_RESOLUTION = 400;

/** The η range and grid of a diagram, and how each orbit is sampled. */
export interface DiagramOptions extends SamplingOptions {
  /** Smallest η (default half the smallest flip point: there |1 − η f″| <= 1/2 at that minimum). */
  readonly etaMin?: number;
  /** Largest η (default: a little past the last η where some start stays bounded; see defaultEtaRange). */
  readonly etaMax?: number;
  /** η values on the grid, ends included (default DEFAULT_RESOLUTION). */
  readonly resolution?: number;
  /** Where the orbits start (default: beside each minimum, x* + 0.1% of the window). */
  readonly starts?: readonly number[];
}

/** The GD map x ← x − η f′(x) as a ParameterMap. */
export function gdMap1D(slope: Slope): ParameterMap {
  return {
    dimension: 1,
    step: (s, eta) => {
      s[0] -= eta * slope(s[0]);
    },
    observe: (s) => s[0],
  };
}

/** η values from etaMin to etaMax inclusive. */
export function etaGrid(etaMin: number, etaMax: number, resolution: number): Float64Array {
  const n = Math.max(2, Math.floor(resolution));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = etaMin + ((etaMax - etaMin) * i) / (n - 1);
  return out;
}

/** The label of a flip point, e.g. "η = 2/f″(1.131) = 0.2140". */
export function flipLabel(min: LocalMinimum): string {
  return `η = 2/f″(${min.x.toPrecision(4)}) = ${min.flipEta.toPrecision(4)}`;
}

/** The flip marks of the minima that flip (f″ > 0), in η order. */
export function flipMarks(minima: readonly LocalMinimum[]): FlipMark[] {
  return minima
    .filter((m) => Number.isFinite(m.flipEta))
    .map((m) => ({ eta: m.flipEta, x: m.x, label: flipLabel(m) }))
    .sort((a, b) => a.eta - b.eta);
}

/** Largest η a default range scans for orbits that stay bounded, as a multiple of the largest flip point. */
const SCAN_FLIP_MULTIPLE = 4;

/**
 * The default η range: from half the smallest flip point to a little past the last η where some
 * start still stays bounded (a coarse, short scan up to 4 times the largest flip point), so the
 * diagram ends where gradient descent escapes; [0.05, 1] when no minimum flips.
 */
export function defaultEtaRange(map: ParameterMap, starts: readonly number[], minima: readonly LocalMinimum[], scale: number): [number, number] {
  const flips = minima.map((m) => m.flipEta).filter(Number.isFinite);
  if (flips.length === 0) return [0.05, 1];
  const etaMin = 0.5 * Math.min(...flips);
  const etas = etaGrid(etaMin, SCAN_FLIP_MULTIPLE * Math.max(...flips), 80);
  let last = -1;
  etas.forEach((eta, i) => {
    if (starts.some((s) => sampleOrbit(map, [s], eta, scale, { transient: 300, keep: 8 }).kind !== 'diverged')) last = i;
  });
  if (last < 0) return [etaMin, 1.5 * Math.max(...flips)];
  const end = Math.min(last + 1, etas.length - 1);
  return [etaMin, Math.max(1.1 * Math.max(...flips), etas[end] + 0.05 * (etas[end] - etaMin))];
}

/** Samples a ParameterMap at every η of the grid from every start (a state vector each). */
export function sampleColumns(map: ParameterMap, starts: readonly ArrayLike<number>[], etas: Float64Array, scale: number, opts: SamplingOptions): DiagramColumn[] {
  return Array.from(etas, (eta) => ({ eta, orbits: starts.map((s) => sampleOrbit(map, s, eta, scale, opts)) }));
}

/** The diagram of x ← x − η f′(x) over the window's x range, with the minima's flip points marked. */
export function gdMapDiagram(slope: Slope, minima: readonly LocalMinimum[], window: XWindow, opts: DiagramOptions = {}): GdMapDiagramData {
  const scale = window.xMax - window.xMin;
  const map = gdMap1D(slope);
  const starts = opts.starts ?? (minima.length > 0 ? minima.map((m) => m.x + 1e-3 * scale) : [0.5 * (window.xMin + window.xMax)]);
  const range = opts.etaMin === undefined || opts.etaMax === undefined ? defaultEtaRange(map, starts, minima, scale) : null;
  const etaMin = opts.etaMin ?? (range as [number, number])[0];
  const etaMax = opts.etaMax ?? (range as [number, number])[1];
  if (!(etaMax > etaMin)) throw new RangeError(`bad η range [${etaMin}, ${etaMax}]`);
  const etas = etaGrid(etaMin, etaMax, opts.resolution ?? DEFAULT_RESOLUTION);
  const columns = sampleColumns(map, starts.map((s) => [s]), etas, scale, opts);
  return { etaMin, etaMax, xMin: window.xMin, xMax: window.xMax, starts: [...starts], columns, flips: flipMarks(minima), observed: 'x' };
}

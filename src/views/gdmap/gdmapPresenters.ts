/**
 * Pure presenters of the GD-map view: the presets of f, the readout rows of each minimum's flip,
 * the marks the diagram draws, a click's state patch, the iterates of the run at the picked η, and
 * the patch that opens that run in the 1D view. Plain data in, plain data out; no DOM.
 */
import type { MinimumFlip } from '../../core/gdmap/flipAnalysis';
import { runAtEta } from '../../core/gdmap/flipAnalysis';
import { quadraticDiagram } from '../../core/gdmap/quadraticMap';
import type { FlipMark, GdMapDiagramData, Slope } from '../../core/gdmap/types';
import type { LabState } from '../../state/schema';

/** A ready-made f for the GD map, with its x window. */
export interface GdmapPreset {
  readonly id: string;
  readonly label: string;
  readonly formula: string;
  readonly xMin: number;
  readonly xMax: number;
}

/** The presets: the lessons' quartic first. */
export const GDMAP_PRESETS: readonly GdmapPreset[] = [
  { id: 'quartic', label: 'x⁴ − 3x² + x (the lessons’)', formula: 'x^4 - 3*x^2 + x', xMin: -2.5, xMax: 2.5 },
  { id: 'double-well', label: '(x² − 1)²: two equal minima', formula: '(x^2 - 1)^2', xMin: -2, xMax: 2 },
  { id: 'cosine', label: '−cos x: doubling cascade to chaos', formula: '-cos(x)', xMin: -4, xMax: 4 },
  { id: 'subcritical', label: 'x²/2 + x⁴/4: a subcritical flip', formula: 'x^2/2 + x^4/4', xMin: -2, xMax: 2 },
];

/** The preset whose formula is `formula` (after trimming), or null for a typed f. */
export function presetOfFormula(formula: string): GdmapPreset | null {
  return GDMAP_PRESETS.find((p) => p.formula === formula.trim()) ?? null;
}

/** The state patch of a preset. */
export function presetPatch(preset: GdmapPreset): Partial<LabState> {
  return { gdmapCase: '1d', gdmapFormula: preset.formula, gdmapXMin: preset.xMin, gdmapXMax: preset.xMax, gdmapEta: 0 };
}

/** One line of the readout table: what happens to one minimum as η grows. */
export interface FlipRow {
  readonly x: number;
  readonly f2: number;
  readonly flipEta: number;
  /** The 2-cycle just past the flip: η, its two points, amplitude and the normal form's amplitude (null when there is none). */
  readonly cycle: { readonly eta: number; readonly points: readonly [number, number]; readonly amplitude: number; readonly predicted: number } | null;
  /** Where that 2-cycle doubles (its multiplier reaches −1), or null. */
  readonly periodFourEta: number | null;
  /** 'supercritical', 'subcritical' or 'never flips'. */
  readonly kind: string;
}

/** The readout rows, in η order of the flips. */
export function flipRows(flips: readonly MinimumFlip[]): FlipRow[] {
  return flips
    .map((f) => ({
      x: f.minimum.x,
      f2: f.minimum.f2,
      flipEta: f.minimum.flipEta,
      cycle: f.nearFlip ? { eta: f.nearFlip.orbit.eta, points: f.nearFlip.orbit.points, amplitude: f.nearFlip.orbit.amplitude, predicted: f.nearFlip.predictedAmplitude } : null,
      periodFourEta: f.periodFour?.eta ?? null,
      kind: f.normalForm === null ? 'never flips' : f.normalForm.supercritical ? 'supercritical' : 'subcritical',
    }))
    .sort((a, b) => a.flipEta - b.flipEta);
}

/** Text cells of a row (x*, f″, η flip, 2-cycle, amplitude vs normal form, period-4 onset). */
export function flipRowCells(r: FlipRow): string[] {
  const p = (v: number, d = 6) => (Number.isFinite(v) ? v.toPrecision(d) : '∞');
  const cycle = r.cycle ? `{${p(r.cycle.points[0], 5)}, ${p(r.cycle.points[1], 5)}} at η = ${p(r.cycle.eta, 5)}` : r.kind === 'subcritical' ? 'born before the flip (unstable)' : '—';
  const amp = r.cycle ? `${p(r.cycle.amplitude, 3)} (normal form ${p(r.cycle.predicted, 3)})` : '—';
  return [p(r.x), p(r.f2), p(r.flipEta), cycle, amp, r.periodFourEta === null ? '—' : p(r.periodFourEta)];
}

/** The flip marks the diagram shows (inside its η range), as it labels them. */
export function diagramMarks(diagram: GdMapDiagramData): FlipMark[] {
  return diagram.flips.filter((m) => m.eta >= diagram.etaMin && m.eta <= diagram.etaMax);
}

/** A click at η on the diagram: the picked η (rounded to 4 significant digits, as a lecturer would say it). */
export function pickPatch(eta: number): Partial<LabState> {
  return { gdmapEta: Number(eta.toPrecision(4)) };
}

/** The quadratic case's diagram from the state. */
export function quadraticFromState(s: Readonly<LabState>): GdMapDiagramData {
  return quadraticDiagram({ lambda1: s.gdmapLambda1, lambda2: s.gdmapLambda2 });
}

/** x_0 … x_steps of x ← x − η f′(x) (stops early once |x| runs past 1e6). */
export function iterates1D(slope: Slope, eta: number, start: number, steps: number): number[] {
  const xs = [start];
  let x = start;
  for (let t = 0; t < steps && Math.abs(x) < 1e6; t++) {
    x -= eta * slope(x);
    xs.push(x);
  }
  return xs;
}

/** u_0 … u_steps of GD on ½(λ₁u² + λ₂v²) along the axis the diagram shows (from u = 1). */
export function iteratesQuadratic(s: Readonly<LabState>, eta: number, steps: number): number[] {
  const lambda = Math.max(s.gdmapLambda1, s.gdmapLambda2);
  const xs = [1];
  for (let t = 0; t < steps && Math.abs(xs[t]) < 1e6; t++) xs.push((1 - eta * lambda) * xs[t]);
  return xs;
}

/** The run at the picked η: its start and iterates (1D: runAtEta's start, the 2-cycle's basin). */
export function runAtPicked(diagram: GdMapDiagramData, slope: Slope, eta: number, steps = 120): { start: number; xs: number[] } {
  const { start } = runAtEta(diagram, eta);
  return { start, xs: iterates1D(slope, eta, start, steps) };
}

/** The state patch that opens the run at η in the 1D view: f, a window around the iterates, GD at η from the start, stepped from 0. */
export function openIn1DPatch(s: Readonly<LabState>, diagram: GdMapDiagramData, eta: number): Partial<LabState> {
  const run = runAtEta(diagram, eta);
  return {
    mode: '1d',
    preset1d: 'custom',
    formula1d: s.gdmapFormula,
    x1d: run.start,
    x1min: s.gdmapXMin,
    x1max: s.gdmapXMax,
    orders1d: '2',
    runs: run.specs,
    runStart: String(run.start),
    runSteps: 0,
    showRuns: true,
  };
}

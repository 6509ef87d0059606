/**
 * Everything the GD map says about a 1D f in one call, for the CLI and the GD-map view: each local
 * minimum with its flip point, the 2-cycle just past the flip against the normal form, and the
 * period-4 onset; the bifurcation diagram; and the run a click at some η should start.
 */
import type { Expr } from '../expr/ast';
import { gdMapDiagram, type DiagramOptions } from './diagram';
import { findLocalMinima } from './minima';
import { periodFourOnset } from './periodDoubling';
import { flipNormalForm, periodTwoNearFlip, type FlipNormalForm, type OrbitNearFlip } from './periodTwo';
import type { GdMapDiagramData, LocalMinimum, PeriodTwoOrbit, UnivariateJet, XWindow } from './types';
import { compileSlope, jetOfExpr } from './univariateJet';

/** What happens to one minimum as η grows: its flip, the 2-cycle born there, the next doubling. */
export interface MinimumFlip {
  readonly minimum: LocalMinimum;
  /** Null for a minimum with f″ = 0, which never flips. */
  readonly normalForm: FlipNormalForm | null;
  readonly nearFlip: OrbitNearFlip | null;
  /** The 2-cycle where its multiplier reaches −1 (null when subcritical or lost first). */
  readonly periodFour: PeriodTwoOrbit | null;
}

/** The flips of every local minimum in the window; `offset` places the near-flip orbit at η_flip(1 ± offset). */
export function analyzeFlips(jet: UnivariateJet, window: XWindow, offset = 1e-3): MinimumFlip[] {
  return findLocalMinima(jet, window).map((minimum) => {
    if (!Number.isFinite(minimum.flipEta)) return { minimum, normalForm: null, nearFlip: null, periodFour: null };
    return { minimum, normalForm: flipNormalForm(minimum), nearFlip: periodTwoNearFlip(jet, minimum, offset), periodFour: periodFourOnset(jet, minimum) };
  });
}

/** The flips and the bifurcation diagram of a parsed f(x): what a GD-map view draws. */
export function gdMapOfFormula(expr: Expr, window: XWindow, opts: DiagramOptions = {}): { flips: MinimumFlip[]; diagram: GdMapDiagramData } {
  const flips = analyzeFlips(jetOfExpr(expr), window);
  const diagram = gdMapDiagram(compileSlope(expr), flips.map((f) => f.minimum), window, opts);
  return { flips, diagram };
}

/** A 1D run the lab can start: its spec text ("gd:lr=…") and its start x. */
export interface RunAtEta {
  readonly specs: string;
  readonly start: number;
}

/**
 * The GD run a click at η on the diagram starts: rate η from the first start whose orbit stays
 * bounded in the nearest column (else the first start), so the 1D view replays that column.
 */
export function runAtEta(diagram: GdMapDiagramData, eta: number): RunAtEta {
  const columns = diagram.columns;
  let nearest = 0;
  for (let i = 1; i < columns.length; i++) if (Math.abs(columns[i].eta - eta) < Math.abs(columns[nearest].eta - eta)) nearest = i;
  const orbits = columns[nearest]?.orbits ?? [];
  const k = Math.max(0, orbits.findIndex((o) => o.kind !== 'diverged'));
  return { specs: `gd:lr=${eta}`, start: diagram.starts[k] ?? 0 };
}

/**
 * Pure data of the implicit view's continuation layer: F parsed at the state's μ, the dynamics the
 * state names, the branches traced by pseudo-arclength continuation (from the point, then from any
 * piece of the contoured zero set they missed) cut into stable and unstable pieces, snapping onto
 * them, switching branches at a BP, and the fold curves in (λ, μ). No DOM.
 */
import { bifurcationDiagram } from '../../core/continuation/bifurcationDiagram';
import type { ContinuedBranch, SpecialPoint } from '../../core/continuation/bifurcationDiagram';
import type { Dynamics } from '../../core/continuation/dynamics';
import { foldCurvesThrough, parseUnfolding, unfoldingAt } from '../../core/continuation/foldCurve';
import type { Trivariate } from '../../core/continuation/trivariate';
import type { Expr, ParseError } from '../../core/expr/ast';
import { projectOntoBranch } from '../../core/implicit/branchContinuation';
import { implicitPreset } from '../../core/implicit/presets';
import type { ImplicitWindow, LambdaX } from '../../core/implicit/types';
import { refineOntoCurve } from '../../core/implicit/zeroSet';
import type { BranchPolyline } from '../../core/implicit/zeroSet';
import type { ImplicitDynamicsChoice } from '../../state/schema';
import { nearestOnBranches } from './implicitData';

/** F as the view uses it: F(x, λ) at the state's μ, and whether the text has μ in it. */
export interface ViewFormula {
  readonly expr: Expr;
  readonly usesMu: boolean;
  readonly unfolding: Trivariate;
}

/** Parses F(x, λ) or F(x, λ, μ) (μ written mu or μ) and binds μ; the parser's error otherwise. */
export function parseViewFormula(text: string, mu: number): { ok: true; value: ViewFormula } | { ok: false; error: ParseError } {
  const parsed = parseUnfolding(text);
  if (!parsed.ok) return parsed;
  const unfolding = parsed.value;
  return { ok: true, value: { expr: unfoldingAt(unfolding, mu), usesMu: unfolding.third.size > 0, unfolding } };
}

/** The dynamics to draw: the state's choice, or for 'auto' the preset's own (ẋ = −F for a typed F). */
export function resolveDynamics(choice: ImplicitDynamicsChoice, presetKey: string): Dynamics {
  return choice === 'auto' ? (implicitPreset(presetKey)?.dynamics ?? 'gradient') : choice;
}

/** The traced diagram: branches, special points (each once), and the pieces drawn. */
export interface ContinuationPicture {
  readonly branches: ContinuedBranch[];
  readonly special: SpecialPoint[];
  readonly pieces: BranchPolyline[];
}

/** A branch cut into pieces where its stability changes and at every BP (each piece ends on the special point). */
export function branchPieces(branch: ContinuedBranch): BranchPolyline[] {
  const pieces: BranchPolyline[] = [];
  const pts = branch.points;
  let current = pts.slice(0, 1);
  // A piece's stability is its vertices' majority (ties: the last one's): its first vertex is shared
  // with the piece before it, and an end on the window's edge may be neutral (the GD map at η = 0).
  const stableOf = (run: typeof pts) => {
    const regular = run.filter((v) => !v.special);
    if (regular.length === 0) return run[0].stable;
    const stable = regular.filter((v) => v.stable).length;
    return 2 * stable === regular.length ? regular[regular.length - 1].stable : 2 * stable > regular.length;
  };
  const flush = () => {
    if (current.length > 1) pieces.push({ lambda: current.map((v) => v.lambda), x: current.map((v) => v.x), stable: stableOf(current) });
  };
  for (let k = 1; k < pts.length; k++) {
    const [prev, v] = [pts[k - 1], pts[k]];
    const cut = prev.special === 'BP' || (!v.special && !prev.special && v.stable !== prev.stable) || (prev.special === 'LP' && v.stable !== stableOf(current));
    if (cut && current.length > 1) {
      flush();
      current = [prev];
    }
    current.push(v);
  }
  flush();
  return pieces;
}

/** Distance in window units (λ and x scaled to the window) between two points. */
function windowDistance(a: LambdaX, b: LambdaX, w: ImplicitWindow): number {
  return Math.hypot((a.lambda - b.lambda) / (w.lambdaMax - w.lambdaMin), (a.x - b.x) / (w.xMax - w.xMin));
}

/** Pieces of the contoured zero set farther than this (window units) from every traced branch seed a new trace. */
const MISSED = 0.02;
/** At most this many extra traces from the contour's pieces. */
const MAX_SEEDS = 8;

/**
 * Branches of F = 0 by continuation from the point (when it is in the window) and from the middle
 * of each contour piece no branch came near (components the point's branch does not reach).
 */
export function continuationPicture(F: Expr, point: LambdaX, seeds: readonly BranchPolyline[], w: ImplicitWindow, dynamics: Dynamics): ContinuationPicture {
  const branches: ContinuedBranch[] = [];
  const special: SpecialPoint[] = [];
  const pieces: BranchPolyline[] = [];
  const options = { window: w, dynamics, maxBranches: 12 };
  const add = (start: LambdaX) => {
    const d = bifurcationDiagram(F, start, options);
    if (!d) return;
    const offset = branches.length;
    branches.push(...d.branches);
    pieces.push(...d.branches.flatMap(branchPieces));
    for (const p of d.specialPoints) {
      if (!special.some((q) => q.type === p.type && windowDistance(p, q, w) <= 1e-7)) special.push({ ...p, branch: p.branch + offset });
    }
  };
  const inside = point.lambda >= w.lambdaMin && point.lambda <= w.lambdaMax && point.x >= w.xMin && point.x <= w.xMax;
  if (inside && Number.isFinite(point.lambda + point.x)) add(point);
  let runs = 0;
  for (const seed of seeds) {
    if (runs >= MAX_SEEDS) break;
    const k = Math.floor(seed.lambda.length / 2);
    const mid = { lambda: seed.lambda[k], x: seed.x[k] };
    const near = nearestOnBranches(pieces, mid, w);
    if (near && windowDistance(near, mid, w) <= MISSED) continue;
    runs++;
    add(mid);
  }
  return { branches, special, pieces };
}

/**
 * Where a dragged point lands: the nearest point of the traced pieces, moved onto F = 0 along ∇F
 * (so a drag follows the branch around a fold, where x(λ) turns back); without pieces, Newton in x.
 */
export function snapToContinued(F: Expr, pieces: readonly BranchPolyline[], at: LambdaX, w: ImplicitWindow): LambdaX | null {
  const near = nearestOnBranches(pieces, at, w);
  if (!near) return projectOntoBranch(F, at);
  const step = 0.02 * Math.hypot(w.lambdaMax - w.lambdaMin, w.xMax - w.xMin);
  const p = refineOntoCurve(F, near.lambda, near.x, 1e-12, step);
  return p ? { lambda: p.lambda, x: p.x } : nearestVertex(pieces, near);
}

/** The vertex of the pieces nearest to p (vertices lie on F = 0 to rounding). */
function nearestVertex(pieces: readonly BranchPolyline[], p: LambdaX): LambdaX | null {
  let best: LambdaX | null = null;
  let bestD = Infinity;
  for (const b of pieces) {
    b.lambda.forEach((lambda, k) => {
      const d = Math.hypot(lambda - p.lambda, b.x[k] - p.x);
      if (d < bestD) [best, bestD] = [{ lambda, x: b.x[k] }, d];
    });
  }
  return best;
}

/** How far from the BP (window units) the point lands on the next branch. */
const SWITCH_DISTANCE = 0.06;

/**
 * Branch switching by a click on a BP: the pieces ending at the BP in order, the one after the
 * piece the point is on, and the vertex of it about SWITCH_DISTANCE out from the BP. Null when no
 * piece ends there.
 */
export function switchAtBranchPoint(pieces: readonly BranchPolyline[], bp: LambdaX, current: LambdaX, w: ImplicitWindow): LambdaX | null {
  const ends = pieces
    .map((piece) => {
      const n = piece.lambda.length;
      const atStart = windowDistance({ lambda: piece.lambda[0], x: piece.x[0] }, bp, w) <= 1e-6;
      const atEnd = windowDistance({ lambda: piece.lambda[n - 1], x: piece.x[n - 1] }, bp, w) <= 1e-6;
      if (!atStart && !atEnd) return null;
      const order = Array.from({ length: n }, (_, k) => (atStart ? k : n - 1 - k));
      return order.map((k) => ({ lambda: piece.lambda[k], x: piece.x[k] }));
    })
    .filter((run): run is LambdaX[] => run !== null);
  if (ends.length === 0) return null;
  const distanceTo = (run: LambdaX[]) => Math.min(...run.map((p) => windowDistance(p, current, w)));
  const on = ends.reduce((best, run, k) => (distanceTo(run) < distanceTo(ends[best]) ? k : best), 0);
  const next = ends[(on + 1) % ends.length];
  return next.find((p) => windowDistance(p, bp, w) >= SWITCH_DISTANCE) ?? next[next.length - 1];
}

/** The fold curves in the (λ, μ) plane through the diagram's special points at μ, and their cusps. */
export function foldCurvePicture(t: Trivariate, special: readonly SpecialPoint[], mu: number, w: ImplicitWindow, muRange: readonly [number, number]): { curves: BranchPolyline[]; cusps: LambdaX[] } {
  const starts = special.map((p): [number, number, number] => [p.x, p.lambda, mu]);
  const curves = foldCurvesThrough(t, starts, { ...w, muMin: muRange[0], muMax: muRange[1] });
  return {
    curves: curves.map((c) => ({ lambda: c.points.map((p) => p.lambda), x: c.points.map((p) => p.mu), stable: true })),
    cusps: curves.flatMap((c) => c.cusps.map((p) => ({ lambda: p.lambda, x: p.mu }))),
  };
}

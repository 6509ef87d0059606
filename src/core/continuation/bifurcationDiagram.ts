/**
 * The bifurcation diagram of F(x, λ) = 0 as AUTO draws it: branches traced by pseudo-arclength
 * continuation from a start point, their folds (LP) and branch points (BP) located exactly, each
 * point's stability for the chosen dynamics, and at every simple BP the other branch followed from
 * the branching equation's tangent, until the window's edges or a limit on the number of branches.
 */
import type { Expr } from '../expr/ast';
import { projectOntoBranch } from '../implicit/branchContinuation';
import type { ImplicitWindow, LambdaX } from '../implicit/types';
import { traceCurve } from './curveTrace';
import type { TracedCurve, TracedPoint } from './curveTrace';
import { isStable } from './dynamics';
import type { Dynamics } from './dynamics';
import { branchingDirections, implicitSystem, locateBranchPoint, locateFold } from './implicitCurve';

/** A point of a continued branch. `special` marks a located LP or BP inserted into the branch. */
export interface BranchVertex {
  readonly lambda: number;
  readonly x: number;
  readonly stable: boolean;
  readonly arclength: number;
  readonly Fx: number;
  /** |F| at the point. */
  readonly residual: number;
  /** Unit tangent [dx, dλ] along the branch's direction of increasing arclength. */
  readonly tangent: readonly [number, number];
  readonly special?: SpecialType;
}

/** LP: a fold (limit point), BP: a branch point, as AUTO labels them. */
export type SpecialType = 'LP' | 'BP';

/** A located special point and the branch (index into the diagram's branches) it was found on. */
export interface SpecialPoint {
  readonly type: SpecialType;
  readonly lambda: number;
  readonly x: number;
  readonly branch: number;
}

/** One branch: its vertices in order of arclength, and whether it is a closed curve. */
export interface ContinuedBranch {
  readonly points: BranchVertex[];
  readonly closed: boolean;
}

/** The diagram: branches, special points (each once), and the dynamics stability refers to. */
export interface BifurcationDiagram {
  readonly branches: ContinuedBranch[];
  readonly specialPoints: SpecialPoint[];
  readonly dynamics: Dynamics;
}

/** Window, dynamics and limits of a diagram. */
export interface DiagramOptions {
  readonly window: ImplicitWindow;
  readonly dynamics: Dynamics;
  /** Largest continuation step (default a fiftieth of the window's diagonal). */
  readonly maxStep?: number;
  /** Follow other branches out of branch points (default true). */
  readonly switchBranches?: boolean;
  /** At most this many branches (default 8). */
  readonly maxBranches?: number;
}

function windowDiagonal(w: ImplicitWindow): number {
  return Math.hypot(w.lambdaMax - w.lambdaMin, w.xMax - w.xMin);
}

function vertex(p: TracedPoint, dynamics: Dynamics, special?: SpecialType): BranchVertex {
  const Fx = special ? 0 : p.jacobian[0][0];
  const tangent: [number, number] = [p.tangent[0], p.tangent[1]];
  return { lambda: p.u[1], x: p.u[0], stable: isStable(Fx, dynamics, p.u[1]), arclength: p.arclength, Fx, residual: p.residual, tangent, ...(special ? { special } : {}) };
}

/** Locates the special point bracketed by points a and b (test `test` changes sign), or null. */
function locate(F: Expr, a: TracedPoint, b: TracedPoint, test: 0 | 1): LambdaX | null {
  const [ta, tb] = [a.tests[test], b.tests[test]];
  const s = ta / (ta - tb);
  const guess = { x: a.u[0] + s * (b.u[0] - a.u[0]), lambda: a.u[1] + s * (b.u[1] - a.u[1]) };
  const gap = Math.hypot(b.u[0] - a.u[0], b.u[1] - a.u[1]);
  return test === 0 ? locateFold(F, guess, 2 * gap) : locateBranchPoint(F, guess, 2 * gap);
}

/** The traced curve as vertices with its located LP and BP inserted where their tests change sign. */
function withSpecialPoints(F: Expr, curve: TracedCurve, dynamics: Dynamics): BranchVertex[] {
  const vertices: BranchVertex[] = [];
  const byIndex = new Map(curve.events.map((e) => [e.index, e.test] as const));
  curve.points.forEach((p, k) => {
    vertices.push(vertex(p, dynamics));
    const test = byIndex.get(k);
    if (test === undefined || k + 1 >= curve.points.length) return;
    const at = locate(F, p, curve.points[k + 1], test);
    if (!at) return;
    const distance = Math.hypot(at.x - p.u[0], at.lambda - p.u[1]);
    const direction = Math.sign(curve.points[k + 1].arclength - p.arclength) || 1;
    const u = [at.x, at.lambda];
    const residual = Math.abs(implicitSystem(F).evaluate(u).residual[0]);
    const located = { ...p, u, residual, arclength: p.arclength + direction * distance };
    // The stability up to the special point is the previous side's, so its piece ends on it.
    vertices.push({ ...vertex(located, dynamics, test === 0 ? 'LP' : 'BP'), stable: vertices[vertices.length - 1].stable });
  });
  return vertices;
}

/**
 * One branch of F = 0 through (near) `start`, traced both ways to the window's edges (or around a
 * closed curve) with its LP and BP located and inserted; null when the start cannot be corrected.
 */
export function continueBranchFrom(F: Expr, start: LambdaX, options: DiagramOptions, direction?: readonly number[]): ContinuedBranch | null {
  const w = options.window;
  const curve = traceCurve(implicitSystem(F), [start.x, start.lambda], {
    bounds: [
      [w.xMin, w.xMax],
      [w.lambdaMin, w.lambdaMax],
    ],
    maxStep: options.maxStep ?? windowDiagonal(w) / 50,
    ...(direction ? { direction } : {}),
  });
  return curve && { points: withSpecialPoints(F, curve, options.dynamics), closed: curve.closed };
}

/** Whether some branch already passes through the point p along the unit direction d. */
function covered(branches: readonly ContinuedBranch[], p: LambdaX, d: readonly number[], radius: number): boolean {
  return branches.some((b) =>
    b.points.some((v) => Math.hypot(v.x - p.x, v.lambda - p.lambda) <= radius && Math.abs(v.tangent[0] * d[0] + v.tangent[1] * d[1]) > 0.9),
  );
}

/** The special points of a branch, tagged with its index, without those already listed. */
function newSpecialPoints(branch: ContinuedBranch, index: number, known: readonly SpecialPoint[], radius: number): SpecialPoint[] {
  const found: SpecialPoint[] = [];
  for (const v of branch.points) {
    if (!v.special) continue;
    const twin = [...known, ...found].some((q) => q.type === v.special && Math.hypot(q.x - v.x, q.lambda - v.lambda) <= radius);
    if (!twin) found.push({ type: v.special, lambda: v.lambda, x: v.x, branch: index });
  }
  return found;
}

/**
 * The branches through a branch point other than those already in `branches`, each followed from
 * a point one step out along its tangent from the branching equation.
 */
export function switchBranches(F: Expr, bp: LambdaX, branches: readonly ContinuedBranch[], options: DiagramOptions): ContinuedBranch[] {
  const step = options.maxStep ?? windowDiagonal(options.window) / 50;
  const found: ContinuedBranch[] = [];
  for (const d of branchingDirections(F, bp)) {
    if (covered([...branches, ...found], bp, d, 1.5 * step)) continue;
    const start = { x: bp.x + 0.5 * step * d[0], lambda: bp.lambda + 0.5 * step * d[1] };
    const branch = continueBranchFrom(F, start, options, d);
    if (branch) found.push(branch);
  }
  return found;
}

/**
 * The bifurcation diagram from a start point (moved onto F = 0 along x at its λ when Newton in x
 * lands nearby, else along the normal): its branch, then the branches out of every BP found.
 */
export function bifurcationDiagram(F: Expr, start: LambdaX, options: DiagramOptions): BifurcationDiagram | null {
  const projected = projectOntoBranch(F, start);
  const near = projected && Math.abs(projected.x - start.x) <= 0.1 * windowDiagonal(options.window);
  const first = continueBranchFrom(F, near ? projected : start, options);
  if (!first) return null;
  const radius = 1e-6 * windowDiagonal(options.window);
  const branches = [first];
  const specialPoints = newSpecialPoints(first, 0, [], radius);
  const maxBranches = options.maxBranches ?? 8;
  for (let k = 0; k < specialPoints.length && options.switchBranches !== false; k++) {
    const p = specialPoints[k];
    if (p.type !== 'BP') continue;
    for (const branch of switchBranches(F, p, branches, options)) {
      if (branches.length >= maxBranches) break;
      branches.push(branch);
      specialPoints.push(...newSpecialPoints(branch, branches.length - 1, specialPoints, radius));
    }
  }
  return { branches, specialPoints, dynamics: options.dynamics };
}

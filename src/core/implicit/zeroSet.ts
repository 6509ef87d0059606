/**
 * The zero set F(x, λ) = 0 as polylines in the (λ, x) plane: marching squares (d3-contour) on a
 * grid of F, every vertex refined by Newton along ∇F onto the curve in float64, and the curve split
 * where F_x changes sign into stable (F_x > 0 for dx/dt = -F, drawn solid) and unstable pieces.
 */
import { contours } from 'd3-contour';
import type { Expr } from '../expr/ast';
import { evaluateExpr, taylorCoefficients } from '../jet';
import { refineSingular } from './singularPoints';
import type { ImplicitWindow } from './types';

/**
 * Order of a grid of F: 'x-fastest' is the GridField order of the formula F(x, y = λ) over the
 * domain {x: [xMin, xMax], y: [λMin, λMax]}, index = jλ * n + ix (what GridEvaluator gives);
 * 'lambda-fastest' is index = jx * n + iλ (rows of x, as the diagram is drawn).
 */
export type ImplicitGridLayout = 'x-fastest' | 'lambda-fastest';

/** n x n values of F over the window, sample k at min + k (max - min) / (n - 1) on each axis. */
export interface ImplicitGrid {
  readonly values: ArrayLike<number>;
  readonly n: number;
  readonly window: ImplicitWindow;
  /** Default 'x-fastest'. */
  readonly layout?: ImplicitGridLayout;
}

/** One piece of a branch: vertices (λ_k, x_k) on F = 0 and whether it is stable (F_x > 0). */
export interface BranchPolyline {
  readonly lambda: number[];
  readonly x: number[];
  readonly stable: boolean;
}

/** F on an n x n grid over the window in float64 ('x-fastest' unless told), as `zeroSet` reads it. */
export function sampleImplicitGrid(F: Expr, w: ImplicitWindow, n: number, layout: ImplicitGridLayout = 'x-fastest'): Float64Array {
  const values = new Float64Array(n * n);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const [ix, il] = layout === 'x-fastest' ? [col, row] : [row, col];
      const x = w.xMin + (ix * (w.xMax - w.xMin)) / (n - 1);
      const lambda = w.lambdaMin + (il * (w.lambdaMax - w.lambdaMin)) / (n - 1);
      values[row * n + col] = evaluateExpr(F, x, lambda);
    }
  }
  return values;
}

/** A refined vertex with its F_x, or null where Newton did not reach the curve. */
interface CurvePoint {
  readonly lambda: number;
  readonly x: number;
  readonly Fx: number;
}

/**
 * Newton along the gradient, p -= F ∇F / |∇F|², until |F| <= tol·1e-5 or 30 steps; null unless
 * |F| <= tol at the end and the point moved at most maxMove (no jumping to another piece).
 */
export function refineOntoCurve(F: Expr, lambda: number, x: number, tol = 1e-9, maxMove = Infinity): CurvePoint | null {
  let [l, xx] = [lambda, x];
  let c = taylorCoefficients(F, xx, l, 1);
  for (let k = 0; k < 30 && !(Math.abs(c[0]) <= tol * 1e-5); k++) {
    const g2 = c[1] * c[1] + c[2] * c[2];
    if (!(g2 > 0) || !Number.isFinite(g2)) break;
    xx -= (c[0] * c[1]) / g2;
    l -= (c[0] * c[2]) / g2;
    c = taylorCoefficients(F, xx, l, 1);
  }
  if (!(Math.abs(c[0]) <= tol) || !(Math.hypot(l - lambda, xx - x) <= maxMove)) return null;
  return { lambda: l, x: xx, Fx: c[1] };
}

/** The contour rings of F = 0 in (λ, x), each a closed list of points with a flag for "on the grid's border". */
function rawRings(grid: ImplicitGrid): { lambda: number; x: number; border: boolean }[][] {
  const { n, window: w } = grid;
  const values = Array.from(grid.values, (v) => (Number.isFinite(v) ? v : Number.NaN));
  const xFastest = (grid.layout ?? 'x-fastest') === 'x-fastest';
  // d3-contour puts sample k at coordinate k + 0.5 and closes rings along the border (0 or n).
  const toValue = (c: number, min: number, max: number) => min + ((c - 0.5) * (max - min)) / (n - 1);
  const onBorder = (c: number) => c <= 0.25 || c >= n - 0.25;
  const polygons = contours().size([n, n]).contour(values, 0).coordinates;
  return polygons.flat().map((ring) =>
    ring.map(([col, row]) => {
      const [cx, cl] = xFastest ? [col, row] : [row, col];
      return {
        lambda: toValue(cl, w.lambdaMin, w.lambdaMax),
        x: toValue(cx, w.xMin, w.xMax),
        border: onBorder(col) || onBorder(row),
      };
    }),
  );
}

/** Splits a closed ring into the runs of its interior vertices, starting at a border vertex if any. */
function interiorRuns<T extends { border: boolean }>(ring: readonly T[]): T[][] {
  const open = ring.slice(0, -1);
  const first = open.findIndex((p) => p.border);
  if (first < 0) return [ring.slice()];
  const rotated = [...open.slice(first), ...open.slice(0, first)];
  const runs: T[][] = [];
  let run: T[] = [];
  for (const p of rotated) {
    if (p.border) {
      if (run.length > 1) runs.push(run);
      run = [];
    } else run.push(p);
  }
  if (run.length > 1) runs.push(run);
  return runs;
}

/**
 * The zero set of F as stable and unstable polylines in (λ, x): every vertex within tol of F = 0
 * (float64), pieces broken where a vertex cannot be refined (next to a crossing, where ∇F = 0), and
 * each change of sign of F_x marked by a refined vertex shared by the two pieces when it can be found.
 */
export function zeroSet(F: Expr, grid: ImplicitGrid, tol = 1e-9): BranchPolyline[] {
  const { n, window: w } = grid;
  const cell = Math.hypot((w.lambdaMax - w.lambdaMin) / (n - 1), (w.xMax - w.xMin) / (n - 1));
  const out: BranchPolyline[] = [];
  for (const ring of rawRings(grid)) {
    for (const run of interiorRuns(ring)) {
      let piece: CurvePoint[] = [];
      for (const p of run) {
        const q = refineOntoCurve(F, p.lambda, p.x, tol, 2 * cell);
        if (q) {
          const last = piece[piece.length - 1];
          if (!last || last.lambda !== q.lambda || last.x !== q.x) piece.push(q);
        } else {
          splitByStability(F, piece, tol, cell, out);
          piece = [];
        }
      }
      splitByStability(F, piece, tol, cell, out);
    }
  }
  return out;
}

/** Appends the stable and unstable pieces of one refined run (two points or more) to out. */
function splitByStability(F: Expr, run: readonly CurvePoint[], tol: number, cell: number, out: BranchPolyline[]): void {
  if (run.length < 2) return;
  let piece: CurvePoint[] = [run[0]];
  let sign = Math.sign(run[0].Fx);
  const flush = () => {
    if (piece.length > 1 && sign !== 0) out.push({ lambda: piece.map((p) => p.lambda), x: piece.map((p) => p.x), stable: sign > 0 });
  };
  for (let k = 1; k < run.length; k++) {
    const p = run[k];
    const s = Math.sign(p.Fx);
    if (sign === 0) sign = s;
    if (s === 0 || s === sign) {
      piece.push(p);
      continue;
    }
    const prev = run[k - 1];
    const t = prev.Fx / (prev.Fx - p.Fx);
    const [l, x] = [prev.lambda + t * (p.lambda - prev.lambda), prev.x + t * (p.x - prev.x)];
    // The shared vertex is the fold (or crossing) itself where Newton on (F, F_x) finds it nearby.
    const turn = prev.Fx === 0 ? prev : (refineSingular(F, l, x, 2 * cell, tol) ?? refineOntoCurve(F, l, x, tol, cell));
    if (turn && turn !== prev) piece.push(turn);
    flush();
    piece = turn ? [turn, p] : [p];
    sign = s;
  }
  flush();
}

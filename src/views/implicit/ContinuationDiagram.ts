/**
 * The implicit view's bifurcation diagram by continuation: the contoured zero set only seeds it;
 * what is drawn are the branches traced by pseudo-arclength continuation, solid where stable and
 * dashed where unstable for the dynamics stated in the corner, LP and BP labelled as AUTO does, a
 * click on a BP moving the point onto the next branch through it, and, when F has an unfolding
 * parameter μ, a second plot of the fold curve in (λ, μ) (the cusp) with the current μ.
 */
import type { SpecialPoint } from '../../core/continuation/bifurcationDiagram';
import { DYNAMICS_LABEL } from '../../core/continuation/dynamics';
import type { Dynamics } from '../../core/continuation/dynamics';
import type { Expr } from '../../core/expr/ast';
import { gdPointKind } from '../../core/implicit/gdZeroSet';
import type { ImplicitWindow, LambdaX } from '../../core/implicit/types';
import { sampleImplicitGrid, zeroSet, type BranchPolyline } from '../../core/implicit/zeroSet';
import { BifurcationPlot, type BranchCurve } from '../../plots/BifurcationPlot';
import type { ChartTheme } from '../../plots/chartTheme';
import { continuationPicture, foldCurvePicture, snapToContinued, switchAtBranchPoint, type ContinuationPicture, type ViewFormula } from './continuationData';

/** Samples per side of the grid of F whose contour seeds the continuation. */
const GRID_N = 101;
/** μ range of the cusp plot. */
export const MU_RANGE: readonly [number, number] = [-1, 1];

/** Legend texts of the stable and unstable branches for each dynamics. */
const LEGEND: Readonly<Record<Dynamics, readonly [string, string]>> = {
  gradient: ['stable branch (∂F/∂x > 0 for dx/dt = −F)', 'unstable branch (∂F/∂x < 0)'],
  flow: ['stable branch (∂F/∂x < 0 for dx/dt = F)', 'unstable branch (∂F/∂x > 0)'],
  'gd-map': ['stable (|1 − λ ∂F/∂x| < 1: the GD map\'s multiplier)', 'unstable (|1 − λ ∂F/∂x| > 1)'],
};


/** What one frame of the diagram needs from the view. */
export interface DiagramFrame {
  readonly window: ImplicitWindow;
  readonly point: LambdaX;
  readonly sliceLambda: number;
  readonly curves: readonly BranchCurve[];
}

/** The continuation diagram and the cusp plot, with the traced picture they show. */
export class ContinuationDiagram {
  /** The (λ, x) diagram (data-testid="implicit-diagram" on its element). */
  readonly plot: BifurcationPlot;
  /** The (λ, μ) plot's cell (data-testid="cusp"), shown when F uses μ. */
  readonly cuspCell: HTMLElement;
  private readonly cuspPlot: BifurcationPlot;
  private picture: ContinuationPicture = { branches: [], special: [], pieces: [] };
  private contour: BranchPolyline[] = [];
  private dynamics: Dynamics = 'gradient';
  private formula: Expr | null = null;
  private mu = 0;

  /** Builds the diagram in its cell and the cusp cell after it. */
  constructor(diagramCell: HTMLElement, cuspCell: HTMLElement, theme: ChartTheme) {
    this.plot = new BifurcationPlot(diagramCell, theme, { lambda: 'λ', x: 'x', legend: 'branches' });
    this.cuspCell = cuspCell;
    this.cuspCell.hidden = true;
    this.cuspPlot = new BifurcationPlot(cuspCell, theme, { lambda: 'λ', x: 'μ', legend: 'cusp' }, false);
  }

  /** The pieces drawn: the continuation's, or the contour's where continuation found nothing. */
  get pieces(): BranchPolyline[] {
    return this.picture.pieces.length > 0 ? this.picture.pieces : this.contour;
  }

  /** The located LP and BP. */
  get special(): readonly SpecialPoint[] {
    return this.picture.special;
  }

  /** Recomputes the contour seeds, the branches by continuation and (with μ in F) the fold curves. */
  recompute(formula: ViewFormula, point: LambdaX, w: ImplicitWindow, dynamics: Dynamics, mu: number): void {
    const F = formula.expr;
    this.formula = F;
    this.dynamics = dynamics;
    this.mu = mu;
    this.contour = zeroSet(F, { values: sampleImplicitGrid(F, w, GRID_N), n: GRID_N, window: w });
    this.picture = continuationPicture(F, point, this.contour, w, dynamics);
    this.cuspCell.hidden = !formula.usesMu;
    if (formula.usesMu) this.drawCusp(formula, w);
  }

  /** Where a press or drag at (λ, x) puts the point: the next branch at a BP on a press there, else the nearest branch point. */
  target(F: Expr, at: LambdaX, current: LambdaX, w: ImplicitWindow, phase: 'down' | 'move'): LambdaX | null {
    if (phase === 'down') {
      const bp = this.branchPointNear(at);
      const next = bp && switchAtBranchPoint(this.picture.pieces, bp, current, w);
      if (next) return next;
    }
    return snapToContinued(F, this.pieces, at, w);
  }

  /** Draws one frame of the diagram and writes its data attributes (for tests). */
  draw(frame: DiagramFrame): void {
    const w = frame.window;
    const pieces = this.pieces;
    this.plot.update({
      window: w,
      branches: pieces,
      marks: this.picture.special.map((p) => ({ lambda: p.lambda, x: p.x, label: p.type })),
      curves: frame.curves,
      point: frame.point,
      sliceLambda: frame.sliceLambda,
      caption: this.dynamics === 'gd-map' ? 'x ← x − λF: two GD steps at η = λ; solid stable, dashed unstable' : `${DYNAMICS_LABEL[this.dynamics]}: solid stable, dashed unstable`,
      legend: LEGEND[this.dynamics],
    });
    const el = this.plot.element;
    el.dataset.testid = 'implicit-diagram';
    el.dataset.window = [w.lambdaMin, w.lambdaMax, w.xMin, w.xMax].join(',');
    el.dataset.branches = String(pieces.length);
    el.dataset.stable = String(pieces.filter((b) => b.stable).length);
    el.dataset.unstable = String(pieces.filter((b) => !b.stable).length);
    el.dataset.traced = String(this.picture.branches.length);
    el.dataset.special = this.picture.special.map((p) => `${p.type},${p.lambda},${p.x}`).join(';');
    el.dataset.dynamics = this.dynamics;
    if (this.dynamics === 'gd-map' && this.formula) {
      const F = this.formula;
      // Each piece as kind:stable, its kind read at its middle vertex (fixed point iff F(x, 0) = 2f′(x) = 0).
      el.dataset.gdPieces = pieces.map((b) => `${gdPointKind(F, b.x[Math.floor(b.x.length / 2)]) === 'fixed point' ? 'fixed' : 'period2'}:${b.stable ? 'stable' : 'unstable'}`).join(';');
    } else {
      delete el.dataset.gdPieces;
    }
  }

  /** Resizes the cusp plot. */
  resizeCusp(width: number, height: number): void {
    this.cuspPlot.resize(width, height);
  }

  /** Applies a new chart theme. */
  setTheme(theme: ChartTheme): void {
    this.plot.setTheme(theme);
    this.cuspPlot.setTheme(theme);
  }

  /** Removes both plots. */
  dispose(): void {
    this.plot.dispose();
    this.cuspPlot.dispose();
  }

  /** The BP within about a label's ring of the pointer (in canvas pixels), if any. */
  private branchPointNear(at: LambdaX): LambdaX | null {
    const p = this.plot.toCanvas(at.lambda, at.x);
    const radius = 16;
    const bp = this.picture.special.find((s) => {
      if (s.type !== 'BP') return false;
      const q = this.plot.toCanvas(s.lambda, s.x);
      return Math.hypot(q.px - p.px, q.py - p.py) <= radius;
    });
    return bp ? { lambda: bp.lambda, x: bp.x } : null;
  }

  private drawCusp(formula: ViewFormula, w: ImplicitWindow): void {
    const { curves, cusps } = foldCurvePicture(formula.unfolding, this.picture.special, this.mu, w, MU_RANGE);
    this.cuspPlot.update({
      window: { lambdaMin: w.lambdaMin, lambdaMax: w.lambdaMax, xMin: MU_RANGE[0], xMax: MU_RANGE[1] },
      branches: curves,
      marks: cusps.map((c) => ({ lambda: c.lambda, x: c.x, label: 'CP' })),
      curves: [],
      point: null,
      sliceLambda: null,
      level: this.mu,
      caption: `μ = ${Number(this.mu.toPrecision(4))}: the folds of the (λ, x) diagram lie on this curve`,
    });
    const el = this.cuspPlot.element;
    el.dataset.testid = 'implicit-cusp';
    el.dataset.curves = String(curves.length);
    el.dataset.cusps = cusps.map((c) => `${c.lambda},${c.x}`).join(';');
    el.dataset.points = String(curves.reduce((n, c) => n + c.lambda.length, 0));
  }
}

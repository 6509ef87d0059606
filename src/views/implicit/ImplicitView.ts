import './implicit.css';
import type { Expr } from '../../core/expr/ast';
import { formatParseError } from '../../core/expr/parser';
import { gdPointInfo } from '../../core/implicit/gdZeroSet';
import { findSingularPoints, type SingularPoint } from '../../core/implicit/singularPoints';
import { evaluateExpr } from '../../core/jet';
import { ErrorChart } from '../../plots/ErrorChart';
import { SlicePlot } from '../../plots/SlicePlot';
import type { ChartTheme } from '../../plots/chartTheme';
import type { LabState } from '../../state/schema';
import type { Store } from '../../state/Store';
import type { LabPanel } from '../../ui/LabPanel';
import { changedChartTheme, pageChartTheme, watchPageTheme } from '../../app/pageTheme';
import { FrameBatch, StatusLine } from '../viewParts';
import type { LabView } from '../ViewHost';
import { viewSection } from '../../ui/viewSection';
import { ContinuationDiagram } from './ContinuationDiagram';
import { parseViewFormula, resolveDynamics, type ViewFormula } from './continuationData';
import { FamilyPanel } from './FamilyPanel';
import { ImplicitControls, type ImplicitLocalOptions } from './ImplicitControls';
import { ImplicitReadouts } from './ImplicitReadouts';
import { branchChartData, branchModel, branchTaylorCurves, implicitOrders, implicitWindow, sliceData, snapToBranch, type BranchModel } from './implicitData';

type Key = keyof LabState;
const WINDOW: readonly Key[] = ['lamMin', 'lamMax', 'xiMin', 'xiMax'];
const FORMULA_KEYS: readonly Key[] = ['implicitFormula', 'implicitMu'];
const ZERO_KEYS: readonly Key[] = [...FORMULA_KEYS, 'implicitDynamics', 'implicitPreset', ...WINDOW];
const MODEL_KEYS: readonly Key[] = [...FORMULA_KEYS, 'lam0', 'xi0', 'implicitOrders', 'tolerance', ...WINDOW];
const SLICE_KEYS: readonly Key[] = [...FORMULA_KEYS, 'implicitDynamics', 'implicitPreset', 'lamSlider', ...WINDOW];
const WATCHED: ReadonlySet<Key> = new Set<Key>([...ZERO_KEYS, ...MODEL_KEYS, ...SLICE_KEYS, 'theme']);

const cell = (parent: HTMLElement, testid: string, title: string): HTMLElement => viewSection(parent, 'implicit', testid, title);

/**
 * The implicit-function view: the bifurcation diagram of F(x, λ) = 0 traced by continuation, with
 * stable and unstable branches for the stated dynamics and LP/BP labels, a point dragged along a
 * branch with its Taylor polynomials, readouts, the branch's error-vs-step chart, the λ slice, the
 * fold curve in (λ, μ) when F has an unfolding parameter μ, and the family panel. Store changes
 * are coalesced to one redraw per frame that recomputes only what they touch: the diagram for a
 * new F, μ, dynamics or window, the branch model for a new point, the slice for a new λ.
 */
export class ImplicitView implements LabView {
  /** This view's id in the registry. */
  readonly id = 'implicit' as const;
  /** Root element (data-testid="viewImplicit", data-ready="true" once it shows the state). */
  readonly element: HTMLElement;
  private readonly local: ImplicitLocalOptions = { potential: false, family: false };
  private readonly controls: ImplicitControls;
  private readonly status = new StatusLine('implicit-status', 'implicit-status');
  private readonly readouts: ImplicitReadouts;
  private readonly layer: ContinuationDiagram;
  private readonly slice: SlicePlot;
  private readonly errorChart: ErrorChart;
  private readonly errorTitle: HTMLElement;
  private readonly family: FamilyPanel;
  private readonly cells: Record<'diagram' | 'slice' | 'error' | 'cusp', HTMLElement>;
  private formula: ViewFormula | null = null;
  private singular: SingularPoint[] = [];
  private model: BranchModel | null = null;
  private readonly batch: FrameBatch<Key>;
  private theme: ChartTheme;
  private readonly cleanups: (() => void)[] = [];

  /** Builds the view in its container (#viewImplicit) and its folder in the panel; follows the store. */
  constructor(private readonly container: HTMLElement, private readonly store: Store, private readonly panel: LabPanel) {
    this.element = document.createElement('div');
    this.element.className = 'implicit';
    this.element.dataset.testid = 'viewImplicit';
    this.element.dataset.ready = 'false';
    container.append(this.element);
    this.batch = new FrameBatch<Key>(WATCHED, () => Boolean(this.container.hidden), () => this.flush(), () => (this.element.dataset.ready = 'false'));
    this.readouts = new ImplicitReadouts(this.element);
    this.element.prepend(this.status.element);
    const body = document.createElement('div');
    body.className = 'implicit-body';
    this.element.append(body);
    this.theme = pageChartTheme(store.get().theme, this.element);
    this.cells = {
      diagram: cell(body, 'diagram', 'bifurcation diagram of F(x, λ) = 0 by continuation: drag the point along a branch, click a BP to switch branches'),
      slice: cell(body, 'slice', 'the slice at the λ slider: roots of F(·, λ)'),
      error: cell(body, 'error', 'error of the branch polynomials |x(λ₀ + h) − Tₖ(h)| vs step h'),
      cusp: cell(body, 'cusp', 'two parameters: the folds of F(x, λ, μ) = 0 in the (λ, μ) plane (the cusp)'),
    };
    this.errorTitle = this.cells.error.querySelector('h2') as HTMLElement;
    this.layer = new ContinuationDiagram(this.cells.diagram, this.cells.cusp, this.theme);
    this.slice = new SlicePlot(this.cells.slice, this.theme);
    this.errorChart = new ErrorChart(this.cells.error, this.theme);
    this.family = new FamilyPanel(body, this.theme);
    this.controls = new ImplicitControls(panel.root, store, this.local, () => this.onLocal(), (l) => this.snapX(l));
    panel.addViewControls('implicit', [this.controls.folder]);
    this.cleanups.push(
      this.layer.plot.onPointDrag((lambda, x, phase) => this.drag(lambda, x, phase)),
      store.subscribe((s, changed) => this.onChange(s, changed)),
      watchPageTheme(() => this.schedule('theme')),
      this.observeSize(),
    );
    this.setVisible(store.get().mode === 'implicit');
  }

  /** Shows or hides the view and its panel folder (the ViewHost calls this). */
  setVisible(visible: boolean): void {
    this.container.hidden = !visible;
    this.panel.setViewControlsVisible('implicit', visible);
    this.element.dataset.ready = 'false';
    if (!visible) return;
    this.controls.sync(this.store.get());
    this.family.setVisible(this.local.family);
    this.schedule();
  }

  /** Stops following the store and removes the view. */
  dispose(): void {
    this.batch.dispose();
    for (const cleanup of this.cleanups) cleanup();
    this.layer.dispose();
    this.slice.dispose();
    this.errorChart.dispose();
    this.family.dispose();
    this.controls.folder.destroy();
    this.element.remove();
  }

  private onChange(s: Readonly<LabState>, changed: ReadonlySet<Key>): void {
    if (!this.container.hidden) this.controls.sync(s);
    if (this.batch.add(changed, (key) => WATCHED.has(key))) this.schedule();
  }

  private onLocal(): void {
    this.family.setVisible(this.local.family);
    this.schedule('lamSlider');
  }

  private schedule(key?: Key): void {
    this.batch.schedule(key);
  }

  private flush(): void {
    if (this.container.hidden) return;
    const s = this.store.get();
    const changed = this.batch.take();
    const touches = (keys: readonly Key[]) => keys.some((k) => changed.has(k));
    if (changed.has('theme')) this.applyTheme(s);
    if (touches(FORMULA_KEYS) && !this.parse(s)) {
      this.element.dataset.ready = 'true';
      return;
    }
    const F = this.formula?.expr;
    if (!F || !this.formula) return;
    const w = implicitWindow(s);
    if (touches(ZERO_KEYS)) {
      this.layer.recompute(this.formula, { lambda: s.lam0, x: s.xi0 }, w, this.dynamics(s), s.implicitMu);
      this.controls.setMuVisible(this.formula.usesMu);
      this.singular = findSingularPoints(F, w);
      this.readouts.showSingular(this.singular);
      if (touches(FORMULA_KEYS)) this.keepPointOnCurve(F, s);
    }
    if (touches(MODEL_KEYS)) this.updateModel(F, s);
    if (touches(SLICE_KEYS) || changed.has('theme')) this.updateSlice(F, s);
    this.showGd(F, s);
    this.drawDiagram(s);
    this.layout();
    // A change made during this flush (the point moved onto a new F) has already scheduled the next one.
    this.element.dataset.ready = String(this.batch.settled);
  }

  /** Parses F (with μ bound to the state's); a bad formula shows the caret message and keeps the last good drawing. */
  private parse(s: Readonly<LabState>): boolean {
    const result = parseViewFormula(s.implicitFormula, s.implicitMu);
    if (!result.ok) {
      this.controls.showError(formatParseError(s.implicitFormula, result.error));
      return false;
    }
    this.controls.showError(null);
    this.formula = result.value;
    return true;
  }

  private dynamics(s: Readonly<LabState>): ReturnType<typeof resolveDynamics> {
    return resolveDynamics(s.implicitDynamics, s.implicitPreset);
  }

  /**
   * After a new F or μ, a point off the zero set moves onto the nearest traced branch, along ∇F so
   * that it lands even next to a fold, where Newton in x at a fixed λ fails (one more frame).
   */
  private keepPointOnCurve(F: Expr, s: Readonly<LabState>): void {
    if (Math.abs(evaluateExpr(F, s.xi0, s.lam0)) <= 1e-9) return;
    const here = { lambda: s.lam0, x: s.xi0 };
    const p = this.layer.target(F, here, here, implicitWindow(s), 'move');
    if (p && (p.lambda !== s.lam0 || p.x !== s.xi0)) this.store.set({ lam0: p.lambda, xi0: p.x });
  }

  /** The GD-map rows: shown under the map's dynamics, with the flips and the point's orbit. */
  private showGd(F: Expr, s: Readonly<LabState>): void {
    if (this.dynamics(s) !== 'gd-map') {
      this.readouts.showGd(null);
      return;
    }
    const onCurve = Math.abs(evaluateExpr(F, s.xi0, s.lam0)) <= 1e-8;
    this.readouts.showGd({ flips: this.singular, point: onCurve ? gdPointInfo(F, s.lam0, s.xi0) : null });
  }

  private updateModel(F: Expr, s: Readonly<LabState>): void {
    const orders = implicitOrders(s.implicitOrders);
    const w = implicitWindow(s);
    const model = branchModel(F, { lambda: s.lam0, x: s.xi0 }, orders, s.tolerance, 0.5 * (w.lambdaMax - w.lambdaMin));
    this.model = model;
    this.readouts.showPoint(model.series, model.trusted, model.hMax, orders[orders.length - 1]);
    const shown = model.shown;
    if (shown) {
      this.errorChart.update(branchChartData(shown, s.tolerance, s.xi0));
      this.errorTitle.textContent = `error of the branch polynomials |x(λ₀ ${shown.direction > 0 ? '+' : '−'} h) − Tₖ| vs step h (the side that breaks down first)`;
    } else {
      this.errorChart.update({ h: [], errors: [], orders: [], roundoff: [], slopes: [], breakdown: [] });
    }
    this.showStatus(model);
  }

  private showStatus(model: BranchModel): void {
    const { series } = model;
    let text = '';
    if (!Number.isFinite(series.F)) text = 'F is undefined at the point.';
    else if (!series.regular) text = '∂F/∂x = 0 at the point: x(λ) is not a function here, so it has no Taylor polynomial.';
    else if (Math.abs(series.F) > 1e-8) text = 'The point is not on F = 0: drag it onto a branch.';
    this.status.say(text);
  }

  private updateSlice(F: Expr, s: Readonly<LabState>): void {
    const quantity = this.local.potential ? 'V' : 'F';
    const data = sliceData(F, s.lamSlider, implicitWindow(s), quantity, 240, this.dynamics(s));
    this.slice.update({ lambda: s.lamSlider, x: data.x, y: data.y, dots: data.dots, quantity });
    this.readouts.showRoots(data.roots);
  }

  private drawDiagram(s: Readonly<LabState>): void {
    const w = implicitWindow(s);
    const series = this.model?.series;
    const curves = series?.regular ? branchTaylorCurves(series, implicitOrders(s.implicitOrders), w) : [];
    this.layer.draw({ window: w, point: { lambda: s.lam0, x: s.xi0 }, sliceLambda: s.lamSlider, curves });
    this.layer.plot.element.dataset.singular = this.singular.map((p) => `${p.lambda},${p.x}`).join(';');
  }

  /** A press on a BP follows the next branch through it; otherwise the point snaps onto the nearest branch. */
  private drag(lambda: number, x: number, phase: 'down' | 'move'): void {
    const F = this.formula?.expr;
    if (!F) return;
    const s = this.store.get();
    const p = this.layer.target(F, { lambda, x }, { lambda: s.lam0, x: s.xi0 }, implicitWindow(s), phase);
    if (p) this.store.set({ lam0: p.lambda, xi0: p.x });
  }

  /** x on the branch at λ nearest the current point (for a typed λ₀), or x₀ when there is none. */
  private snapX(lambda: number): number {
    const s = this.store.get();
    const F = this.formula?.expr;
    if (!F) return s.xi0;
    return snapToBranch(F, this.layer.pieces, { lambda, x: s.xi0 }, implicitWindow(s))?.x ?? s.xi0;
  }

  private applyTheme(s: Readonly<LabState>): void {
    const theme = changedChartTheme(this.theme, s.theme, this.element);
    if (!theme) return;
    this.theme = theme;
    this.layer.setTheme(theme);
    this.slice.setTheme(theme);
    this.errorChart.setTheme(theme);
    this.family.setTheme(theme);
  }

  /** Sizes the canvases to their cells: the diagram gets about half the view's height. */
  private layout(): void {
    if (this.container.hidden) return;
    const height = this.container.clientHeight || 800;
    const fs = this.theme.fontSize;
    const size = (c: HTMLElement, h: number, apply: (w: number, h: number) => void) => {
      const w = Math.max(240, c.clientWidth);
      const key = `${w}x${h}`;
      if (c.dataset.size === key) return;
      c.dataset.size = key;
      apply(w, h);
    };
    const big = Math.round(Math.min(620, Math.max(16 * fs, 0.5 * height)));
    const small = Math.round(Math.min(420, Math.max(12 * fs, 0.3 * height)));
    size(this.cells.diagram, big, (w, h) => this.layer.plot.resize(w, h));
    size(this.cells.cusp, small, (w, h) => this.layer.resizeCusp(w, h));
    size(this.cells.slice, small, (w, h) => this.slice.resize(w, h));
    size(this.cells.error, small, (w, h) => this.errorChart.resize(w, h));
    size(this.family.element, small, (w, h) => this.family.resize(w, h));
  }

  private observeSize(): () => void {
    if (typeof ResizeObserver === 'undefined') return () => undefined;
    const observer = new ResizeObserver(() => this.layout());
    observer.observe(this.container);
    return () => observer.disconnect();
  }
}

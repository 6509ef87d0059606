import { gapsNotice, pointFaultNotice } from '../core/classify';
import { criticalPointSearch, seedsFromGrid } from '../core/criticalPoints';
import { landscapeDerivatives } from '../core/landscape/Landscape';
import {
  assemblePointModel,
  computePointModel,
  neededOrder,
  sameBreakdownNeeds,
  type BreakdownNeeds,
  type PointModel,
  type PointModelRequest,
} from '../core/landscape/pointModel';
import type { Domain, GridField } from '../core/types';
import { isStaleGrid, type GridEvaluator } from '../compute/GridEvaluator';
import type { GridLandscape } from '../compute/landscape/GridLandscape';
import { BuiltLandscape, type LandscapeProvider } from './landscapeProviders';
import type { LabScene } from '../scene/LabScene';
import { foldNear, foldNotice } from './surfaceFold';
import { type LabState, type LandscapeChoice } from '../state/schema';
import type { Store } from '../state/Store';
import type { Readouts } from '../ui/Readouts';
import type { Notices } from '../ui/Notices';
import type { FormulaInput } from '../ui/FormulaInput';
import type { LabPanel } from '../ui/LabPanel';
import { pointSummary } from '../ui/LiveRegion';

/** The views the controller drives. */
export interface LabViews {
  readonly scene: LabScene;
  readonly readouts: Readouts;
  readonly notices: Notices;
  readonly formula: FormulaInput;
  readonly panel: LabPanel;
  readonly breakdown: PointModelConsumer;
  /** What the 3D view is waiting for (absent: nothing is said). */
  readonly status?: { show(text: string | null): void };
}

/**
 * A view fed by the point model that asks for more than the point (the error chart: its study).
 * needs() is a pure function of the state: LabApp asks it on every change, so the one computation
 * of a change answers it; setPointModel() receives each new model (null: no landscape).
 */
export interface PointModelConsumer {
  needs(state: Readonly<LabState>): BreakdownNeeds | null;
  setPointModel(model: PointModel | null): void;
}

/** Receives the point model after every point, order or landscape change. */
export type PointModelListener = (model: PointModel, landscape: GridLandscape) => void;

const GRID_KEYS: ReadonlySet<keyof LabState> = new Set(['formula', 'landscape', 'xmin', 'xmax', 'ymin', 'ymax', 'n']);
const POINT_KEYS: ReadonlySet<keyof LabState> = new Set(['x', 'y', 'order', 'radius']);
const VIEW_KEYS: ReadonlySet<keyof LabState> = new Set(['colorMode', 'showModel', 'showGradient', 'showAxes', 'showContours', 'showRings', 'tolerance', 'theme', 'radius']);

/** Longest stretch of critical-point search between two chances to draw a frame. */
const SEARCH_SLICE_MS = 12;

/** Step rings at R/32, R/16, ..., R: the step sizes of the error chart's upper decades. */
const RING_COUNT = 6;

function touches(changed: ReadonlySet<keyof LabState>, keys: ReadonlySet<keyof LabState>): boolean {
  for (const k of changed) if (keys.has(k)) return true;
  return false;
}

/**
 * Reacts to state changes and recomputes only what each change invalidates: a new function,
 * domain or N runs the grid pass; a new point or order recomputes the Taylor coefficients at one
 * point (float64 jets, < 1 ms) and rewrites uniforms; view toggles only set uniforms.
 */
export class LabApp {
  private landscape: GridLandscape | null = null;
  private model: PointModel | null = null;
  private readonly pointListeners = new Set<PointModelListener>();
  private gridProgress: ((done: number) => void) | null = null;
  private grid: GridField | null = null;
  private gridRequest = 0;
  private gridBusy = false;
  /** Aborts the grid computed elsewhere (a worker) when a newer request comes. */
  private gridAbort: AbortController | null = null;
  /** True while the critical-point search of the newest grid is still running. */
  private searching = false;
  private searchId = 0;
  /** Cancels the point model computed elsewhere when a newer point comes. */
  private pointAbort: AbortController | null = null;
  /** What the newest point model answers (computed, or in flight elsewhere); null: nothing asked yet. */
  private issued: { landscape: GridLandscape; x: number; y: number; request: PointModelRequest } | null = null;
  /** Cancels a search running elsewhere when a newer grid comes. */
  private searchAbort: AbortController | null = null;
  /** Duration of the last grid pass in ms (for the benchmark and the page). */
  lastGridMs = 0;

  /**
   * Wires the controller to the store and to one provider per landscape kind (it builds none
   * itself); call start() to run the first pass.
   */
  constructor(
    private readonly store: Store,
    private readonly evaluator: GridEvaluator,
    private readonly views: LabViews,
    private readonly providers: Readonly<Record<LandscapeChoice, LandscapeProvider>>,
  ) {
    store.subscribe((state, changed) => this.onChange(state, changed));
    for (const [choice, provider] of Object.entries(providers) as [LandscapeChoice, LandscapeProvider][]) {
      provider.onChange(() => this.onProviderChange(choice));
    }
  }

  /** Runs the first parse, grid pass and point update. */
  async start(): Promise<void> {
    const s = this.store.get();
    this.applyView(s);
    await this.refreshGrid(s);
  }

  /** True when no grid pass or critical-point search is in flight and a grid has completed (used by tests). */
  idle(): boolean {
    return !this.gridBusy && !this.searching && this.grid !== null;
  }

  /** The landscape on screen (null before the first pass). */
  get currentLandscape(): GridLandscape | null {
    return this.landscape;
  }

  /**
   * Hands a landscape built outside the app (a trained network's slice) to the provider of its
   * kind; when the state shows that kind it replaces the one on screen (one grid pass). Null removes it.
   */
  setExternalLandscape(choice: LandscapeChoice, landscape: GridLandscape | null): void {
    this.built(choice).set(landscape);
  }

  /**
   * Says what a landscape kind that is not built yet is waiting for ("Training the network:
   * step 40 of 300"). While the state shows that kind, the 3D view shows this text instead of
   * any other landscape's surface.
   */
  setWaiting(choice: LandscapeChoice, text: string): void {
    this.built(choice).setWaiting(text);
  }

  private built(choice: LandscapeChoice): BuiltLandscape {
    const provider = this.providers[choice];
    if (!(provider instanceof BuiltLandscape)) throw new Error(`the '${choice}' landscape is not built outside the app`);
    return provider;
  }

  /** A provider offers something new: redraw when the state shows its kind (a waiting text alone only updates the status). */
  private onProviderChange(choice: LandscapeChoice): void {
    const state = this.store.get();
    if (state.landscape !== choice) return;
    const offer = this.providers[choice].offer(state, this.grid !== null);
    if ('waiting' in offer && this.landscape === null) this.views.status?.show(offer.waiting);
    else void this.refreshGrid(state);
  }

  /** Called with the share of the grid pass done (0..1), for a progress bar; null stops. */
  onGridProgress(listener: ((done: number) => void) | null): void {
    this.gridProgress = listener;
  }

  /** The grid on screen (null before the first pass): f, gradient and Hessian at every node. */
  get currentGrid(): GridField | null {
    return this.grid;
  }

  /** The newest point model (null before the first pass). */
  get pointModel(): PointModel | null {
    return this.model;
  }

  /** Calls the listener with every new point model (and now, if there is one); returns an unsubscribe. */
  onPointModel(listener: PointModelListener): () => void {
    this.pointListeners.add(listener);
    if (this.model && this.landscape) listener(this.model, this.landscape);
    return () => this.pointListeners.delete(listener);
  }

  private onChange(state: Readonly<LabState>, changed: ReadonlySet<keyof LabState>): void {
    if (touches(changed, VIEW_KEYS)) this.applyView(state);
    if (touches(changed, GRID_KEYS)) void this.refreshGrid(state);
    else if (touches(changed, POINT_KEYS) || this.studyOutdated(state)) this.refreshPoint(state);
  }

  /** True when the chart asks for a study the newest point model does not carry (direction, tolerance, shown again…). */
  private studyOutdated(state: Readonly<LabState>): boolean {
    const needs = this.views.breakdown.needs(state);
    return needs !== null && !sameBreakdownNeeds(needs, this.issued?.request.breakdown);
  }

  /** Asks the provider of the state's landscape kind what to show, and shows it. */
  private async refreshGrid(state: Readonly<LabState>): Promise<void> {
    const offer = this.providers[state.landscape].offer(state, this.grid !== null);
    if ('keep' in offer) return;
    if ('waiting' in offer) this.showWaiting(offer.waiting);
    else await this.showLandscape(offer.landscape, state);
  }

  /**
   * Not built yet (a network still training): no other landscape's surface stays on screen under
   * this one's name; the view says what it waits for, and the grid in flight is dropped.
   */
  private showWaiting(text: string): void {
    ++this.gridRequest;
    this.gridAbort?.abort();
    this.gridBusy = false;
    this.grid = null;
    this.landscape = null;
    this.model = null;
    this.issued = null;
    this.pointAbort?.abort();
    this.views.scene.clearGrid();
    this.views.breakdown.setPointModel(null);
    this.views.status?.show(text);
  }

  /** Runs the grid pass of a landscape and, when it is still the newest request, puts it on screen. */
  private async showLandscape(landscape: GridLandscape, state: Readonly<LabState>): Promise<void> {
    const domain: Domain = { xmin: state.xmin, xmax: state.xmax, ymin: state.ymin, ymax: state.ymax };
    const request = ++this.gridRequest;
    this.gridAbort?.abort();
    this.gridBusy = true;
    try {
      const t0 = performance.now();
      if (landscape.computeGrid) {
        const abort = new AbortController();
        this.gridAbort = abort;
        if (this.landscape !== landscape) this.views.status?.show(`Computing the ${state.n} × ${state.n} grid…`);
        await landscape.computeGrid(domain, state.n, (grid, final) => {
          if (request !== this.gridRequest) return;
          if (final) this.lastGridMs = performance.now() - t0;
          this.applyGrid(landscape, grid, final);
          this.gridProgress?.(final ? 1 : (grid.n / state.n) ** 2);
        }, abort.signal);
        return;
      }
      const result = await this.evaluator.evaluate(landscape, domain, state.n, { onProgress: (done) => this.gridProgress?.(done) });
      if (request !== this.gridRequest || isStaleGrid(result)) return; // a newer request owns the view
      this.lastGridMs = performance.now() - t0;
      this.applyGrid(landscape, result, true);
    } catch (error) {
      if ((error as Error).name === 'AbortError' || request !== this.gridRequest) return;
      this.views.status?.show(null);
      this.views.notices.show('grid', `The grid pass failed (${String(error)}); the last good surface stays.`, 'error');
    } finally {
      if (request === this.gridRequest) this.gridBusy = false;
    }
  }

  /** Puts one grid (a coarse level, or the final one) of the newest landscape on screen. */
  private applyGrid(landscape: GridLandscape, grid: GridField, final: boolean): void {
    this.grid = grid;
    this.landscape = landscape;
    this.views.scene.setGrid(grid);
    this.reportGaps(grid);
    this.views.notices.show('grid', '');
    this.views.status?.show(final ? null : `Coarse ${grid.n} × ${grid.n} preview; the full ${this.store.get().n} × ${this.store.get().n} grid is computing…`);
    // A finer level of the same landscape leaves the point model as it is: not asked again.
    this.refreshPoint(this.store.get(), true);
    if (final) this.refreshCriticalPoints(landscape, grid);
  }

  private reportGaps(grid: GridField): void {
    // Overflow (exp(exp(exp(x)))) and undefined (log of a negative) are named apart.
    this.views.notices.show('gaps', gapsNotice(grid.f));
  }

  /**
   * Runs the critical-point search in slices of at most SEARCH_SLICE_MS between frames, so a
   * costly landscape (a network's jets) never blocks drawing; a newer grid cancels it.
   */
  private refreshCriticalPoints(landscape: GridLandscape, grid: GridField): void {
    const request = this.gridRequest;
    const id = ++this.searchId;
    this.searchAbort?.abort();
    if (landscape.findCriticalPoints) {
      this.searchElsewhere(landscape.findCriticalPoints, grid, () => id === this.searchId && request === this.gridRequest);
      return;
    }
    const search = criticalPointSearch((x, y) => landscapeDerivatives(landscape, x, y), grid.domain, seedsFromGrid(grid));
    this.searching = true;
    const slice = (): void => {
      if (id !== this.searchId || request !== this.gridRequest) {
        // Stale: a newer grid runs (or will run) its own search; a failed newer pass runs none.
        if (id === this.searchId) this.searching = false;
        return;
      }
      const until = performance.now() + SEARCH_SLICE_MS;
      for (;;) {
        const step = search.next();
        if (step.done) {
          this.searching = false;
          this.showCriticalPoints(step.value.map((c) => ({ x: c.x, y: c.y, cls: c.cls, f: c.derivs.f })));
          return;
        }
        if (performance.now() > until) break;
      }
      setTimeout(slice, 0);
    };
    setTimeout(slice, 0);
  }

  /**
   * The search's answer: listed in the panel and drawn on the surface; when the landscape is a
   * member of a known family near one of its folds, the fold is ringed and named (issue 19 item 5).
   */
  private showCriticalPoints(points: ReadonlyArray<{ x: number; y: number; cls: string; f?: number }>): void {
    this.views.panel.setCriticalPoints(points.map(({ x, y, cls }) => ({ x, y, cls })));
    const state = this.store.get();
    const fold = state.landscape === 'formula' && this.grid ? foldNear(state.formula, this.grid.domain) : null;
    // Optional call: the unit tests' fake scenes predate the markers.
    this.views.scene.setCriticalPoints(points, fold);
    this.views.notices.show('fold', fold ? foldNotice(fold) : '');
  }

  /** The search on the compute side: the newest grid's answer goes to the panel, a stale one nowhere. */
  private searchElsewhere(find: NonNullable<GridLandscape['findCriticalPoints']>, grid: GridField, current: () => boolean): void {
    const abort = new AbortController();
    this.searchAbort = abort;
    this.searching = true;
    find(grid.domain, seedsFromGrid(grid), abort.signal).then(
      (points) => {
        if (!current()) return;
        this.searching = false;
        this.showCriticalPoints(points);
      },
      () => {
        if (current()) this.searching = false;
      },
    );
  }

  /**
   * One point model per change, answering every consumer at once: the order the surface shows and,
   * when the chart is shown, its study. unlessSame: nothing is computed when the newest model
   * (or the one in flight) already answers this landscape, point and request.
   */
  private refreshPoint(state: Readonly<LabState>, unlessSame = false): void {
    const landscape = this.landscape;
    if (!landscape || !this.grid) return;
    const needs = this.views.breakdown.needs(state);
    const request: PointModelRequest = needs ? { order: state.order, breakdown: needs } : { order: state.order };
    const { x, y } = state;
    const last = this.issued;
    if (unlessSame && last && last.landscape === landscape && last.x === x && last.y === y && last.request.order === request.order && sameBreakdownNeeds(last.request.breakdown, request.breakdown)) return;
    this.issued = { landscape, x, y, request };
    if (landscape.remotePoint) {
      this.refreshPointElsewhere(landscape, landscape.remotePoint, x, y, request);
      return;
    }
    this.deliver(landscape, computePointModel(landscape, x, y, request, pointSummary), state);
  }

  /**
   * The point model from the compute side (a big network): its coefficients and, when the chart
   * asks, its study, both on one abort signal. The newest request wins: a newer change aborts the
   * one in flight, whose answer is never delivered; the model on screen stays until the answer comes.
   */
  private refreshPointElsewhere(landscape: GridLandscape, remote: NonNullable<GridLandscape['remotePoint']>, x: number, y: number, request: PointModelRequest): void {
    this.pointAbort?.abort();
    const abort = new AbortController();
    this.pointAbort = abort;
    const studyRequest = request.breakdown ? { ...request.breakdown, x0: x, y0: y } : null;
    const study = studyRequest
      ? remote.breakdown(studyRequest, abort.signal).then(
          ({ study: result }) => ({ result, request: studyRequest }),
          (error: Error) => {
            if (error.name === 'AbortError') throw error;
            return undefined; // the model comes without a study; the chart keeps its last one
          },
        )
      : undefined;
    Promise.all([remote.coefficients(x, y, neededOrder(request.order), abort.signal), study]).then(
      ([coeffs, answered]) => {
        if (abort.signal.aborted || landscape !== this.landscape) return;
        this.deliver(landscape, assemblePointModel(x, y, request.order, coeffs, pointSummary, answered), this.store.get());
      },
      (error: Error) => {
        if (error.name === 'AbortError' || abort.signal.aborted) return;
        if (this.pointAbort === abort) this.issued = null;
        this.views.notices.show('point', `The point's Taylor model failed (${error.message}).`, 'error');
      },
    );
  }

  /** Puts one point model on screen and hands it to every listener, once each. */
  private deliver(landscape: GridLandscape, model: PointModel, state: Readonly<LabState>): void {
    this.model = model;
    this.views.readouts.update(model);
    this.views.notices.show('point', pointFaultNotice(model.derivs.f), 'error');
    this.views.scene.setPoint({ ...model, order: state.order, radius: state.radius });
    this.views.breakdown.setPointModel(model);
    for (const listener of this.pointListeners) listener(model, landscape);
  }

  private applyView(state: Readonly<LabState>): void {
    document.documentElement.dataset.theme = state.theme;
    const scene = this.views.scene;
    scene.setColorMode(state.colorMode);
    scene.setErrorTolerance(state.tolerance);
    scene.setVisibility({
      model: state.showModel,
      gradient: state.showGradient,
      axes: state.showAxes,
      contours: state.showContours,
      rings: state.showRings,
    });
    scene.setRings(state.radius / 2 ** (RING_COUNT - 1), RING_COUNT);
    scene.setTheme(state.theme);
  }
}

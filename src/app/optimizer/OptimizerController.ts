/**
 * Follows the state's runs (`runs`, `runStart`, `runSteps`, `showRuns`) and the app's landscape:
 * a new spec, start or landscape reruns every run from its start (core runOptimizer, no grid
 * pass); a step only picks the next iterate of the runs already computed and redraws, which costs
 * less than a point update. Renders into the 3D paths, the convergence chart and the sidebar.
 */
import { formatNumber } from '../../core/optimizers/localModels';
import { parseRunSpecs, parseRunStart, type RunSpec } from '../../core/optimizers/runSpecs';
import type { Iterate } from '../../core/optimizers/types';
import type { Domain } from '../../core/types';
import type { GridLandscape } from '../../compute/landscape/GridLandscape';
import type { ConvergenceChart, ConvergenceSeries } from '../../plots/ConvergenceChart';
import type { IterateModelData } from '../../scene/IterateModel';
import type { OptimizerPaths, PathRunData } from '../../scene/OptimizerPaths';
import type { LabState } from '../../state/schema';
import type { Store } from '../../state/Store';
import type { OptimizerPanel } from '../../ui/OptimizerPanel';
import type { RunReadout } from '../../ui/OptimizerReadouts';
import { lrMarks1D } from './runs1d';
import { computeRuns, SAMPLES_PER_STEP, shownIndex, TABLE_TOLERANCES, type ComputedRun, type ComputedRuns } from './computeRuns';
import { viewShows } from '../../state/views';

/** What the controller needs from the app: the landscape on screen and its point-model events. */
export interface LandscapeSource {
  readonly currentLandscape: GridLandscape | null;
  onPointModel(listener: (model: unknown, landscape: GridLandscape) => void): () => void;
}

/** Where the runs' paths are drawn on the surface (the scene's OptimizerPaths; nothing without a 3D view). */
export interface PathsTarget {
  visible: boolean;
  update(runs: Parameters<OptimizerPaths['update']>[0]): void;
}

/** The views the controller renders into. */
export interface OptimizerViews {
  readonly paths: PathsTarget;
  readonly panel: OptimizerPanel;
  readonly chart: ConvergenceChart;
  requestRender(): void;
}

/** Milliseconds between steps while playing. */
export const PLAY_INTERVAL_MS = 350;
const RUN_KEYS: readonly (keyof LabState)[] = ['runs', 'runStart', 'xmin', 'xmax', 'ymin', 'ymax'];
/** What the 1D view's η marks read: f(x) and where its runs start. */
const MARK_KEYS_1D: readonly (keyof LabState)[] = ['formula1d', 'x1d'];

/** The app-side owner of the optimizer runs. */
export class OptimizerController {
  private specs: readonly RunSpec[] = [];
  private computed: ComputedRuns | null = null;
  private landscape: GridLandscape | null = null;
  private error = '';
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly viewSteps = new Map<string, () => number>();
  /** How many times the runs were recomputed from their start (tests: a step must not). */
  recomputes = 0;

  /** Subscribes to the store and the app's landscape. */
  constructor(private readonly store: Store, app: LandscapeSource, private readonly views: OptimizerViews) {
    store.subscribe((_s, changed) => this.onChange(changed));
    app.onPointModel((_model, landscape) => {
      const s = this.store.get();
      const followsPoint = s.runStart.trim() === '' && this.computed !== null && (this.computed.start[0] !== s.x || this.computed.start[1] !== s.y);
      if (landscape !== this.landscape || followsPoint) {
        this.landscape = landscape;
        this.recompute();
      }
    });
  }

  /** The runs as computed now (null before the first landscape or without runs). */
  get runs(): ComputedRuns | null {
    return this.computed;
  }

  /**
   * Lets another view that draws the same runs its own way (the 1D curve) say how many steps they
   * take there, so N and B stop at its last step while it is shown.
   */
  setViewSteps(mode: LabState['mode'], lastStep: () => number): void {
    this.viewSteps.set(mode, lastStep);
  }

  /** One more step for every run that has not stopped. */
  step(): void {
    const s = this.store.get();
    const last = this.lastStep();
    if (s.runSteps < last) this.store.set({ runSteps: s.runSteps + 1 });
    else this.pause();
  }

  /** Plays (a step every PLAY_INTERVAL_MS until every run has stopped) or pauses. */
  togglePlay(): void {
    if (this.timer !== undefined) {
      this.pause();
      return;
    }
    if (this.store.get().runSteps >= this.lastStep()) this.store.set({ runSteps: 0 });
    this.timer = setInterval(() => this.step(), PLAY_INTERVAL_MS);
    this.views.panel.setPlaying(true);
  }

  /** Back to step 0 (and paused). */
  reset(): void {
    this.pause();
    this.store.set({ runSteps: 0 });
  }

  /** Stops the play timer. */
  dispose(): void {
    this.pause();
  }

  private pause(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.views.panel.setPlaying(false);
  }

  /** The largest step any run reaches. */
  private lastStep(): number {
    const other = this.viewSteps.get(this.store.get().mode);
    if (other) return other();
    return Math.max(0, ...(this.computed?.runs.map((r) => r.run.steps) ?? []));
  }

  private onChange(changed: ReadonlySet<keyof LabState>): void {
    if (RUN_KEYS.some((k) => changed.has(k))) this.recompute();
    else if (changed.has('runSteps') || changed.has('showRuns') || changed.has('mode')) this.render();
    else if (viewShows(this.store.get().mode, 'curve') && MARK_KEYS_1D.some((k) => changed.has(k))) this.render();
  }

  private recompute(): void {
    const s = this.store.get();
    const parsed = parseRunSpecs(s.runs);
    const start = parseRunStart(s.runStart);
    // A bad text keeps the last good runs on screen and says what is wrong.
    if (parsed.ok) this.specs = parsed.specs;
    this.error = [parsed.ok ? '' : `Runs: ${parsed.message}`, start.ok ? '' : `Start: ${start.message}`].filter((m) => m !== '').join(' · ');
    const landscape = this.landscape;
    const from = start.ok && start.start !== null ? start.start : ([s.x, s.y] as const);
    const domain: Domain = { xmin: s.xmin, xmax: s.xmax, ymin: s.ymin, ymax: s.ymax };
    this.computed = landscape && this.specs.length > 0 ? computeRuns(landscape, this.specs, from, domain) : null;
    this.recomputes++;
    this.render();
  }

  private render(): void {
    const s = this.store.get();
    const c = this.computed;
    const visible = s.showRuns && viewShows(s.mode, 'landscape') && (c !== null || this.error !== '');
    this.views.panel.readouts.setVisible(visible);
    const domain = { xmin: s.xmin, xmax: s.xmax, ymin: s.ymin, ymax: s.ymax };
    const runs = visible && c ? c.runs : [];
    this.views.paths.visible = visible;
    this.views.paths.update(runs.map((r) => pathData(r, shownIndex(r.run, s.runSteps), domain)));
    this.views.chart.update({ series: runs.map(chartSeries), current: s.runSteps });
    // The 1D exercise runs on f(x), not on the 2D function behind the hidden surface.
    const marks1D = viewShows(s.mode, 'curve') ? lrMarks1D(s.formula1d, s.runStart, s.x1d) : null;
    this.views.panel.setLrMarks(viewShows(s.mode, 'curve') ? marks1D : c ? { inverse: c.startMarks.inverse, limit: c.startMarks.stabilityLimit } : null);
    this.views.panel.readouts.render({
      error: this.error,
      runs: runs.map((r) => readout(r, shownIndex(r.run, s.runSteps))),
      tolerances: TABLE_TOLERANCES,
      startAt: c ? `at the start (${formatNumber(c.start[0])}, ${formatNumber(c.start[1])})` : '',
      startMarks: c ? { inverse: c.startMarks.inverse, limit: c.startMarks.stabilityLimit } : null,
      minimumAt: c?.minimum ? `at the minimum (${formatNumber(c.minimum.x)}, ${formatNumber(c.minimum.y)})` : '',
      minimumMarks: c?.minimum ? { inverse: c.minimum.marks.inverse, limit: c.minimum.marks.stabilityLimit } : null,
    });
    this.views.requestRender();
  }
}

/** The scene's data of one run at its shown iterate. */
function pathData(r: ComputedRun, shown: number, domain: Domain): PathRunData {
  return { color: r.color, path: r.path, samplesPerStep: SAMPLES_PER_STEP, iterates: r.iterates, shown, model: modelData(r.run.iterates[shown], domain) };
}

/** The local model at an iterate, as the scene draws it: GD's plane and step, Newton's quadratic and its stationary point. */
export function modelData(it: Iterate, domain: Domain): IterateModelData {
  const span = Math.max(domain.xmax - domain.xmin, domain.ymax - domain.ymin);
  const m = it.model;
  const quadratic = m.kind === 'quadratic';
  let target: [number, number, number] | null = null;
  if (m.kind === 'quadratic') {
    if (m.stationary) target = [m.stationary[0], m.stationary[1], m.stationaryValue];
  } else if (it.step) {
    target = [it.x + it.step[0], it.y + it.step[1], it.f + it.gx * it.step[0] + it.gy * it.step[1]];
  }
  const reach = target ? Math.max(Math.abs(target[0] - it.x), Math.abs(target[1] - it.y)) : 0;
  const halfWidth = Math.min(0.35 * span, Math.max(0.06 * span, 1.2 * reach));
  return {
    x: it.x,
    y: it.y,
    f: it.f,
    gx: it.gx,
    gy: it.gy,
    hxx: quadratic ? it.hxx : 0,
    hxy: quadratic ? it.hxy : 0,
    hyy: quadratic ? it.hyy : 0,
    target,
    halfWidth,
  };
}

/** The sidebar's lines for one run at its shown iterate. */
function readout(r: ComputedRun, shown: number): RunReadout {
  const it = r.run.iterates[shown];
  const done = shown === r.run.steps;
  const measured = Number.isFinite(r.measured) ? (r.predicted.kind === 'quadratic' ? `; measured order ≈ ${formatNumber(r.measured)}` : `; measured × ${formatNumber(r.measured)} per step`) : '';
  return {
    index: r.index,
    color: r.color,
    label: r.label,
    method: r.spec.method,
    k: shown,
    steps: r.run.steps,
    x: it.x,
    y: it.y,
    f: it.f,
    gradNorm: it.gradNorm,
    model: it.model.kind === 'quadratic' ? it.model.description : '',
    stop: done ? r.run.stop.message : '',
    stopReason: r.run.stop.reason,
    divergence: r.divergence ?? '',
    rate: `predicted ${r.predicted.text} ${r.predictedAt}${measured}`,
    toTolerance: r.toTolerance,
  };
}

/** |∇f| per iterate and the predicted linear rate's line through the tail's last point. */
function chartSeries(r: ComputedRun): ConvergenceSeries {
  const values = r.gradNorms;
  let predicted: (number | null)[] | null = null;
  if (r.predicted.kind === 'linear' && r.predicted.rate > 0) {
    const rate = r.predicted.rate;
    let end = values.findIndex((v) => !(v > values[0] * 1e-12) || !Number.isFinite(v) || v > 1e30);
    end = (end < 0 ? values.length : end) - 1;
    const from = Math.floor(end / 2);
    predicted = values.map((_, k) => (k >= from && k <= end ? values[end] * rate ** (k - end) : null));
  }
  return { index: r.index, color: r.color, label: r.label, values, predicted };
}

import './oneDMode.css';
import type { BreakdownRequest, BreakdownResult } from '../core/breakdownAnalysis';
import { sameBreakdownNeeds, type BreakdownNeeds, type PointModel } from '../core/landscape/pointModel';
import { MAX_ORDER_2D } from '../core/taylorLayout';
import { ErrorChart } from '../plots/ErrorChart';
import type { ChartTheme } from '../plots/chartTheme';
import { DIRECTIONS, PRECISIONS, type Direction, type LabState, type PrecisionName } from '../state/schema';
import type { Store } from '../state/Store';
import { absoluteTolerance } from './oneDData';
import { pageChartTheme, sameChartTheme, watchPageTheme } from './pageTheme';
import { viewShows } from '../state/views';

type Key = keyof LabState;
/** The keys the chart's study depends on: a change makes the chart wait for the point model that answers it. */
const STUDY_KEYS: ReadonlySet<Key> = new Set(['x', 'y', 'radius', 'tolerance', 'direction', 'angle', 'precision', 'order']);
const DIRECTION_LABELS: Record<Direction, string> = { gradient: 'gradient', eigen1: 'eigenvector 1', eigen2: 'eigenvector 2', angle: 'angle' };
const PRECISION_LABELS: Record<PrecisionName, string> = { float64: 'float64', float32: 'float32 (GPU)' };

/**
 * Highest order the 2D chart shows: every order up to the one on the surface, at least 2 so that
 * the lesson's constant / linear / quadratic comparison is always there. Tying it to state.order
 * keeps a 240 px sidebar chart readable (orders above the surface's add lines nobody asked for) and
 * makes the order slider change chart and surface together.
 */
export function chartMaxOrder(order: number): number {
  return Math.min(MAX_ORDER_2D, Math.max(2, Math.round(order)));
}

function select<T extends string>(testid: string, values: readonly T[], labels: Record<T, string>): HTMLSelectElement {
  const el = document.createElement('select');
  el.className = 'breakdown-select';
  el.dataset.testid = testid;
  for (const v of values) el.append(new Option(labels[v], v));
  return el;
}

function field(text: string, control: HTMLElement): HTMLLabelElement {
  const label = document.createElement('label');
  label.className = 'oned-field';
  const span = document.createElement('span');
  span.className = 'oned-label';
  span.textContent = text;
  label.append(span, control);
  return label;
}

/** True when the 2D chart is shown: a view that shows a landscape, with showChart on. */
function chartShown(s: Readonly<LabState>): boolean {
  return viewShows(s.mode, 'landscape') && s.showChart;
}

/**
 * What the chart asks of the point model in this state: its study (direction, orders, step range,
 * tolerance, precision), or null when it is hidden. A pure function of the state, so LabApp folds it
 * into the one point model of each change.
 */
export function chartNeeds(s: Readonly<LabState>): BreakdownNeeds | null {
  if (!chartShown(s)) return null;
  return { direction: s.direction, angleDeg: s.angle, maxOrder: chartMaxOrder(s.order), radius: s.radius, tolerance: s.tolerance, precision: s.precision };
}

/**
 * The 2D error-vs-step chart in the sidebar: |f - T_k| along a chosen direction from the point for
 * every order 0..chartMaxOrder(order), with direction and precision controls. Hidden in 1D mode or
 * when showChart is off. It evaluates nothing itself: it says what it needs (chartNeeds) and draws
 * the study the point model carries (LabApp delivers it), at most once per animation frame.
 */
export class BreakdownPanel {
  /** Root element inside the container (data-testid="breakdown"). */
  readonly element: HTMLElement;
  private readonly direction = select('direction', DIRECTIONS, DIRECTION_LABELS);
  private readonly angle = document.createElement('input');
  private readonly angleField: HTMLElement;
  private readonly precision = select('precision', PRECISIONS, PRECISION_LABELS);
  private readonly caption = document.createElement('div');
  private readonly chartBox = document.createElement('div');
  private readonly chart: ErrorChart;
  /** The newest point model (null: no landscape on screen). */
  private model: PointModel | null = null;
  private frame = 0;
  private theme: ChartTheme;
  private readonly cleanups: (() => void)[] = [];

  /** Builds the panel in the container (#chart-section) and follows the store. */
  constructor(private readonly container: HTMLElement, private readonly store: Store) {
    this.element = document.createElement('div');
    this.element.className = 'breakdown-panel';
    this.element.dataset.testid = 'breakdown';
    this.element.dataset.ready = 'false';
    const title = document.createElement('h2');
    title.className = 'breakdown-title';
    title.textContent = 'Error vs step h';
    this.angle.type = 'number';
    this.angle.step = 'any';
    this.angle.className = 'breakdown-input';
    this.angle.dataset.testid = 'angle';
    this.angleField = field('°', this.angle);
    const controls = document.createElement('div');
    controls.className = 'breakdown-controls';
    controls.append(field('along', this.direction), this.angleField, field('in', this.precision));
    this.caption.className = 'breakdown-caption';
    this.caption.dataset.readout = 'breakdown-direction';
    this.chartBox.className = 'breakdown-chart';
    this.chartBox.dataset.testid = 'breakdown-chart';
    this.element.append(title, controls, this.chartBox, this.caption);
    container.append(this.element);
    this.theme = pageChartTheme(store.get().theme, this.element);
    this.chart = new ErrorChart(this.chartBox, { ...this.theme, height: this.chartHeight() });
    this.bindControls();
    this.cleanups.push(
      store.subscribe((s, changed) => this.onChange(s, changed)),
      watchPageTheme(() => this.schedule()),
      this.observeSize(),
    );
    this.syncControls(store.get());
    this.applyVisibility(store.get());
  }

  /** What the chart needs of the point model in this state (null while hidden). */
  needs(s: Readonly<LabState>): BreakdownNeeds | null {
    return chartNeeds(s);
  }

  /** Receives each new point model (null: no landscape; the chart is cleared) and draws it on the next frame. */
  setPointModel(model: PointModel | null): void {
    this.model = model;
    this.schedule();
  }

  /** True when the panel is shown and its chart matches the current state and landscape. */
  get ready(): boolean {
    return this.element.dataset.ready === 'true';
  }

  /** Stops following the store and removes the panel. */
  dispose(): void {
    cancelAnimationFrame(this.frame);
    for (const cleanup of this.cleanups) cleanup();
    this.chart.dispose();
    this.element.remove();
  }

  private bindControls(): void {
    this.direction.addEventListener('change', () => this.store.set({ direction: this.direction.value as Direction }));
    this.precision.addEventListener('change', () => this.store.set({ precision: this.precision.value as PrecisionName }));
    const commitAngle = () => {
      const value = Number(this.angle.value);
      if (this.angle.value.trim() !== '' && Number.isFinite(value)) this.store.set({ angle: Math.max(-360, Math.min(360, value)) });
      else this.angle.value = String(this.store.get().angle);
    };
    this.angle.addEventListener('change', commitAngle);
    this.angle.addEventListener('keydown', (e) => {
      e.stopPropagation(); // typing must not trigger the lab's keyboard shortcuts
      if (e.key === 'Enter') commitAngle();
    });
  }

  private syncControls(s: Readonly<LabState>): void {
    if (this.direction.value !== s.direction) this.direction.value = s.direction;
    if (this.precision.value !== s.precision) this.precision.value = s.precision;
    if (document.activeElement !== this.angle && this.angle.value !== String(s.angle)) this.angle.value = String(s.angle);
    this.angleField.hidden = s.direction !== 'angle';
  }

  private onChange(s: Readonly<LabState>, changed: ReadonlySet<Key>): void {
    this.syncControls(s);
    if (changed.has('mode') || changed.has('showChart')) this.applyVisibility(s);
    else if (changed.has('theme') || [...changed].some((k) => STUDY_KEYS.has(k))) this.schedule();
  }

  private applyVisibility(s: Readonly<LabState>): void {
    const visible = chartShown(s);
    this.element.hidden = !visible;
    this.container.hidden = !visible;
    this.element.dataset.ready = 'false';
    if (visible) this.schedule();
  }

  /** Coalesces any number of changes into one drawing on the next animation frame. */
  private schedule(): void {
    if (this.element.hidden || this.frame !== 0) return;
    this.element.dataset.ready = 'false';
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /**
   * Draws the newest point model's study when it answers the state on screen; otherwise the chart
   * stays as it is, not ready, until the model that answers it comes (a study computed elsewhere).
   */
  private draw(): void {
    if (this.element.hidden) return;
    const s = this.store.get();
    this.applyTheme(s);
    this.resize();
    const model = this.model;
    if (!model) {
      this.chart.update({ h: [], errors: [], orders: [], roundoff: [], slopes: [], breakdown: [] });
      this.caption.textContent = '';
      this.element.dataset.ready = 'true';
      return;
    }
    const request = model.breakdownRequest;
    const study = model.breakdown;
    if (!study || !request || request.x0 !== s.x || request.y0 !== s.y || !sameBreakdownNeeds(request, chartNeeds(s) ?? undefined)) return;
    this.show(study, model.derivs.f, request);
  }

  private show(study: BreakdownResult, value: number, request: BreakdownRequest): void {
    this.chart.update({ ...study, tolerance: absoluteTolerance(request.tolerance, value) });
    const [dx, dy] = study.direction;
    const text = `steps h from 10⁻³R to R = ${request.radius.toPrecision(3)} along d = (${dx.toFixed(2)}, ${dy.toFixed(2)}), tolerance ${request.tolerance} relative to |f(p)|`;
    if (this.caption.textContent !== text) this.caption.textContent = text;
    this.element.dataset.ready = 'true';
  }

  private applyTheme(s: Readonly<LabState>): void {
    const theme = pageChartTheme(s.theme, this.element);
    if (sameChartTheme(this.theme, theme)) return;
    this.theme = theme;
    this.chart.setTheme(theme);
    this.chartBox.dataset.size = '';
  }

  private chartHeight(): number {
    return Math.round(Math.max(240, 13 * this.theme.fontSize));
  }

  private resize(): void {
    if (this.element.hidden) return;
    const width = Math.max(200, this.chartBox.clientWidth);
    const key = `${width}x${this.chartHeight()}`;
    if (this.chartBox.dataset.size === key) return;
    this.chartBox.dataset.size = key;
    this.chart.resize(width, this.chartHeight());
  }

  private observeSize(): () => void {
    if (typeof ResizeObserver === 'undefined') return () => undefined;
    const observer = new ResizeObserver(() => this.resize());
    observer.observe(this.element);
    return () => observer.disconnect();
  }
}

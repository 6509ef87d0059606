import '../../app/oneDMode.css';
import type { Expr } from '../../core/expr/ast';
import { formatParseError, parseExpression } from '../../core/expr/parser';
import { MAX_ORDER_1D } from '../../core/taylorLayout';
import { CurvePlot1D } from '../../plots/CurvePlot1D';
import { ErrorChart } from '../../plots/ErrorChart';
import { ValueTable } from '../../plots/ValueTable';
import type { ChartTheme } from '../../plots/chartTheme';
import { parseNumberList } from '../../state/actions';
import type { LabState } from '../../state/schema';
import type { Store } from '../../state/Store';
import { OneDControls } from './OneDControls';
import { RunTable1D } from '../../plots/RunTable1D';
import { cachedRuns1D, lastStep1D, runStart1D, shownStep1D } from '../../app/optimizer/runs1d';
import type { LabView } from '../ViewHost';
import { viewSection } from '../../ui/viewSection';
import { errorStepRadius, normalizeOrders, oneDErrorData, oneDTableData, sampleFunction, taylorCurves } from '../../app/oneDData';
import { changedChartTheme, pageChartTheme, watchPageTheme } from '../../app/pageTheme';
import { FrameBatch, StatusLine } from '../viewParts';
import { viewShows } from '../../state/views';

/** Okabe–Ito vermilion, bluish green, reddish purple: the 1D runs, apart from the order colours. */
const RUN_COLORS = ['#d55e00', '#009e73', '#cc79a7'] as const;

type Key = keyof LabState;
const CURVE_KEYS: readonly Key[] = ['formula1d', 'x1min', 'x1max', 'x1d', 'orders1d', 'runs', 'runStart', 'runSteps', 'showRuns'];
const ERROR_KEYS: readonly Key[] = ['formula1d', 'x1min', 'x1max', 'x1d', 'orders1d', 'tolerance'];
const TABLE_KEYS: readonly Key[] = ['formula1d', 'x1d', 'orders1d', 'points1d'];
const WATCHED: ReadonlySet<Key> = new Set([...CURVE_KEYS, ...ERROR_KEYS, ...TABLE_KEYS, 'theme']);

function touches(changed: ReadonlySet<Key>, keys: readonly Key[]): boolean {
  return keys.some((k) => changed.has(k));
}

const section = (parent: HTMLElement, testid: string, title: string): HTMLElement => viewSection(parent, 'oned', testid, title);

/**
 * The 1D view (f(x) and its Taylor polynomials): curve plot with a draggable x0 first, then the
 * control strip, error-vs-step chart of the chosen orders and a value table. Shown while state.mode is '1d';
 * store changes are coalesced to one redraw per animation frame and redraw only what they touch.
 * The root carries data-ready="true" once everything shows the current state.
 */
export class OneDMode implements LabView {
  /** This view's id in the registry. */
  readonly id = '1d' as const;
  /** Root element inside the container (data-testid="view1d"). */
  readonly element: HTMLElement;
  private readonly controls: OneDControls;
  private readonly status = new StatusLine('oned-status', 'oned-status');
  private readonly curveCell: HTMLElement;
  private readonly errorCell: HTMLElement;
  private readonly curve: CurvePlot1D;
  private readonly errorChart: ErrorChart;
  private readonly table: ValueTable;
  private readonly runTable: RunTable1D;
  private readonly runs = cachedRuns1D();
  private expr: Expr | null = null;
  private samples: { expr: Expr; lo: number; hi: number; x: number[]; f: number[] } | null = null;
  private readonly batch: FrameBatch<Key>;
  private theme: ChartTheme | null = null;
  private readonly cleanups: (() => void)[] = [];

  /** Builds the view in the container (#view1d) and follows the store. */
  constructor(private readonly container: HTMLElement, private readonly store: Store) {
    this.element = document.createElement('div');
    this.element.className = 'oned';
    this.element.dataset.testid = 'view1d';
    this.element.dataset.ready = 'false';
    container.append(this.element);
    // The main column, top to bottom (DOM order = visual order = Tab order): the curve plot, its
    // status line, the controls, then the error chart and the values table; the optimizer runs'
    // steps in a column of their own beside it. Issue 21: below the charts the steps were under the
    // fold at 1280×720 to 1920×1080, and below the controls so was the plot at 1280×720 and 1440×900.
    const main = document.createElement('div');
    main.className = 'oned-main';
    this.element.append(main);
    this.curveCell = section(main, 'curve1d', 'f(x) and its Taylor polynomials about x₀ (drag the point)');
    this.batch = new FrameBatch<Key>(WATCHED, () => Boolean(this.container.hidden), () => this.flush(), () => (this.element.dataset.ready = 'false'));
    main.append(this.status.element);
    this.controls = new OneDControls(main, store);
    const body = document.createElement('div');
    body.className = 'oned-body';
    main.append(body);
    this.errorCell = section(body, 'error1d', 'error vs step h, from x₀ towards +x');
    const tableCell = section(body, 'table1d', 'values');
    const theme = pageChartTheme(store.get().theme, this.element);
    this.curve = new CurvePlot1D(this.curveCell, { ...theme, xLabel: 'x', yLabel: 'y' });
    this.errorChart = new ErrorChart(this.errorCell, theme);
    this.table = new ValueTable(tableCell, theme);
    this.runTable = new RunTable1D(this.element);
    this.theme = theme;
    this.cleanups.push(
      this.curve.onPointDrag((x) => this.store.set({ x1d: x })),
      store.subscribe((s, changed) => this.onChange(s, changed)),
      watchPageTheme(() => this.schedule('theme')),
      this.observeSize(),
    );
    this.setVisible(viewShows(store.get().mode, 'curve'));
  }

  /** True when the view is shown and draws the current state. */
  get ready(): boolean {
    return this.element.dataset.ready === 'true';
  }

  /** The most steps any 1D run takes (0 without runs): where the N key and play stop in this view. */
  lastRunStep(): number {
    const s = this.store.get();
    if (!this.expr || !s.showRuns) return 0;
    return lastStep1D(this.runs(this.expr, s.runs, runStart1D(s.runStart, s.x1d)));
  }

  /** Stops following the store and removes the view. */
  dispose(): void {
    this.batch.dispose();
    for (const cleanup of this.cleanups) cleanup();
    this.curve.dispose();
    this.errorChart.dispose();
    this.table.dispose();
    this.element.remove();
  }

  private onChange(s: Readonly<LabState>, changed: ReadonlySet<Key>): void {
    // While hidden (2D drags) nothing is touched; showing the view syncs the controls once.
    if (!this.container.hidden) this.controls.sync(s);
    this.batch.add(changed, (key) => WATCHED.has(key));
    if (!changed.has('mode') && touches(changed, [...WATCHED])) this.schedule();
  }

  /** Shows or hides the view (the ViewHost calls this when state.mode changes). */
  setVisible(visible: boolean): void {
    this.container.hidden = !visible;
    this.element.dataset.ready = 'false';
    if (!visible) return;
    const s = this.store.get();
    this.controls.sync(s);
    this.schedule();
  }

  private schedule(key?: Key): void {
    this.batch.schedule(key);
  }

  private flush(): void {
    if (this.container.hidden) return;
    const s = this.store.get();
    const changed = this.batch.take();
    if (changed.has('theme')) this.applyTheme(s);
    if (changed.has('formula1d')) this.parse(s.formula1d);
    const expr = this.expr;
    if (expr) {
      const orders = normalizeOrders(parseNumberList(s.orders1d), MAX_ORDER_1D);
      if (touches(changed, CURVE_KEYS)) this.drawCurve(expr, s, orders);
      if (touches(changed, ERROR_KEYS)) {
        const radius = errorStepRadius(s.x1min, s.x1max, s.x1d);
        this.errorChart.update(oneDErrorData(expr, s.x1d, orders, radius, s.tolerance));
      }
      if (touches(changed, TABLE_KEYS)) this.table.update(oneDTableData(expr, s.x1d, orders, parseNumberList(s.points1d)));
    }
    this.layout();
    this.element.dataset.ready = 'true';
  }

  /** Parses f(x); a bad formula shows the caret message and keeps the last good curve. */
  private parse(text: string): void {
    const result = parseExpression(text, ['x']);
    if (!result.ok) {
      this.controls.showError(formatParseError(text, result.error));
      return;
    }
    this.controls.showError(null);
    this.expr = result.expr;
  }

  private drawCurve(expr: Expr, s: Readonly<LabState>, orders: readonly number[]): void {
    const lo = Math.min(s.x1min, s.x1max);
    const hi = Math.max(s.x1min, s.x1max);
    let samples = this.samples;
    if (!samples || samples.expr !== expr || samples.lo !== lo || samples.hi !== hi) {
      samples = { expr, lo, hi, ...sampleFunction(expr, lo, hi) };
      this.samples = samples;
    }
    const model = taylorCurves(expr, s.x1d, orders, samples.x);
    // The lesson's exercise: the state's optimizer runs on f(x), with Newton's parabolas, stepped
    // like the 2D runs (runSteps: N steps, B plays) so the class sees each step and its model.
    const runs = s.showRuns ? this.runs(expr, s.runs, runStart1D(s.runStart, s.x1d)) : [];
    const shown = typeof runs === 'string' ? [] : runs.map((r) => shownStep1D(r, s.runSteps));
    this.runTable.update(runs, RUN_COLORS, shown);
    const curveRuns = typeof runs === 'string' ? [] : runs.map((r, i) => ({ color: RUN_COLORS[i], iterates: r.iterates, parabolas: r.parabolas, shown: shown[i] }));
    this.curve.update({ x: samples.x, f: samples.f, approximations: model.approximations, x0: s.x1d, f0: model.f0, runs: curveRuns });
    this.showStatus(samples.f, model.f0, s.x1d);
  }

  private showStatus(f: readonly number[], f0: number, x0: number): void {
    const gaps = f.filter((v) => !Number.isFinite(v)).length;
    let text = '';
    if (!Number.isFinite(f0)) text = `f is undefined at x₀ = ${x0.toPrecision(4)}: move x₀ into the domain of f.`;
    else if (gaps > 0) {
      const share = (100 * gaps) / f.length;
      text = `f is undefined on ${share < 1 ? 'under 1' : share.toFixed(0)}% of the range (shown as a gap).`;
    }
    this.status.say(text);
  }

  private applyTheme(s: Readonly<LabState>): void {
    const theme = changedChartTheme(this.theme, s.theme, this.element);
    if (!theme) return;
    this.theme = theme;
    this.curve.setTheme(theme);
    this.errorChart.setTheme(theme);
    this.table.setTheme(theme);
  }

  /** Sizes the two charts to their cells: the curve gets about half the view's height. */
  private layout(): void {
    if (this.container.hidden) return;
    const height = this.container.clientHeight || 800;
    const font = this.theme?.fontSize ?? 14;
    const curveH = Math.round(Math.min(640, Math.max(14 * font, 0.4 * height)));
    const errorH = Math.round(Math.min(480, Math.max(12 * font, 0.28 * height)));
    this.resizeChart(this.curve, this.curveCell, curveH);
    this.resizeChart(this.errorChart, this.errorCell, errorH);
  }

  private resizeChart(chart: CurvePlot1D | ErrorChart, cell: HTMLElement, height: number): void {
    const width = Math.max(200, cell.clientWidth);
    const key = `${width}x${height}`;
    if (cell.dataset.size === key) return;
    cell.dataset.size = key;
    chart.resize(width, height);
  }

  private observeSize(): () => void {
    if (typeof ResizeObserver === 'undefined') return () => undefined;
    const observer = new ResizeObserver(() => this.layout());
    observer.observe(this.container);
    return () => observer.disconnect();
  }
}

/**
 * The optimizer runs' sidebar section: a legend, per run the current iterate (k, x, y, f, |∇f|)
 * with stable data- hooks, the Newton model's sentence, the stop reason, the divergence numbers
 * and the rates; the iterations-to-tolerance table; the η marks 1/λmax and 2/λmax at the start
 * and at the nearest minimum. It renders what it is given and computes nothing.
 */
import './optimizerPanel.css';

/** One run's lines, already worded. */
export interface RunReadout {
  readonly index: number;
  readonly color: string;
  readonly label: string;
  readonly method: string;
  /** The shown iterate and how many steps the whole run takes. */
  readonly k: number;
  readonly steps: number;
  readonly x: number;
  readonly y: number;
  readonly f: number;
  readonly gradNorm: number;
  /** Newton's sentence about its model's stationary point ('' for gradient methods). */
  readonly model: string;
  /** The stop sentence once the shown iterate is the last, else ''. */
  readonly stop: string;
  readonly stopReason: string;
  /** The divergence numbers when η > 2/λmax at the start, else ''. */
  readonly divergence: string;
  /** "predicted … at the minimum (1, 0); measured …". */
  readonly rate: string;
  /** Iterations to each table tolerance (null: not reached). */
  readonly toTolerance: readonly (number | null)[];
}

/** What the section shows. */
export interface OptimizerReadoutData {
  /** A problem with the runs or start text ('' when none). */
  readonly error: string;
  readonly runs: readonly RunReadout[];
  readonly tolerances: readonly number[];
  /** "at the start (0.1, 0.3)" and the marks there; the minimum's, or null. */
  readonly startAt: string;
  readonly startMarks: { readonly inverse: number; readonly limit: number } | null;
  readonly minimumAt: string;
  readonly minimumMarks: { readonly inverse: number; readonly limit: number } | null;
}

/** Six significant digits for the page; the exact value goes to data-value. */
function show(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e6 || a < 1e-4 ? v.toExponential(4) : String(Number(v.toPrecision(6)));
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent: HTMLElement, readout?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  if (readout) e.dataset.readout = readout;
  parent.append(e);
  return e;
}

function setNumber(e: HTMLElement, v: number): void {
  const text = show(v);
  if (e.textContent !== text) e.textContent = text;
  e.dataset.value = String(v);
}

/** The sidebar section with the runs' readouts (data-testid="optimizers"). */
export class OptimizerReadouts {
  /** Root element. */
  readonly element: HTMLElement;
  /** Where the convergence chart goes. */
  readonly chartHost: HTMLElement;
  private readonly error: HTMLElement;
  private readonly marks: HTMLElement;
  private readonly list: HTMLElement;
  private readonly table: HTMLTableElement;

  /** Appends the (hidden) section to the sidebar. */
  constructor(sidebar: HTMLElement) {
    this.element = document.createElement('section');
    this.element.className = 'optimizer-section';
    this.element.dataset.testid = 'optimizers';
    this.element.setAttribute('aria-label', 'optimizer runs');
    this.element.hidden = true;
    const title = el('h3', 'optimizer-title', this.element);
    title.textContent = 'Optimizer runs';
    this.error = el('p', 'optimizer-error', this.element, 'run-error');
    this.error.setAttribute('role', 'alert');
    this.marks = el('p', 'optimizer-marks', this.element, 'lr-marks');
    this.list = el('div', 'optimizer-runs', this.element);
    this.table = el('table', 'optimizer-table', this.element, 'run-table');
    this.chartHost = el('div', 'optimizer-chart', this.element);
    sidebar.append(this.element);
  }

  /** Shows or hides the section. */
  setVisible(visible: boolean): void {
    this.element.hidden = !visible;
  }

  /** Renders the runs. */
  render(d: OptimizerReadoutData): void {
    this.error.textContent = d.error;
    this.error.hidden = d.error === '';
    this.renderMarks(d);
    while (this.list.children.length > d.runs.length) this.list.lastElementChild?.remove();
    while (this.list.children.length < d.runs.length) this.list.append(this.runBlock());
    d.runs.forEach((r, i) => this.renderRun(this.list.children[i] as HTMLElement, r));
    this.renderTable(d);
  }

  private renderMarks(d: OptimizerReadoutData): void {
    this.marks.replaceChildren();
    if (!d.startMarks) return;
    const add = (text: string, readout?: string, value?: number) => {
      const span = el('span', '', this.marks, readout);
      if (value === undefined) span.textContent = text;
      else setNumber(span, value);
    };
    add(`η marks ${d.startAt}: 1/λmax = `);
    add('', 'lr-inverse', d.startMarks.inverse);
    add(', 2/λmax = ');
    add('', 'lr-limit', d.startMarks.limit);
    if (d.minimumMarks) {
      add(`; ${d.minimumAt}: 1/λmax = `);
      add('', 'lr-min-inverse', d.minimumMarks.inverse);
      add(', 2/λmax = ');
      add('', 'lr-min-limit', d.minimumMarks.limit);
    }
  }

  private runBlock(): HTMLElement {
    const block = document.createElement('div');
    block.className = 'optimizer-run';
    const head = el('div', 'optimizer-run-head', block);
    el('span', 'optimizer-swatch', head);
    el('span', 'optimizer-label', head, 'run-label');
    const line = el('div', 'optimizer-iterate', block);
    for (const [name, key] of [['k', 'run-k'], ['x', 'run-x'], ['y', 'run-y'], ['f', 'run-f'], ['|∇f|', 'run-grad']]) {
      const item = el('span', 'optimizer-item', line);
      item.append(`${name} = `);
      el('span', 'optimizer-value', item, key);
    }
    for (const key of ['run-model', 'run-stop', 'run-divergence', 'run-rate']) el('p', `optimizer-${key}`, block, key);
    return block;
  }

  private renderRun(block: HTMLElement, r: RunReadout): void {
    block.dataset.runIndex = String(r.index);
    block.dataset.method = r.method;
    block.dataset.stop = r.stop === '' ? '' : r.stopReason;
    const q = (key: string) => block.querySelector(`[data-readout="${key}"]`) as HTMLElement;
    (block.querySelector('.optimizer-swatch') as HTMLElement).style.background = r.color;
    q('run-label').textContent = r.label;
    setNumber(q('run-k'), r.k);
    setNumber(q('run-x'), r.x);
    setNumber(q('run-y'), r.y);
    setNumber(q('run-f'), r.f);
    setNumber(q('run-grad'), r.gradNorm);
    for (const [key, text] of [['run-model', r.model], ['run-stop', r.stop], ['run-divergence', r.divergence], ['run-rate', r.rate]]) {
      const p = q(key);
      p.textContent = text;
      p.hidden = text === '';
    }
    q('run-stop').setAttribute('role', r.stop === '' ? 'none' : 'status');
  }

  private renderTable(d: OptimizerReadoutData): void {
    this.table.replaceChildren();
    this.table.hidden = d.runs.length === 0;
    if (d.runs.length === 0) return;
    const head = this.table.createTHead().insertRow();
    for (const text of ['iterations to |∇f| ≤', ...d.tolerances.map((t) => t.toExponential(0))]) {
      const th = document.createElement('th');
      th.textContent = text;
      head.append(th);
    }
    const body = this.table.createTBody();
    for (const r of d.runs) {
      const row = body.insertRow();
      row.dataset.runIndex = String(r.index);
      const name = row.insertCell();
      name.textContent = r.label;
      name.style.color = r.color;
      r.toTolerance.forEach((k, i) => {
        const cell = row.insertCell();
        cell.dataset.tol = String(d.tolerances[i]);
        cell.textContent = k === null ? '–' : String(k);
      });
    }
  }
}

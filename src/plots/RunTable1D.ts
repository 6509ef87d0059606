/**
 * The table of steps of the 1D optimizer runs: per run its steps (k, x_k, f, f′) up to the one
 * shown, its stop sentence once it gets there. Plain DOM with data- hooks; numbers in, text out.
 */

/** One iterate on the curve: x_k, f, f′ and f″ there. */
export interface Iterate1D {
  readonly k: number;
  readonly x: number;
  readonly f: number;
  readonly df: number;
  readonly d2f: number;
}

/** One run on the curve, as the table and the curve plot show it. */
export interface Run1D {
  readonly label: string;
  readonly method: string;
  readonly iterates: readonly Iterate1D[];
  readonly steps: number;
  readonly stop: string;
  /** Whether each iterate's parabola is drawn (Newton's model). */
  readonly parabolas: boolean;
}

/** How many leading steps each run lists before the gap to the step shown. */
const SHOWN = 8;

/** Shows the runs' steps in a container it owns. */
export class RunTable1D {
  /** The section (data-testid="runs1d"), hidden when there are no runs. */
  readonly element: HTMLElement;

  /** Builds the (empty, hidden) section in the parent. */
  constructor(parent: HTMLElement) {
    this.element = document.createElement('section');
    this.element.className = 'oned-cell oned-runs1d';
    this.element.dataset.testid = 'runs1d';
    this.element.hidden = true;
    parent.append(this.element);
  }

  /**
   * Rebuilds the table at step `shown` of every run (each stops at its last); a string is shown as
   * an error, an empty list hides the section.
   */
  update(runs: readonly Run1D[] | string, colors: readonly string[], shown: readonly number[] = []): void {
    this.element.replaceChildren();
    this.element.hidden = typeof runs !== 'string' && runs.length === 0;
    const title = document.createElement('h2');
    title.className = 'oned-title';
    title.textContent = 'optimizer steps on f(x) (N steps, B plays)';
    this.element.append(title);
    if (typeof runs === 'string') {
      const p = document.createElement('p');
      p.dataset.readout = 'runs1d-error';
      p.textContent = runs;
      this.element.append(p);
      return;
    }
    runs.forEach((run, i) => this.element.append(this.runTable(run, i, colors[i % colors.length], Math.min(shown[i] ?? run.steps, run.steps))));
  }

  private runTable(run: Run1D, index: number, color: string, shown: number): HTMLElement {
    const box = document.createElement('div');
    box.dataset.runIndex = String(index);
    box.dataset.steps = String(run.steps);
    box.dataset.shown = String(shown);
    const head = document.createElement('p');
    head.style.color = color;
    head.dataset.readout = 'runs1d-stop';
    head.textContent = shown === run.steps ? `${run.label}: ${run.stop}` : `${run.label}: step ${shown} of ${run.steps}`;
    const table = document.createElement('table');
    table.style.borderCollapse = 'collapse';
    table.style.fontVariantNumeric = 'tabular-nums';
    const header = table.insertRow();
    for (const h of ['k', 'xₖ', 'f(xₖ)', 'f′(xₖ)']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      header.append(th);
    }
    const upTo = run.iterates.slice(0, shown + 1);
    const rows = upTo.length <= SHOWN + 1 ? upTo : [...upTo.slice(0, SHOWN), upTo[upTo.length - 1]];
    rows.forEach((it, r) => {
      if (r === SHOWN && it.k > SHOWN) table.insertRow().insertCell().textContent = '…';
      const row = table.insertRow();
      row.dataset.runIndex = String(index);
      row.dataset.k = String(it.k);
      row.dataset.x = String(it.x);
      row.dataset.f = String(it.f);
      row.dataset.df = String(it.df);
      for (const v of [String(it.k), it.x.toPrecision(10), it.f.toPrecision(8), it.df.toExponential(3)]) row.insertCell().textContent = v;
    });
    // Right-aligned padded cells, so the digits of x_k line up as the run converges.
    for (const cell of table.querySelectorAll<HTMLElement>('th, td')) {
      cell.style.padding = '0.05em 0.5em';
      cell.style.textAlign = 'right';
    }
    box.append(head, table);
    return box;
  }
}

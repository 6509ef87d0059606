/**
 * The table of steps of the 1D optimizer runs: per run its first steps (k, x_k, f, f′), its last
 * one and the stop sentence. Plain DOM with data- hooks; numbers in, text out.
 */
import type { Run1D } from '../app/optimizer/runs1d';

/** How many leading steps each run lists before its last one. */
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

  /** Rebuilds the table; a string is shown as an error, an empty list hides the section. */
  update(runs: readonly Run1D[] | string, colors: readonly string[]): void {
    this.element.replaceChildren();
    this.element.hidden = typeof runs !== 'string' && runs.length === 0;
    const title = document.createElement('h2');
    title.className = 'oned-title';
    title.textContent = 'optimizer steps on f(x)';
    this.element.append(title);
    if (typeof runs === 'string') {
      const p = document.createElement('p');
      p.dataset.readout = 'runs1d-error';
      p.textContent = runs;
      this.element.append(p);
      return;
    }
    runs.forEach((run, i) => this.element.append(this.runTable(run, i, colors[i % colors.length])));
  }

  private runTable(run: Run1D, index: number, color: string): HTMLElement {
    const box = document.createElement('div');
    box.dataset.runIndex = String(index);
    box.dataset.steps = String(run.steps);
    const head = document.createElement('p');
    head.style.color = color;
    head.dataset.readout = 'runs1d-stop';
    head.textContent = `${run.label}: ${run.stop}`;
    const table = document.createElement('table');
    const header = table.insertRow();
    for (const h of ['k', 'x_k', 'f(x_k)', "f'(x_k)"]) header.insertCell().textContent = h;
    const rows = run.iterates.length <= SHOWN + 1 ? run.iterates : [...run.iterates.slice(0, SHOWN), run.iterates[run.iterates.length - 1]];
    for (const it of rows) {
      const row = table.insertRow();
      row.dataset.k = String(it.k);
      row.dataset.x = String(it.x);
      for (const v of [String(it.k), it.x.toPrecision(10), it.f.toPrecision(8), it.df.toExponential(3)]) row.insertCell().textContent = v;
    }
    box.append(head, table);
    return box;
  }
}

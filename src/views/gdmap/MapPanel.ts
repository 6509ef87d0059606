import type { Expr } from '../../core/expr/ast';
import type { MinimumFlip } from '../../core/gdmap/flipAnalysis';
import type { GdMapDiagramData, Slope } from '../../core/gdmap/types';
import { compileSlope } from '../../core/gdmap/univariateJet';
import { GdMapDiagram } from '../../plots/GdMapDiagram';
import { IterateChart } from '../../plots/IterateChart';
import type { ChartTheme } from '../../plots/chartTheme';
import type { LabState } from '../../state/schema';
import { viewSection } from '../../ui/viewSection';
import type { ComputeClient } from '../../worker/ComputeClient';
import type { GdmapDiagramJob, GdmapDiagramResult } from '../../worker/gdmapJobs';
import { diagramMarks, flipRowCells, flipRows, iteratesQuadratic, quadraticFromState, runAtPicked } from './gdmapPresenters';

/** η columns of the first, quick diagram and of the final one. */
export const COARSE_COLUMNS = 100;
/** The final diagram's η columns (the core's default resolution). */
export const FULL_COLUMNS = 400;

const HEADERS = ['minimum x*', 'f″(x*)', 'flip η = 2/f″', '2-cycle just past the flip', 'its amplitude (normal form)', 'period-4 onset η'];

/**
 * The GD map's panel: the bifurcation diagram (computed in the worker, coarse columns first), the
 * iterates of the run at the picked η, and the readout table of each minimum's flip. The quadratic
 * case's diagram is closed-form and drawn at once.
 */
export class MapPanel {
  /** Root element: data-level pending|coarse|full|quadratic|error, data-columns, data-marks (flip η shown), data-coarse-ms, data-full-ms. */
  readonly element: HTMLElement;
  /** The diagram (its canvas carries data-flips and data-bbox). */
  readonly diagram: GdMapDiagram;
  readonly iterates: IterateChart;
  private readonly table: HTMLTableSectionElement;
  private readonly cells: HTMLElement[];
  private data: GdMapDiagramData | null = null;
  private slope: Slope | null = null;
  private abort: AbortController | null = null;

  /** Builds the panel; `onMessage` shows a status line (a failed diagram). */
  constructor(
    parent: HTMLElement,
    private readonly compute: Promise<ComputeClient>,
    private readonly state: () => Readonly<LabState>,
    theme: ChartTheme,
    private readonly onMessage: (text: string) => void,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'gdmap-map';
    this.element.dataset.testid = 'gdmap-map';
    parent.append(this.element);
    const diagramCell = viewSection(this.element, 'gdmap', 'gdmap-diagram-cell', 'long-run iterates of x ← x − η f′(x) against η; click to pick η');
    const iterCell = viewSection(this.element, 'gdmap', 'gdmap-iterates-cell', 'the run at the picked η: xₜ against t');
    const tableCell = viewSection(this.element, 'gdmap', 'gdmap-table-cell', 'each minimum as η grows');
    this.cells = [diagramCell, iterCell, tableCell];
    this.diagram = new GdMapDiagram(diagramCell, theme);
    this.iterates = new IterateChart(iterCell, theme);
    const table = document.createElement('table');
    table.className = 'gdmap-table';
    table.dataset.testid = 'gdmap-flips';
    table.createTHead().insertRow().append(...HEADERS.map((h) => Object.assign(document.createElement('th'), { textContent: h, scope: 'col' })));
    this.table = table.createTBody();
    tableCell.append(table);
  }

  /** The cells to size: diagram, iterates. */
  get diagramCell(): HTMLElement {
    return this.cells[0];
  }

  /** The iterates' cell. */
  get iterateCell(): HTMLElement {
    return this.cells[1];
  }

  /** The diagram shown (null while none). */
  get current(): GdMapDiagramData | null {
    return this.data;
  }

  /** Recomputes the diagram for f (worker) or for the quadratic (here). */
  recompute(s: Readonly<LabState>, expr: Expr | null): void {
    this.abort?.abort();
    if (s.gdmapCase === 'quadratic') {
      this.slope = null;
      this.element.dataset.level = 'quadratic';
      try {
        this.show(quadraticFromState(s), []);
        this.onMessage('');
      } catch (error) {
        this.show(null, []);
        this.onMessage((error as Error).message);
      }
      return;
    }
    this.slope = expr ? compileSlope(expr) : null;
    if (!expr) {
      this.show(null, []);
      return;
    }
    void this.fetch(s);
  }

  /** Draws the picked η and the run there. */
  showPicked(s: Readonly<LabState>): void {
    const eta = s.gdmapEta > 0 ? s.gdmapEta : null;
    this.diagram.setSelectedEta(eta);
    const d = this.data;
    if (eta === null || !d) {
      this.iterates.update(null);
      return;
    }
    const levels = d.flips.map((m) => m.x);
    if (s.gdmapCase === 'quadratic') {
      this.iterates.update({ title: `η = ${eta}: GD on the quadratic from u₀ = 1`, xs: iteratesQuadratic(s, eta, 60), levels: [0], observed: d.observed });
      return;
    }
    if (!this.slope) return;
    const run = runAtPicked(d, this.slope, eta);
    this.iterates.update({ title: `η = ${eta}: GD from x₀ = ${run.start.toPrecision(4)}`, xs: run.xs, levels, observed: 'x' });
  }

  /** Resizes the charts. */
  resize(diagram: { w: number; h: number }, iterates: { w: number; h: number }): void {
    this.diagram.resize(diagram.w, diagram.h);
    this.iterates.resize(iterates.w, iterates.h);
  }

  /** New colours and font size. */
  setTheme(theme: ChartTheme): void {
    this.diagram.setTheme(theme);
    this.iterates.setTheme(theme);
  }

  /** Cancels the diagram job and removes the panel. */
  dispose(): void {
    this.abort?.abort();
    this.diagram.dispose();
    this.iterates.dispose();
    this.element.remove();
  }

  private async fetch(s: Readonly<LabState>): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    const job: GdmapDiagramJob = { formula: s.gdmapFormula, xMin: s.gdmapXMin, xMax: s.gdmapXMax, coarse: COARSE_COLUMNS, resolution: FULL_COLUMNS };
    this.element.dataset.level = 'pending';
    try {
      const client = await this.compute;
      const full = await client.run<GdmapDiagramResult, GdmapDiagramResult>('gdmapDiagram', job, {
        channel: 'gdmap-diagram',
        signal: abort.signal,
        onProgress: (coarse) => this.receive(coarse),
      });
      if (this.abort === abort) this.receive(full);
    } catch (error) {
      if ((error as Error).name === 'AbortError' || this.abort !== abort) return;
      this.element.dataset.level = 'error';
      this.show(null, []);
      this.onMessage(`No diagram: ${(error as Error).message}`);
    }
  }

  private receive(result: GdmapDiagramResult): void {
    const s = this.state();
    this.element.dataset.level = result.level;
    this.element.dataset[result.level === 'coarse' ? 'coarseMs' : 'fullMs'] = result.ms.toFixed(1);
    this.show(result.diagram, result.flips);
    this.showPicked(s);
    this.onMessage(result.flips.length === 0 ? `f′ does not go from negative to positive in [${s.gdmapXMin}, ${s.gdmapXMax}]: no minimum, nothing flips.` : '');
  }

  private show(data: GdMapDiagramData | null, flips: readonly MinimumFlip[]): void {
    this.data = data;
    this.element.dataset.columns = String(data?.columns.length ?? 0);
    this.element.dataset.marks = data ? diagramMarks(data).map((m) => String(m.eta)).join(',') : '';
    this.diagram.update(data);
    this.table.replaceChildren();
    for (const r of flipRows(flips)) {
      const tr = this.table.insertRow();
      tr.dataset.x = String(r.x);
      tr.dataset.flipEta = String(r.flipEta);
      tr.dataset.kind = r.kind;
      for (const text of flipRowCells(r)) tr.insertCell().textContent = text;
    }
  }
}

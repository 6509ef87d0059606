/**
 * The spectrum view's DOM: a status line, the "train a network first" note with its button, the
 * curvature summary, the eigenvalue table, the trace line, the density chart (SLQ over the exact
 * histogram, top eigenvalues marked), the error-vs-HVPs chart, H beside Gauss–Newton G, and the
 * spectrum over training against 2/η. It renders what the presenters give it and nothing else.
 */
import { SeriesChart } from '../../plots/SeriesChart';
import { SpectrumDensityChart, pictureRange } from '../../plots/SpectrumDensityChart';
import type { SpectrumJobResult, TrackSample } from '../../worker/spectrumJobs';
import { densityChartData, densityHistogram, eigenRows, errorVsHvps, extremesText, fmt, HISTOGRAM_BINS, sliceModelChart, sliceModelText, stabilityLine, traceText, trackSeries } from './spectrumPresenters';

/** Colour bands of the slice-model heat maps (band edges read as contour lines). */
const MODEL_BANDS = 12;

/** Draws an n × n grid (row j = δb upwards) as a banded heat map in [lo, hi], the point marked in the centre. */
function drawHeatMap(canvas: HTMLCanvasElement, values: Float64Array, n: number, lo: number, hi: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const cell = canvas.width / n;
  const span = hi > lo ? hi - lo : 1;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const band = Math.min(MODEL_BANDS - 1, Math.floor(((values[j * n + i] - lo) / span) * MODEL_BANDS));
      const t = band / (MODEL_BANDS - 1);
      ctx.fillStyle = `hsl(${240 - 190 * t}, 70%, ${30 + 40 * t}%)`;
      ctx.fillRect(i * cell, (n - 1 - j) * cell, cell + 0.5, cell + 0.5);
    }
  }
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 2;
  const c = canvas.width / 2;
  ctx.beginPath();
  ctx.arc(c, canvas.height / 2, 4, 0, 2 * Math.PI);
  ctx.stroke();
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, parent: HTMLElement, text = '', attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  parent.append(e);
  return e;
}

const TABLE_HEAD = ['', 'estimate', 'residual ‖Hv − λv‖', 'residual / ‖H‖', 'exact', '|error| / ‖H‖', 'Gauss–Newton'];

/** The widgets of the view, built once inside its container. */
export class SpectrumPage {
  /** The status line (data-readout="spectrum-status"). */
  readonly status: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly body: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly table: HTMLTableSectionElement;
  private readonly trace: HTMLElement;
  private readonly exactNote: HTMLElement;
  private readonly density: SpectrumDensityChart;
  private readonly errors: SeriesChart;
  private readonly hessianStrip: SpectrumDensityChart;
  private readonly gaussNewtonStrip: SpectrumDensityChart;
  private readonly sliceBox: HTMLElement;
  private readonly sliceTaylor: HTMLCanvasElement;
  private readonly sliceGaussNewton: HTMLCanvasElement;
  private readonly sliceCaptions: [HTMLElement, HTMLElement];
  private readonly sliceNote: HTMLElement;
  private readonly trackEigen: SeriesChart;
  private readonly trackTrace: SeriesChart;
  private readonly trackNote: HTMLElement;

  /** Builds the DOM in `root`; `train` is the empty note's button. */
  constructor(private readonly root: HTMLElement, train: () => void) {
    root.classList.add('spectrum-view');
    el('h2', root, 'Hessian spectrum of the trained network');
    el('p', root, 'H is the Hessian of the training loss in all P parameters at θ* (parameter units). Top-k and bottom-k eigenpairs by Lanczos with full re-orthogonalisation, each with its true residual; the trace by Hutchinson; the density by stochastic Lanczos quadrature; for small networks the exact spectrum underneath.', { class: 'spectrum-intro' });
    this.status = el('p', root, '', { 'data-readout': 'spectrum-status', role: 'status' });
    this.empty = el('div', root, '', { 'data-testid': 'spectrum-empty' });
    el('p', this.empty, 'Train a network first: this view shows the spectrum of the network trained in the 3D landscape view.');
    el('button', this.empty, 'Go to the network landscape', { type: 'button', 'data-testid': 'spectrum-train' }).addEventListener('click', train);
    this.body = el('div', root);
    this.summary = el('p', this.body, '', { 'data-readout': 'spectrum-extremes' });
    const table = el('table', this.body, '', { class: 'spectrum-table', 'data-testid': 'spectrum-table' });
    const head = el('tr', el('thead', table));
    for (const h of TABLE_HEAD) el('th', head, h);
    this.table = el('tbody', table);
    this.trace = el('p', this.body, '', { 'data-readout': 'spectrum-trace' });
    this.exactNote = el('p', this.body, '', { 'data-readout': 'spectrum-exact' });
    const charts = el('div', this.body, '', { class: 'spectrum-charts' });
    this.density = new SpectrumDensityChart(charts, 'spectrum-density', 'eigenvalue density by stochastic Lanczos quadrature, the exact spectrum as a histogram under it, top eigenvalues marked');
    this.errors = new SeriesChart(charts, 'spectrum-error', 'error of the Lanczos estimates against Hessian-vector products spent, log scale');
    el('h3', this.body, 'H = G + Σᵢ ℓ′(fᵢ)∇²fᵢ beside the Gauss–Newton matrix G = JᵀH_ℓJ (positive semi-definite): negative eigenvalues of H come from the second term, which G leaves out');
    const pair = el('div', this.body, '', { class: 'spectrum-charts' });
    this.hessianStrip = new SpectrumDensityChart(pair, 'spectrum-h', 'spectrum of the Hessian', 300, 140);
    this.gaussNewtonStrip = new SpectrumDensityChart(pair, 'spectrum-gn', 'spectrum of the Gauss–Newton matrix', 300, 140);
    el('h3', this.body, 'On the slice at the current point θ(a, b): the true second-order Taylor model beside the Gauss–Newton model (same colours, band edges are contours)');
    this.sliceBox = el('div', this.body, '', { class: 'spectrum-charts', 'data-testid': 'spectrum-slice-models' });
    const map = (label: string): [HTMLCanvasElement, HTMLElement] => {
      const figure = el('figure', this.sliceBox);
      const canvas = el('canvas', figure, '', { width: '164', height: '164', role: 'img', 'aria-label': label });
      return [canvas, el('figcaption', figure, label)];
    };
    const [taylor, taylorCaption] = map('true Taylor model L + g·δ + ½ δᵀ[dᵢ·H dⱼ]δ');
    const [gn, gnCaption] = map('Gauss–Newton model L + g·δ + ½ δᵀ[dᵢ·G dⱼ]δ');
    this.sliceTaylor = taylor;
    this.sliceGaussNewton = gn;
    this.sliceCaptions = [taylorCaption, gnCaption];
    this.sliceNote = el('p', this.body, '', { 'data-readout': 'spectrum-slice-models' });
    el('h3', this.body, 'Over training');
    this.trackNote = el('p', this.body, '', { 'data-readout': 'spectrum-track' });
    const track = el('div', this.body, '', { class: 'spectrum-charts' });
    this.trackEigen = new SeriesChart(track, 'spectrum-track-eigen', 'top Hessian eigenvalues against the training step, with the line 2 over the learning rate');
    this.trackTrace = new SeriesChart(track, 'spectrum-track-trace', 'trace of the Hessian against the training step');
    this.showNetwork(false);
  }

  /** Shows the empty note (no trained network) or the body. */
  showNetwork(present: boolean): void {
    this.empty.hidden = present;
    this.body.hidden = !present;
    this.root.dataset.network = String(present);
  }

  /** Draws a spectrum result. */
  render(r: SpectrumJobResult): void {
    this.summary.textContent = extremesText(r);
    this.table.replaceChildren();
    for (const row of eigenRows(r)) {
      const tr = el('tr', this.table, '', { 'data-testid': 'spectrum-row', 'data-kind': row.kind });
      const cells = [`λ${row.index}`, fmt(row.value, 6), fmt(row.residual, 2), fmt(row.relativeResidual, 2), row.exact === null ? '–' : fmt(row.exact, 6), row.error === null ? '–' : fmt(row.error, 2), row.gaussNewton === null ? '–' : fmt(row.gaussNewton, 6)];
      for (const c of cells) el('td', tr, c);
    }
    this.trace.textContent = traceText(r);
    const spent = `${r.hvps} HVPs for the estimates (${r.lanczosHvps} for the eigenpairs, ${r.converged ? 'converged' : 'not converged'} at residual ≤ ${r.tol}·‖H‖), ${(r.ms / 1000).toFixed(2)} s on the ${r.engine} engine`;
    this.exactNote.textContent = r.exact ? `P = ${r.parameters}: exact spectrum of the dense Hessian drawn under the estimates. ${spent}.` : `P = ${r.parameters}: ${r.exactSkipped ?? 'exact spectrum switched off'}. ${spent}.`;
    this.root.dataset.exact = String(r.exact?.eigenvalues.length ?? 0);
    this.drawDensity(r);
    this.drawGaussNewton(r);
    this.drawSliceModels(r);
  }

  private drawSliceModels(r: SpectrumJobResult): void {
    const m = r.slice ?? null;
    this.sliceBox.hidden = m === null;
    this.root.dataset.sliceModels = String(m !== null);
    if (!m) {
      this.sliceNote.textContent = r.sliceSkipped ? `Gauss–Newton model on the slice not built: ${r.sliceSkipped}.` : '';
      return;
    }
    const c = sliceModelChart(m);
    drawHeatMap(this.sliceTaylor, c.taylor, c.n, c.lo, c.hi);
    drawHeatMap(this.sliceGaussNewton, c.gaussNewton, c.n, c.lo, c.hi);
    const square = `δa, δb ∈ [−${fmt(m.radius)}, ${fmt(m.radius)}]`;
    this.sliceCaptions[0].textContent = `true Taylor model (${square}): λ ${fmt(c.taylorEigen[0])}, ${fmt(c.taylorEigen[1])}`;
    this.sliceCaptions[1].textContent = `Gauss–Newton model (${square}): λ ${fmt(c.gaussNewtonEigen[0])}, ${fmt(c.gaussNewtonEigen[1])}`;
    this.sliceNote.textContent = `${sliceModelText(m)} Colours run from ${fmt(c.lo)} (blue) to ${fmt(c.hi)} (yellow) on both maps.`;
  }

  /** Draws the samples over training against 2/η. */
  renderTrack(samples: readonly TrackSample[], lr: number, optimizer: string, note: string): void {
    const { eigen, trace } = trackSeries(samples);
    const line = stabilityLine(eigen, lr, optimizer);
    this.trackEigen.update({ series: eigen, reference: line.reference, title: line.title, xLabel: 'step' });
    this.trackTrace.update({ series: [trace], title: 'tr(H) (Hutchinson)', xLabel: 'step' });
    this.trackNote.textContent = note;
    this.root.dataset.trackSamples = String(samples.length);
  }

  private drawDensity(r: SpectrumJobResult): void {
    const d = densityChartData(r);
    this.density.update({ curve: d && { x: d.grid, y: d.density }, histogram: d?.exact, ticks: d?.exactValues, markers: d?.markers ?? r.top.map((p) => p.value), title: `eigenvalue density (SLQ${r.exact ? '; exact spectrum as bars' : ''}), √ height` });
    if (r.exact) {
      const series = errorVsHvps(r.history, r.exact.eigenvalues, r.scale);
      this.errors.update({ series, logY: true, title: '|estimate − exact| / ‖H‖ against HVPs', xLabel: 'HVPs' });
      this.errors.canvas.hidden = false;
    } else {
      this.errors.canvas.hidden = true;
    }
  }

  private drawGaussNewton(r: SpectrumJobResult): void {
    const gn = r.gaussNewton;
    const hValues = r.exact?.eigenvalues ?? Float64Array.from([...r.top, ...r.bottom].map((p) => p.value));
    const gValues = gn?.eigenvalues ?? Float64Array.from((gn?.top ?? []).map((p) => p.value));
    const range = pictureRange({ ticks: Float64Array.from([...hValues, ...gValues]), title: '' });
    const bins = (values: Float64Array) => (values.length > 0 ? densityHistogram(values, range[0], range[1], HISTOGRAM_BINS) : null);
    const what = r.exact ? 'exact' : 'top-k only';
    this.hessianStrip.update({ histogram: bins(hValues), ticks: hValues, range, title: `H (${what}): λ from ${fmt(hValues.length ? Math.min(...hValues) : NaN)}` });
    this.gaussNewtonStrip.update({ histogram: bins(gValues), ticks: gValues, range, title: gn ? `G (${gn.eigenvalues ? 'exact' : 'top-k only'}): λ ≥ 0` : 'G not computed' });
  }
}

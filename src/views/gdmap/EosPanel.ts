import type { ChartTheme } from '../../plots/chartTheme';
import { StepChart, type StepChartSpec } from '../../plots/StepChart';
import type { LabState } from '../../state/schema';
import type { ComputeClient } from '../../worker/ComputeClient';
import { EOS_PRESET, type EosChunk, type EosResult, type EosSettings } from '../../worker/edgeOfStability';
import { viewSection } from '../../ui/viewSection';
import { eosChartColumns, eosSummary, eosSummaryText, EosTrace } from './eosData';

/** Okabe–Ito blue, vermilion, bluish green, reddish purple. */
const BLUE = '#0072B2';
const VERMILION = '#D55E00';
const GREEN = '#009E73';
const PURPLE = '#CC79A7';

const CHARTS: Record<'sharpness' | 'loss' | 'change' | 'component', StepChartSpec & { title: string }> = {
  sharpness: {
    title: 'sharpness λmax (Lanczos, every K steps) against the stability line 2/η',
    testid: 'eos-sharpness',
    label: 'largest Hessian eigenvalue against the step, with the line 2 over the learning rate',
    yLabel: 'λmax',
    scale: 'linear',
    series: [
      { label: 'λmax of the MSE loss', color: BLUE, points: true },
      { label: '2/η', color: VERMILION, dashed: true },
    ],
  },
  loss: { title: 'training loss (MSE)', testid: 'eos-loss', label: 'training loss against the step', yLabel: 'loss', scale: 'log', series: [{ label: 'L(θₜ)', color: BLUE }] },
  change: {
    title: 'loss change per step: Taylor’s prediction against what happens',
    testid: 'eos-change',
    label: 'actual loss change per step with the order-1 and order-2 predictions',
    yLabel: 'ΔL (asinh scale)',
    scale: 'asinh',
    asinhLinear: 1e-7,
    series: [
      { label: 'actual L(θₜ₊₁) − L(θₜ)', color: BLUE },
      { label: 'order 1: −η‖g‖²', color: GREEN, dashed: true },
      { label: 'order 2: −η‖g‖² + ½η²gᵀHg', color: VERMILION, dashed: true },
    ],
  },
  component: {
    title: 'θ − θ* along the top eigenvector (vᵀg/λmax): bursts that flip sign every step, once λmax reaches 2/η',
    testid: 'eos-component',
    label: 'component of the parameters along the top Hessian eigenvector against the step',
    yLabel: 'vᵀg / λmax (asinh)',
    scale: 'asinh',
    asinhLinear: 1e-8,
    series: [{ label: 'vᵀ(θₜ − θ*) on the quadratic model', color: PURPLE }],
  },
};

/** The run's settings from the state (the preset's problem: T₆ on 20 points, tanh 1-30-20-1). */
export function eosSettingsOf(s: Readonly<LabState>): EosSettings {
  return { lr: s.eosLr, steps: s.eosSteps, seed: s.eosSeed, every: s.eosEvery, degree: EOS_PRESET.degree, hidden: EOS_PRESET.hidden };
}

/**
 * The edge-of-stability panel: the run's settings in words, a status line, and four charts on one
 * step axis (hover one, the others mark the same step). The run is computed in the worker for the
 * state's settings and redrawn at most once a frame as its chunks arrive.
 */
export class EosPanel {
  /** Root element: data-state running|done|error, data-steps, data-limit, data-lambda-last, data-lambda-peak, data-crossing. */
  readonly element: HTMLElement;
  private readonly status: HTMLElement;
  private readonly charts: Record<keyof typeof CHARTS, StepChart>;
  private trace: EosTrace | null = null;
  private key = '';
  private abort: AbortController | null = null;
  private frame = 0;

  /** Builds the panel in the parent. */
  constructor(parent: HTMLElement, private readonly compute: Promise<ComputeClient>, theme: ChartTheme) {
    this.element = document.createElement('div');
    this.element.className = 'gdmap-eos';
    this.element.dataset.testid = 'eos-panel';
    parent.append(this.element);
    const about = document.createElement('p');
    about.className = 'gdmap-note';
    about.dataset.readout = 'eos-setup';
    this.element.append(about);
    this.status = document.createElement('p');
    this.status.className = 'gdmap-status';
    this.status.dataset.readout = 'eos-status';
    this.status.setAttribute('aria-live', 'polite');
    this.element.append(this.status);
    const grid = document.createElement('div');
    grid.className = 'gdmap-eos-grid';
    this.element.append(grid);
    const make = (k: keyof typeof CHARTS) => new StepChart(viewSection(grid, 'gdmap', `eos-${k}-cell`, CHARTS[k].title), CHARTS[k], theme);
    this.charts = { sharpness: make('sharpness'), loss: make('loss'), change: make('change'), component: make('component') };
    const all = Object.values(this.charts);
    for (const c of all) c.onHover((step) => all.forEach((o) => o.markStep(step)));
  }

  /** Runs the state's settings unless that run is already shown or on its way. */
  show(s: Readonly<LabState>): void {
    const settings = eosSettingsOf(s);
    const key = JSON.stringify(settings);
    this.describe(settings);
    if (key === this.key) return;
    this.key = key;
    void this.start(settings);
  }

  /** Stops a run in progress (the next show starts it again). */
  stop(): void {
    if (this.element.dataset.state !== 'running') return;
    this.abort?.abort();
    this.key = '';
  }

  /** Resizes the four charts to the cells' width. */
  resize(width: number, height: number): void {
    for (const c of Object.values(this.charts)) c.resize(width, height);
  }

  /** New colours and font size. */
  setTheme(theme: ChartTheme): void {
    for (const c of Object.values(this.charts)) c.setTheme(theme);
    this.redraw();
  }

  /** Cancels the run and removes the charts. */
  dispose(): void {
    this.abort?.abort();
    cancelAnimationFrame(this.frame);
    for (const c of Object.values(this.charts)) c.dispose();
    this.element.remove();
  }

  private describe(s: EosSettings): void {
    const text =
      `Chebyshev T₆ on 20 points, tanh MLP 1-30-20-1 (Glorot, seed ${s.seed}), full-batch GD with η = ${s.lr} on the MSE loss mean (z − t)² ` +
      `for ${s.steps} steps (the same dynamics as η = ${2 * s.lr} on ½·MSE, whose λmax is half); λmax of the MSE Hessian every ${s.every} steps ` +
      `by Lanczos in float64 against 2/η = ${(2 / s.lr).toPrecision(3)}.`;
    const about = this.element.querySelector('[data-readout="eos-setup"]');
    if (about && about.textContent !== text) about.textContent = text;
  }

  private async start(settings: EosSettings): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const trace = new EosTrace(settings.lr);
    this.trace = trace;
    this.element.dataset.state = 'running';
    this.element.dataset.limit = String(trace.limit);
    this.redraw();
    try {
      const client = await this.compute;
      const result = await client.run<EosResult, EosChunk>('eos', settings, { channel: 'eos', signal: abort.signal, onProgress: (chunk) => this.receive(trace, chunk) });
      if (this.trace !== trace) return;
      // Every step came as progress already, unless reports were lost: then the result replaces them.
      if (trace.steps !== result.done) {
        this.trace = new EosTrace(settings.lr);
        this.trace.append(result);
      }
      this.element.dataset.state = result.reason === 'diverged' ? 'diverged' : 'done';
      this.redraw();
    } catch (error) {
      if (this.trace !== trace || (error as Error).name === 'AbortError') return;
      this.element.dataset.state = 'error';
      this.status.textContent = `The run failed: ${(error as Error).message}`;
    }
  }

  private receive(trace: EosTrace, chunk: EosChunk): void {
    if (this.trace !== trace || !trace.append(chunk)) return;
    this.redraw();
  }

  /** Redraws on the next frame (several chunks in one frame draw once). */
  private redraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const trace = this.trace;
    if (!trace) return;
    const cols = eosChartColumns(trace);
    for (const k of Object.keys(CHARTS) as (keyof typeof CHARTS)[]) this.charts[k].update(cols[k].x, cols[k].columns);
    const summary = eosSummary(trace);
    const d = this.element.dataset;
    d.steps = String(summary.steps);
    d.lambdaLast = String(summary.lambdaLast);
    d.lambdaPeak = String(trace.lambdaMax.length > 0 ? Math.max(...trace.lambdaMax) : Number.NaN);
    d.crossing = summary.crossing === null ? '' : String(summary.crossing);
    if (d.state !== 'error') this.status.textContent = eosSummaryText(summary);
  }
}

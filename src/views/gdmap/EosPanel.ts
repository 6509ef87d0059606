import type { ChartTheme } from '../../plots/chartTheme';
import { StepChart, type StepChartSpec } from '../../plots/StepChart';
import type { LabState } from '../../state/schema';
import type { ComputeClient } from '../../worker/ComputeClient';
import { EOS_DEEP_LINEAR, EOS_PRESET, EOS_PRESETS, type EosChunk, type EosProblemKind, type EosResult, type EosSettings } from '../../worker/edgeOfStability';
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
  loss: { title: 'training loss (MSE; below 1e-14 not drawn)', testid: 'eos-loss', label: 'training loss against the step', yLabel: 'loss', scale: 'log', series: [{ label: 'L(θₜ)', color: BLUE }] },
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

/** The run's settings from the state: its problem (T₆ on 20 points with tanh 1-30-20-1, or the deep linear net) and the eos* keys. */
export function eosSettingsOf(s: Readonly<LabState>): EosSettings {
  const run = { lr: s.eosLr, steps: s.eosSteps, seed: s.eosSeed, every: s.eosEvery };
  if (s.eosPreset === 'deep-linear') return { problem: 'deep-linear', ...run, hidden: EOS_DEEP_LINEAR.hidden };
  return { ...run, degree: EOS_PRESET.degree, hidden: EOS_PRESET.hidden };
}

/** Names of the problems in the panel's preset menu. */
export const EOS_PRESET_LABELS: Readonly<Record<EosProblemKind, string>> = {
  tanh: `T₆, tanh 1-30-20-1, η = ${EOS_PRESET.lr}`,
  'deep-linear': `deep linear 5-10-10-10-1, init N(0, ${EOS_DEEP_LINEAR.initScale}²), η = ${EOS_PRESETS['deep-linear'].lr}`,
};

/** The state patch that loads a problem's preset (its η, steps, seed and K with it). */
export function eosPresetPatch(problem: EosProblemKind): Pick<LabState, 'eosPreset' | 'eosLr' | 'eosSteps' | 'eosSeed' | 'eosEvery'> {
  const p = EOS_PRESETS[problem];
  return { eosPreset: problem, eosLr: p.lr, eosSteps: p.steps, eosSeed: p.seed, eosEvery: p.every };
}

/** The setup sentence above the charts. */
export function eosSetupText(s: EosSettings): string {
  const run = `full-batch GD with η = ${s.lr} on the MSE loss mean (z − t)² for ${s.steps} steps (the same dynamics as η = ${2 * s.lr} on ½·MSE, whose λmax is half)`;
  const lambda = `λmax of the MSE Hessian every ${s.every} steps by Lanczos in float64 against 2/η = ${(2 / s.lr).toPrecision(3)}`;
  if (s.problem === 'deep-linear') {
    const d = EOS_DEEP_LINEAR;
    const widths = [d.inputDim, ...(s.hidden ?? d.hidden), 1];
    return `Deep linear net ${widths.join('-')} without biases, z = W${sub(widths.length - 1)}⋯W₁x, every weight N(0, ${d.initScale}²) (seed ${s.seed}), on ${d.samples} inputs x ~ N(0, I${sub(d.inputDim)}) with targets βᵀx, ‖β‖ = ${d.teacherNorm}; ${run}; ${lambda}. Started small, λmax is near 0 and rises as the net learns (progressive sharpening).`;
  }
  return `Chebyshev T₆ on 20 points, tanh MLP 1-30-20-1 (Glorot, seed ${s.seed}), ${run}; ${lambda}.`;
}

/** A whole number as subscript digits. */
function sub(n: number): string {
  return String(n).replace(/\d/g, (c) => '₀₁₂₃₄₅₆₇₈₉'[Number(c)]);
}

/**
 * The edge-of-stability panel: the run's settings in words, a status line, and four charts on one
 * step axis (hover one, the others mark the same step). The run is computed in the worker for the
 * state's settings and redrawn at most once a frame as its chunks arrive.
 */
export class EosPanel {
  /** Root element: data-state running|done|error, data-steps, data-limit, data-lambda-last, data-lambda-peak, data-crossing (2/η), data-crossing90 (0.9·2/η). */
  readonly element: HTMLElement;
  private readonly status: HTMLElement;
  private readonly preset: HTMLSelectElement;
  private readonly charts: Record<keyof typeof CHARTS, StepChart>;
  private trace: EosTrace | null = null;
  private key = '';
  private abort: AbortController | null = null;
  private frame = 0;

  /** Builds the panel in the parent; `onPreset` receives the state patch of a problem chosen in its menu. */
  constructor(parent: HTMLElement, private readonly compute: Promise<ComputeClient>, theme: ChartTheme, onPreset?: (patch: ReturnType<typeof eosPresetPatch>) => void) {
    this.element = document.createElement('div');
    this.element.className = 'gdmap-eos';
    this.element.dataset.testid = 'eos-panel';
    parent.append(this.element);
    const choose = document.createElement('label');
    choose.className = 'gdmap-note';
    choose.append('preset: ');
    this.preset = document.createElement('select');
    this.preset.dataset.testid = 'eos-preset';
    for (const [value, text] of Object.entries(EOS_PRESET_LABELS)) this.preset.append(new Option(text, value));
    this.preset.disabled = onPreset === undefined;
    this.preset.addEventListener('change', () => onPreset?.(eosPresetPatch(this.preset.value as EosProblemKind)));
    choose.append(this.preset);
    this.element.append(choose);
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
    if (this.preset.value !== s.eosPreset) this.preset.value = s.eosPreset;
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
    const text = eosSetupText(s);
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
    d.crossing90 = summary.crossing90 === null ? '' : String(summary.crossing90);
    if (d.state !== 'error') this.status.textContent = eosSummaryText(summary);
  }
}

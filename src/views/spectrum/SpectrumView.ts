/**
 * The spectrum view's controller: reads the trained network from the network controller, asks the
 * compute side for its Hessian spectrum (and, with K > 0, the spectrum over training), and hands
 * the results to the page. Work starts only while the view is shown; newer settings or a newer
 * network supersede the job in flight, and hiding the view cancels it.
 */
import type { PublishedNetwork } from '../../app/network/NetworkController';
import { networkPresetPatch } from '../../state/actions';
import type { LabState } from '../../state/schema';
import { findView } from '../../state/views';
import type { ComputeClient } from '../../worker/ComputeClient';
import { PAGE_EXACT_MAX_PARAMETERS, type SpectrumJob, type SpectrumJobResult, type SpectrumProgress, type SpectrumTrackJob, type TrackSample } from '../../worker/spectrumJobs';
import type { LabView } from '../ViewHost';
import type { ViewContext } from '../ViewModule';
import { SpectrumControls } from './SpectrumControls';
import { SpectrumPage } from './SpectrumPage';

/** Hutchinson probes per sample over training (a cheaper estimate than the view's own). */
const TRACK_PROBES = 20;
/** Most samples over training (K is raised to keep within it). */
const MAX_TRACK_SAMPLES = 200;

const STAGE_NAMES: Record<SpectrumProgress['stage'], string> = {
  lanczos: 'top and bottom eigenpairs (Lanczos)',
  trace: 'trace (Hutchinson)',
  density: 'density (SLQ)',
  exact: 'exact spectrum (dense Hessian)',
  gaussNewton: 'Gauss–Newton spectrum',
};

/** The state keys this view owns (its registry row). */
const OWN_KEYS: readonly string[] = findView('spectrum').stateKeys;

function isAbort(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'AbortError';
}

/** The spectrum job for a network and the view's settings. */
export function spectrumJobFor(net: PublishedNetwork, s: Readonly<LabState>): SpectrumJob {
  return {
    spec: net.settings.spec,
    data: net.settings.data,
    theta: net.theta,
    top: s.specTop,
    bottom: s.specBottom,
    probes: s.specProbes,
    densityProbes: s.specDensityProbes,
    exactMax: s.specExact ? PAGE_EXACT_MAX_PARAMETERS : 0,
    gaussNewton: true,
    engine: s.specEngine,
    seed: net.settings.seed,
    // The slice's Gauss–Newton vs Taylor models at the point the landscape views show.
    slice: { d1: net.d1, d2: net.d2, a: s.x, b: s.y, radius: s.radius },
  };
}

/** The tracking job (null when K = 0): K raised so that at most MAX_TRACK_SAMPLES samples are taken. */
export function trackJobFor(net: PublishedNetwork, s: Readonly<LabState>): SpectrumTrackJob | null {
  if (s.specEvery <= 0) return null;
  const { settings } = net;
  const every = Math.max(s.specEvery, Math.ceil(settings.steps / MAX_TRACK_SAMPLES));
  return { spec: settings.spec, data: settings.data, optimizer: settings.optimizer, lr: settings.lr, steps: settings.steps, seed: settings.seed, every, top: Math.min(s.specTop, 5), probes: TRACK_PROBES, engine: s.specEngine };
}

/** The view: one container, one lil-gui folder, two compute channels. */
export class SpectrumView implements LabView {
  /** This view's id in the registry. */
  readonly id = 'spectrum' as const;
  private readonly page: SpectrumPage;
  private readonly controls: SpectrumControls;
  private visible = false;
  private shownKey = '';
  private trackKey = '';

  /** Builds the page and the folder, and follows the store and the network. */
  constructor(private readonly context: ViewContext) {
    const { store, panel, container, network } = context;
    this.page = new SpectrumPage(container, () => store.set(store.get().landscape === 'network' ? { mode: '2d' } : { ...networkPresetPatch(), mode: '2d' }));
    this.controls = new SpectrumControls(panel.root, store, () => this.refresh(true));
    panel.addViewControls('spectrum', [this.controls.folder]);
    network?.onPublished(() => this.refresh());
    store.subscribe((_s, changed) => {
      if (OWN_KEYS.some((k) => changed.has(k as keyof LabState))) this.refresh();
    });
  }

  /** Shows or hides the view; hiding cancels its work. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.context.container.hidden = !visible;
    this.context.panel.setViewControlsVisible('spectrum', visible);
    if (visible) this.refresh();
    else void this.cancel();
  }

  private async cancel(): Promise<void> {
    const client = await this.context.compute;
    client.cancelChannel('spectrum');
    client.cancelChannel('spectrumTrack');
    // What was cancelled is computed again when the view comes back.
    if (this.context.container.dataset.status === 'computing') this.shownKey = '';
    if (this.context.container.dataset.trackStatus === 'computing') this.trackKey = '';
  }

  /** Starts what the current network and settings need and is not on screen yet (`force`: again anyway). */
  private refresh(force = false): void {
    if (!this.visible) return;
    const net = this.context.network?.current ?? null;
    this.page.showNetwork(net !== null);
    if (!net) {
      this.setStatus('empty', 'No trained network yet.');
      return;
    }
    const s = this.context.store.get();
    const job = spectrumJobFor(net, s);
    const netKey = `${net.settings.key}|${net.steps}|${net.reason}`;
    const key = `${netKey}|${job.top}|${job.bottom}|${job.probes}|${job.densityProbes}|${job.exactMax}|${job.engine}|${s.x}|${s.y}|${s.radius}`;
    if (force || key !== this.shownKey) {
      this.shownKey = key;
      void this.computeSpectrum(job, net);
    }
    const track = trackJobFor(net, s);
    const trackKey = track ? `${netKey}|${track.every}|${track.top}|${track.engine}` : '';
    if (force || trackKey !== this.trackKey) {
      this.trackKey = trackKey;
      void this.computeTrack(track, net);
    }
  }

  private setStatus(status: string, text: string): void {
    this.context.container.dataset.status = status;
    this.page.status.textContent = text;
  }

  private async computeSpectrum(job: SpectrumJob, net: PublishedNetwork): Promise<void> {
    const P = job.theta.length;
    this.setStatus('computing', `Computing the spectrum of H at θ* (P = ${P} parameters, ${net.settings.dataName})…`);
    try {
      const client: ComputeClient = await this.context.compute;
      const onProgress = (p: SpectrumProgress): void => this.setStatus('computing', `Computing the ${STAGE_NAMES[p.stage]}: ${p.done} of ${p.total}…`);
      const result = await client.run<SpectrumJobResult, SpectrumProgress>('spectrum', job, { channel: 'spectrum', onProgress });
      this.page.render(result);
      this.setStatus('ready', `Spectrum of H at θ* of the network trained ${net.steps} steps on ${net.settings.dataName} (P = ${P}).`);
    } catch (error) {
      if (!isAbort(error)) this.setStatus('error', `The spectrum failed: ${(error as Error).message}`);
    }
  }

  private async computeTrack(job: SpectrumTrackJob | null, net: PublishedNetwork): Promise<void> {
    const container = this.context.container;
    if (!job) {
      this.page.renderTrack([], net.settings.lr, net.settings.optimizer, 'Set “every K steps” above 0 to track the top eigenvalues and the trace over training (the run is replayed in the worker with the same settings and seed).');
      container.dataset.trackStatus = 'off';
      return;
    }
    const samples: TrackSample[] = [];
    const note = (done: boolean): string => `Every ${job.every} steps of ${job.steps} (${job.optimizer}, η = ${job.lr}): top ${job.top} eigenvalues by Lanczos and the trace by ${TRACK_PROBES} Hutchinson probes${done ? '' : `, ${samples.length} samples so far…`}`;
    container.dataset.trackStatus = 'computing';
    try {
      const client = await this.context.compute;
      const onProgress = (sample: TrackSample): void => {
        samples.push(sample);
        this.page.renderTrack(samples, job.lr, job.optimizer, note(false));
      };
      const all = await client.run<TrackSample[], TrackSample>('spectrumTrack', job, { channel: 'spectrumTrack', onProgress });
      this.page.renderTrack(all, job.lr, job.optimizer, note(true));
      container.dataset.trackStatus = 'ready';
    } catch (error) {
      if (isAbort(error)) return;
      container.dataset.trackStatus = 'error';
      this.page.renderTrack(samples, job.lr, job.optimizer, `Tracking failed: ${(error as Error).message}`);
    }
  }
}

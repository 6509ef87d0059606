/**
 * The network landscape's controls and readouts: a lil-gui folder bound to the state's network
 * keys, and a sidebar section with the training progress bar, the live loss curve, the data /
 * prediction inset, the parameter count and the full Hessian's λmax with the stable rate 2/λmax.
 * Shown only in the 2D view with the network landscape chosen. Renders what it is given.
 */
import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import { ACTIVATIONS } from '../core/network/types';
import { LossCurve } from '../plots/LossCurve';
import { NetworkInset, type InsetData } from '../plots/NetworkInset';
import { SharpnessChart } from '../plots/SharpnessChart';
import { NET_DATA_CHOICES, NET_DIRECTIONS, NET_OPTIMIZERS, type LabState, type NetDataChoice } from '../state/schema';
import type { Store } from '../state/Store';
import { formatNumber } from './format';
import { compareSliceWithFull } from '../core/network/unitLength';
import type { FullHessianReadout } from '../app/network/NetworkController';
import { DataSourcePanel } from './DataSourcePanel';
import { dataChoicePatch, netDataLabel } from './dataSourcePresenters';
import { viewShows } from '../state/views';

/** What the panel's buttons do (the app's network controller). */
export interface NetworkActions {
  retrain(): void;
  stop(): void;
}

const DIRECTION_LABELS: Record<(typeof NET_DIRECTIONS)[number], string> = {
  filter: 'filter-normalised random (Li et al.)',
  hessian: 'top-2 Hessian eigenvectors',
  path: 'training path (PCA)',
};

function row(parent: HTMLElement, label: string, key: string): HTMLElement {
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.dataset.readout = key;
  dd.textContent = '–';
  parent.append(dt, dd);
  return dd;
}

/** The network folder and section. */
export class NetworkPanel {
  /** The sidebar section (data-testid="network"). */
  readonly element: HTMLElement;
  private readonly folder: GUI;
  private readonly mirror: Record<string, unknown>;
  private readonly controllers: Controller[] = [];
  private readonly bar = document.createElement('progress');
  private readonly statusLine = document.createElement('p');
  private readonly curve: LossCurve;
  private readonly inset: NetworkInset;
  private readonly sharpnessChart: SharpnessChart;
  private readonly cells: Record<string, HTMLElement> = {};
  private stopButton: Controller;
  private lastStatus = '';
  /** The real-data controls and readouts (issue 16): the user's files and the test pictures. */
  readonly dataSource: DataSourcePanel;

  /** Builds the folder in the GUI and the section after `after` in the sidebar. */
  constructor(gui: GUI, sidebar: HTMLElement, private readonly store: Store, actions: NetworkActions, after?: Element | null) {
    this.mirror = { ...store.get(), netHidden: store.get().netHidden };
    this.folder = gui.addFolder('neural network');
    const data = Object.fromEntries(NET_DATA_CHOICES.map((k) => [netDataLabel(k), k]));
    const dataChoice = this.folder.add(this.mirror, 'netData', data).name('data');
    dataChoice.onChange((v: NetDataChoice) => this.store.set(dataChoicePatch(v, this.store.get())));
    this.controllers.push(dataChoice);
    this.bindFinish(this.folder.add(this.mirror, 'netNoise', 0, 1, 0.01).name('noise'), 'netNoise');
    this.bindFinish(this.folder.add(this.mirror, 'netHidden').name('hidden widths'), 'netHidden');
    this.bind(this.folder.add(this.mirror, 'netActivation', [...ACTIVATIONS]).name('activation'), 'netActivation');
    this.bindFinish(this.folder.add(this.mirror, 'netWeightDecay', 0, 0.1, 0.0001).name('L2 weight decay'), 'netWeightDecay');
    this.bind(this.folder.add(this.mirror, 'netOptimizer', [...NET_OPTIMIZERS]).name('optimizer'), 'netOptimizer');
    this.bindFinish(this.folder.add(this.mirror, 'netLr').name('learning rate'), 'netLr');
    this.bindFinish(this.folder.add(this.mirror, 'netSteps').step(1).name('steps'), 'netSteps');
    this.bindFinish(this.folder.add(this.mirror, 'netSeed').step(1).name('seed'), 'netSeed');
    const dirs = Object.fromEntries(NET_DIRECTIONS.map((d) => [DIRECTION_LABELS[d], d]));
    this.bind(this.folder.add(this.mirror, 'netDirections', dirs).name('slice directions'), 'netDirections');
    this.bind(this.folder.add(this.mirror, 'netSharpness').name('track λmax while training'), 'netSharpness');
    this.folder.add(actions, 'retrain').name('train again');
    this.stopButton = this.folder.add(actions, 'stop').name('stop training');
    this.element = this.buildSection();
    if (after?.parentElement === sidebar) after.after(this.element);
    else sidebar.append(this.element);
    this.curve = new LossCurve(this.element.querySelector('.network-plots') as HTMLElement);
    this.inset = new NetworkInset(this.element.querySelector('.network-plots') as HTMLElement);
    this.sharpnessChart = new SharpnessChart(this.element.querySelector('.network-plots') as HTMLElement);
    this.dataSource = new DataSourcePanel(this.folder, this.element.querySelector('.network-plots') as HTMLElement, store, actions);
    store.subscribe(() => this.sync());
    this.sync();
  }

  /** Training progress: the bar, the status line and the loss curve. */
  progress(step: number, total: number, loss: number, accuracy: number, losses: Float64Array): void {
    this.bar.max = total;
    this.bar.value = step;
    this.bar.dataset.step = String(step);
    const acc = Number.isFinite(accuracy) ? ` · accuracy ${(100 * accuracy).toFixed(1)}%` : '';
    this.cells.trainLoss.textContent = formatNumber(loss);
    this.statusLine.textContent = `step ${step} / ${total} · training loss at this step ${formatNumber(loss)}${acc}`;
    this.statusLine.dataset.kind = 'info';
    this.curve.update(losses, Math.min(step + 1, losses.length), total);
  }

  /** The data and the trained network's prediction. */
  prediction(data: InsetData): void {
    this.inset.update(data);
  }

  /** A status or error line. */
  status(text: string, kind: 'info' | 'error' = 'info'): void {
    this.lastStatus = text;
    this.statusLine.textContent = text;
    this.statusLine.dataset.kind = kind;
    this.statusLine.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  }

  /** The network's parameter count. */
  parameters(count: number): void {
    this.cells.params.textContent = String(count);
  }

  /**
   * λmax (largest algebraic) and λmin (smallest) of the full network Hessian, the stable full-batch
   * rate 2/λmax in parameter units, and the slice compared with λmax per unit length.
   */
  fullHessian(v: FullHessianReadout): void {
    this.cells.lambdaMaxFull.textContent = formatNumber(v.lambdaMax);
    this.cells.lambda2Full.textContent = formatNumber(v.lambda2);
    this.cells.lambdaMinFull.textContent = v.lambdaMin === undefined ? '–' : formatNumber(v.lambdaMin);
    this.cells.stableLr.textContent = v.lambdaMax > 0 ? formatNumber(2 / v.lambdaMax) : '∞ (no positive curvature)';
    if (v.residuals) this.cells.lambdaMaxFull.title = `residual ‖Hv − λv‖: λmax ${v.residuals.lambdaMax.toExponential(1)}, λmin ${v.residuals.lambdaMin.toExponential(1)}`;
    if (v.gram) this.cells.directionNorms.textContent = `‖d₁‖ ${formatNumber(Math.sqrt(v.gram.xx))}, ‖d₂‖ ${formatNumber(Math.sqrt(v.gram.yy))}`;
    if (v.sliceHessian && v.gram) {
      const c = compareSliceWithFull(v.sliceHessian, v.gram, v.lambdaMax);
      this.cells.sliceVsFull.textContent = `per unit length: slice |λ|max ${formatNumber(c.perUnitLength)} = ${c.ratio.toFixed(3)} × λmax (in slice units ${formatNumber(c.sliceUnits)}; slice GD step 1/λ ${formatNumber(1 / c.sliceUnits)} in slice units)`;
      this.cells.sliceVsFull.dataset.ratio = String(c.ratio);
    } else if (v.slice) {
      const top = Math.max(Math.abs(v.slice[0]), Math.abs(v.slice[1]));
      this.cells.sliceVsFull.textContent = `slice |λ|max ${formatNumber(top)} in slice units (not per unit length)`;
    }
    this.element.dataset.hessianAt = v.at;
  }

  /** The training path in slice coordinates (path directions only). */
  path(a: ArrayLike<number> | null, b: ArrayLike<number> | null): void {
    this.element.dataset.path = a && b ? String(a.length) : '';
  }

  /** The λmax-while-training samples against 2/η (hidden when tracking is off). */
  sharpness(points: readonly { step: number; lambdaMax: number }[], limit: number, total: number): void {
    this.sharpnessChart.update(points, limit, total);
    const last = points[points.length - 1];
    this.cells.sharpness.textContent = last ? `${formatNumber(last.lambdaMax)} at step ${last.step} (2/η = ${formatNumber(limit)})` : Number.isFinite(limit) ? `2/η = ${formatNumber(limit)}` : 'off';
  }

  /** The share of the slice's grid pass done, or null when none runs. */
  gridProgress(done: number | null): void {
    this.element.dataset.gridProgress = done === null ? '' : String(done);
    if (done === null) this.statusLine.textContent = this.lastStatus;
    else this.statusLine.textContent = `Computing the slice grid (loss, gradient and Hessian at every point): ${(100 * done).toFixed(0)}%`;
  }

  /** Whether a run is in flight (the stop button is enabled only then). */
  busy(running: boolean): void {
    this.element.dataset.busy = String(running);
    this.stopButton.enable(running);
  }

  private buildSection(): HTMLElement {
    const section = document.createElement('section');
    section.className = 'network-section';
    section.dataset.testid = 'network';
    section.setAttribute('aria-label', 'neural network training');
    const title = document.createElement('h2');
    title.textContent = 'Neural-network loss';
    const definition = document.createElement('p');
    definition.className = 'network-definition';
    definition.dataset.readout = 'network-definition';
    definition.textContent = 'f(x, y) = L(θ* + x·d₁ + y·d₂): the training loss on a plane through the trained parameters θ*; x and y are the steps along the slice directions d₁ and d₂.';
    this.bar.className = 'network-progress';
    this.bar.dataset.testid = 'train-progress';
    this.bar.max = 1;
    this.bar.value = 0;
    this.bar.setAttribute('aria-label', 'training progress');
    this.statusLine.className = 'network-status';
    this.statusLine.dataset.readout = 'train-status';
    const plots = document.createElement('div');
    plots.className = 'network-plots';
    const list = document.createElement('dl');
    list.className = 'readouts network-readouts';
    this.cells.params = row(list, 'parameters', 'params');
    // The same number as the status line's, at the step it names; f(x, y) at (0, 0) is L(θ*) after training.
    this.cells.trainLoss = row(list, 'training loss (last step)', 'trainLoss');
    this.cells.lambdaMaxFull = row(list, 'λmax (full H, largest algebraic)', 'lambdaMaxFull');
    this.cells.lambda2Full = row(list, 'λ₂ (full H)', 'lambda2Full');
    this.cells.lambdaMinFull = row(list, 'λmin (full H, smallest algebraic)', 'lambdaMinFull');
    this.cells.stableLr = row(list, 'stable full-batch lr 2/λmax (parameter units)', 'stableLr');
    this.cells.directionNorms = row(list, 'slice directions', 'directionNorms');
    this.cells.sliceVsFull = row(list, 'slice vs full', 'sliceVsFull');
    this.cells.sharpness = row(list, 'λmax while training', 'sharpness');
    const note = document.createElement('p');
    note.className = 'network-note';
    note.dataset.readout = 'network-note';
    section.append(title, definition, this.bar, this.statusLine, plots, list, note);
    return section;
  }

  private bind(c: Controller, key: keyof LabState): void {
    c.onChange((v: unknown) => this.store.set({ [key]: v } as Partial<LabState>));
    this.controllers.push(c);
  }

  /** Numbers and text apply when the user finishes typing or dragging: each change retrains. */
  private bindFinish(c: Controller, key: keyof LabState): void {
    c.onFinishChange((v: unknown) => {
      const value = key === 'netHidden' ? String(v) : Number(v);
      if (typeof value === 'number' && !Number.isFinite(value)) {
        this.status(`${String(v)} is not a number; the last good landscape stays.`, 'error');
        return;
      }
      this.store.set({ [key]: value } as Partial<LabState>);
    });
    this.controllers.push(c);
  }

  private sync(): void {
    const s = this.store.get();
    Object.assign(this.mirror, s);
    for (const c of this.controllers) c.updateDisplay();
    const visible = viewShows(s.mode, 'landscape') && s.landscape === 'network';
    this.folder.show(visible);
    this.element.hidden = !visible;
    const note = s.netActivation === 'relu' ? 'ReLU: second derivatives vanish almost everywhere, so the Hessian and every model above order 1 only see the kinks’ neighbourhoods as flat.' : '';
    const noteEl = this.element.querySelector('[data-readout="network-note"]');
    if (noteEl && noteEl.textContent !== note) noteEl.textContent = note;
  }
}

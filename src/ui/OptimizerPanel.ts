/**
 * The optimizers' controls: a lil-gui folder "optimizers" with up to three runs (method and its
 * η, β, μ), the start, and Step / Play-Pause / Reset; plus the sidebar section (OptimizerReadouts).
 * Every control writes the state's `runs`, `runStart`, `runSteps`, `showRuns`; the buttons call
 * the app's optimizer controller. A bad `runs` text from a link leaves the fields on the last good runs.
 */
import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import { formatRunSpecs, MAX_RUNS, parseRunSpecs, type RunSpec } from '../core/optimizers/runSpecs';
import { DEFAULT_PARAMS, METHOD_PARAMS, OPTIMIZER_METHODS, type OptimizerMethod, type ParamName } from '../core/optimizers/types';
import type { Store } from '../state/Store';
import { OptimizerReadouts } from './OptimizerReadouts';
import { viewShows } from '../state/views';

/** What the buttons do (the app's optimizer controller). */
export interface OptimizerActions {
  step(): void;
  togglePlay(): void;
  reset(): void;
}

/** One run's fields in the GUI. */
interface Slot {
  method: 'off' | OptimizerMethod;
  lr: number;
  beta: number;
  mu: number;
}

const SLOT_PARAMS = ['lr', 'beta', 'mu'] as const;
const SYMBOL: Record<(typeof SLOT_PARAMS)[number], string> = { lr: 'η', beta: 'β', mu: 'μ' };

/** The optimizers folder and section. */
export class OptimizerPanel {
  /** The sidebar section with the readouts and the chart host. */
  readonly readouts: OptimizerReadouts;
  /** The lil-gui folder (main hands it to LabPanel.addViewControls: shown in the 2D and 1D views). */
  readonly folder: GUI;
  private readonly slots: Slot[] = [];
  private readonly fields: Record<string, Controller>[] = [];
  private readonly mirror: { start: string; showRuns: boolean };
  private readonly playButton: Controller;
  private lrName = 'η';

  /** Builds the folder under `gui` and the section at the end of the sidebar. */
  constructor(gui: GUI, sidebar: HTMLElement, private readonly store: Store, actions: OptimizerActions) {
    this.folder = gui.addFolder('optimizers');
    this.folder.domElement.dataset.testid = 'optimizer-folder';
    const s = store.get();
    this.mirror = { start: s.runStart, showRuns: s.showRuns };
    this.folder.add(this.mirror, 'showRuns').name('show runs').onChange((v: boolean) => store.set({ showRuns: v }));
    for (let i = 0; i < MAX_RUNS; i++) this.addSlot(i);
    this.folder
      .add(this.mirror, 'start')
      .name('start x,y (shift-click)')
      .onFinishChange((v: string) => store.set({ runStart: v.trim(), runSteps: 0 }));
    this.folder.add({ fromPoint: () => store.set({ runStart: '', runSteps: 0 }) }, 'fromPoint').name('start at the expansion point');
    this.folder.add(actions, 'step').name('step (N)');
    this.playButton = this.folder.add(actions, 'togglePlay').name('play (B)');
    this.folder.add(actions, 'reset').name('reset to step 0');
    this.readouts = new OptimizerReadouts(sidebar);
    store.subscribe((state, changed) => {
      if (changed.has('runs') || changed.has('runStart') || changed.has('showRuns')) this.sync();
      // The sidebar section reads the 2D runs; the 1D view has its own table of steps.
      if (changed.has('mode')) this.readouts.element.hidden = !viewShows(state.mode, 'landscape');
    });
    this.sync();
    this.readouts.element.hidden = !viewShows(s.mode, 'landscape');
  }

  /** Names the η fields with the marks 1/λmax and 2/λmax at the start (null: no marks). */
  setLrMarks(marks: { inverse: number; limit: number } | null): void {
    const f = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(3))) : '∞');
    const name = marks ? `η (1/λmax ${f(marks.inverse)}, 2/λmax ${f(marks.limit)})` : 'η';
    if (name === this.lrName) return;
    this.lrName = name;
    for (const fields of this.fields) fields.lr.name(name);
  }

  /** Shows Play or Pause on the button. */
  setPlaying(playing: boolean): void {
    this.playButton.name(playing ? 'pause (B)' : 'play (B)');
  }

  private addSlot(i: number): void {
    const slot: Slot = { method: 'off', lr: DEFAULT_PARAMS.lr, beta: DEFAULT_PARAMS.beta, mu: DEFAULT_PARAMS.mu };
    this.slots.push(slot);
    const folder = this.folder.addFolder(`run ${i + 1}`);
    folder.domElement.dataset.runSlot = String(i);
    const fields: Record<string, Controller> = {
      method: folder.add(slot, 'method', ['off', ...OPTIMIZER_METHODS]).name('method').onChange(() => this.write()),
    };
    for (const p of SLOT_PARAMS) fields[p] = folder.add(slot, p).name(SYMBOL[p]).onFinishChange(() => this.write());
    this.fields.push(fields);
  }

  /** The GUI's runs into the state (steps back to 0: the runs are new). */
  private write(): void {
    const specs: RunSpec[] = this.slots
      .filter((s): s is Slot & { method: OptimizerMethod } => s.method !== 'off')
      .map((s) => {
        const params: Partial<Record<ParamName, number>> = {};
        for (const p of METHOD_PARAMS[s.method]) if (p === 'lr' || p === 'beta' || p === 'mu') params[p] = s[p];
        return { method: s.method, params };
      });
    const runs = formatRunSpecs(specs);
    if (runs !== this.store.get().runs) this.store.set({ runs, runSteps: 0 });
    this.showFields();
  }

  /** The state's runs into the GUI (a bad text keeps the fields as they are). */
  private sync(): void {
    const s = this.store.get();
    this.mirror.start = s.runStart;
    this.mirror.showRuns = s.showRuns;
    const parsed = parseRunSpecs(s.runs);
    if (parsed.ok) {
      this.slots.forEach((slot, i) => {
        const spec = parsed.specs[i];
        slot.method = spec?.method ?? 'off';
        for (const p of SLOT_PARAMS) slot[p] = spec?.params[p] ?? DEFAULT_PARAMS[p];
      });
    }
    this.showFields();
    for (const c of this.folder.controllersRecursive()) c.updateDisplay();
  }

  /** Each run shows only the fields its method reads; runs after the first 'off' one wait their turn. */
  private showFields(): void {
    let firstOff = true;
    this.slots.forEach((slot, i) => {
      const used: readonly ParamName[] = slot.method === 'off' ? [] : METHOD_PARAMS[slot.method];
      for (const p of SLOT_PARAMS) this.fields[i][p].show(used.includes(p));
      const folder = this.fields[i].method.parent;
      folder.show(slot.method !== 'off' || firstOff);
      if (slot.method === 'off') firstOff = false;
    });
  }
}

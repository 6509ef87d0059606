/**
 * The GD-map view's lil-gui folder: which panel (the GD map's diagram or the edge of stability),
 * the case (a typed f or the 2D quadratic), preset, f (parse errors with a caret under it), its x
 * window, λ₁ and λ₂, the picked η, the button that opens its run in the 1D view and the one that
 * shows f's fixed and period-2 points as a zero set in the implicit view; and the
 * edge-of-stability run's η, steps, seed and K. Expensive settings commit on finish.
 */
import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import { gdZeroSetView } from '../../core/implicit/gdZeroSet';
import { implicitPreset } from '../../core/implicit/presets';
import type { LabState } from '../../state/schema';
import type { Store } from '../../state/Store';
import { EOS_PRESET } from '../../worker/edgeOfStability';
import { GDMAP_PRESETS, presetOfFormula, presetPatch } from './gdmapPresenters';

type Mirror = Pick<LabState, 'gdmapPanel' | 'gdmapCase' | 'gdmapFormula' | 'gdmapXMin' | 'gdmapXMax' | 'gdmapLambda1' | 'gdmapLambda2' | 'gdmapEta' | 'eosLr' | 'eosSteps' | 'eosSeed' | 'eosEvery'> & { preset: string };
const MIRRORED = ['gdmapPanel', 'gdmapCase', 'gdmapFormula', 'gdmapXMin', 'gdmapXMax', 'gdmapLambda1', 'gdmapLambda2', 'gdmapEta', 'eosLr', 'eosSteps', 'eosSeed', 'eosEvery'] as const;
const PANELS = { 'bifurcation diagram of the GD map': 'map', 'edge of stability (a network)': 'eos' } as const;
const CASES = { 'f(x), typed': '1d', 'quadratic ½(λ₁u² + λ₂v²)': 'quadratic' } as const;

/** The folder and its controllers, bound to a mirror of the state. */
export class GdMapControls {
  /** The lil-gui folder (handed to LabPanel.addViewControls). */
  readonly folder: GUI;
  private readonly mirror: Mirror;
  private readonly controllers: Controller[] = [];
  private readonly mapOnly: Controller[] = [];
  private readonly formulaOnly: Controller[] = [];
  private readonly quadraticOnly: Controller[] = [];
  private readonly eosOnly: Controller[] = [];
  private readonly formula: Controller;
  private readonly error: HTMLPreElement;

  /** Builds the folder under the panel's root; `openIn1D` opens the picked run in the 1D view. */
  constructor(root: GUI, private readonly store: Store, openIn1D: () => void) {
    const s = store.get();
    this.mirror = { ...(Object.fromEntries(MIRRORED.map((k) => [k, s[k]])) as unknown as Mirror), preset: presetOfFormula(s.gdmapFormula)?.id ?? 'custom' };
    this.folder = root.addFolder('GD map x ← x − η f′(x)');
    this.folder.domElement.dataset.testid = 'gdmap-gui';
    this.track(this.folder.add(this.mirror, 'gdmapPanel', PANELS).name('panel')).onChange((v: LabState['gdmapPanel']) => store.set({ gdmapPanel: v }));
    const kind = this.track(this.folder.add(this.mirror, 'gdmapCase', CASES).name('case'), this.mapOnly);
    kind.onChange((v: LabState['gdmapCase']) => store.set({ gdmapCase: v, gdmapEta: 0 }));
    const presets = Object.fromEntries([...GDMAP_PRESETS.map((p) => [p.label, p.id]), ['custom (typed)', 'custom']]);
    this.track(this.folder.add(this.mirror, 'preset', presets).name('preset'), this.formulaOnly).onChange((id: string) => {
      const p = GDMAP_PRESETS.find((q) => q.id === id);
      if (p) store.set(presetPatch(p));
    });
    this.formula = this.track(this.folder.add(this.mirror, 'gdmapFormula').name('f(x) ='), this.formulaOnly);
    this.formula.onFinishChange((v: string) => {
      if (v.trim() !== store.get().gdmapFormula) store.set({ gdmapFormula: v.trim(), gdmapEta: 0 });
    });
    this.formula.domElement.dataset.testid = 'gdmap-formula';
    this.error = this.errorBox(this.formula);
    for (const [key, name] of [['gdmapXMin', 'x from'], ['gdmapXMax', 'x to']] as const) {
      this.track(this.folder.add(this.mirror, key).step(0.1).name(name), this.formulaOnly).onFinishChange(() => this.commitWindow());
    }
    for (const [key, name] of [['gdmapLambda1', 'λ₁'], ['gdmapLambda2', 'λ₂']] as const) {
      this.track(this.folder.add(this.mirror, key).step(0.1).name(name), this.quadraticOnly).onFinishChange((v: number) => {
        if (Number.isFinite(v)) store.set({ [key]: v, gdmapEta: 0 });
      });
    }
    this.track(this.folder.add(this.mirror, 'gdmapEta').step(0.001).name('picked η (0: none)'), this.mapOnly).onFinishChange((v: number) => store.set({ gdmapEta: Math.max(0, v) }));
    const open = this.folder.add({ open: openIn1D }, 'open').name('open the run at η in the 1D view');
    open.domElement.dataset.testid = 'gdmap-open-1d';
    this.track(open, this.formulaOnly);
    const zeroSet = this.folder.add({ go: () => this.openZeroSet() }, 'go').name('as a zero set in the implicit view');
    zeroSet.domElement.dataset.testid = 'gdmap-open-implicit';
    this.track(zeroSet, this.formulaOnly);
    this.eosControls();
  }

  /** Copies the state into the controls and shows the ones of the current panel and case. */
  sync(s: Readonly<LabState>): void {
    for (const k of MIRRORED) (this.mirror as unknown as Record<string, unknown>)[k] = s[k];
    this.mirror.preset = presetOfFormula(s.gdmapFormula)?.id ?? 'custom';
    for (const c of this.controllers) c.updateDisplay();
    const map = s.gdmapPanel === 'map';
    for (const c of this.mapOnly) c.show(map);
    for (const c of this.formulaOnly) c.show(map && s.gdmapCase === '1d');
    for (const c of this.quadraticOnly) c.show(map && s.gdmapCase === 'quadratic');
    for (const c of this.eosOnly) c.show(!map);
  }

  /** Shows a parse error under f (message and caret line), or clears it when null. */
  showError(text: string | null): void {
    this.error.hidden = text === null;
    this.error.textContent = text ?? '';
    const input = this.formula.domElement.querySelector('input');
    input?.classList.toggle('invalid', text !== null);
    input?.setAttribute('aria-invalid', String(text !== null));
  }

  private eosControls(): void {
    const rows = [
      ['eosLr', 'η (on MSE)', 0.001],
      ['eosSteps', 'steps', 100],
      ['eosSeed', 'seed', 1],
      ['eosEvery', 'λmax every K steps', 1],
    ] as const;
    for (const [key, name, step] of rows) {
      this.track(this.folder.add(this.mirror, key).step(step).name(name), this.eosOnly).onFinishChange((v: number) => {
        if (Number.isFinite(v) && v > 0) this.store.set({ [key]: v });
        else this.sync(this.store.get());
      });
    }
    const preset = { lr: EOS_PRESET.lr, steps: EOS_PRESET.steps, seed: EOS_PRESET.seed, every: EOS_PRESET.every };
    const reset = { preset: () => this.store.set({ eosPreset: 'tanh', eosLr: preset.lr, eosSteps: preset.steps, eosSeed: preset.seed, eosEvery: preset.every }) };
    this.track(this.folder.add(reset, 'preset').name('preset: T₆, 1-30-20-1, η = 0.1'), this.eosOnly);
  }

  /**
   * The implicit view with F(x, λ) = f′(x) + f′(x − λf′(x)) for this f: its zero set is the GD map's
   * fixed points and period-2 points, with the map's stability (core/implicit/gdZeroSet.ts).
   */
  private openZeroSet(): void {
    const s = this.store.get();
    const view = gdZeroSetView(s.gdmapFormula, { xMin: s.gdmapXMin, xMax: s.gdmapXMax });
    if (!view.ok) {
      this.showError(view.error);
      return;
    }
    const { formula, window: w, point } = view.value;
    const preset = implicitPreset('gd-period2');
    this.store.set({
      mode: 'implicit',
      implicitPreset: preset && preset.formula === formula ? preset.key : 'custom',
      implicitFormula: formula,
      implicitDynamics: 'gd-map',
      lamMin: w.lambdaMin,
      lamMax: w.lambdaMax,
      xiMin: w.xMin,
      xiMax: w.xMax,
      lam0: point.lambda,
      xi0: point.x,
      lamSlider: point.lambda,
    });
  }

  private errorBox(controller: Controller): HTMLPreElement {
    const pre = document.createElement('pre');
    pre.className = 'formula-error gdmap-formula-error';
    pre.dataset.readout = 'gdmap-formula-error';
    pre.id = 'gdmap-formula-error';
    pre.setAttribute('role', 'alert');
    pre.hidden = true;
    controller.domElement.after(pre);
    controller.domElement.querySelector('input')?.setAttribute('aria-describedby', pre.id);
    return pre;
  }

  private commitWindow(): void {
    const { gdmapXMin, gdmapXMax } = this.mirror;
    if (!(Number.isFinite(gdmapXMin) && Number.isFinite(gdmapXMax) && gdmapXMin < gdmapXMax)) {
      this.sync(this.store.get());
      return;
    }
    this.store.set({ gdmapXMin, gdmapXMax, gdmapEta: 0 });
  }

  private track(c: Controller, group?: Controller[]): Controller {
    this.controllers.push(c);
    group?.push(c);
    return c;
  }
}

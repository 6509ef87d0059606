/**
 * The implicit view's lil-gui folder "implicit F(x, λ)": preset, formula (parse errors with a caret
 * under it, as FormulaInput shows them), branch orders, the point (λ0, x0), the λ slider (onChange:
 * the slice is cheap), the window and the tolerance (onFinishChange: a new zero set is not), the
 * dynamics stability refers to, the unfolding parameter μ (shown when F uses it), and two local
 * switches (slice shows V; the 2D family panel).
 */
import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import { IMPLICIT_PRESETS, MAP_PRESETS, UNFOLDING_PRESETS } from '../../core/implicit/presets';
import type { LabState } from '../../state/schema';
import type { Store } from '../../state/Store';
import { implicitOrders, implicitPresetPatch } from './implicitData';

/** Switches of the view that are not part of the link. */
export interface ImplicitLocalOptions {
  /** The slice panel shows the potential V instead of F. */
  potential: boolean;
  /** The family f(x, y; λ) panel is shown (and computed, once). */
  family: boolean;
}

type Mirror = Pick<
  LabState,
  'implicitPreset' | 'implicitFormula' | 'implicitOrders' | 'lam0' | 'xi0' | 'lamSlider' | 'lamMin' | 'lamMax' | 'xiMin' | 'xiMax' | 'tolerance' | 'implicitDynamics' | 'implicitMu'
>;
const MIRRORED: readonly (keyof Mirror)[] = ['implicitPreset', 'implicitFormula', 'implicitOrders', 'lam0', 'xi0', 'lamSlider', 'lamMin', 'lamMax', 'xiMin', 'xiMax', 'tolerance', 'implicitDynamics', 'implicitMu'];
/** The dynamics menu: the preset's own, or either convention. */
const DYNAMICS_CHOICES = { "the preset's own": 'auto', 'dx/dt = −F (gradient)': 'gradient', 'dx/dt = F (normal form)': 'flow', 'x ← x − λF (GD map, two steps)': 'gd-map' } as const;

/** The folder and its controllers, bound to a mirror of the state. */
export class ImplicitControls {
  /** The lil-gui folder (handed to LabPanel.addViewControls so it shows only with the view). */
  readonly folder: GUI;
  private readonly mirror: Mirror;
  private readonly controllers: Controller[] = [];
  private readonly slider: Controller;
  private readonly error: HTMLPreElement;
  private readonly formula: Controller;
  private readonly mu: Controller;

  /** Builds the folder under the panel's root and writes changes back through the store. */
  constructor(root: GUI, private readonly store: Store, local: ImplicitLocalOptions, onLocal: () => void, onSnapX: (lambda: number) => number) {
    const s = store.get();
    this.mirror = Object.fromEntries(MIRRORED.map((k) => [k, s[k]])) as unknown as Mirror;
    this.folder = root.addFolder('implicit F(x, λ)');
    this.folder.domElement.dataset.testid = 'implicit-gui';
    const presets = Object.fromEntries([...[...IMPLICIT_PRESETS, ...UNFOLDING_PRESETS, ...MAP_PRESETS].map((p) => [p.label, p.key]), ['custom (typed)', 'custom']]);
    this.track(this.folder.add(this.mirror, 'implicitPreset', presets).name('preset')).onChange((v: string) => this.store.set(implicitPresetPatch(v)));
    this.formula = this.track(this.folder.add(this.mirror, 'implicitFormula').name('F(x, λ) ='));
    this.formula.onFinishChange((v: string) => {
      const text = v.trim();
      if (text !== this.store.get().implicitFormula) this.store.set({ implicitFormula: text, implicitPreset: 'custom' });
    });
    this.formula.domElement.dataset.testid = 'implicit-formula';
    this.error = this.errorBox(this.formula);
    this.track(this.folder.add(this.mirror, 'implicitOrders').name('orders Tₖ (0–6)')).onFinishChange((v: string) =>
      this.store.set({ implicitOrders: implicitOrders(v).join(',') }),
    );
    this.slider = this.track(this.folder.add(this.mirror, 'lamSlider', s.lamMin, s.lamMax).name('λ slice'));
    this.slider.onChange((v: number) => this.store.set({ lamSlider: v }));
    this.slider.domElement.dataset.testid = 'implicit-lambda-slider';
    const dynamics = this.track(this.folder.add(this.mirror, 'implicitDynamics', DYNAMICS_CHOICES).name('dynamics'));
    dynamics.onChange((v: LabState['implicitDynamics']) => this.store.set({ implicitDynamics: v }));
    dynamics.domElement.dataset.testid = 'implicit-dynamics';
    this.mu = this.track(this.folder.add(this.mirror, 'implicitMu', -1, 1, 0.005).name('μ (unfolding)'));
    this.mu.onChange((v: number) => this.store.set({ implicitMu: v }));
    this.mu.domElement.dataset.testid = 'implicit-mu-slider';
    this.mu.hide();
    const point = this.folder.addFolder('point on the branch');
    this.track(point.add(this.mirror, 'lam0').step(0.01).name('λ₀')).onFinishChange((v: number) => this.store.set({ lam0: v, xi0: onSnapX(v) }));
    this.track(point.add(this.mirror, 'xi0').step(0.01).name('x₀')).disable();
    const window = this.folder.addFolder('window');
    for (const [key, name] of [['lamMin', 'λ from'], ['lamMax', 'λ to'], ['xiMin', 'x from'], ['xiMax', 'x to']] as const) {
      this.track(window.add(this.mirror, key).step(0.1).name(name)).onFinishChange((v: number) => this.commitWindow(key, v));
    }
    window.close();
    this.track(this.folder.add(this.mirror, 'tolerance', 0.001, 0.5, 0.001).name('error tolerance')).onFinishChange((v: number) => this.store.set({ tolerance: v }));
    this.folder.add(local, 'potential').name('slice shows V (V′ = F)').onChange(onLocal).domElement.dataset.testid = 'implicit-potential';
    this.folder.add(local, 'family').name('family f(x, y; λ) panel').onChange(onLocal).domElement.dataset.testid = 'implicit-family-toggle';
  }

  /** Copies the state into the controls; the slider's range follows the window. */
  sync(s: Readonly<LabState>): void {
    for (const k of MIRRORED) (this.mirror as unknown as Record<string, unknown>)[k] = s[k];
    const lo = Math.min(s.lamMin, s.lamMax);
    const hi = Math.max(s.lamMin, s.lamMax);
    this.slider.min(lo).max(hi).step((hi - lo) / 600);
    for (const c of this.controllers) c.updateDisplay();
  }

  /** Shows the μ slider only while F uses μ. */
  setMuVisible(visible: boolean): void {
    this.mu.show(visible);
  }

  /** Shows a parse error (message and caret line) under the formula, or clears it when null. */
  showError(text: string | null): void {
    this.error.hidden = text === null;
    this.error.textContent = text ?? '';
    const input = this.formula.domElement.querySelector('input');
    input?.classList.toggle('invalid', text !== null);
    input?.setAttribute('aria-invalid', String(text !== null));
  }

  private errorBox(controller: Controller): HTMLPreElement {
    const pre = document.createElement('pre');
    pre.className = 'formula-error implicit-formula-error';
    pre.dataset.readout = 'implicit-formula-error';
    pre.id = 'implicit-formula-error';
    pre.setAttribute('role', 'alert');
    pre.hidden = true;
    controller.domElement.after(pre);
    controller.domElement.querySelector('input')?.setAttribute('aria-describedby', pre.id);
    return pre;
  }

  private commitWindow(key: 'lamMin' | 'lamMax' | 'xiMin' | 'xiMax', value: number): void {
    const s = this.store.get();
    const next = { lamMin: s.lamMin, lamMax: s.lamMax, xiMin: s.xiMin, xiMax: s.xiMax, [key]: value };
    if (!Number.isFinite(value) || !(next.lamMin < next.lamMax) || !(next.xiMin < next.xiMax)) {
      this.sync(s);
      return;
    }
    const lamSlider = Math.min(next.lamMax, Math.max(next.lamMin, s.lamSlider));
    this.store.set({ [key]: value, lamSlider });
  }

  private track(c: Controller): Controller {
    this.controllers.push(c);
    return c;
  }
}

/**
 * The spectrum view's lil-gui folder "Hessian spectrum": how many eigenpairs at each end, the
 * Hutchinson and SLQ probes, the exact spectrum switch, the HVP engine and K (track over training
 * every K steps; 0 = off). Every field applies on finish (each change starts a new computation).
 */
import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import { SPECTRUM_ENGINES, type LabState } from '../../state/schema';
import type { Store } from '../../state/Store';
import { PAGE_EXACT_MAX_PARAMETERS } from '../../worker/spectrumJobs';

type Mirror = Pick<LabState, 'specTop' | 'specBottom' | 'specProbes' | 'specDensityProbes' | 'specExact' | 'specEngine' | 'specEvery'>;
const KEYS: readonly (keyof Mirror)[] = ['specTop', 'specBottom', 'specProbes', 'specDensityProbes', 'specExact', 'specEngine', 'specEvery'];

/** The folder, bound to a mirror of the state. */
export class SpectrumControls {
  /** The folder (handed to LabPanel.addViewControls). */
  readonly folder: GUI;
  private readonly mirror: Mirror;
  private readonly controllers: Controller[] = [];

  /** Builds the folder under the panel's root; `recompute` is the button's action. */
  constructor(root: GUI, private readonly store: Store, recompute: () => void) {
    const s = store.get();
    this.mirror = Object.fromEntries(KEYS.map((k) => [k, s[k]])) as unknown as Mirror;
    this.folder = root.addFolder('Hessian spectrum');
    this.folder.domElement.dataset.testid = 'spectrum-gui';
    this.number('specTop', 1, 20, 'top-k (largest λ)');
    this.number('specBottom', 1, 10, 'bottom-k (most negative λ)');
    this.number('specProbes', 2, 1000, 'trace probes (Hutchinson)');
    this.number('specDensityProbes', 1, 50, 'density probes (SLQ)');
    this.track(this.folder.add(this.mirror, 'specExact').name(`exact spectrum (P ≤ ${PAGE_EXACT_MAX_PARAMETERS})`)).onChange((v: boolean) => store.set({ specExact: v }));
    const engines = { 'float64 (exact products)': SPECTRUM_ENGINES[0], 'tfjs float32 autodiff': SPECTRUM_ENGINES[1] };
    this.track(this.folder.add(this.mirror, 'specEngine', engines).name('HVP engine')).onChange((v: Mirror['specEngine']) => store.set({ specEngine: v }));
    this.number('specEvery', 0, 10_000, 'over training: every K steps (0 off)');
    this.folder.add({ recompute }, 'recompute').name('compute again');
    store.subscribe((state, changed) => {
      if (!KEYS.some((k) => changed.has(k))) return;
      for (const k of KEYS) (this.mirror as Record<string, unknown>)[k] = state[k];
      for (const c of this.controllers) c.updateDisplay();
    });
  }

  /** Removes the folder. */
  dispose(): void {
    this.folder.destroy();
  }

  private number(key: 'specTop' | 'specBottom' | 'specProbes' | 'specDensityProbes' | 'specEvery', min: number, max: number, name: string): void {
    const c = this.track(this.folder.add(this.mirror, key, min, max, 1).name(name));
    c.onFinishChange((v: number) => {
      const value = Math.round(Number(v));
      if (Number.isFinite(value)) this.store.set({ [key]: Math.min(max, Math.max(min, value)) } as Partial<LabState>);
    });
  }

  private track(c: Controller): Controller {
    this.controllers.push(c);
    return c;
  }
}

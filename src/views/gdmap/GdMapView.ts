import './gdmap.css';
import type { Expr } from '../../core/expr/ast';
import { formatParseError, parseExpression } from '../../core/expr/parser';
import type { ChartTheme } from '../../plots/chartTheme';
import type { LabState } from '../../state/schema';
import { changedChartTheme, pageChartTheme, watchPageTheme } from '../../app/pageTheme';
import { FrameBatch, StatusLine } from '../viewParts';
import type { LabView } from '../ViewHost';
import type { ViewContext } from '../ViewModule';
import { EosPanel } from './EosPanel';
import { GdMapControls } from './GdMapControls';
import { openIn1DPatch, pickPatch } from './gdmapPresenters';
import { MapPanel } from './MapPanel';

type Key = keyof LabState;
const DIAGRAM_KEYS: readonly Key[] = ['gdmapCase', 'gdmapFormula', 'gdmapXMin', 'gdmapXMax', 'gdmapLambda1', 'gdmapLambda2'];
const WATCHED: ReadonlySet<Key> = new Set<Key>([...DIAGRAM_KEYS, 'eosLr', 'eosSteps', 'eosSeed', 'eosEvery', 'eosPreset', 'gdmapPanel', 'gdmapEta', 'theme']);

/**
 * The GD-map view (issue 18): gradient descent as a dynamical system. One panel shows the
 * bifurcation diagram of x ← x − η f′(x) (or of GD on a 2D quadratic) with each minimum's flip
 * point η = 2/f″(x*), the run at a clicked η and the table of flips; the other runs the edge of
 * stability on a small network in the worker. Store changes are coalesced to one update per frame
 * that redoes only what they touch.
 */
export class GdMapView implements LabView {
  /** This view's id in the registry. */
  readonly id = 'gdmap' as const;
  /** Root element (data-testid="viewGdmap", data-panel, data-ready="true" once it shows the state). */
  readonly element: HTMLElement;
  private readonly status = new StatusLine('gdmap-status', 'gdmap-status');
  private readonly map: MapPanel;
  private readonly eos: EosPanel;
  private readonly controls: GdMapControls;
  private expr: Expr | null = null;
  private diagramKey = '';
  private readonly batch: FrameBatch<Key>;
  private theme: ChartTheme;
  private readonly cleanups: (() => void)[] = [];

  /** Builds the view in its container and its folder in the panel; follows the store. */
  constructor(private readonly context: ViewContext) {
    const { container, store, panel } = context;
    this.element = document.createElement('div');
    this.element.className = 'gdmap';
    this.element.dataset.testid = 'viewGdmap';
    this.element.dataset.ready = 'false';
    container.append(this.element);
    this.batch = new FrameBatch<Key>(WATCHED, () => Boolean(context.container.hidden), () => this.flush(), () => (this.element.dataset.ready = 'false'));
    this.element.append(this.status.element);
    this.theme = pageChartTheme(store.get().theme, this.element);
    this.map = new MapPanel(this.element, context.compute, () => store.get(), this.theme, (text) => this.say(text));
    this.eos = new EosPanel(this.element, context.compute, this.theme, (patch) => store.set(patch));
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'gdmap-open';
    button.dataset.testid = 'gdmap-open-1d-button';
    button.textContent = 'open this run in the 1D view';
    button.addEventListener('click', () => this.openIn1D());
    this.map.iterateCell.append(button);
    this.controls = new GdMapControls(panel.root, store, () => this.openIn1D());
    panel.addViewControls('gdmap', [this.controls.folder]);
    this.cleanups.push(
      this.map.diagram.onPick((eta) => store.set(pickPatch(eta))),
      store.subscribe((s, changed) => this.onChange(s, changed)),
      watchPageTheme(() => this.schedule('theme')),
      this.observeSize(),
    );
    this.setVisible(store.get().mode === 'gdmap');
  }

  /** Shows or hides the view and its folder (the ViewHost calls this); hiding stops a running network. */
  setVisible(visible: boolean): void {
    this.context.container.hidden = !visible;
    this.context.panel.setViewControlsVisible('gdmap', visible);
    this.element.dataset.ready = 'false';
    if (!visible) {
      this.eos.stop();
      return;
    }
    this.controls.sync(this.context.store.get());
    this.schedule('gdmapPanel');
  }

  /** Stops following the store and removes the view. */
  dispose(): void {
    this.batch.dispose();
    for (const cleanup of this.cleanups) cleanup();
    this.map.dispose();
    this.eos.dispose();
    this.controls.folder.destroy();
    this.element.remove();
  }

  private onChange(s: Readonly<LabState>, changed: ReadonlySet<Key>): void {
    if (!this.context.container.hidden) this.controls.sync(s);
    if (this.batch.add(changed, (key) => WATCHED.has(key))) this.schedule();
  }

  private schedule(key?: Key): void {
    this.batch.schedule(key);
  }

  private flush(): void {
    const s = this.context.store.get();
    const pending = this.batch.take();
    if (pending.has('theme')) this.applyTheme(s);
    const map = s.gdmapPanel === 'map';
    this.element.dataset.panel = s.gdmapPanel;
    this.map.element.hidden = !map;
    this.eos.element.hidden = map;
    this.layout();
    if (map) {
      // The diagram is redone when its keys differ from those it was made for (also after the EoS panel).
      const key = JSON.stringify(DIAGRAM_KEYS.map((k) => s[k]));
      if (key !== this.diagramKey) {
        this.diagramKey = key;
        this.updateDiagram(s);
      } else if (pending.has('gdmapEta') || pending.has('gdmapPanel')) this.map.showPicked(s);
    } else {
      this.say('');
      this.eos.show(s);
    }
    this.element.dataset.ready = 'true';
  }

  private updateDiagram(s: Readonly<LabState>): void {
    this.expr = null;
    if (s.gdmapCase === '1d') {
      const parsed = parseExpression(s.gdmapFormula, ['x']);
      this.controls.showError(parsed.ok ? null : formatParseError(s.gdmapFormula, parsed.error));
      if (!parsed.ok) {
        this.say(`f(x) does not parse: ${parsed.error.message}`);
        this.map.recompute(s, null);
        return;
      }
      this.expr = parsed.expr;
      this.say('Computing the diagram…');
    }
    this.map.recompute(s, this.expr);
  }

  private openIn1D(): void {
    const s = this.context.store.get();
    const d = this.map.current;
    if (s.gdmapCase !== '1d' || !d || !(s.gdmapEta > 0)) {
      this.say('Pick an η on the diagram of f(x) first (click it).');
      return;
    }
    this.context.store.set(openIn1DPatch(s, d, s.gdmapEta));
  }

  private say(text: string): void {
    this.status.say(text);
  }

  private applyTheme(s: Readonly<LabState>): void {
    const theme = changedChartTheme(this.theme, s.theme, this.element);
    if (!theme) return;
    this.theme = theme;
    this.map.setTheme(theme);
    this.eos.setTheme(theme);
  }

  /** Sizes the canvases to their cells. */
  private layout(): void {
    if (this.context.container.hidden) return;
    const height = this.context.container.clientHeight || 800;
    const fs = this.theme.fontSize;
    const w = (el: HTMLElement) => Math.max(240, el.clientWidth || 600);
    const big = Math.round(Math.min(620, Math.max(16 * fs, 0.55 * height)));
    const small = Math.round(Math.min(360, Math.max(12 * fs, 0.3 * height)));
    const key = `${w(this.map.diagramCell)}x${w(this.map.iterateCell)}x${big}x${small}x${w(this.eos.element)}`;
    if (this.element.dataset.size === key) return;
    this.element.dataset.size = key;
    this.map.resize({ w: w(this.map.diagramCell), h: big }, { w: w(this.map.iterateCell), h: small });
    this.eos.resize(Math.max(240, Math.floor((w(this.eos.element) - 24) / 2)), small);
  }

  private observeSize(): () => void {
    if (typeof ResizeObserver === 'undefined') return () => undefined;
    const observer = new ResizeObserver(() => this.layout());
    observer.observe(this.context.container);
    return () => observer.disconnect();
  }
}

import GUI, { type Controller } from 'lil-gui';
import { PRESETS_2D, findPreset } from '../core/presets';
import { MAX_ORDER_2D } from '../core/taylorLayout';
import { COLOR_MODES, GRID_SIZES, THEMES, type LabState } from '../state/schema';
import { VIEWS } from '../state/views';
import type { Store } from '../state/Store';
import { domainPatch, paramPatch, presetPatch } from '../state/actions';

/** Extra actions the panel offers that are not state changes (camera, clipboard, ...). */
export interface PanelActions {
  resetCamera(): void;
  copyLink(): void;
}

/** A critical point as the panel lists it. */
export interface CriticalPointItem {
  readonly x: number;
  readonly y: number;
  readonly cls: string;
}

const COLOR_MODE_LABELS: Record<(typeof COLOR_MODES)[number], string> = {
  height: 'height f',
  gradient: '|∇f|',
  lambdaMin: 'smallest eigenvalue λ₁',
  lambdaMax: 'largest eigenvalue λ₂',
  curvature: 'curvature class',
  modelError: 'model error |f − T_k|',
};

/**
 * The panel's sliders as [min, max, step] per state key. Each range lies inside what the state and
 * a link accept (PROPERTIES), so a slider never writes a value a link would clamp or drop.
 */
export const SLIDER_RANGES = {
  param: [1, 100, 1],
  order: [0, MAX_ORDER_2D, 1],
  radius: [0.01, 5, 0.01],
  tolerance: [0.001, 0.5, 0.001],
} as const satisfies Partial<Record<keyof LabState, readonly [number, number, number]>>;

/** The view menu: label → view id, one entry per row of VIEWS, except the views left out (no WebGL2: those needing the 3D view). */
export function viewMenu(without: ReadonlySet<string> = new Set()): Record<string, string> {
  return Object.fromEntries(VIEWS.filter((v) => !without.has(v.id)).map((v) => [v.label, v.id]));
}

/** The landscape menu: label → preset id, every 2D preset, then the trained network and a typed formula. */
export function presetMenu(): Record<string, string> {
  const options: Record<string, string> = Object.fromEntries(PRESETS_2D.map((p) => [p.label, p.id]));
  options['neural-network loss (trained here)'] = 'network';
  options['custom (typed)'] = 'custom';
  return options;
}

/** The colour menu: label → colour mode. */
export function colorModeMenu(): Record<string, string> {
  return Object.fromEntries(COLOR_MODES.map((m) => [COLOR_MODE_LABELS[m], m]));
}

/** Whether the κ slider shows: while the 2D view's controls do, and only for a preset with a parameter. */
export function paramSliderShown(preset: string, twoDHidden: boolean): boolean {
  return !twoDHidden && findPreset(preset)?.param !== undefined;
}

/** Whether controls added for `views` show now: one of those views is the mode and not hidden. */
export function viewControlsShown(views: readonly string[], mode: string, hiddenViews: ReadonlySet<string>): boolean {
  return views.some((v) => !hiddenViews.has(v) && mode === v);
}

/**
 * Whether a control of a view being shown or hidden shows: with that view, or, when shared with
 * other views (`sharedWith`), while the mode is one of them.
 */
export function toggledControlShown(visible: boolean, mode: string, sharedWith: readonly string[] | undefined): boolean {
  return visible || (sharedWith?.includes(mode) ?? false);
}

/** The lil-gui panel: every control is bound to a mirror of the state and writes back through the store. */
export class LabPanel {
  private readonly gui: GUI;
  private readonly mirror: LabState;
  private readonly controllers: Controller[] = [];
  private readonly paramController: Controller;
  private readonly viewController: Controller;
  private readonly criticalFolder: GUI;
  /** Controls that belong to one view: shown only while that view is. */
  private readonly viewControls = new Map<string, (Controller | GUI)[]>();
  private readonly hiddenViews = new Set<string>();
  /** Controls that several views share (the optimizer runs: 2D and 1D), with those views. */
  private readonly sharedControls = new Map<Controller | GUI, readonly string[]>();

  /** Builds the panel inside the container. */
  constructor(container: HTMLElement, private readonly store: Store, actions: PanelActions) {
    this.mirror = { ...store.get() };
    this.gui = new GUI({ container, title: 'Taylor Lab controls' });
    this.viewController = this.bind(this.gui.add(this.mirror, 'mode', viewMenu()).name('view'), 'mode');
    const presetController = this.add(this.gui.add(this.mirror, 'preset', presetMenu()).name('landscape'), (v) => presetPatch(v as string));
    // κ changes the formula, so a grid pass: one when the slider is let go, not one per tick.
    this.paramController = this.add(this.gui.add(this.mirror, 'param', ...SLIDER_RANGES.param).name('κ (condition no.)'), (v) =>
      paramPatch(this.store.get(), v as number),
    'finish');
    const point = this.gui.addFolder('expansion point');
    this.bind(point.add(this.mirror, 'x').step(0.01).name('x₀'), 'x');
    this.bind(point.add(this.mirror, 'y').step(0.01).name('y₀'), 'y');
    const model = this.gui.addFolder('Taylor model');
    this.bind(model.add(this.mirror, 'order', ...SLIDER_RANGES.order).name('order k'), 'order');
    this.bind(model.add(this.mirror, 'radius', ...SLIDER_RANGES.radius).name('window radius'), 'radius');
    this.bind(model.add(this.mirror, 'tolerance', ...SLIDER_RANGES.tolerance).name('error tolerance'), 'tolerance');
    this.bind(model.add(this.mirror, 'showModel').name('show model'), 'showModel');
    this.bind(model.add(this.mirror, 'showGradient').name('show gradient'), 'showGradient');
    this.bind(model.add(this.mirror, 'showAxes').name('show eigen-axes'), 'showAxes');
    this.bind(model.add(this.mirror, 'showRings').name('show step rings'), 'showRings');
    const domain = this.gui.addFolder('domain');
    for (const key of ['xmin', 'xmax', 'ymin', 'ymax'] as const) {
      // On finish, not on every keystroke: a new domain means a new grid pass.
      const c = domain.add(this.mirror, key).step(0.1).name(key);
      c.onFinishChange((v: number) => {
        this.store.set(domainPatch(this.store.get(), key, v));
        this.refresh();
      });
      this.controllers.push(c);
    }
    domain.close();
    const view = this.gui.addFolder('view');
    // Colour, contours and N belong to the 3D surface; theme, camera and link are for every view.
    const surfaceControls = [
      this.bind(view.add(this.mirror, 'colorMode', colorModeMenu()).name('colour'), 'colorMode'),
      this.bind(view.add(this.mirror, 'showContours').name('contours'), 'showContours'),
      this.bind(view.add(this.mirror, 'n', [...GRID_SIZES]).name('grid N'), 'n'),
    ];
    this.bind(view.add(this.mirror, 'theme', [...THEMES]).name('theme'), 'theme');
    view.add(actions, 'resetCamera').name('reset camera');
    view.add(actions, 'copyLink').name('copy link');
    this.criticalFolder = this.gui.addFolder('critical points');
    this.viewControls.set('2d', [presetController, point, model, domain, this.criticalFolder, ...surfaceControls]);
    store.subscribe(() => this.refresh());
    this.refresh();
  }

  /**
   * Adds controls that belong to one view (a view module calls this with its own folder), or to
   * several, shown while any of them is (hiding one view then leaves them to the one shown).
   */
  addViewControls(view: string | readonly string[], controls: readonly (Controller | GUI)[]): void {
    const views = typeof view === 'string' ? [view] : view;
    for (const v of views) this.viewControls.set(v, [...(this.viewControls.get(v) ?? []), ...controls]);
    if (views.length > 1) for (const c of controls) this.sharedControls.set(c, views);
    const mode = this.store.get().mode;
    for (const c of controls) c.show(viewControlsShown(views, mode, this.hiddenViews));
  }

  /** The panel's root folder, for views that add folders of their own. */
  get root(): GUI {
    return this.gui;
  }

  /** Shows or hides the controls of one view (the ViewHost calls this through the view). */
  setViewControlsVisible(view: string, visible: boolean): void {
    if (visible) this.hiddenViews.delete(view);
    else this.hiddenViews.add(view);
    const mode = this.store.get().mode;
    for (const c of this.viewControls.get(view) ?? []) c.show(toggledControlShown(visible, mode, this.sharedControls.get(c)));
    if (view === '2d') this.paramController.show(paramSliderShown(this.mirror.preset, !visible));
  }

  /** Lists critical points with a "go there" button each. */
  setCriticalPoints(points: readonly CriticalPointItem[]): void {
    for (const c of [...this.criticalFolder.controllers]) c.destroy();
    if (points.length === 0) {
      this.criticalFolder.add({ none: () => undefined }, 'none').name('none found in the domain').disable();
      return;
    }
    for (const p of points) {
      const label = `${p.cls} at (${p.x.toFixed(4)}, ${p.y.toFixed(4)})`;
      this.criticalFolder.add({ go: () => this.store.set({ x: p.x, y: p.y }) }, 'go').name(`go → ${label}`);
    }
  }

  /** Takes views out of the view menu: without WebGL2 a view that needs the 3D view is not offered. */
  leaveOutViews(ids: readonly string[]): void {
    // An option controller's options() replaces its entries in place (same controller, same binding).
    this.viewController.options(viewMenu(new Set(ids)));
  }

  private bind(controller: Controller, key: keyof LabState): Controller {
    return this.add(controller, (v) => ({ [key]: v }) as Partial<LabState>);
  }

  private add(controller: Controller, toPatch: (value: unknown) => Partial<LabState>, when: 'change' | 'finish' = 'change'): Controller {
    const listen = when === 'finish' ? controller.onFinishChange.bind(controller) : controller.onChange.bind(controller);
    listen((value: unknown) => this.store.set(toPatch(value)));
    this.controllers.push(controller);
    return controller;
  }

  private refresh(): void {
    Object.assign(this.mirror, this.store.get());
    for (const c of this.controllers) c.updateDisplay();
    this.paramController.show(paramSliderShown(this.mirror.preset, this.hiddenViews.has('2d')));
  }

  /** Removes the panel. */
  dispose(): void {
    this.gui.destroy();
  }
}

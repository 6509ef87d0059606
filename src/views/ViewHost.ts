/**
 * Shows one view at a time. Each view owns its DOM and its panel controls and says how to show or
 * hide them; the host only maps `state.mode` to the view of that id (the registry is
 * src/state/views.ts), so a new view is one module plus one row, not another `if (mode === ...)`.
 */
import type { ViewId } from '../state/views';
import type { Store } from '../state/Store';

/** One view of the lab as the host drives it. */
export interface LabView {
  readonly id: ViewId;
  /** Shows or hides everything the view owns: its DOM, its panel controls, its overlays. */
  setVisible(visible: boolean): void;
}

/** Keeps exactly the view named by state.mode visible, and mirrors it on <html data-mode>. */
export class ViewHost {
  private readonly views = new Map<ViewId, LabView>();
  private shown: ViewId | null = null;
  private readonly unsubscribe: () => void;

  /** Registers the views and shows the one the state names. */
  constructor(private readonly store: Store, views: readonly LabView[]) {
    for (const v of views) this.views.set(v.id, v);
    this.unsubscribe = store.subscribe((s, changed) => {
      if (changed.has('mode')) this.show(s.mode);
    });
    this.show(store.get().mode);
  }

  /** Adds a view later (one built after start-up); shows it if the state names it. */
  register(view: LabView): void {
    this.views.set(view.id, view);
    view.setVisible(this.store.get().mode === view.id);
  }

  /** The id of the view on screen. */
  get current(): ViewId | null {
    return this.shown;
  }

  /** Stops following the store. */
  dispose(): void {
    this.unsubscribe();
  }

  private show(mode: ViewId): void {
    document.documentElement.dataset.mode = mode;
    for (const [id, view] of this.views) view.setVisible(id === mode);
    this.shown = mode;
  }
}

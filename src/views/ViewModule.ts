/**
 * What a view module declares to the registry (src/views/registry.ts): its id (a row of the state's
 * VIEWS table, which holds its label, key and state keys) and how to build it. The host gives each
 * view its own container element, and the view builds everything it owns inside it and in the
 * panel: its DOM, its lil-gui folder (LabPanel.addViewControls), its controllers and presenters.
 */
import type { ComputeClient } from '../worker/ComputeClient';
import type { Store } from '../state/Store';
import type { ViewId } from '../state/views';
import type { LabPanel } from '../ui/LabPanel';
import type { LabView } from './ViewHost';
import type { NetworkController } from '../app/network/NetworkController';

/** What the lab hands a view when it builds it. */
export interface ViewContext {
  readonly store: Store;
  readonly panel: LabPanel;
  /** The view's own element in the page (id `view-<id>`), shown only while the view is. */
  readonly container: HTMLElement;
  /** The sidebar, for a view that adds sections of its own there. */
  readonly sidebar: HTMLElement;
  /** The compute side (worker or in-process): long work goes there, never onto this thread. */
  readonly compute: Promise<ComputeClient>;
  /** The trained network on screen, read-only (absent where the lab has no network landscape). */
  readonly network?: Pick<NetworkController, 'current' | 'onPublished'>;
}

/** One view of the lab as the registry lists it. */
export interface ViewModule {
  readonly id: ViewId;
  /** Builds the view; the host shows and hides it through the returned LabView. */
  create(context: ViewContext): LabView;
}

/** The element a view module is built into: `<div id="view-<id>" class="view-host" hidden>` before the sidebar. */
export function viewContainer(id: string, label: string, sidebar: HTMLElement): HTMLElement {
  const el = document.createElement('div');
  el.id = `view-${id}`;
  el.className = 'view-host';
  el.hidden = true;
  el.setAttribute('aria-label', label);
  sidebar.before(el);
  return el;
}

import { decodeState, encodeState } from '../state/permalink';
import type { Store } from '../state/Store';

const SETTLE_MS = 400;

/** Turns part of a link into state beyond the decoded keys (e.g. `#scene=id` applies the scene); true when it did. */
export type LinkHandler = (hash: string) => boolean;

/** What PermalinkSync needs from the page (window), injected so its rules run in Node with a fake. */
export interface LinkPage {
  readonly location: { readonly hash: string };
  readonly history: {
    readonly state: unknown;
    pushState(data: unknown, unused: string, url: string): void;
    replaceState(data: unknown, unused: string, url: string): void;
  };
  addEventListener(type: 'popstate', listener: () => void, options: { signal: AbortSignal }): void;
}

/**
 * The one owner of the URL: keeps the hash equal to the state and turns a link into state.
 * A user's change settles for a moment (a drag makes one history entry, not hundreds) and is
 * pushed; what applying a link causes (decoding it, running a link handler such as a scene) only
 * replaces the current entry, so Back and Forward walk the user's own changes and leave the page
 * when there are none. It listens to `popstate` only: that event also fires for a hash typed into
 * the address bar, and a second listener (hashchange) would apply the same link twice.
 */
export class PermalinkSync {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private applying = false;
  private readonly handlers: LinkHandler[] = [];
  private readonly abort = new AbortController();

  /**
   * Starts syncing; the store must already hold the state decoded from the current URL.
   * `onMessages` hears what was wrong with a link reached by Back, Forward or the address bar.
   */
  constructor(private readonly store: Store, private readonly page: LinkPage = window, private readonly onMessages: (messages: readonly string[]) => void = () => undefined) {
    store.subscribe(() => {
      if (this.applying) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.write('push'), SETTLE_MS);
    });
    page.addEventListener('popstate', () => this.apply(true), { signal: this.abort.signal });
  }

  /**
   * Adds a link handler and runs it on the current URL at once, as part of opening the link: the
   * state it produces replaces the link in the current history entry (`#scene=id` becomes the
   * full state of that scene).
   */
  addLinkHandler(handler: LinkHandler): void {
    this.handlers.push(handler);
    let applied = false;
    this.applyingDo(() => this.store.batch(() => (applied = handler(this.page.location.hash))));
    // A plain visit (no hash) keeps its plain URL; a link is normalised to the full state.
    if (applied || this.page.location.hash !== '') this.write('replace');
  }

  /** Stops listening (pending writes are dropped). */
  dispose(): void {
    clearTimeout(this.timer);
    this.abort.abort();
  }

  /**
   * Applies the URL's link (Back, Forward, a hash typed into the address bar). A value the link
   * names but that is refused keeps what the lab shows now (the last good state), not the default,
   * and the reason is reported; the entry is then rewritten to the state shown.
   */
  private apply(decode: boolean): void {
    const hash = this.page.location.hash;
    let messages: readonly string[] = [];
    // One change for the whole link: the decoded state and what its handlers make of it (a scene
    // link's defaults are never seen on their own: no grid pass for them, no view refused for them).
    this.applyingDo(() =>
      this.store.batch(() => {
        if (decode) {
          const decoded = decodeState(hash);
          const current = this.store.get();
          const kept = Object.fromEntries(decoded.rejected.map((key) => [key, current[key]]));
          this.store.set({ ...decoded.state, ...kept });
          messages = decoded.messages;
        }
        for (const handler of this.handlers) handler(hash);
      }),
    );
    this.onMessages(messages);
    this.write('replace');
  }

  private applyingDo(run: () => void): void {
    clearTimeout(this.timer);
    this.applying = true;
    try {
      run();
    } finally {
      this.applying = false;
    }
  }

  private write(how: 'push' | 'replace'): void {
    clearTimeout(this.timer);
    const hash = encodeState(this.store.get());
    const { location, history } = this.page;
    if (location.hash.replace(/^#/, '') === hash) return;
    if (how === 'push') history.pushState(null, '', `#${hash}`);
    else history.replaceState(history.state, '', `#${hash}`);
  }
}

/** How long the "copied" feedback stays on screen. */
const COPIED_MS = 2500;

/**
 * Copies the link to the clipboard and says so on the page for a moment ("Link copied"), or says
 * that it could not (no clipboard outside a secure context, permission refused) and where the link
 * is instead: a button that silently does nothing leaves a lecturer guessing.
 */
export async function copyLink(href: string = location.href, doc: Document = document): Promise<boolean> {
  let copied = false;
  try {
    if (!navigator.clipboard) throw new Error('no clipboard here');
    await navigator.clipboard.writeText(href);
    copied = true;
  } catch {
    copied = false;
  }
  let toast = doc.querySelector<HTMLElement>('[data-testid="copy-toast"]');
  if (!toast) {
    toast = doc.createElement('div');
    toast.className = 'copy-toast';
    toast.dataset.testid = 'copy-toast';
    toast.setAttribute('role', 'status');
    doc.body.append(toast);
  }
  toast.textContent = copied ? 'Link copied to the clipboard' : 'Could not copy the link: copy it from the address bar';
  toast.dataset.kind = copied ? 'ok' : 'error';
  toast.hidden = false;
  const shown = toast;
  clearTimeout(Number(shown.dataset.timer ?? 0));
  shown.dataset.timer = String(setTimeout(() => (shown.hidden = true), COPIED_MS));
  return copied;
}

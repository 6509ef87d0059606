import { decodeState, encodeState } from '../state/permalink';
import type { Store } from '../state/Store';

const SETTLE_MS = 400;

/**
 * Keeps the URL hash equal to the state: changes settle for a moment (a drag makes one history
 * entry, not hundreds), then a history entry is pushed; back/forward decode the hash into the store.
 */
export class PermalinkSync {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private applying = false;

  /** Starts syncing; the store must already hold the state decoded from the current URL. */
  constructor(private readonly store: Store) {
    store.subscribe(() => {
      if (this.applying) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.push(), SETTLE_MS);
    });
    window.addEventListener('popstate', () => this.apply());
    window.addEventListener('hashchange', () => this.apply());
  }

  private push(): void {
    const hash = encodeState(this.store.get());
    if (location.hash.replace(/^#/, '') === hash) return;
    history.pushState(null, '', `#${hash}`);
  }

  private apply(): void {
    this.applying = true;
    this.store.set(decodeState(location.hash).state);
    this.applying = false;
  }
}

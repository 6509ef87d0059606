/**
 * The parts every canvas view (1D, implicit, GD map) builds the same way: a polite status line and
 * a frame batch that coalesces store changes into one redraw per animation frame while the view is
 * shown. Pure DOM and timing, no view id: a view module composes them.
 */

/** A polite status line: one sentence, hidden when there is none. */
export class StatusLine {
  readonly element: HTMLElement;

  /** Creates `<div class="{className}" data-readout="{readout}" aria-live="polite">`, hidden. */
  constructor(className: string, readout: string) {
    this.element = document.createElement('div');
    this.element.className = className;
    this.element.dataset.readout = readout;
    this.element.setAttribute('aria-live', 'polite');
    this.element.hidden = true;
  }

  /** Says `text` ('' hides the line); the same text again is not re-announced. */
  say(text: string): void {
    if (this.element.textContent !== text) this.element.textContent = text;
    this.element.hidden = text === '';
  }
}

/**
 * Collects changed keys and runs `flush` once on the next animation frame, only while the view is
 * shown (`hidden()` false). Keys that arrive while hidden wait for the next schedule(); keys that
 * arrive during a flush schedule the next frame.
 */
export class FrameBatch<K> {
  private pending: Set<K>;
  private frame = 0;

  /**
   * @param initial keys pending at the start (the first flush draws everything)
   * @param hidden whether the view is hidden now (no frame is requested then)
   * @param flush the redraw; it takes the keys with take()
   * @param onSchedule called when a frame is requested (e.g. to mark the view not ready)
   */
  constructor(initial: Iterable<K>, private readonly hidden: () => boolean, private readonly flush: () => void, private readonly onSchedule: () => void = () => undefined) {
    this.pending = new Set(initial);
  }

  /** Adds a key (optional) and requests a frame unless hidden or one is already requested. */
  schedule(key?: K): void {
    if (key !== undefined) this.pending.add(key);
    if (this.hidden() || this.frame !== 0) return;
    this.onSchedule();
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.flush();
    });
  }

  /** Adds keys without requesting a frame; true when any was added. */
  add(keys: Iterable<K>, keep: (key: K) => boolean = () => true): boolean {
    let added = false;
    for (const key of keys) {
      if (!keep(key)) continue;
      this.pending.add(key);
      added = true;
    }
    return added;
  }

  /** The keys pending since the last take (and clears them). */
  take(): Set<K> {
    const keys = this.pending;
    this.pending = new Set();
    return keys;
  }

  /** True when nothing is pending and no frame is requested: the view shows the state. */
  get settled(): boolean {
    return this.frame === 0 && this.pending.size === 0;
  }

  /** Cancels a requested frame. */
  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }
}

/** How long the point must rest before it is announced: a drag or a held key speaks once, at the end. */
export const ANNOUNCE_DELAY_MS = 400;

/**
 * A polite live region (visually hidden) for screen readers: announce() asks for the summary to
 * be spoken once things have settled; calls closer together than the delay restart the wait, so a
 * drag or a held nudge key is announced once when it ends, never every frame.
 */
export class LiveRegion {
  /** The region (role="status", aria-live="polite", data-testid="live-region"). */
  readonly element: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Adds the hidden region to parent; summary() builds the text when it is time to speak. */
  constructor(
    parent: HTMLElement,
    private readonly summary: () => string,
    private readonly delayMs = ANNOUNCE_DELAY_MS,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'sr-only';
    this.element.setAttribute('role', 'status');
    this.element.setAttribute('aria-live', 'polite');
    this.element.setAttribute('aria-atomic', 'true');
    this.element.dataset.testid = 'live-region';
    parent.append(this.element);
  }

  /** Schedules one announcement after the delay (restarting the wait if one is pending). */
  announce(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const text = this.summary();
      if (text !== '' && this.element.textContent !== text) this.element.textContent = text;
    }, this.delayMs);
  }

  /** Cancels a pending announcement and removes the region. */
  dispose(): void {
    clearTimeout(this.timer);
    this.element.remove();
  }
}

/** One sentence about the expansion point, read from the readouts panel's data-readout cells ('' before the first). */
export function pointSummary(root: ParentNode = document): string {
  const cell = (key: string): string => root.querySelector(`[data-readout="${key}"]`)?.textContent?.trim() ?? '';
  const [x, y, f] = [cell('x'), cell('y'), cell('f')];
  if (x === '' || x === '…') return '';
  return `Point (${x}, ${y}): f = ${f}; ${cell('class')}; eigenvalues λ₁ = ${cell('lambda1')}, λ₂ = ${cell('lambda2')}.`;
}

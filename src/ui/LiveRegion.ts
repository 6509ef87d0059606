import { pointReadouts } from '../core/classify';
import type { PointFacts } from '../core/landscape/pointModel';
import { formatNumber } from './format';

/** How long the point must rest before it is announced: a drag or a held key speaks once, at the end. */
export const ANNOUNCE_DELAY_MS = 400;

/**
 * A polite live region (visually hidden) for screen readers: announce(text) asks for the sentence
 * to be spoken once things have settled; calls closer together than the delay restart the wait
 * (the newest sentence wins), so a drag or a held nudge key is announced once when it ends, never
 * every frame.
 */
export class LiveRegion {
  /** The region (role="status", aria-live="polite", data-testid="live-region"). */
  readonly element: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Adds the hidden region to parent. */
  constructor(
    parent: HTMLElement,
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

  /** Schedules the sentence to be spoken after the delay (replacing and restarting one that is pending). */
  announce(text: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (text !== '' && this.element.textContent !== text) this.element.textContent = text;
    }, this.delayMs);
  }

  /** Cancels a pending announcement and removes the region. */
  dispose(): void {
    clearTimeout(this.timer);
    this.element.remove();
  }
}

/**
 * One sentence about the expansion point, built from its numbers with the readouts' formatting
 * (the same text the readouts panel shows in its x, y, f, class, λ₁ and λ₂ cells).
 */
export function pointSummary(p: PointFacts): string {
  const cls = pointReadouts(p.derivs, p.cls, p.eigen).cls;
  return `Point (${formatNumber(p.x)}, ${formatNumber(p.y)}): f = ${formatNumber(p.derivs.f)}; ${cls}; eigenvalues λ₁ = ${formatNumber(p.eigen.lambda1)}, λ₂ = ${formatNumber(p.eigen.lambda2)}.`;
}

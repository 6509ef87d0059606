/**
 * A line of text over the 3D view saying what it is waiting for ("Training the network: step
 * 120 of 300…", "Computing the 64 × 64 grid…"), so an empty or coarse view is never mistaken for
 * the landscape asked for. Mirrors the text in the viewport's data-status for tests.
 */
export class ViewportStatus {
  private readonly el: HTMLDivElement;

  /** Adds the (hidden) line to the viewport. */
  constructor(private readonly viewport: HTMLElement) {
    this.el = document.createElement('div');
    this.el.className = 'viewport-status';
    this.el.setAttribute('role', 'status');
    this.el.hidden = true;
    viewport.append(this.el);
  }

  /** Shows the text, or with null hides the line. */
  show(text: string | null): void {
    this.el.hidden = text === null || text === '';
    this.el.textContent = text ?? '';
    if (this.el.hidden) delete this.viewport.dataset.waiting;
    else this.viewport.dataset.waiting = text ?? '';
  }

  /** The text on screen ('' when hidden). */
  get text(): string {
    return this.el.hidden ? '' : (this.el.textContent ?? '');
  }
}

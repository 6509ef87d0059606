/**
 * The caption bar along the bottom of the page: "3/10 · title — caption" while a lecture scene is
 * on, hidden otherwise. The lab above it shrinks by the bar's height (html[data-lecture-caption]
 * and --lecture-caption-height, see lecture.css), so the bar never covers the view or a chart.
 * Text only (textContent), so nothing in it is ever parsed as HTML.
 */
export class Caption {
  /** The bar (data-readout="caption"). */
  readonly element: HTMLElement;
  private readonly resize: ResizeObserver | null = null;

  /** Adds the (hidden) bar to parent. */
  constructor(parent: HTMLElement = document.body) {
    this.element = document.createElement('div');
    this.element.className = 'lecture-caption';
    this.element.dataset.readout = 'caption';
    this.element.setAttribute('role', 'status');
    this.element.hidden = true;
    parent.append(this.element);
    if (typeof ResizeObserver !== 'undefined') {
      this.resize = new ResizeObserver(() => this.reserveSpace());
      this.resize.observe(this.element);
    }
    this.reserveSpace();
  }

  /** Shows the scene line, or hides the bar for null. */
  show(line: string | null): void {
    this.element.hidden = line === null;
    if (line !== null && this.element.textContent !== line) this.element.textContent = line;
    this.reserveSpace();
  }

  /** Removes the bar and gives its space back. */
  dispose(): void {
    this.resize?.disconnect();
    this.element.remove();
    delete document.documentElement.dataset.lectureCaption;
    document.documentElement.style.removeProperty('--lecture-caption-height');
  }

  private reserveSpace(): void {
    const root = document.documentElement;
    const height = this.element.hidden ? 0 : Math.ceil(this.element.getBoundingClientRect().height);
    root.dataset.lectureCaption = height > 0 ? 'on' : 'off';
    const value = `${height}px`;
    if (root.style.getPropertyValue('--lecture-caption-height') !== value) root.style.setProperty('--lecture-caption-height', value);
  }
}

/** The caption text of scene `index` (0-based) of `count`: "3/10 · title — caption". */
export function captionLine(index: number, count: number, title: string, caption: string): string {
  return `${index + 1}/${count} · ${title} — ${caption}`;
}

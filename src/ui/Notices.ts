/** Short messages for the user (backend fallback, link problems, domain gaps), keyed so they can be replaced. */
export class Notices {
  private readonly items = new Map<string, HTMLElement>();

  /** Uses the given container for the messages. */
  constructor(private readonly container: HTMLElement) {}

  /** Shows (or replaces) the message under a key; an empty text removes it. */
  show(key: string, text: string, kind: 'info' | 'error' = 'info'): void {
    let el = this.items.get(key);
    if (!text) {
      el?.remove();
      this.items.delete(key);
      return;
    }
    if (!el) {
      el = document.createElement('p');
      el.dataset.notice = key;
      this.container.append(el);
      this.items.set(key, el);
    }
    el.className = kind === 'error' ? 'notice error' : 'notice';
    el.textContent = text;
  }
}

import { KEY_BINDINGS, comboLabel, type KeyBinding } from './keyBindings';

/**
 * The `?` overlay: a table of every key, generated from the same table that defines the bindings
 * (src/ui/keyBindings.ts). Escape, `?` or a click closes it.
 */
export class HelpOverlay {
  /** The overlay root (data-testid="help-overlay"). */
  readonly element: HTMLElement;
  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.visible) {
      e.preventDefault();
      this.hide();
    }
  };

  /** Builds the (hidden) overlay inside parent. */
  constructor(parent: HTMLElement = document.body, bindings: readonly KeyBinding[] = KEY_BINDINGS) {
    this.element = document.createElement('div');
    this.element.className = 'help-overlay';
    this.element.dataset.testid = 'help-overlay';
    this.element.setAttribute('role', 'dialog');
    this.element.setAttribute('aria-label', 'Keyboard shortcuts');
    this.element.hidden = true;
    const panel = document.createElement('div');
    panel.className = 'help-panel';
    const heading = document.createElement('h2');
    heading.textContent = 'Keys';
    panel.append(heading, buildTable(bindings));
    const hint = document.createElement('p');
    hint.className = 'help-hint';
    hint.textContent = 'Keys are ignored while you type in a field. Esc or ? closes this.';
    panel.append(hint);
    this.element.append(panel);
    this.element.addEventListener('click', () => this.hide());
    window.addEventListener('keydown', this.onKey);
    parent.append(this.element);
  }

  /** Whether the overlay is shown. */
  get visible(): boolean {
    return !this.element.hidden;
  }

  /** Shows or hides the overlay. */
  toggle(): void {
    this.element.hidden = !this.element.hidden;
  }

  /** Hides the overlay. */
  hide(): void {
    this.element.hidden = true;
  }

  /** Removes the overlay and its listener. */
  dispose(): void {
    window.removeEventListener('keydown', this.onKey);
    this.element.remove();
  }
}

function buildTable(bindings: readonly KeyBinding[]): HTMLElement {
  const list = document.createElement('div');
  list.className = 'help-list';
  for (const b of bindings) {
    const row = document.createElement('div');
    row.className = 'help-row';
    row.dataset.action = b.action;
    const keys = document.createElement('span');
    keys.className = 'help-keys';
    b.keys.forEach((combo, i) => {
      if (i > 0) keys.append(' ');
      const kbd = document.createElement('kbd');
      kbd.textContent = comboLabel(combo);
      keys.append(kbd);
    });
    const what = document.createElement('span');
    what.className = 'help-what';
    what.textContent = b.description;
    row.append(keys, what);
    list.append(row);
  }
  return list;
}

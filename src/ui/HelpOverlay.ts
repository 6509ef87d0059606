import { KEY_BINDINGS, comboLabel, type KeyBinding } from './keyBindings';

/**
 * The `?` overlay: a table of every key, generated from the same table that defines the bindings
 * (src/ui/keyBindings.ts). A modal dialog to assistive technology: it takes focus when shown,
 * keeps Tab inside, closes on Escape, `?`, the close button or a click, and gives focus back to
 * where it was.
 */
export class HelpOverlay {
  /** The overlay root (data-testid="help-overlay"). */
  readonly element: HTMLElement;
  private readonly closeButton: HTMLButtonElement;
  private returnFocus: HTMLElement | null = null;

  /** Builds the (hidden) overlay inside parent. */
  constructor(parent: HTMLElement = document.body, bindings: readonly KeyBinding[] = KEY_BINDINGS) {
    this.element = document.createElement('div');
    this.element.className = 'help-overlay';
    this.element.dataset.testid = 'help-overlay';
    this.element.setAttribute('role', 'dialog');
    this.element.setAttribute('aria-modal', 'true');
    this.element.setAttribute('aria-labelledby', 'help-title');
    this.element.hidden = true;
    const panel = document.createElement('div');
    panel.className = 'help-panel';
    const heading = document.createElement('h2');
    heading.id = 'help-title';
    heading.textContent = 'Keys';
    panel.append(heading, buildTable(bindings));
    const hint = document.createElement('p');
    hint.className = 'help-hint';
    hint.textContent = 'Keys are ignored while you type in a field. Tab to the 3D view to orbit it with the arrows. Esc or ? closes this.';
    this.closeButton = document.createElement('button');
    this.closeButton.type = 'button';
    this.closeButton.className = 'help-close';
    this.closeButton.textContent = 'Close';
    panel.append(hint, this.closeButton);
    this.element.append(panel);
    this.element.addEventListener('click', () => this.hide());
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    parent.append(this.element);
  }

  /** Whether the overlay is shown. */
  get visible(): boolean {
    return !this.element.hidden;
  }

  /** Shows or hides the overlay. */
  toggle(): void {
    if (this.visible) this.hide();
    else this.show();
  }

  /** Shows the overlay and moves focus into it. */
  show(): void {
    if (this.visible) return;
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.element.hidden = false;
    this.closeButton.focus();
  }

  /** Hides the overlay and gives focus back to where it was. */
  hide(): void {
    if (!this.visible) return;
    // Blur first: a hidden element keeps focus until the browser's next focus fix-up, and the
    // keyboard handler would treat the next key as typed inside the (closed) modal dialog.
    this.closeButton.blur();
    this.element.hidden = true;
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back?.isConnected) back.focus();
  }

  /** Removes the overlay. */
  dispose(): void {
    this.element.remove();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape' || e.key === '?') {
      e.preventDefault();
      this.hide();
    } else if (e.key === 'Tab') {
      // The close button is the dialog's one focusable element: Tab and Shift+Tab stay on it.
      e.preventDefault();
      this.closeButton.focus();
    }
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

import type { Store } from '../state/Store';

/** The formula text field: pushes what the user types into the state and shows parse errors. */
export class FormulaInput {
  private readonly input: HTMLInputElement;
  private readonly error: HTMLPreElement;

  /** Builds the field in the container and keeps it in sync with the store. */
  constructor(container: HTMLElement, private readonly store: Store) {
    const label = document.createElement('label');
    label.textContent = 'f(x, y) =';
    label.htmlFor = 'formula';
    this.input = document.createElement('input');
    this.input.id = 'formula';
    this.input.className = 'formula-input';
    this.input.spellcheck = false;
    this.input.autocomplete = 'off';
    this.input.dataset.testid = 'formula';
    this.input.value = store.get().formula;
    this.error = document.createElement('pre');
    this.error.className = 'formula-error';
    this.error.dataset.readout = 'formula-error';
    this.error.hidden = true;
    // The error is tied to the field, so a screen reader reads it when the field is focused.
    this.error.id = 'formula-error';
    this.error.setAttribute('role', 'alert');
    this.input.setAttribute('aria-describedby', this.error.id);
    this.input.setAttribute('aria-invalid', 'false');
    container.append(label, this.input, this.error);
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.commit();
    });
    this.input.addEventListener('change', () => this.commit());
    store.subscribe((s, changed) => {
      if (changed.has('formula') && document.activeElement !== this.input) this.input.value = s.formula;
    });
  }

  /** Shows a parse error (message with a caret line) or clears it when null. */
  showError(text: string | null): void {
    this.error.hidden = text === null;
    this.error.textContent = text ?? '';
    this.input.classList.toggle('invalid', text !== null);
    this.input.setAttribute('aria-invalid', String(text !== null));
  }

  private commit(): void {
    const text = this.input.value.trim();
    if (text === this.store.get().formula) return;
    this.store.set({ formula: text, preset: 'custom', landscape: 'formula' });
  }
}

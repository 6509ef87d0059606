import type { Store } from '../state/Store';

/** The formula text field: pushes what the user types into the state and shows parse errors. */
export class FormulaInput {
  private readonly input: HTMLInputElement;
  private readonly error: HTMLPreElement;
  /** The state's formula the field last showed or committed: the text is the user's own edit only when it differs. */
  private shown: string;

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
    this.shown = this.input.value;
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
      if (changed.has('formula')) this.follow(s.formula);
    });
  }

  /** Shows a parse error (message with a caret line) or clears it when null. */
  showError(text: string | null): void {
    this.error.hidden = text === null;
    this.error.textContent = text ?? '';
    this.input.classList.toggle('invalid', text !== null);
    this.input.setAttribute('aria-invalid', String(text !== null));
  }

  /**
   * Shows a formula that came from elsewhere (Back, a scene, a link). A field that still holds the
   * last formula it showed follows even while focused (Enter keeps the focus, and Back must not
   * leave the old text there); only an edit in progress, text the user changed, is kept.
   */
  private follow(formula: string): void {
    const editing = document.activeElement === this.input && this.input.value.trim() !== this.shown;
    this.shown = formula;
    if (!editing && this.input.value !== formula) this.input.value = formula;
  }

  private commit(): void {
    const text = this.input.value.trim();
    this.shown = text;
    if (text === this.store.get().formula) return;
    this.store.set({ formula: text, preset: 'custom', landscape: 'formula' });
  }
}

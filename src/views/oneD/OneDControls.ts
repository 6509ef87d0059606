import { PRESETS_1D } from '../../core/presets1d';
import { MAX_ORDER_1D } from '../../core/taylorLayout';
import { orderColor } from '../../plots/orderColors';
import { parseNumberList, preset1DPatch } from '../../state/actions';
import type { LabState } from '../../state/schema';
import type { Store } from '../../state/Store';
import { normalizeOrders, parseUserNumbers } from '../../app/oneDData';

const MAX_POINTS = 20;
const FORMULA_MAX = 500;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, testid?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (testid) node.dataset.testid = testid;
  return node;
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = el('label', 'oned-field');
  const span = el('span', 'oned-label');
  span.textContent = text;
  label.append(span, control);
  return label;
}

function textInput(testid: string, className = 'oned-input'): HTMLInputElement {
  const input = el('input', className, testid);
  input.type = 'text';
  input.spellcheck = false;
  input.autocomplete = 'off';
  // Typing must not reach the lab's keyboard shortcuts.
  input.addEventListener('keydown', (e) => e.stopPropagation());
  return input;
}

function numberInput(testid: string): HTMLInputElement {
  const input = textInput(testid, 'oned-input oned-number');
  input.type = 'number';
  input.step = 'any';
  return input;
}

/** Sets an input's value unless the user is typing in it. */
function showValue(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  if (document.activeElement !== input && input.value !== value) input.value = value;
}

/**
 * The 1D view's control strip in plain DOM: preset, f(x), orders 0..10, x0, x range and table
 * points, each bound to its state key; text is committed on Enter or change.
 */
export class OneDControls {
  /** The strip's root element. */
  readonly element: HTMLElement;
  private readonly preset = el('select', 'oned-select', 'preset1d');
  private readonly formula = textInput('formula1d', 'oned-input oned-formula');
  private readonly error = el('pre', 'oned-error', 'formula1d-error');
  private readonly x0 = numberInput('x1d');
  private readonly xmin = numberInput('x1min');
  private readonly xmax = numberInput('x1max');
  private readonly points = textInput('points1d', 'oned-input oned-points');
  private readonly note = el('div', 'oned-note', 'oned-input-error');
  private readonly orderBoxes: HTMLInputElement[] = [];

  /** Builds the strip in the container and keeps it in sync with the store. */
  constructor(container: HTMLElement, private readonly store: Store) {
    this.element = el('div', 'oned-controls', 'oned-controls');
    this.formula.maxLength = FORMULA_MAX;
    this.error.hidden = true;
    this.note.hidden = true;
    this.buildPresets();
    const back = el('button', 'oned-button', 'mode-2d');
    back.type = 'button';
    back.textContent = '← 3D landscape';
    back.title = 'Back to the 2D function f(x, y) and its 3D view';
    back.addEventListener('click', () => this.store.set({ mode: '2d' }));
    const row1 = el('div', 'oned-row');
    row1.append(back, labelled('preset', this.preset), labelled('f(x) =', this.formula));
    const row2 = el('div', 'oned-row');
    row2.append(labelled('x₀', this.x0), labelled('x from', this.xmin), labelled('to', this.xmax), labelled('table at x =', this.points));
    this.element.append(row1, this.error, this.buildOrders(), row2, this.note);
    container.append(this.element);
    this.bindEvents();
    this.sync(store.get());
  }

  /** Copies the state into the controls (skipping the one being typed in). */
  sync(s: Readonly<LabState>): void {
    showValue(this.preset, s.preset1d);
    showValue(this.formula, s.formula1d);
    showValue(this.x0, String(s.x1d));
    showValue(this.xmin, String(s.x1min));
    showValue(this.xmax, String(s.x1max));
    showValue(this.points, parseNumberList(s.points1d).join(', '));
    const chosen = new Set(parseNumberList(s.orders1d));
    this.orderBoxes.forEach((box, k) => (box.checked = chosen.has(k)));
  }

  /** Shows a parse error (message, text and caret line) under f(x), or clears it when null. */
  showError(text: string | null): void {
    this.error.hidden = text === null;
    this.error.textContent = text ?? '';
    this.formula.classList.toggle('invalid', text !== null);
    this.formula.setAttribute('aria-invalid', String(text !== null));
  }

  /** Shows why a typed value was rejected (not a number, bad range or list), or hides the note. */
  private showNote(text: string | null): void {
    this.note.hidden = text === null;
    this.note.textContent = text ?? '';
  }

  private buildPresets(): void {
    for (const p of PRESETS_1D) this.preset.append(new Option(p.label, p.id));
    this.preset.append(new Option('custom formula', 'custom'));
  }

  private buildOrders(): HTMLElement {
    const group = el('div', 'oned-orders', 'orders1d');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Taylor orders shown');
    const title = el('span', 'oned-label');
    title.textContent = 'orders';
    group.append(title);
    for (let k = 0; k <= MAX_ORDER_1D; k++) {
      const box = el('input', 'oned-order-box', `order1d-${k}`);
      box.type = 'checkbox';
      box.value = String(k);
      box.addEventListener('change', () => this.commitOrders());
      const label = el('label', 'oned-order');
      label.style.setProperty('--order-color', orderColor(k));
      const name = el('span', 'oned-order-name');
      name.textContent = `T${k}`;
      label.append(box, name);
      group.append(label);
      this.orderBoxes.push(box);
    }
    return group;
  }

  private bindEvents(): void {
    this.preset.addEventListener('change', () => {
      const id = this.preset.value;
      this.store.set(id === 'custom' ? { preset1d: 'custom' } : preset1DPatch(id));
    });
    const onCommit = (input: HTMLInputElement, commit: () => void) => {
      input.addEventListener('change', commit);
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') commit();
      });
    };
    onCommit(this.formula, () => this.commitFormula());
    onCommit(this.x0, () => this.commitX0());
    onCommit(this.xmin, () => this.commitRange());
    onCommit(this.xmax, () => this.commitRange());
    onCommit(this.points, () => this.commitPoints());
  }

  private commitFormula(): void {
    const text = this.formula.value.trim();
    if (text === this.store.get().formula1d) return;
    this.store.set({ formula1d: text, preset1d: 'custom' });
  }

  private commitOrders(): void {
    const checked = this.orderBoxes.filter((b) => b.checked).map((b) => Number(b.value));
    this.store.set({ orders1d: normalizeOrders(checked, MAX_ORDER_1D).join(',') });
  }

  private commitX0(): void {
    const value = Number(this.x0.value.trim());
    if (this.x0.value.trim() === '' || !Number.isFinite(value)) {
      this.showNote('x₀: not a number');
      this.x0.value = String(this.store.get().x1d);
      return;
    }
    this.showNote(null);
    this.store.set({ x1d: value });
  }

  private commitRange(): void {
    const lo = Number(this.xmin.value.trim());
    const hi = Number(this.xmax.value.trim());
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
      this.showNote('x range: two numbers with from < to');
      return;
    }
    this.showNote(null);
    this.store.set({ x1min: lo, x1max: hi });
  }

  private commitPoints(): void {
    const values = parseUserNumbers(this.points.value, MAX_POINTS);
    if (!values) {
      this.showNote(`table points: 1 to ${MAX_POINTS} numbers separated by commas`);
      return;
    }
    this.showNote(null);
    this.store.set({ points1d: values.join(',') });
  }
}

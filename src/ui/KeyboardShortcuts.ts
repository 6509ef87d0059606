import { bindingFor, type KeyAction } from './keyBindings';

/** What each action of the key table does. */
export type KeyHandlers = Readonly<Record<KeyAction, () => void>>;

const NON_TEXT_INPUT_TYPES: ReadonlySet<string> = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);
const CONTROL_ROLES: ReadonlySet<string> = new Set(['button', 'checkbox', 'radio', 'switch', 'slider', 'spinbutton', 'tab', 'menuitem', 'option', 'listbox', 'combobox']);
/** Keys a focused control uses itself: a checkbox toggles on Space, a select steps on the arrows. */
const CONTROL_KEYS: ReadonlySet<string> = new Set([' ', 'Enter', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End']);

/** Whether a key event is aimed at a field the user types into (text and number inputs, text areas, editable text). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !NON_TEXT_INPUT_TYPES.has(target.type);
}

/** Whether the target is a control that answers Space, Enter or the arrows itself (button, checkbox, select, slider, link). */
export function isInteractiveControl(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLButtonElement || target instanceof HTMLSelectElement || target instanceof HTMLInputElement) return true;
  if (target instanceof HTMLAnchorElement && target.hasAttribute('href')) return true;
  if (target.tagName === 'SUMMARY') return true;
  return CONTROL_ROLES.has(target.getAttribute('role') ?? '');
}

/**
 * Keyboard and presentation-clicker shortcuts (the table is in keyBindings.ts). They listen on the
 * window in the capture phase, before any element: lil-gui stops key events from bubbling out of
 * its rows, so a listener further down would go deaf after a click on any GUI control. Wherever
 * focus is they work, except: while typing in a field (every key goes to the field); on a focused
 * control (checkbox, button, select, link) Space, Enter and the arrows go to the control, while
 * Page Up/Down (a clicker) and the letter keys still work. With the 3D view focused by Tab the
 * arrows orbit. Ctrl/Alt/Meta combinations are left to the browser; a held key repeats only the actions
 * marked `repeat`.
 */
export class KeyboardShortcuts {
  private readonly abort = new AbortController();
  /** Whether the 3D view was reached with the keyboard (Tab): only then do the arrows orbit. */
  private viewportByKeyboard = false;
  private pointerPressed = false;

  /** Listens on the window (capture phase); `viewport` is the focusable 3D view whose arrows orbit once reached by Tab. */
  constructor(
    private readonly handlers: KeyHandlers,
    target: Window = window,
    private readonly viewport: HTMLElement | null = null,
  ) {
    const signal = this.abort.signal;
    target.addEventListener('keydown', (e) => this.onKey(e), { capture: true, signal });
    // A click on the 3D view focuses it too, and a lecturer who clicked it still expects → to
    // mean "next scene": the arrows orbit only when focus arrived by keyboard.
    viewport?.addEventListener('pointerdown', () => ((this.pointerPressed = true), (this.viewportByKeyboard = false)), { capture: true, signal });
    viewport?.addEventListener('focus', () => ((this.viewportByKeyboard = !this.pointerPressed), (this.pointerPressed = false)), { signal });
    viewport?.addEventListener('blur', () => ((this.viewportByKeyboard = false), (this.pointerPressed = false)), { signal });
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || isTypingTarget(e.target)) return;
    const inViewport = this.viewportByKeyboard && e.target === this.viewport;
    if (!inViewport && CONTROL_KEYS.has(e.key) && isInteractiveControl(e.target)) return;
    if (isInsideModal(e.target)) return;
    const binding = bindingFor(e, inViewport);
    if (!binding) return;
    e.preventDefault();
    if (e.repeat && !binding.repeat) return;
    this.handlers[binding.action]();
  }

  /** Removes the listener. */
  dispose(): void {
    this.abort.abort();
  }
}

/** An open modal dialog (the help) keeps its keys to itself; it handles Escape and `?` on its own. */
function isInsideModal(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[aria-modal="true"]') !== null;
}

import { bindingFor, type KeyAction } from './keyBindings';

/** What each action of the key table does. */
export type KeyHandlers = Readonly<Record<KeyAction, () => void>>;

const TEXT_INPUT_TYPES: ReadonlySet<string> = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color']);

/** Whether a key event is aimed at a field the user types into (text inputs, selects, text areas). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !TEXT_INPUT_TYPES.has(target.type);
}

/**
 * Keyboard and presentation-clicker shortcuts (the table is in keyBindings.ts). Keys are ignored
 * while typing in a field, with Ctrl/Alt/Meta held, and Space/Enter on a focused button (which
 * the button itself handles); a held key repeats only the actions marked `repeat`.
 */
export class KeyboardShortcuts {
  private readonly abort = new AbortController();

  /** Listens on the window. */
  constructor(private readonly handlers: KeyHandlers, target: Window = window) {
    target.addEventListener('keydown', (e) => this.onKey(e), { signal: this.abort.signal });
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || isTypingTarget(e.target)) return;
    const binding = bindingFor(e);
    if (!binding) return;
    if ((e.key === ' ' || e.key === 'Enter') && e.target instanceof HTMLButtonElement) return;
    e.preventDefault();
    if (e.repeat && !binding.repeat) return;
    this.handlers[binding.action]();
  }

  /** Removes the listener. */
  dispose(): void {
    this.abort.abort();
  }
}

/**
 * The keyboard table: every shortcut of the lab, in one place. The key handler and the help
 * overlay both read it, so the help can never list a key that does not work (or miss one).
 */

import { VIEWS, type ViewId } from '../state/views';

/** Showing one view: one action per row of the view registry (its key, e.g. 1, 2, 3). */
export type ViewAction = `view:${ViewId}`;

/** Everything a key can do. */
export type KeyAction =
  | ViewAction
  | 'orderUp'
  | 'orderDown'
  | 'nextScene'
  | 'prevScene'
  | 'toggleModel'
  | 'toggleGradient'
  | 'toggleAxes'
  | 'toggleContours'
  | 'resetCamera'
  | 'fullscreen'
  | 'nudgeUp'
  | 'nudgeDown'
  | 'nudgeLeft'
  | 'nudgeRight'
  | 'exportPng'
  | 'exportPng2x'
  | 'toggleMode'
  | 'cycleTheme'
  | 'orbitLeft'
  | 'orbitRight'
  | 'orbitUp'
  | 'orbitDown'
  | 'zoomIn'
  | 'zoomOut'
  | 'optStep'
  | 'optPlay'
  | 'help';

/** One key press: KeyboardEvent.key ('a', '+', 'PageDown', ' ') and whether Shift is held. */
export interface KeyCombo {
  readonly key: string;
  /** Only read for letters and named keys; a symbol such as '+' or '?' already implies its Shift. */
  readonly shift?: boolean;
}

/** One row of the table: the keys that trigger an action and what the help says about it. */
export interface KeyBinding {
  readonly action: KeyAction;
  readonly keys: readonly KeyCombo[];
  readonly description: string;
  /** Whether holding the key down repeats the action (nudging, order), default false. */
  readonly repeat?: boolean;
  /** 'viewport': only while the 3D view has keyboard focus, where it wins over the same key's global action. */
  readonly scope?: 'viewport';
}

const k = (key: string, shift = false): KeyCombo => ({ key, shift });

/** The bindings, in the order the help overlay lists them. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { action: 'nextScene', keys: [k('PageDown'), k('ArrowRight'), k(' ')], description: 'next scene' },
  { action: 'prevScene', keys: [k('PageUp'), k('ArrowLeft')], description: 'previous scene' },
  { action: 'orderUp', keys: [k('+'), k('='), k(']')], description: 'Taylor order up', repeat: true },
  { action: 'orderDown', keys: [k('-'), k('_'), k('[')], description: 'Taylor order down', repeat: true },
  { action: 'nudgeUp', keys: [k('w'), k('ArrowUp', true)], description: 'move the point +y (1% of the domain)', repeat: true },
  { action: 'nudgeDown', keys: [k('s'), k('ArrowDown', true)], description: 'move the point −y', repeat: true },
  { action: 'nudgeLeft', keys: [k('a'), k('ArrowLeft', true)], description: 'move the point −x', repeat: true },
  { action: 'nudgeRight', keys: [k('d'), k('ArrowRight', true)], description: 'move the point +x', repeat: true },
  { action: 'toggleModel', keys: [k('m')], description: 'show / hide the Taylor model' },
  { action: 'toggleGradient', keys: [k('g')], description: 'show / hide the gradient arrow' },
  { action: 'toggleAxes', keys: [k('e')], description: 'show / hide the Hessian eigen-axes' },
  { action: 'toggleContours', keys: [k('c')], description: 'show / hide contour lines' },
  { action: 'resetCamera', keys: [k('r')], description: 'reset the camera' },
  // The view keys come from the registry: a new view's key is its row there, not a line here.
  ...VIEWS.map((v): KeyBinding => ({ action: `view:${v.id}`, keys: [k(v.key)], description: v.label })),
  { action: 'toggleMode', keys: [k('v')], description: `next view (${VIEWS.map((v) => v.id).join(', ')})` },
  { action: 'cycleTheme', keys: [k('t')], description: 'next theme (default, projector dark, projector light)' },
  { action: 'fullscreen', keys: [k('f')], description: 'full screen on / off' },
  { action: 'exportPng', keys: [k('p')], description: 'save the 3D view as PNG (the Taylor polynomial in it unless switched off in the lecture panel)' },
  { action: 'exportPng2x', keys: [k('p', true)], description: 'save the 3D view as PNG at 2× resolution' },
  { action: 'orbitLeft', keys: [k('ArrowLeft')], description: 'orbit the camera left (3D view focused: Tab to it)', repeat: true, scope: 'viewport' },
  { action: 'orbitRight', keys: [k('ArrowRight')], description: 'orbit the camera right (3D view focused)', repeat: true, scope: 'viewport' },
  { action: 'orbitUp', keys: [k('ArrowUp')], description: 'orbit the camera up (3D view focused)', repeat: true, scope: 'viewport' },
  { action: 'orbitDown', keys: [k('ArrowDown')], description: 'orbit the camera down (3D view focused)', repeat: true, scope: 'viewport' },
  { action: 'zoomIn', keys: [k('.')], description: 'zoom the camera in', repeat: true },
  { action: 'zoomOut', keys: [k(',')], description: 'zoom the camera out', repeat: true },
  { action: 'optStep', keys: [k('n')], description: 'optimizer runs: one step', repeat: true },
  { action: 'optPlay', keys: [k('b')], description: 'optimizer runs: play / pause' },
  { action: 'help', keys: [k('?')], description: 'show / hide this help' },
];

function isLetter(key: string): boolean {
  return key.length === 1 && key.toLowerCase() !== key.toUpperCase();
}

/**
 * Canonical text of a key press, equal for a combo and the event it matches: letters lower-cased
 * with their Shift state, named keys with their Shift state, other symbols alone.
 */
export function comboId(key: string, shift: boolean): string {
  if (isLetter(key)) return `${key.toLowerCase()}${shift ? '+shift' : ''}`;
  if (key.length === 1) return key;
  return `${key}${shift ? '+shift' : ''}`;
}

const BY_COMBO = new Map<string, KeyBinding>();
const IN_VIEWPORT = new Map<string, KeyBinding>();
for (const b of KEY_BINDINGS) for (const c of b.keys) (b.scope === 'viewport' ? IN_VIEWPORT : BY_COMBO).set(comboId(c.key, c.shift ?? false), b);

/**
 * What a key event is bound to, or null; Ctrl, Alt and Meta combinations are left to the browser.
 * With the 3D view focused its own bindings (arrows orbit) win over the global ones.
 */
export function bindingFor(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>, inViewport = false): KeyBinding | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  const id = comboId(e.key, e.shiftKey);
  return (inViewport ? IN_VIEWPORT.get(id) : undefined) ?? BY_COMBO.get(id) ?? null;
}

const KEY_NAMES: Readonly<Record<string, string>> = {
  ' ': 'Space',
  PageDown: 'Page Down',
  PageUp: 'Page Up',
  ArrowRight: '→',
  ArrowLeft: '←',
  ArrowUp: '↑',
  ArrowDown: '↓',
};

/** How the help shows a combo, e.g. 'Shift+P', 'Page Down', '+'. */
export function comboLabel(c: KeyCombo): string {
  const name = KEY_NAMES[c.key] ?? (isLetter(c.key) ? c.key.toUpperCase() : c.key);
  return c.shift && (c.key.length > 1 || isLetter(c.key)) ? `Shift+${name}` : name;
}

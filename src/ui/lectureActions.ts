import { MAX_ORDER_1D, MAX_ORDER_2D } from '../core/taylorLayout';
import { clampPoint, parseNumberList } from '../state/actions';
import { THEMES, type LabState } from '../state/schema';
import { nextView, viewShows } from '../state/views';

/** Fraction of the domain one nudge moves the point. */
export const NUDGE_FRACTION = 0.01;

type BoolKey = { [K in keyof LabState]: LabState[K] extends boolean ? K : never }[keyof LabState];

/**
 * One order up or down. 2D: the model order within 0..6. 1D: up adds the next order to the curves
 * shown, down removes the highest (the last one left steps down instead).
 */
export function orderPatch(s: Readonly<LabState>, delta: 1 | -1): Partial<LabState> {
  if (viewShows(s.mode, 'landscape')) return { order: Math.min(MAX_ORDER_2D, Math.max(0, s.order + delta)) };
  const orders = [...new Set(parseNumberList(s.orders1d))].sort((a, b) => a - b);
  const top = orders.length > 0 ? orders[orders.length - 1] : 0;
  if (delta > 0) return top < MAX_ORDER_1D || orders.length === 0 ? { orders1d: [...orders, orders.length === 0 ? 1 : top + 1].join(',') } : {};
  if (orders.length > 1) return { orders1d: orders.slice(0, -1).join(',') };
  return top > 0 ? { orders1d: String(top - 1) } : {};
}

/** Moves the point by (dx, dy) times 1% of the domain, staying inside it; 1D moves x0 only. */
export function nudgePatch(s: Readonly<LabState>, dx: number, dy: number): Partial<LabState> {
  if (viewShows(s.mode, 'curve')) {
    const x = s.x1d + dx * NUDGE_FRACTION * (s.x1max - s.x1min);
    return { x1d: Math.min(s.x1max, Math.max(s.x1min, x)) };
  }
  return clampPoint(s, s.x + dx * NUDGE_FRACTION * (s.xmax - s.xmin), s.y + dy * NUDGE_FRACTION * (s.ymax - s.ymin));
}

/** Flips one boolean setting. */
export function togglePatch(s: Readonly<LabState>, key: BoolKey): Partial<LabState> {
  return { [key]: !s[key] };
}

/** The next theme in THEMES, wrapping around. */
export function nextThemePatch(s: Readonly<LabState>): Partial<LabState> {
  return { theme: THEMES[(THEMES.indexOf(s.theme) + 1) % THEMES.length] };
}

/** Shows the next view of the registry (2D, 1D, implicit, then 2D again). */
export function toggleModePatch(s: Readonly<LabState>): Partial<LabState> {
  return { mode: nextView(s.mode) };
}

/**
 * Where labels go on screen so that none covers another: a pure layout in CSS pixels, used by
 * EigenAxes each frame (the eigen-axis labels against each other, the axis ticks and the legend).
 */

/** A label box on screen in CSS pixels: its centre and size. */
export interface ScreenBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** One label to place: where its axis ends on screen, which way is outward, and its size. */
export interface LabelRequest {
  readonly anchor: { readonly x: number; readonly y: number };
  /** Unit direction from the point to the axis end on screen ((0, 0) when the axis points at the viewer). */
  readonly outward: { readonly x: number; readonly y: number };
  readonly w: number;
  readonly h: number;
}

/** Pixels between an axis end and its label, and between two labels. */
export const LABEL_GAP = 6;

/** Whether two boxes overlap (touching edges do not). */
export function boxesOverlap(a: ScreenBox, b: ScreenBox): boolean {
  return Math.abs(a.x - b.x) < (a.w + b.w) / 2 && Math.abs(a.y - b.y) < (a.h + b.h) / 2;
}

/**
 * Places the eigen-axis labels on screen so that they never overlap each other or the obstacles
 * (the axis ticks, the colour legend): each label takes the first free spot of a ring of
 * candidates around its axis end, starting just beyond the end (outward) and turning and moving
 * further out from there, always inside the view. When no spot is free it stays just beyond the
 * end. The caller draws a leader line from each axis end to a label that ended up away from it.
 */
export function layoutLabels(labels: readonly LabelRequest[], view: { readonly w: number; readonly h: number }, obstacles: readonly ScreenBox[] = []): ScreenBox[] {
  const placed: ScreenBox[] = [];
  labels.forEach((l, i) => {
    const fallback = i === 0 ? { x: 0, y: -1 } : { x: 0, y: 1 };
    const o = Math.hypot(l.outward.x, l.outward.y) > 1e-6 ? l.outward : fallback;
    const base = Math.atan2(o.y, o.x);
    const taken = [...obstacles, ...placed];
    let chosen: ScreenBox | null = null;
    for (let ring = 0; ring < 6 && !chosen; ring++) {
      for (const turn of [0, 1, -1, 2, -2, 3, -3, 4]) {
        const angle = base + (turn * Math.PI) / 4;
        const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
        const reach = LABEL_GAP + ring * 18 + (Math.abs(dx) * l.w + Math.abs(dy) * l.h) / 2;
        const box = { x: l.anchor.x + dx * reach, y: l.anchor.y + dy * reach, w: l.w, h: l.h };
        if (fitsInView(box, view) && !taken.some((t) => boxesOverlap(grow(box, LABEL_GAP / 2), t))) {
          chosen = box;
          break;
        }
      }
    }
    const reach = LABEL_GAP + (Math.abs(o.x) * l.w + Math.abs(o.y) * l.h) / 2;
    placed.push(chosen ?? insideView({ x: l.anchor.x + o.x * reach, y: l.anchor.y + o.y * reach, w: l.w, h: l.h }, view));
  });
  return placed;
}

function grow(b: ScreenBox, by: number): ScreenBox {
  return { ...b, w: b.w + 2 * by, h: b.h + 2 * by };
}

function fitsInView(b: ScreenBox, view: { readonly w: number; readonly h: number }): boolean {
  return b.x - b.w / 2 >= 0 && b.y - b.h / 2 >= 0 && b.x + b.w / 2 <= view.w && b.y + b.h / 2 <= view.h;
}

function insideView(b: ScreenBox, view: { readonly w: number; readonly h: number }): ScreenBox {
  const clampTo = (v: number, half: number, size: number): number => (size > 2 * half ? Math.min(size - half, Math.max(half, v)) : size / 2);
  return { ...b, x: clampTo(b.x, b.w / 2, view.w), y: clampTo(b.y, b.h / 2, view.h) };
}

/** The point of a box nearest to p (p itself when inside). */
export function nearestOnBox(b: ScreenBox, p: { readonly x: number; readonly y: number }): { x: number; y: number } {
  return { x: Math.min(b.x + b.w / 2, Math.max(b.x - b.w / 2, p.x)), y: Math.min(b.y + b.h / 2, Math.max(b.y - b.h / 2, p.y)) };
}

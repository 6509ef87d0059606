/**
 * Where a text label goes beside a mark on a canvas plot so that it is always whole (issue 21:
 * "…not a function here (0, 0)" was cut at the plot's edge): the four boxes around the mark first
 * (right-below, right-above, left-below, left-above) that lie inside the frame and clear of labels
 * already placed, else the first that lies inside, else the right-below box shifted left and up into
 * the frame. Text wider than the frame is wrapped to lines first. Pure: numbers in, boxes out.
 */

/** A box in canvas CSS pixels: top-left corner, width, height. */
export interface LabelBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The plot's drawing area in the same pixels. */
export interface LabelFrame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The four candidate boxes of a label w × h beside a mark at (px, py), `gap` away. */
export function labelSpots(px: number, py: number, w: number, h: number, gap: number): LabelBox[] {
  return [
    { x: px + gap, y: py + gap * 0.4, w, h },
    { x: px + gap, y: py - gap * 0.4 - h, w, h },
    { x: px - gap - w, y: py + gap * 0.4, w, h },
    { x: px - gap - w, y: py - gap * 0.4 - h, w, h },
  ];
}

/** True when the box lies inside the frame. */
export function insideFrame(r: LabelBox, f: LabelFrame): boolean {
  return r.x >= f.left && r.y >= f.top && r.x + r.w <= f.left + f.width && r.y + r.h <= f.top + f.height;
}

/** True when two boxes overlap. */
export function overlapping(a: LabelBox, b: LabelBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The box moved left/up (then right/down) by the least amount that puts it inside the frame (pinned to its top left when bigger). */
export function shiftInside(r: LabelBox, f: LabelFrame): LabelBox {
  const x = Math.max(f.left, Math.min(r.x, f.left + f.width - r.w));
  const y = Math.max(f.top, Math.min(r.y, f.top + f.height - r.h));
  return { ...r, x, y };
}

/** Where a label of size w × h beside the mark at (px, py) goes (see the module comment). */
export function placeLabel(frame: LabelFrame, px: number, py: number, w: number, h: number, gap: number, placed: readonly LabelBox[] = []): LabelBox {
  const spots = labelSpots(px, py, w, h, gap);
  const free = spots.find((r) => insideFrame(r, frame) && !placed.some((q) => overlapping(r, q)));
  if (free) return free;
  const inside = spots.find((r) => insideFrame(r, frame));
  if (inside) return inside;
  // Near a corner none of the four fits: the one on the roomier side of the mark, shifted inside.
  const right = px - frame.left <= frame.left + frame.width - px;
  const below = py - frame.top <= frame.top + frame.height - py;
  return shiftInside(spots[(right ? 0 : 2) + (below ? 0 : 1)], frame);
}

/**
 * The text as lines no wider than maxWidth by `measure`, broken at spaces (a double space, between
 * a label and its coordinates, is the preferred break); a single word wider than that stays whole.
 */
export function wrapLabel(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  if (measure(text) <= maxWidth) return [text];
  const lines: string[] = [];
  for (const part of text.split(/ {2,}/)) {
    let line = '';
    for (const word of part.split(' ')) {
      const next = line === '' ? word : `${line} ${word}`;
      if (line !== '' && measure(next) > maxWidth) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    if (line !== '') lines.push(line);
  }
  return lines;
}

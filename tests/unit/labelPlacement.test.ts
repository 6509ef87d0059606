/** Issue 21: the singular-point label ("…not a function here (0, 0)") is always whole inside the plot. */
import { describe, expect, it } from 'vitest';
import { insideFrame, placeLabel, wrapLabel, type LabelFrame } from '../../src/plots/labelPlacement';

const FRAME: LabelFrame = { left: 60, top: 12, width: 500, height: 300 };
const GAP = 16;

describe('placeLabel', () => {
  it('puts the box fully inside the frame for anchors anywhere in it, edges and corners included', () => {
    for (const w of [40, 250, 420, 500]) {
      for (const h of [20, 60]) {
        for (let i = 0; i <= 20; i++) {
          for (let j = 0; j <= 20; j++) {
            const px = FRAME.left + (i / 20) * FRAME.width;
            const py = FRAME.top + (j / 20) * FRAME.height;
            const r = placeLabel(FRAME, px, py, w, h, GAP);
            const where = `anchor (${px}, ${py}), ${w}×${h}: ${JSON.stringify(r)}`;
            expect([r.w, r.h], where).toEqual([w, h]);
            expect(insideFrame(r, FRAME), where).toBe(true);
          }
        }
      }
    }
  });

  it('keeps beside the mark where there is room: right-below, flipped left at the right edge, up at the bottom', () => {
    const mid = placeLabel(FRAME, 200, 100, 100, 20, GAP);
    expect([mid.x, mid.y]).toEqual([200 + GAP, 100 + GAP * 0.4]);
    // The cut label of issue 21: a pitchfork at (0, 0) in the middle-right, label wider than the room to its right.
    const right = placeLabel(FRAME, 480, 100, 300, 20, GAP);
    expect(right.x + right.w).toBe(480 - GAP);
    const bottom = placeLabel(FRAME, 200, 305, 100, 20, GAP);
    expect(bottom.y + bottom.h).toBe(305 - GAP * 0.4);
  });

  it('moves off an earlier label when another spot fits', () => {
    const first = placeLabel(FRAME, 200, 100, 100, 20, GAP);
    const second = placeLabel(FRAME, 205, 102, 100, 20, GAP, [first]);
    expect(second).not.toEqual(first);
    expect(second.x < first.x + first.w && first.x < second.x + second.w && second.y < first.y + first.h && first.y < second.y + second.h).toBe(false);
  });
});

describe('wrapLabel', () => {
  const measure = (s: string) => s.length * 10;
  it('keeps a label that fits on one line and breaks a long one at the double space first', () => {
    const text = '∂F/∂x = 0: x(λ) is not a function here  (0, 0)';
    expect(wrapLabel(text, 1000, measure)).toEqual([text]);
    expect(wrapLabel(text, 400, measure)).toEqual(['∂F/∂x = 0: x(λ) is not a function here', '(0, 0)']);
    const narrow = wrapLabel(text, 200, measure);
    expect(narrow.every((l) => measure(l) <= 200)).toBe(true);
    expect(narrow.join(' ')).toBe(text.replace('  ', ' '));
  });
});

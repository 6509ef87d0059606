import { describe, expect, it } from 'vitest';
import { clipPath, clipSegment, firstOutside } from '../../src/scene/clipPath';

const BOX = { xmin: -2, xmax: 2, ymin: -2, ymax: 2 };
const tri = (...xy: [number, number][]) => xy.flatMap(([x, y]) => [x, y, x + y]);

describe('clipPath: a polyline in (x, y, f) clipped to the drawn box', () => {
  it('keeps a path inside the box as one piece, with no exit', () => {
    const { pieces, exits } = clipPath(tri([0, 0], [1, 1], [1.5, -1]), BOX);
    expect(pieces).toEqual([{ points: tri([0, 0], [1, 1], [1.5, -1]), sources: [0, 1] }]);
    expect(exits).toEqual([]);
  });

  it('breaks the path where it leaves: the piece ends on the edge, the exit has the edge point and the direction', () => {
    const { pieces, exits } = clipPath(tri([0, 0], [1, 0], [3, 0], [5, 0]), BOX);
    expect(pieces).toEqual([{ points: tri([0, 0], [1, 0], [2, 0]), sources: [0, 1] }]);
    expect(exits).toEqual([{ x: 2, y: 0, f: 2, dx: 1, dy: 0, segment: 1 }]);
  });

  it('never joins across the view: out at the top, back in at the bottom gives two pieces and no crossing segment', () => {
    // The diverging GD along y flips sign each step: 1.5, -2.5, 1.5 ... (no segment inside between the jumps).
    const { pieces, exits } = clipPath(tri([0, 1.5], [0, -3], [0, 3], [0, 1]), BOX);
    // Segment 0 leaves at the bottom; segment 1 crosses the box from y = -3 to 3 (clipped to the box,
    // it is a piece of its own that enters and leaves); segment 2 comes back in at the top.
    expect(pieces.map((p) => p.sources)).toEqual([[0], [1], [2]]);
    expect(pieces[0].points.slice(3)).toEqual([0, -2, -2]);
    expect(pieces[1].points).toEqual([0, -2, -2, 0, 2, 2]);
    expect(pieces[2].points).toEqual([0, 2, 2, 0, 1, 1]);
    expect(exits.map((e) => [e.x, e.y, e.dy, e.segment])).toEqual([
      [0, -2, -1, 0],
      [0, 2, 1, 1],
    ]);
    // Every piece lies in the box.
    for (const p of pieces) for (let k = 0; k < p.points.length; k += 3) expect(Math.max(Math.abs(p.points[k]), Math.abs(p.points[k + 1]))).toBeLessThanOrEqual(2);
  });

  it('drops segments wholly outside and those touching a point that is not finite', () => {
    const { pieces, exits } = clipPath(tri([3, 3], [4, 3], [1, 1], [0, 0]), BOX);
    expect(pieces.map((p) => p.sources)).toEqual([[1, 2]]);
    // Segment 1 from (4, 3) to (1, 1) enters at x = 2, y = 3 - 2 * 2/3.
    expect(pieces[0].points[0]).toBeCloseTo(2, 14);
    expect(pieces[0].points[1]).toBeCloseTo(5 / 3, 14);
    expect(pieces[0].points.slice(3)).toEqual(tri([1, 1], [0, 0]));
    expect(exits).toEqual([]);
    const gap = clipPath([0, 0, 0, NaN, 0, 0, 1, 1, 2, 1.5, 1, 2.5], BOX);
    expect(gap.pieces.map((p) => p.sources)).toEqual([[2]]);
  });

  it('with samples per step, a step from outside the box to outside it is left out (it would cross the view)', () => {
    // Iterates (0, 1.5), (0, -3), (0, 3.3), two samples a step.
    const path = tri([0, 1.5], [0, -0.75], [0, -3], [0, 0.15], [0, 3.3]);
    const { pieces, exits } = clipPath(path, BOX, 2);
    expect(pieces.map((p) => p.sources)).toEqual([[0, 1]]);
    expect(exits.map((e) => [e.y, e.dy, e.segment])).toEqual([[-2, -1, 1]]);
    // Without the steps, the jump from -3 to 3.3 is clipped to a segment across the box.
    expect(clipPath(path, BOX).pieces.length).toBe(2);
  });

  it('clipSegment: the inside parameter range, null when the segment misses the box', () => {
    expect(clipSegment(-4, 0, 4, 0, BOX)).toEqual([0.25, 0.75]);
    expect(clipSegment(-4, 3, 4, 3, BOX)).toBeNull();
    expect(clipSegment(3, -4, 3, 4, BOX)).toBeNull();
    expect(clipSegment(0, 0, 0, 0, BOX)).toEqual([0, 1]);
  });

  it('firstOutside: the first point outside the box', () => {
    expect(firstOutside(tri([0, 0], [0, 1.9], [0, -2.1]), BOX)).toBe(2);
    expect(firstOutside(tri([0, 0]), BOX)).toBe(-1);
  });
});

/**
 * Clipping a path to the drawn box (pure, no three.js): a diverging optimizer run leaves the
 * domain, and what lies outside must not be drawn, clamped or joined across the view. Each segment
 * of the polyline is clipped in (x, y) against the box (Liang–Barsky); the value (third coordinate)
 * is interpolated along the segment. The polyline breaks into pieces wherever it leaves the box,
 * and each leaving is reported with the point on the box's edge and the direction it goes. Given
 * the samples per step, a step that starts and ends outside the box is not drawn at all: a diverging
 * run's later steps jump from one side to the other, and drawn they would cross the whole view.
 */

/** The drawn box in data units. */
export interface ClipBox {
  readonly xmin: number;
  readonly xmax: number;
  readonly ymin: number;
  readonly ymax: number;
}

/** One connected part of the path inside the box. */
export interface ClipPiece {
  /** Points (x, y, f) triples: the clipped segments' ends, in path order. */
  readonly points: number[];
  /** For each segment of the piece, the index k of the source segment (points k to k + 1) it comes from. */
  readonly sources: number[];
}

/** Where the path leaves the box: on its edge, with the unit direction (in x, y) it leaves in. */
export interface ClipExit {
  readonly x: number;
  readonly y: number;
  readonly f: number;
  readonly dx: number;
  readonly dy: number;
  /** The source segment (points k to k + 1) that crosses the edge. */
  readonly segment: number;
}

export interface ClippedPath {
  readonly pieces: ClipPiece[];
  readonly exits: ClipExit[];
}

/** The part [t0, t1] of the segment p + t (q - p), t in [0, 1], inside the box, or null. */
export function clipSegment(x0: number, y0: number, x1: number, y1: number, box: ClipBox): [number, number] | null {
  let t0 = 0;
  let t1 = 1;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const edges: [number, number][] = [
    [-dx, x0 - box.xmin],
    [dx, box.xmax - x0],
    [-dy, y0 - box.ymin],
    [dy, box.ymax - y0],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return null;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return null;
      if (r < t1) t1 = r;
    }
  }
  return t0 <= t1 ? [t0, t1] : null;
}

/**
 * Clips the polyline `points` ((x, y, f) triples) to the box: the pieces inside it and the points
 * where it leaves. A point that is not finite drops the segments touching it. A piece ends where
 * the path leaves the box (an exit) or at such a gap; a later piece starts where it comes back in.
 * With `samplesPerStep`, the polyline is a run's path (points s * samplesPerStep are its iterates)
 * and the steps from an iterate outside the box to another outside it are dropped.
 */
export function clipPath(points: ArrayLike<number>, box: ClipBox, samplesPerStep = 0): ClippedPath {
  const pieces: ClipPiece[] = [];
  const exits: ClipExit[] = [];
  let current: ClipPiece | null = null;
  const n = Math.floor(points.length / 3);
  const inside = (k: number) => k < n && points[3 * k] >= box.xmin && points[3 * k] <= box.xmax && points[3 * k + 1] >= box.ymin && points[3 * k + 1] <= box.ymax;
  const passesOutside = (k: number): boolean => {
    if (samplesPerStep <= 0) return false;
    const s = Math.floor(k / samplesPerStep);
    return !inside(s * samplesPerStep) && !inside(Math.min(n - 1, (s + 1) * samplesPerStep));
  };
  for (let k = 0; k + 1 < n; k++) {
    const [x0, y0, f0, x1, y1, f1] = [points[3 * k], points[3 * k + 1], points[3 * k + 2], points[3 * k + 3], points[3 * k + 4], points[3 * k + 5]];
    const finite = [x0, y0, f0, x1, y1, f1].every(Number.isFinite) && !passesOutside(k);
    const range = finite ? clipSegment(x0, y0, x1, y1, box) : null;
    if (range === null) {
      current = null;
      continue;
    }
    const [t0, t1] = range;
    const at = (t: number): [number, number, number] => [x0 + t * (x1 - x0), y0 + t * (y1 - y0), f0 + t * (f1 - f0)];
    const a = t0 === 0 ? ([x0, y0, f0] as [number, number, number]) : at(t0);
    const b = t1 === 1 ? ([x1, y1, f1] as [number, number, number]) : at(t1);
    if (current === null || t0 > 0) {
      current = { points: [...a], sources: [] };
      pieces.push(current);
    }
    current.points.push(...b);
    current.sources.push(k);
    if (t1 < 1) {
      const len = Math.hypot(x1 - x0, y1 - y0);
      exits.push({ x: b[0], y: b[1], f: b[2], dx: (x1 - x0) / len, dy: (y1 - y0) / len, segment: k });
      current = null;
    }
  }
  return { pieces, exits };
}

/** The first index k with point k outside the box (or not finite), or -1 when every point is inside. */
export function firstOutside(points: ArrayLike<number>, box: ClipBox): number {
  const n = Math.floor(points.length / 3);
  for (let k = 0; k < n; k++) {
    const [x, y] = [points[3 * k], points[3 * k + 1]];
    if (!(x >= box.xmin && x <= box.xmax && y >= box.ymin && y <= box.ymax)) return k;
  }
  return -1;
}

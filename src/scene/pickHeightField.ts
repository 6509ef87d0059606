import { Vector3 } from 'three';
import type { GridField } from '../core/types';
import type { SurfaceTransform, XYZ } from './SurfaceTransform';

/** A world-space ray (origin and direction; the direction need not be unit). */
export interface RayLike {
  readonly origin: XYZ;
  readonly direction: XYZ;
}

const _o = new Vector3();
const _d = new Vector3();
const BISECTIONS = 40;

/**
 * Bilinear interpolation of f at data (x, y); NaN outside the domain or when one of the four
 * surrounding grid values is not finite (the cell is a gap).
 */
export function bilinearHeight(grid: GridField, x: number, y: number): number {
  const { n, domain, f } = grid;
  const fx = ((x - domain.xmin) / (domain.xmax - domain.xmin)) * (n - 1);
  const fy = ((y - domain.ymin) / (domain.ymax - domain.ymin)) * (n - 1);
  const tol = 1e-9 * (n - 1);
  if (!(fx >= -tol && fx <= n - 1 + tol && fy >= -tol && fy <= n - 1 + tol)) return Number.NaN;
  const i = Math.min(n - 2, Math.max(0, Math.floor(fx)));
  const j = Math.min(n - 2, Math.max(0, Math.floor(fy)));
  const tx = Math.min(1, Math.max(0, fx - i));
  const ty = Math.min(1, Math.max(0, fy - j));
  const k = j * n + i;
  const a = f[k];
  const b = f[k + 1];
  const c = f[k + n];
  const d = f[k + n + 1];
  // Any NaN makes the result NaN, which the caller treats as a gap.
  return (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
}

/** Parameter interval [t0, t1] of the ray o + t d inside the box lo..hi (slab method); null if none. */
function clipToBox(o: XYZ, d: XYZ, lo: XYZ, hi: XYZ): [number, number] | null {
  let t0 = 0;
  let t1 = Infinity;
  for (const axis of ['x', 'y', 'z'] as const) {
    if (Math.abs(d[axis]) < 1e-300) {
      if (o[axis] < lo[axis] || o[axis] > hi[axis]) return null;
      continue;
    }
    let a = (lo[axis] - o[axis]) / d[axis];
    let b = (hi[axis] - o[axis]) / d[axis];
    if (a > b) [a, b] = [b, a];
    t0 = Math.max(t0, a);
    t1 = Math.min(t1, b);
    if (t0 > t1) return null;
  }
  return [t0, t1];
}

/**
 * First intersection of a world ray with the height field, as data (x, y), or null. The ray is
 * mapped to data space (the transform is affine), clipped to the domain x the visible height slab,
 * and marched in steps of half a grid cell in (x, y) on the bilinear surface; the first sign change
 * of rayZ - f between two finite samples is refined by bisection. NaN cells break the march, so a
 * ray passes through gaps. Cost: at most ~3 n samples, well under a millisecond at n = 512.
 */
export function pickHeightField(
  ray: RayLike,
  grid: GridField,
  transform: SurfaceTransform,
): { x: number; y: number } | null {
  const o = transform.toData(ray.origin, _o);
  const d = transform.directionToData(ray.direction, _d);
  const { domain, n } = grid;
  const [fLo, fHi] = transform.visibleHeightRange();
  if (!(fLo <= fHi)) return null;
  const span = clipToBox(o, d, { x: domain.xmin, y: domain.ymin, z: fLo }, { x: domain.xmax, y: domain.ymax, z: fHi });
  if (span === null) return null;
  const [t0, t1] = span;
  const cell = Math.min(domain.xmax - domain.xmin, domain.ymax - domain.ymin) / (n - 1);
  const horizontal = Math.hypot(d.x, d.y);
  const dt = horizontal > 0 ? (0.5 * cell) / horizontal : t1 - t0;
  const gap = (t: number): number => o.z + t * d.z - bilinearHeight(grid, o.x + t * d.x, o.y + t * d.y);
  let prevT = t0;
  let prevS = gap(t0);
  if (prevS === 0) return { x: o.x + t0 * d.x, y: o.y + t0 * d.y };
  const steps = Math.ceil((t1 - t0) / Math.max(dt, 1e-300));
  for (let s = 1; s <= steps && s < 1e6; s++) {
    const t = s === steps ? t1 : t0 + s * dt;
    const v = gap(t);
    if (Number.isFinite(prevS) && Number.isFinite(v) && (v === 0 || v > 0 !== prevS > 0)) {
      const hit = bisect(gap, prevT, t, prevS);
      return { x: o.x + hit * d.x, y: o.y + hit * d.y };
    }
    prevT = t;
    prevS = v;
  }
  return null;
}

function bisect(gap: (t: number) => number, a: number, b: number, ga: number): number {
  let lo = a;
  let hi = b;
  const aboveAtLo = ga > 0;
  for (let k = 0; k < BISECTIONS; k++) {
    const mid = 0.5 * (lo + hi);
    const g = gap(mid);
    if (!Number.isFinite(g)) break;
    if (g > 0 === aboveAtLo) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

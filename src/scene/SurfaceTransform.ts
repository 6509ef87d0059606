import { Vector3 } from 'three';
import type { Domain, GridField } from '../core/types';
import { finiteExtent, quantileSorted, sortedFiniteSample } from './robustRange';
import type { TransformUniforms } from './sceneUniforms';

/** Plain {x, y, z} triple, e.g. a three Vector3 or a ray component. */
export interface XYZ {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** Parameters of a SurfaceTransform; fMin/fMax default to fLow/fHigh. */
export interface SurfaceTransformParams {
  readonly domain: Domain;
  /** Robust low and high height (2nd and 98th percentile of finite f). */
  readonly fLow: number;
  readonly fHigh: number;
  /** Extremes of finite f. */
  readonly fMin?: number;
  readonly fMax?: number;
  /** World height given to [fLow, fHigh] (default 0.8). */
  readonly heightWorld?: number;
  /** |world z| beyond which the surface and patch are clipped (default 1). */
  readonly zLimit?: number;
  /** Largest ratio of the world side lengths of the domain (default 3). */
  readonly maxAspect?: number;
}

/**
 * Affine map from data (x, y, f) to a Z-up world: X = (x - cx) sx, Y = (y - cy) sy,
 * Z = (f - fMid) zScale. The longer domain side spans [-1, 1] (sx = sy unless the domain is
 * thinner than 1 : maxAspect, then the short side is stretched), and the robust height range
 * [fLow, fHigh] spans heightWorld; the display clips |Z| > zLimit, so spikes do not flatten the rest.
 */
export class SurfaceTransform {
  /** Domain the transform was built for. */
  readonly domain: Domain;
  /** Data centre of the domain. */
  readonly cx: number;
  readonly cy: number;
  /** World units per data unit in x and y. */
  readonly sx: number;
  readonly sy: number;
  /** Height mapped to world Z = 0. */
  readonly fMid: number;
  /** World units per unit of f. */
  readonly zScale: number;
  /** Robust (percentile) height range. */
  readonly fLow: number;
  readonly fHigh: number;
  /** Finite height extremes. */
  readonly fMin: number;
  readonly fMax: number;
  /** |world Z| beyond which the surface is clipped. */
  readonly zLimit: number;
  /** Height range that normalises errors and contours: fHigh - fLow, or 1 when f is flat. */
  readonly fRange: number;

  /** Builds the transform from explicit ranges (see fromGrid for the usual way). */
  constructor(p: SurfaceTransformParams) {
    const { domain } = p;
    this.domain = domain;
    this.cx = (domain.xmin + domain.xmax) / 2;
    this.cy = (domain.ymin + domain.ymax) / 2;
    const wx = Math.max(domain.xmax - domain.xmin, 1e-300);
    const wy = Math.max(domain.ymax - domain.ymin, 1e-300);
    const s = 2 / Math.max(wx, wy);
    const minSide = 2 / (p.maxAspect ?? 3);
    this.sx = Math.max(s, minSide / wx);
    this.sy = Math.max(s, minSide / wy);
    const lo = Number.isFinite(p.fLow) ? p.fLow : 0;
    const hi = Number.isFinite(p.fHigh) ? Math.max(p.fHigh, lo) : lo;
    this.fLow = lo;
    this.fHigh = hi;
    this.fMin = Number.isFinite(p.fMin) ? Math.min(p.fMin as number, lo) : lo;
    this.fMax = Number.isFinite(p.fMax) ? Math.max(p.fMax as number, hi) : hi;
    this.fMid = (lo + hi) / 2;
    // A constant (or all-NaN) grid still needs a finite, positive scale.
    const range = hi - lo > 1e-12 * Math.max(1, Math.abs(this.fMid)) ? hi - lo : 1;
    this.fRange = range;
    this.zScale = (p.heightWorld ?? 0.8) / range;
    this.zLimit = p.zLimit ?? 1;
  }

  /** Transform whose height scale comes from the 2nd and 98th percentiles of the grid's finite f. */
  static fromGrid(
    grid: GridField,
    options: Omit<SurfaceTransformParams, 'domain' | 'fLow' | 'fHigh'> = {},
  ): SurfaceTransform {
    const f = grid.f;
    const sorted = sortedFiniteSample(f.length, (k) => f[k]);
    const [fMin, fMax] = finiteExtent(f);
    return new SurfaceTransform({
      ...options,
      domain: grid.domain,
      fLow: quantileSorted(sorted, 0.02),
      fHigh: quantileSorted(sorted, 0.98),
      fMin,
      fMax,
    });
  }

  /** Writes the world position of data (x, y, f) into out and returns it. */
  toWorld(x: number, y: number, f: number, out: Vector3): Vector3 {
    return out.set((x - this.cx) * this.sx, (y - this.cy) * this.sy, (f - this.fMid) * this.zScale);
  }

  /** Writes the data (x, y, f) of a world position into out (as x, y, z) and returns it. */
  toData(p: XYZ, out: Vector3): Vector3 {
    return out.set(p.x / this.sx + this.cx, p.y / this.sy + this.cy, p.z / this.zScale + this.fMid);
  }

  /** Writes a world direction into data units (as x, y, f) and returns it. */
  directionToData(d: XYZ, out: Vector3): Vector3 {
    return out.set(d.x / this.sx, d.y / this.sy, d.z / this.zScale);
  }

  /** World direction (not normalised) of the surface tangent over the data step (dx, dy). */
  worldTangent(dx: number, dy: number, gx: number, gy: number, out: Vector3): Vector3 {
    return out.set(dx * this.sx, dy * this.sy, (gx * dx + gy * dy) * this.zScale);
  }

  /** Unit world normal (pointing up) of the graph of f where its gradient is (gx, gy). */
  worldNormal(gx: number, gy: number, out: Vector3): Vector3 {
    return out.set(-this.sy * this.zScale * gx, -this.sx * this.zScale * gy, this.sx * this.sy).normalize();
  }

  /** Data height at world Z. */
  heightOfWorldZ(z: number): number {
    return z / this.zScale + this.fMid;
  }

  /** Finite data heights that are on screen: [fMin, fMax] clipped to |world Z| <= zLimit. */
  visibleHeightRange(): [number, number] {
    const lo = Math.max(this.fMin, this.heightOfWorldZ(-this.zLimit));
    const hi = Math.min(this.fMax, this.heightOfWorldZ(this.zLimit));
    return [lo, hi];
  }

  /** Copies this mapping into shader uniforms (shaders/transform.glsl). */
  writeUniforms(u: TransformUniforms): void {
    u.uCenter.value.set(this.cx, this.cy);
    u.uXYScale.value.set(this.sx, this.sy);
    u.uFMid.value = this.fMid;
    u.uZScale.value = this.zScale;
    u.uZLimit.value = this.zLimit;
    const d = this.domain;
    u.uDomain.value.set(d.xmin, d.ymin, d.xmax, d.ymax);
  }
}

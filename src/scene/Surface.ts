import {
  DataTexture,
  DoubleSide,
  FloatType,
  GLSL3,
  Mesh,
  NearestFilter,
  RGBAFormat,
  ShaderMaterial,
  Vector2,
  type BufferGeometry,
} from 'three';
import type { GridField } from '../core/types';
import colormapsGlsl from '../../shaders/colormaps.glsl?raw';
import shadingGlsl from '../../shaders/shading.glsl?raw';
import surfaceFrag from '../../shaders/surface.frag.glsl?raw';
import surfaceVert from '../../shaders/surface.vert.glsl?raw';
import transformGlsl from '../../shaders/transform.glsl?raw';
import { createGridGeometry } from './gridGeometry';
import { TAYLOR_EVAL_GLSL } from './taylorGlsl';
import {
  CURVATURE_COLORS,
  DIVERGING_COLORS,
  ERROR_DECADES,
  FLAT_CURVATURE_FRACTION,
  OVERLAY_COLORS,
  srgbTriple,
} from './palette';
import { quantileSorted, sortedFiniteSample } from './robustRange';
import { createTaylorUniforms, createTransformUniforms, type TaylorUniforms, type TransformUniforms } from './sceneUniforms';
import type { SurfaceTransform } from './SurfaceTransform';

/** What the surface colour encodes. */
export type ColorMode = 'height' | 'gradient' | 'lambdaMin' | 'lambdaMax' | 'curvature' | 'modelError';

/** Value ranges the colour modes span, as the shaders use them (plain numbers, a copy). */
export interface SurfaceRanges {
  /** 'height': f at the low and high end of viridis. */
  readonly height: readonly [number, number];
  /** 'gradient': |grad f| at the top of viridis (the bottom is 0). */
  readonly gradMax: number;
  /** 'lambdaMin' / 'lambdaMax': |lambda| at either end of the diverging map; 'curvature': flat scale. */
  readonly lambdaScale: number;
}

/** Colour modes in the order of the shader's uColorMode integer. */
export const COLOR_MODES: readonly ColorMode[] = ['height', 'gradient', 'lambdaMin', 'lambdaMax', 'curvature', 'modelError'];

/** Vertex shader source of the surface, with its GLSL chunks prepended. */
export const SURFACE_VERTEX_SHADER = [transformGlsl, TAYLOR_EVAL_GLSL, surfaceVert].join('\n');
/** Fragment shader source of the surface, with its GLSL chunks prepended. */
export const SURFACE_FRAGMENT_SHADER = [transformGlsl, colormapsGlsl, shadingGlsl, surfaceFrag].join('\n');

const DEFAULT_CONTOURS = 20;

/**
 * Vertices per side of the mesh drawn while the view moves. Under SwiftShader the frame time is
 * the rasterization of 2 (N - 1)^2 triangles (~290 ms at N = 256); 64 x 64 draws 16x fewer.
 */
export const COARSE_MESH_SIZE = 64;

function makeTexture(n: number): DataTexture {
  const t = new DataTexture(new Float32Array(n * n * 4), n, n, RGBAFormat, FloatType);
  t.minFilter = NearestFilter;
  t.magFilter = NearestFilter;
  t.generateMipmaps = false;
  t.needsUpdate = true;
  return t;
}

/**
 * The graph of f as a GPU-displaced height field: a static n x n parameter grid, two RGBA float
 * textures T1 = (f, gx, gy, hxx) and T2 = (hxy, hyy, valid, 0) read with texelFetch, normals from
 * the gradient, and colour modes, contours, step rings and the model-error map in the shaders.
 * Keep the mesh at the identity transform (the shaders light in world space).
 */
export class Surface extends Mesh<BufferGeometry, ShaderMaterial> {
  private n = 2;
  private fullGeometry: BufferGeometry;
  private coarseGeometry: BufferGeometry | null = null;
  private coarse = false;
  private t1: DataTexture | null = null;
  private t2: DataTexture | null = null;
  private contourCount = DEFAULT_CONTOURS;
  private heightRange = 1;
  private readonly u: Record<string, { value: unknown }>;
  private readonly transformUniforms: TransformUniforms;

  /** Creates an empty surface; pass the patch's Taylor uniforms so both share one model. */
  constructor(taylor: TaylorUniforms = createTaylorUniforms()) {
    const u: Record<string, { value: unknown }> = {
      uT1: { value: null },
      uT2: { value: null },
      uN: { value: 2 },
      uErrScale: { value: 1 },
      uColorMode: { value: 0 },
      uHeightRange: { value: new Vector2(0, 1) },
      uGradMax: { value: 1 },
      uLambdaScale: { value: 1 },
      uFlatFraction: { value: FLAT_CURVATURE_FRACTION },
      uConvexColor: { value: srgbTriple(CURVATURE_COLORS.convex) },
      uConcaveColor: { value: srgbTriple(CURVATURE_COLORS.concave) },
      uSaddleColor: { value: srgbTriple(CURVATURE_COLORS.saddle) },
      uFlatColor: { value: srgbTriple(CURVATURE_COLORS.flat) },
      uNegColor: { value: srgbTriple(DIVERGING_COLORS.negative) },
      uZeroColor: { value: srgbTriple(DIVERGING_COLORS.zero) },
      uPosColor: { value: srgbTriple(DIVERGING_COLORS.positive) },
      uErrDecades: { value: new Vector2(ERROR_DECADES[0], ERROR_DECADES[1]) },
      uLogTol: { value: -2 },
      uTrustColor: { value: srgbTriple(OVERLAY_COLORS.trustRegion) },
      uShowContours: { value: false },
      uContourBase: { value: 0 },
      uContourStep: { value: 1 },
      uShowRings: { value: false },
      uRingBase: { value: 0.1 },
      uRingCount: { value: 4 },
      uRingColor: { value: srgbTriple(OVERLAY_COLORS.rings) },
    };
    const transformUniforms = createTransformUniforms();
    const material = new ShaderMaterial({
      glslVersion: GLSL3,
      vertexShader: SURFACE_VERTEX_SHADER,
      fragmentShader: SURFACE_FRAGMENT_SHADER,
      uniforms: { ...u, ...transformUniforms, ...taylor },
      side: DoubleSide,
    });
    const geometry = createGridGeometry(2, 2, 0, 1, 0, 1);
    super(geometry, material);
    this.fullGeometry = geometry;
    this.u = u;
    this.transformUniforms = transformUniforms;
    // The geometry only holds (u, v) parameters, so its bounding volume says nothing about the
    // world; the surface is always in view anyway.
    this.frustumCulled = false;
    this.visible = false;
    this.name = 'Surface';
  }

  /** Uploads a grid (textures rewritten in place; recreated only when n changes) and its scales. */
  setGrid(grid: GridField, transform: SurfaceTransform): void {
    const n = grid.n;
    if (!(n >= 2) || grid.f.length < n * n) {
      this.visible = false;
      return;
    }
    if (n !== this.n || this.t1 === null || this.t2 === null) {
      this.fullGeometry.dispose();
      this.coarseGeometry?.dispose();
      this.fullGeometry = createGridGeometry(n, n, 0, 1, 0, 1);
      // The coarse mesh reads the same textures: the vertex shader rounds its (u, v) to the
      // nearest of the n x n texels, so every drawn vertex is an exact grid value.
      const m = Math.min(n, COARSE_MESH_SIZE);
      this.coarseGeometry = m < n ? createGridGeometry(m, m, 0, 1, 0, 1) : null;
      this.geometry = this.coarse && this.coarseGeometry ? this.coarseGeometry : this.fullGeometry;
      this.t1?.dispose();
      this.t2?.dispose();
      this.t1 = makeTexture(n);
      this.t2 = makeTexture(n);
      this.n = n;
      this.u.uT1.value = this.t1;
      this.u.uT2.value = this.t2;
      this.u.uN.value = n;
    }
    packTextures(grid, this.t1.image.data as Float32Array, this.t2.image.data as Float32Array);
    this.t1.needsUpdate = true;
    this.t2.needsUpdate = true;
    transform.writeUniforms(this.transformUniforms);
    this.writeScales(grid, transform);
    this.visible = true;
  }

  /**
   * Draws the coarse mesh (at most COARSE_MESH_SIZE vertices a side, same textures) or the full
   * n x n one; returns true when the drawn mesh changed. Data, picking and uniforms are untouched.
   */
  setCoarse(coarse: boolean): boolean {
    const before = this.geometry;
    this.coarse = coarse;
    this.geometry = coarse && this.coarseGeometry ? this.coarseGeometry : this.fullGeometry;
    return this.geometry !== before;
  }

  /** Vertices per side of the mesh drawn now (n, or fewer while coarse). */
  get drawnMeshSize(): number {
    return this.geometry === this.coarseGeometry ? Math.min(this.n, COARSE_MESH_SIZE) : this.n;
  }

  /** Chooses what the colour encodes. */
  setColorMode(mode: ColorMode): void {
    this.u.uColorMode.value = Math.max(0, COLOR_MODES.indexOf(mode));
  }

  /** The ranges the colour modes currently span (for legends: read-only, never the uniforms themselves). */
  get ranges(): SurfaceRanges {
    const h = this.u.uHeightRange.value as Vector2;
    return { height: [h.x, h.y], gradMax: this.u.uGradMax.value as number, lambdaScale: this.u.uLambdaScale.value as number };
  }

  /** Shows or hides contour lines of f, about `count` (kept when omitted; 20 at first) across the robust height range. */
  setContours(show: boolean, count?: number): void {
    this.u.uShowContours.value = show;
    if (count !== undefined && Number.isFinite(count)) this.contourCount = Math.max(1, Math.round(count));
    this.u.uContourStep.value = this.heightRange / this.contourCount;
  }

  /** Shows or hides rings of data radius h, 2h, 4h, ... (count rings, at most 12) around the point. */
  setRings(show: boolean, h?: number, count?: number): void {
    this.u.uShowRings.value = show;
    if (h !== undefined && Number.isFinite(h) && h > 0) this.u.uRingBase.value = h;
    if (count !== undefined) this.u.uRingCount.value = Math.max(0, Math.min(12, Math.round(count)));
  }

  /** Sets what model errors are divided by before the tolerance applies (see core relativeErrorScale). */
  setErrorScale(scale: number): void {
    if (Number.isFinite(scale) && scale > 0) this.u.uErrScale.value = scale;
  }

  /** Relative error |f - T_k| / scale at which the trust-region outline is drawn. */
  setErrorTolerance(tol: number): void {
    if (Number.isFinite(tol) && tol > 0) this.u.uLogTol.value = Math.log10(tol);
  }

  /** Frees the geometry, the material and both textures. */
  override dispose(): void {
    super.dispose();
    this.fullGeometry.dispose();
    this.coarseGeometry?.dispose();
    this.coarseGeometry = null;
    this.material.dispose();
    this.t1?.dispose();
    this.t2?.dispose();
    this.t1 = null;
    this.t2 = null;
  }

  private writeScales(grid: GridField, transform: SurfaceTransform): void {
    const { gx, gy, hxx, hxy, hyy } = grid;
    (this.u.uHeightRange.value as Vector2).set(transform.fLow, transform.fLow + transform.fRange);
    this.heightRange = transform.fRange;
    this.u.uContourBase.value = transform.fLow;
    this.u.uContourStep.value = transform.fRange / this.contourCount;
    const grads = sortedFiniteSample(gx.length, (k) => Math.hypot(gx[k], gy[k]));
    this.u.uGradMax.value = positiveOr(quantileSorted(grads, 0.98), 1);
    const radii = sortedFiniteSample(hxx.length, (k) => {
      const m = 0.5 * (hxx[k] + hyy[k]);
      return Math.abs(m) + Math.hypot(0.5 * (hxx[k] - hyy[k]), hxy[k]);
    });
    this.u.uLambdaScale.value = positiveOr(quantileSorted(radii, 0.98), 1);
  }
}

function positiveOr(v: number, fallback: number): number {
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** Packs the grid into T1 = (f, gx, gy, hxx), T2 = (hxy, hyy, valid, 0); non-finite values become 0. */
function packTextures(grid: GridField, d1: Float32Array, d2: Float32Array): void {
  const { f, gx, gy, hxx, hxy, hyy } = grid;
  const clean = (v: number): number => (Number.isFinite(v) ? v : 0);
  for (let k = 0, o = 0; k < f.length; k++, o += 4) {
    const valid = Number.isFinite(f[k]);
    d1[o] = valid ? f[k] : 0;
    d1[o + 1] = clean(gx[k]);
    d1[o + 2] = clean(gy[k]);
    d1[o + 3] = clean(hxx[k]);
    d2[o] = clean(hxy[k]);
    d2[o + 1] = clean(hyy[k]);
    d2[o + 2] = valid ? 1 : 0;
    d2[o + 3] = 0;
  }
}

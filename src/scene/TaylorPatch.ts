import { DoubleSide, GLSL3, Mesh, ShaderMaterial, type BufferGeometry } from 'three';
import colormapsGlsl from '../../shaders/colormaps.glsl?raw';
import shadingGlsl from '../../shaders/shading.glsl?raw';
import patchFrag from '../../shaders/taylorPatch.frag.glsl?raw';
import patchVert from '../../shaders/taylorPatch.vert.glsl?raw';
import transformGlsl from '../../shaders/transform.glsl?raw';
import { createGridGeometry } from './gridGeometry';
import { TAYLOR_EVAL_GLSL } from './taylorGlsl';
import { OVERLAY_COLORS, srgbTriple } from './palette';
import {
  createTaylorUniforms,
  createTransformUniforms,
  writeTaylorUniforms,
  type TaylorUniforms,
  type TransformUniforms,
} from './sceneUniforms';
import type { SurfaceTransform } from './SurfaceTransform';

/** Vertex shader source of the patch, with its GLSL chunks prepended. */
export const PATCH_VERTEX_SHADER = [transformGlsl, TAYLOR_EVAL_GLSL, patchVert].join('\n');
/** Fragment shader source of the patch, with its GLSL chunks prepended. */
export const PATCH_FRAGMENT_SHADER = [transformGlsl, colormapsGlsl, shadingGlsl, patchFrag].join('\n');

/** Vertices per side of the patch's parameter grid. */
export const PATCH_RESOLUTION = 96;

/**
 * The local Taylor model T_k as a translucent disk of radius r around (x0, y0): a fixed
 * M x M grid over [-1, 1]^2 evaluated in the vertex shader from uniform coefficients, so moving
 * the point or changing the order only writes uniforms. Keep the mesh at the identity transform.
 */
export class TaylorPatch extends Mesh<BufferGeometry, ShaderMaterial> {
  /** Coefficients, order and point; share them with Surface so its error map uses the same model. */
  readonly taylorUniforms: TaylorUniforms;
  private readonly transformUniforms: TransformUniforms;
  private readonly radiusUniform: { value: number };
  private readonly opacityUniform: { value: number };
  private readonly gridStepUniform: { value: number };

  /** Builds the patch grid and material once. */
  constructor(resolution = PATCH_RESOLUTION) {
    const taylor = createTaylorUniforms();
    const transform = createTransformUniforms();
    const own = {
      uRadius: { value: 0.1 },
      uOpacity: { value: 0.45 },
      uGridStep: { value: 0.25 },
      uColor: { value: srgbTriple(OVERLAY_COLORS.patch) },
    };
    const material = new ShaderMaterial({
      glslVersion: GLSL3,
      vertexShader: PATCH_VERTEX_SHADER,
      fragmentShader: PATCH_FRAGMENT_SHADER,
      uniforms: { ...own, ...transform, ...taylor },
      transparent: true,
      depthWrite: false,
      side: DoubleSide,
      // The model touches the surface at the point: pull it forward to avoid z-fighting.
      polygonOffset: true,
      polygonOffsetFactor: -2,
      polygonOffsetUnits: -4,
    });
    super(createGridGeometry(resolution, resolution, -1, 1, -1, 1), material);
    this.taylorUniforms = taylor;
    this.transformUniforms = transform;
    this.radiusUniform = own.uRadius;
    this.opacityUniform = own.uOpacity;
    this.gridStepUniform = own.uGridStep;
    this.frustumCulled = false;
    this.renderOrder = 2;
    this.name = 'TaylorPatch';
  }

  /** Writes the data -> world mapping (call when the grid changes). */
  setTransform(transform: SurfaceTransform): void {
    transform.writeUniforms(this.transformUniforms);
  }

  /** Moves the model: expansion point, coefficients (taylorLayout order), order 0..6, radius; uniforms only. */
  update(x0: number, y0: number, coeffs: ArrayLike<number>, order: number, radius: number): void {
    writeTaylorUniforms(this.taylorUniforms, x0, y0, coeffs, order);
    if (Number.isFinite(radius) && radius > 0) this.radiusUniform.value = radius;
  }

  /** Sets the patch opacity (0..1) and the spacing of its iso-parameter lines in units of r (0 = none). */
  setStyle(opacity: number, gridStep = 0.25): void {
    this.opacityUniform.value = Math.min(1, Math.max(0, opacity));
    this.gridStepUniform.value = Math.max(0, gridStep);
  }

  /** Frees the geometry and the material. */
  override dispose(): void {
    super.dispose();
    this.geometry.dispose();
    this.material.dispose();
  }
}

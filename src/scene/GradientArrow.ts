import { ConeGeometry, CylinderGeometry, Group, Mesh, MeshStandardMaterial, Vector3 } from 'three';
import { createGhostMaterial } from './ghostMaterial';
import { OVERLAY_COLORS } from './palette';
import type { SurfaceTransform } from './SurfaceTransform';

const _up = new Vector3(0, 1, 0);
const _dir = new Vector3();
const _normal = new Vector3();

/** Default longest arrow in world units (the domain spans about 2). */
export const GRADIENT_ARROW_MAX_LENGTH = 0.35;
/** Shaft radius in world units: thick enough for a projector. */
const SHAFT_RADIUS = 0.012;
const HEAD_RADIUS = 0.032;
const HEAD_LENGTH = 0.085;
/** Arrows shorter than this (world units) are hidden: the gradient is effectively zero. */
const MIN_VISIBLE_LENGTH = 0.006;
/** How fast the arrow grows with the world slope (see the class comment). */
const SLOPE_GAIN = 2.5;

/**
 * Arrow of steepest ascent at the expansion point, lying in the tangent plane: its world direction
 * is the image of the data tangent (gx, gy, |g|^2). Length = maxLength * tanh(SLOPE_GAIN * s), with s
 * the world slope of the surface along the gradient (rise over run on screen: a 17-degree slope
 * gives 0.64 of the maximum, 45 degrees nearly all of it, flat ground a vanishing arrow); hidden
 * below MIN_VISIBLE_LENGTH. The gain keeps gentle slopes readable: heights are squeezed into a
 * flat box, so world slopes are small.
 */
export class GradientArrow extends Group {
  private readonly shaftGeometry = new CylinderGeometry(1, 1, 1, 16, 1).translate(0, 0.5, 0);
  private readonly headGeometry = new ConeGeometry(1, 1, 24, 1).translate(0, 0.5, 0);
  private readonly material = new MeshStandardMaterial({ color: OVERLAY_COLORS.gradient, roughness: 0.45 });
  private readonly ghostMaterial = createGhostMaterial(this.material);
  private readonly shaft = new Mesh(this.shaftGeometry, this.material);
  private readonly head = new Mesh(this.headGeometry, this.material);
  /** Length of the arrow after the last update, in world units (0 when hidden). */
  length = 0;
  /** Multiplier of shaft and head radii (1.5 for projector themes); applied at the next update. */
  thickness = 1;

  /** Builds the shaft and head meshes once. */
  constructor() {
    super();
    this.add(this.shaft, this.head);
    // Ghost twins (children, so they inherit the scale) show the parts hidden by the surface.
    this.shaft.add(new Mesh(this.shaftGeometry, this.ghostMaterial));
    this.head.add(new Mesh(this.headGeometry, this.ghostMaterial));
    this.name = 'GradientArrow';
    this.visible = false;
  }

  /** Places the arrow at the surface point pointWorld for the data gradient (gx, gy). */
  update(
    pointWorld: Vector3,
    gx: number,
    gy: number,
    transform: SurfaceTransform,
    maxLength = GRADIENT_ARROW_MAX_LENGTH,
  ): void {
    const g2 = gx * gx + gy * gy;
    transform.worldTangent(gx, gy, gx, gy, _dir);
    const run = Math.hypot(_dir.x, _dir.y);
    const slope = run > 0 ? (transform.zScale * g2) / run : 0;
    const length = maxLength * Math.tanh(SLOPE_GAIN * slope);
    if (!(length >= MIN_VISIBLE_LENGTH) || !Number.isFinite(pointWorld.z)) {
      this.visible = false;
      this.length = 0;
      return;
    }
    _dir.normalize();
    transform.worldNormal(gx, gy, _normal);
    // Lift off the surface by the shaft radius so a convex surface does not swallow the shaft.
    const shaftRadius = SHAFT_RADIUS * this.thickness;
    this.position.copy(pointWorld).addScaledVector(_normal, shaftRadius * 1.5);
    this.quaternion.setFromUnitVectors(_up, _dir);
    const headLength = Math.min(HEAD_LENGTH, 0.45 * length);
    const headRadius = Math.min(HEAD_RADIUS * this.thickness, Math.max(1.6 * shaftRadius, 0.6 * headLength));
    this.shaft.scale.set(shaftRadius, length - headLength, shaftRadius);
    this.head.position.set(0, length - headLength, 0);
    this.head.scale.set(headRadius, headLength, headRadius);
    this.length = length;
    this.visible = true;
  }

  /** Frees both geometries and both materials. */
  override dispose(): void {
    super.dispose();
    this.shaftGeometry.dispose();
    this.headGeometry.dispose();
    this.material.dispose();
    this.ghostMaterial.dispose();
  }
}

import { Mesh, MeshStandardMaterial, SphereGeometry, type Vector3 } from 'three';
import { createGhostMaterial } from './ghostMaterial';
import { OVERLAY_COLORS } from './palette';

/** Marker radius in world units (the domain spans about 2). */
export const MARKER_RADIUS = 0.045;
const HOVER_SCALE = 1.35;

/**
 * Sphere at the expansion point, large enough to grab; a hover state enlarges it and turns it
 * yellow so the user sees that a drag will move the point rather than orbit the camera.
 */
export class PointMarker extends Mesh<SphereGeometry, MeshStandardMaterial> {
  private isHovered = false;
  private readonly ghost: Mesh<SphereGeometry, MeshStandardMaterial>;

  /** Builds the sphere once. */
  constructor() {
    super(
      new SphereGeometry(1, 32, 16),
      new MeshStandardMaterial({ color: OVERLAY_COLORS.marker, roughness: 0.35, emissive: 0x000000 }),
    );
    // The ghost twin shows the marker through a hill that hides it.
    this.ghost = new Mesh(this.geometry, createGhostMaterial(this.material));
    this.add(this.ghost);
    this.scale.setScalar(MARKER_RADIUS);
    this.name = 'PointMarker';
    this.visible = false;
  }

  /** World radius as drawn now (grows while hovered). */
  get radius(): number {
    return this.scale.x;
  }

  /** Whether the pointer is over the marker. */
  get hovered(): boolean {
    return this.isHovered;
  }

  /** Moves the marker to a world position; hidden when that position is not finite. */
  update(pointWorld: Vector3): void {
    const ok = Number.isFinite(pointWorld.x + pointWorld.y + pointWorld.z);
    this.visible = ok;
    if (ok) this.position.copy(pointWorld);
  }

  /** Switches the hover highlight; returns true when the state changed (a redraw is needed). */
  setHovered(hovered: boolean): boolean {
    if (hovered === this.isHovered) return false;
    this.isHovered = hovered;
    this.scale.setScalar(MARKER_RADIUS * (hovered ? HOVER_SCALE : 1));
    this.material.color.set(hovered ? OVERLAY_COLORS.markerHover : OVERLAY_COLORS.marker);
    this.material.emissive.set(hovered ? 0x332200 : 0x000000);
    this.ghost.material.color.copy(this.material.color);
    return true;
  }

  /** Frees the geometry and both materials. */
  override dispose(): void {
    super.dispose();
    this.geometry.dispose();
    this.material.dispose();
    this.ghost.material.dispose();
  }
}

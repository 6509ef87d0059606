import { GreaterDepth, type MeshStandardMaterial } from 'three';

/** Opacity of the hidden parts of an overlay. */
const GHOST_OPACITY = 0.6;

/**
 * A see-through twin of an overlay material that draws only where the overlay is hidden behind
 * the surface (depth test GREATER), so arrows and axes that dip under a convex surface or sit
 * behind a hill stay readable as ghosts while their visible parts stay solid.
 */
export function createGhostMaterial(solid: MeshStandardMaterial): MeshStandardMaterial {
  const ghost = solid.clone();
  ghost.depthFunc = GreaterDepth;
  ghost.depthWrite = false;
  ghost.transparent = true;
  ghost.opacity = GHOST_OPACITY;
  return ghost;
}

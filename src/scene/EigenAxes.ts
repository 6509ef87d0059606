import { CylinderGeometry, Group, Mesh, MeshStandardMaterial, Vector3 } from 'three';
import { CSS2DObject } from 'three/examples/jsm/renderers/CSS2DRenderer.js';
import type { Eigen2 } from '../core/types';
import { createGhostMaterial } from './ghostMaterial';
import { OVERLAY_COLORS } from './palette';
import type { SurfaceTransform } from './SurfaceTransform';

const _up = new Vector3(0, 1, 0);
const _dir = new Vector3();
const _normal = new Vector3();
const _center = new Vector3();

/** Shortest and longest half-length of an axis in world units. */
export const EIGEN_AXIS_HALF_LENGTH: readonly [number, number] = [0.12, 0.45];
/**
 * World curvature (1 / world unit) at which an axis reaches tanh(1) = 76 % of its span; surfaces
 * span 0.8 in height over 2 in width, so curvatures of 1 to 10 are common.
 */
const CURVATURE_REFERENCE = 3;
/** World curvature below which an eigenvalue counts as zero (grey axis). */
const FLAT_CURVATURE = 0.02;
const RADIUS = 0.009;

/** Label text of an eigenvalue: fixed 2 decimals, or 3 significant digits in exponent form when huge or tiny. */
export function formatEigenvalue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e4 || a < 1e-2)) return v.toExponential(2);
  return v.toFixed(2);
}

interface Axis {
  readonly mesh: Mesh<CylinderGeometry, MeshStandardMaterial>;
  readonly ghost: Mesh<CylinderGeometry, MeshStandardMaterial>;
  readonly label: CSS2DObject;
  text: string;
  sign: string;
}

/**
 * The Hessian's eigenvector directions through the point, drawn in the tangent plane as thick
 * cylinders: half-length = min + (max - min) tanh(|kappa| / 3), where kappa = zScale lambda / run^2
 * is the world-space curvature along the eigenvector (run = world length of the unit data step);
 * red for lambda > 0, blue for < 0, grey when |kappa| < 0.02; labelled "λ1 = …" with CSS2D.
 */
export class EigenAxes extends Group {
  private readonly geometry = new CylinderGeometry(1, 1, 1, 12, 1);
  private readonly axes: readonly [Axis, Axis];
  /** Multiplier of the cylinder radius (1.5 for projector themes); applied at the next update. */
  thickness = 1;

  /** Builds both axes; createElement is injectable for tests without a DOM. */
  constructor(createElement: () => HTMLElement = () => document.createElement('div')) {
    super();
    this.axes = [this.makeAxis(1, createElement()), this.makeAxis(2, createElement())];
    this.name = 'EigenAxes';
    this.visible = false;
  }

  /** Orients, sizes, colours and labels both axes at pointWorld for the Hessian eigen-decomposition. */
  update(pointWorld: Vector3, eigen: Eigen2, gx: number, gy: number, transform: SurfaceTransform): void {
    transform.worldNormal(gx, gy, _normal);
    if (!Number.isFinite(pointWorld.z) || !Number.isFinite(_normal.z)) {
      this.visible = false;
      return;
    }
    _center.copy(pointWorld).addScaledVector(_normal, RADIUS * this.thickness * 1.5);
    this.placeAxis(this.axes[0], eigen.lambda1, eigen.v1, gx, gy, transform);
    this.placeAxis(this.axes[1], eigen.lambda2, eigen.v2, gx, gy, transform);
    this.visible = true;
  }

  /** Removes the label elements from the page and frees the geometry and all materials. */
  override dispose(): void {
    super.dispose();
    this.geometry.dispose();
    for (const axis of this.axes) {
      axis.mesh.material.dispose();
      axis.ghost.material.dispose();
      axis.label.element.remove?.();
    }
  }

  private makeAxis(index: 1 | 2, element: HTMLElement): Axis {
    element.className = 'eigen-label';
    element.setAttribute('data-axis', String(index));
    const mesh = new Mesh(this.geometry, new MeshStandardMaterial({ color: OVERLAY_COLORS.axisFlat, roughness: 0.5 }));
    // The ghost twin (a child, so it inherits the transform) shows the part hidden by the surface.
    const ghost = new Mesh(this.geometry, createGhostMaterial(mesh.material));
    mesh.add(ghost);
    const label = new CSS2DObject(element);
    // Label 1 sits above its anchor and label 2 below: when the axis ends meet on screen (short or
    // foreshortened axes) the labels stack instead of covering each other.
    label.center.set(0.5, index === 1 ? 1 : 0);
    this.add(mesh, label);
    return { mesh, ghost, label, text: '', sign: '' };
  }

  private placeAxis(
    axis: Axis,
    lambda: number,
    v: readonly [number, number],
    gx: number,
    gy: number,
    t: SurfaceTransform,
  ): void {
    t.worldTangent(v[0], v[1], gx, gy, _dir);
    const run = Math.hypot(v[0] * t.sx, v[1] * t.sy);
    const kappa = run > 0 ? (t.zScale * lambda) / (run * run) : 0;
    const [lo, hi] = EIGEN_AXIS_HALF_LENGTH;
    const half = Number.isFinite(kappa) ? lo + (hi - lo) * Math.tanh(Math.abs(kappa) / CURVATURE_REFERENCE) : lo;
    const ok = _dir.lengthSq() > 0 && Number.isFinite(_dir.x + _dir.y + _dir.z);
    axis.mesh.visible = ok;
    axis.label.visible = ok;
    if (!ok) return;
    _dir.normalize();
    axis.mesh.position.copy(_center);
    axis.mesh.quaternion.setFromUnitVectors(_up, _dir);
    axis.mesh.scale.set(RADIUS * this.thickness, 2 * half, RADIUS * this.thickness);
    axis.label.position.copy(_center).addScaledVector(_dir, half + 0.05);
    const sign = !(Math.abs(kappa) >= FLAT_CURVATURE) ? 'zero' : lambda > 0 ? 'pos' : 'neg';
    if (sign !== axis.sign) {
      axis.sign = sign;
      const color =
        sign === 'pos' ? OVERLAY_COLORS.axisPositive : sign === 'neg' ? OVERLAY_COLORS.axisNegative : OVERLAY_COLORS.axisFlat;
      axis.mesh.material.color.set(color);
      axis.ghost.material.color.set(color);
      axis.label.element.setAttribute('data-sign', sign);
    }
    const index = axis === this.axes[0] ? 1 : 2;
    const text = `λ${index} = ${formatEigenvalue(lambda)}`;
    if (text !== axis.text) {
      axis.text = text;
      axis.label.element.textContent = text;
    }
  }
}

import { BufferAttribute, BufferGeometry, Color, DoubleSide, GreaterDepth, Group, type InterleavedBufferAttribute, Mesh, MeshStandardMaterial, OctahedronGeometry, Vector2, Vector3 } from 'three';
import { Line2 } from 'three/examples/jsm/lines/Line2.js';
import { LineGeometry } from 'three/examples/jsm/lines/LineGeometry.js';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { createGhostMaterial } from './ghostMaterial';
import type { SurfaceTransform } from './SurfaceTransform';
import type { PointDerivatives } from '../core/types';

/** The model an optimizer reads at its current iterate, in data units: a tangent plane or a quadratic. */
export interface IterateModelData extends PointDerivatives {
  /** The iterate; the derivatives are the model's (the Hessian all 0 for the tangent plane). */
  readonly x: number;
  readonly y: number;
  /** Where the step lands on the model, (x, y, model value): GD's -η∇f end, Newton's stationary point; null: none. */
  readonly target: readonly [number, number, number] | null;
  /** Half the side of the square patch drawn, data units. */
  readonly halfWidth: number;
}

/** Vertices per side of the patch. */
const SIDE = 13;
const LIFT = 0.004;
const _p = new Vector3();
const _q = new Vector3();
const _size = new Vector2();

/** The model's value at (x, y): f + ∇f·d + ½ dᵀHd. */
export function modelValue(m: IterateModelData, x: number, y: number): number {
  const dx = x - m.x;
  const dy = y - m.y;
  return m.f + m.gx * dx + m.gy * dy + 0.5 * (m.hxx * dx * dx + 2 * m.hxy * dx * dy + m.hyy * dy * dy);
}

/**
 * The local model at one run's current iterate: a translucent square patch of the plane or the
 * quadratic in the run's colour, a line from the iterate to where the model sends it, and a marker
 * there (GD: the end of -η∇f on the tangent plane; Newton: the model's stationary point). The
 * patch is evaluated on the CPU (13 x 13 vertices, rewritten in place), so a step is cheap.
 */
export class IterateModel extends Group {
  private readonly geometry = new BufferGeometry();
  private readonly material: MeshStandardMaterial;
  private readonly patch: Mesh;
  private readonly lineGeometry = new LineGeometry();
  private readonly lineMaterial: LineMaterial;
  private readonly lineGhostMaterial: LineMaterial;
  private readonly line: Line2;
  private readonly markerGeometry = new OctahedronGeometry(1, 0);
  private readonly markerMaterial: MeshStandardMaterial;
  private readonly markerGhostMaterial: MeshStandardMaterial;
  private readonly marker: Mesh;

  /** Builds the patch grid, the step line and the target marker once, in the given colour. */
  constructor(color: string) {
    super();
    this.geometry.setAttribute('position', new BufferAttribute(new Float32Array(SIDE * SIDE * 3), 3));
    this.geometry.setIndex(gridIndex());
    this.material = new MeshStandardMaterial({ color, transparent: true, opacity: 0.38, side: DoubleSide, depthWrite: false, roughness: 0.6 });
    this.patch = new Mesh(this.geometry, this.material);
    this.patch.renderOrder = 3;
    this.lineGeometry.setPositions([0, 0, 0, 1, 0, 0]);
    this.lineMaterial = new LineMaterial({ color: new Color(color).getHex(), linewidth: 4, worldUnits: false });
    this.lineGhostMaterial = ghostLine(this.lineMaterial, false);
    this.line = new Line2(this.lineGeometry, this.lineMaterial);
    const ghost = new Line2(this.lineGeometry, this.lineGhostMaterial);
    this.line.add(ghost);
    sizeToRenderer(this.line);
    sizeToRenderer(ghost);
    this.markerMaterial = new MeshStandardMaterial({ color, roughness: 0.4, emissive: new Color(color).multiplyScalar(0.35) });
    this.markerGhostMaterial = createGhostMaterial(this.markerMaterial);
    this.marker = new Mesh(this.markerGeometry, this.markerMaterial);
    this.marker.add(new Mesh(this.markerGeometry, this.markerGhostMaterial));
    this.add(this.patch, this.line, this.marker);
    this.name = 'IterateModel';
    this.visible = false;
  }

  /** Recolours the patch, line and marker (a slot gets a new run). */
  setColor(color: string): void {
    for (const m of [this.material, this.markerMaterial, this.markerGhostMaterial]) m.color.set(color);
    this.markerMaterial.emissive.set(color).multiplyScalar(0.35);
    for (const m of [this.lineMaterial, this.lineGhostMaterial]) m.color.set(color);
  }

  /** Draws the model around its iterate, or hides everything for null. */
  update(model: IterateModelData | null, t: SurfaceTransform | null): void {
    if (model === null || t === null || ![model.x, model.y, model.f, model.gx, model.gy].every(Number.isFinite)) {
      this.visible = false;
      return;
    }
    const pos = this.geometry.getAttribute('position') as BufferAttribute;
    const h = model.halfWidth;
    for (let j = 0; j < SIDE; j++) {
      for (let i = 0; i < SIDE; i++) {
        const x = model.x + h * ((2 * i) / (SIDE - 1) - 1);
        const y = model.y + h * ((2 * j) / (SIDE - 1) - 1);
        toWorldClamped(t, x, y, modelValue(model, x, y), _p);
        pos.setXYZ(j * SIDE + i, _p.x, _p.y, _p.z + LIFT);
      }
    }
    pos.needsUpdate = true;
    this.geometry.computeVertexNormals();
    this.geometry.computeBoundingSphere();
    const target = model.target;
    const showTarget = target !== null && target.every(Number.isFinite);
    this.line.visible = showTarget;
    this.marker.visible = showTarget;
    if (showTarget) {
      toWorldClamped(t, model.x, model.y, model.f, _p);
      toWorldClamped(t, target[0], target[1], target[2], _q);
      // Written into the existing buffer: setPositions would allocate a new one on every step.
      const segment = (this.lineGeometry.getAttribute('instanceStart') as InterleavedBufferAttribute).data;
      segment.array.set([_p.x, _p.y, _p.z + 2 * LIFT, _q.x, _q.y, _q.z + 2 * LIFT]);
      segment.needsUpdate = true;
      this.lineGeometry.computeBoundingSphere();
      this.marker.position.copy(_q);
      this.marker.scale.setScalar(0.03);
    }
    this.visible = true;
  }

  /** Frees the geometries and materials. */
  override dispose(): void {
    super.dispose();
    this.geometry.dispose();
    this.material.dispose();
    this.lineGeometry.dispose();
    this.lineMaterial.dispose();
    this.lineGhostMaterial.dispose();
    this.markerGeometry.dispose();
    this.markerMaterial.dispose();
    this.markerGhostMaterial.dispose();
  }
}

/** World position of data (x, y, f) with the height held inside the visible box (|Z| <= zLimit). */
export function toWorldClamped(t: SurfaceTransform, x: number, y: number, f: number, out: Vector3): Vector3 {
  t.toWorld(x, y, f, out);
  out.z = Math.max(-t.zLimit, Math.min(t.zLimit, out.z));
  return out;
}

/** Fat lines are sized in pixels: each gives its material the renderer's size just before it is drawn. */
export function sizeToRenderer(line: Line2): void {
  line.onBeforeRender = (renderer) => {
    renderer.getSize(_size);
    line.material.resolution.set(_size.x, _size.y);
  };
}

/** A see-through twin of a fat-line material drawn only where the line is hidden (the ghost style). */
export function ghostLine(solid: LineMaterial, dashed: boolean): LineMaterial {
  const ghost = solid.clone();
  ghost.depthFunc = GreaterDepth;
  ghost.depthWrite = false;
  ghost.transparent = true;
  ghost.opacity = 0.6;
  // Dashes need line distances, which only the paths (rebuilt per run, not per step) compute.
  ghost.dashed = dashed;
  ghost.dashSize = 0.03;
  ghost.gapSize = 0.02;
  return ghost;
}

/** Triangle indices of the SIDE x SIDE patch grid. */
function gridIndex(): number[] {
  const index: number[] = [];
  for (let j = 0; j + 1 < SIDE; j++) {
    for (let i = 0; i + 1 < SIDE; i++) {
      const a = j * SIDE + i;
      index.push(a, a + 1, a + SIDE, a + 1, a + SIDE + 1, a + SIDE);
    }
  }
  return index;
}

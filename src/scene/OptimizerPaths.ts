import { Color, Group, InstancedMesh, Matrix4, MeshStandardMaterial, SphereGeometry, Vector3 } from 'three';
import { Line2 } from 'three/examples/jsm/lines/Line2.js';
import { LineGeometry } from 'three/examples/jsm/lines/LineGeometry.js';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { createGhostMaterial } from './ghostMaterial';
import { ghostLine, IterateModel, sizeToRenderer, toWorldClamped, type IterateModelData } from './IterateModel';
import type { SurfaceTransform } from './SurfaceTransform';

/** One optimizer run as the scene draws it: plain data units, no core types needed. */
export interface PathRunData {
  /** sRGB hex colour of the run. */
  readonly color: string;
  /** Samples of the path along the surface, (x, y, f) triples: steps * samplesPerStep + 1 of them. */
  readonly path: Float64Array;
  /** Path samples per step (the straight step in (x, y), lifted onto the surface). */
  readonly samplesPerStep: number;
  /** The iterates, (x, y, f) triples. */
  readonly iterates: Float64Array;
  /** Steps shown (iterates 0..shown are drawn). */
  readonly shown: number;
  /** The model at the current iterate, or null to draw none. */
  readonly model: IterateModelData | null;
}

/** How far the path floats above the surface, world units (the surface spans about 2). */
export const PATH_LIFT = 0.012;
/** Radius of an iterate marker, world units; the current iterate's is 1.6 times that. */
export const ITERATE_RADIUS = 0.016;
/** The most runs drawn at once. */
const SLOTS = 3;

const _p = new Vector3();
const _m = new Matrix4();

/** One run's drawables; the geometry is rebuilt only when the run (its path array) changes. */
interface Slot {
  path: Float64Array | null;
  line: Line2 | null;
  markers: InstancedMesh | null;
  readonly material: MeshStandardMaterial;
  readonly ghostMaterial: MeshStandardMaterial;
  readonly lineMaterial: LineMaterial;
  readonly lineGhost: LineMaterial;
  readonly model: IterateModel;
  /** Iterates inside the drawable box (a diverging run leaves it). */
  drawable: number;
  /** The marker drawn large (the current iterate). */
  enlarged: number;
}

/**
 * The optimizer runs on the 3D surface: per run a fat polyline that follows the surface slightly
 * above it, a sphere at every iterate (the current one larger) and the current iterate's local
 * model (IterateModel). Hidden parts are drawn as ghosts (depth test GREATER), as the gradient
 * arrow and eigen axes are. A new run rebuilds its buffers once; a step only changes how many
 * segments and markers are drawn and moves the model patch.
 */
export class OptimizerPaths extends Group {
  private readonly sphere = new SphereGeometry(1, 14, 10);
  private readonly slots: Slot[] = [];
  private transform: SurfaceTransform | null = null;
  private runs: readonly PathRunData[] = [];

  /** Creates the three slots (hidden until update gives them runs). */
  constructor() {
    super();
    for (let i = 0; i < SLOTS; i++) this.slots.push(this.makeSlot());
    this.name = 'OptimizerPaths';
  }

  /** Uses a new data-to-world mapping (a new grid) and re-places everything. */
  setTransform(transform: SurfaceTransform): void {
    this.transform = transform;
    for (const slot of this.slots) slot.path = null;
    this.update(this.runs);
  }

  /** Draws up to three runs; slots without a run are hidden. */
  update(runs: readonly PathRunData[]): void {
    this.runs = runs;
    this.slots.forEach((slot, i) => this.updateSlot(slot, runs[i] ?? null));
  }

  /** How many iterates of run i are drawn now (for tests and the page). */
  drawnIterates(i: number): number {
    const slot = this.slots[i];
    return slot?.markers?.visible ? slot.markers.count : 0;
  }

  /** World position of path sample k of run i (after the lift), or null when it is not drawn. */
  pathPoint(i: number, k: number, out: Vector3): Vector3 | null {
    const line = this.slots[i]?.line;
    if (!line?.visible) return null;
    const start = line.geometry.getAttribute('instanceStart');
    return k < start.count ? out.set(start.getX(k), start.getY(k), start.getZ(k)) : null;
  }

  /** Frees every geometry and material. */
  override dispose(): void {
    super.dispose();
    this.sphere.dispose();
    for (const slot of this.slots) {
      slot.line?.geometry.dispose();
      slot.markers?.dispose();
      slot.material.dispose();
      slot.ghostMaterial.dispose();
      slot.lineMaterial.dispose();
      slot.lineGhost.dispose();
      slot.model.dispose();
    }
  }

  private makeSlot(): Slot {
    const material = new MeshStandardMaterial({ color: '#ffffff', roughness: 0.35 });
    const lineMaterial = new LineMaterial({ color: 0xffffff, linewidth: 5, worldUnits: false });
    const slot: Slot = {
      path: null,
      line: null,
      markers: null,
      material,
      ghostMaterial: createGhostMaterial(material),
      lineMaterial,
      lineGhost: ghostLine(lineMaterial, true),
      model: new IterateModel('#ffffff'),
      drawable: 0,
      enlarged: 0,
    };
    this.add(slot.model);
    return slot;
  }

  private updateSlot(slot: Slot, run: PathRunData | null): void {
    const t = this.transform;
    if (run === null || t === null || run.iterates.length < 3) {
      if (slot.line) slot.line.visible = false;
      if (slot.markers) slot.markers.visible = false;
      slot.model.update(null, null);
      return;
    }
    if (slot.path !== run.path) this.rebuild(slot, run, t);
    const shown = Math.min(run.shown, slot.drawable - 1);
    if (slot.line) {
      slot.line.geometry.instanceCount = Math.max(0, shown * run.samplesPerStep);
      slot.line.visible = shown > 0;
    }
    if (slot.markers) {
      slot.markers.count = shown + 1;
      const last = shown * 3;
      toWorldClamped(t, run.iterates[last], run.iterates[last + 1], run.iterates[last + 2], _p);
      _m.makeScale(ITERATE_RADIUS * 1.6, ITERATE_RADIUS * 1.6, ITERATE_RADIUS * 1.6).setPosition(_p.x, _p.y, _p.z + PATH_LIFT);
      slot.markers.setMatrixAt(shown, _m);
      if (slot.enlarged !== shown && slot.enlarged < run.iterates.length / 3) this.placeMarker(slot.markers, run.iterates, slot.enlarged, t, ITERATE_RADIUS);
      slot.enlarged = shown;
      slot.markers.instanceMatrix.needsUpdate = true;
      slot.markers.visible = true;
    }
    slot.model.update(run.model, t);
  }

  /** New buffers for a new run: the path's world points and one marker per iterate. */
  private rebuild(slot: Slot, run: PathRunData, t: SurfaceTransform): void {
    slot.path = run.path;
    for (const m of [slot.material, slot.ghostMaterial]) m.color.set(run.color);
    for (const m of [slot.lineMaterial, slot.lineGhost]) m.color.set(new Color(run.color));
    slot.model.setColor(run.color);
    const count = run.iterates.length / 3;
    slot.drawable = drawableIterates(run.iterates, t);
    const samples = Math.max(2, (slot.drawable - 1) * run.samplesPerStep + 1);
    const positions = new Float32Array(samples * 3);
    for (let k = 0; k < samples; k++) {
      const j = Math.min(k, run.path.length / 3 - 1) * 3;
      toWorldClamped(t, run.path[j], run.path[j + 1], run.path[j + 2], _p);
      positions.set([_p.x, _p.y, _p.z + PATH_LIFT], k * 3);
    }
    if (slot.line) {
      slot.line.geometry.dispose();
      slot.line.removeFromParent();
    }
    const geometry = new LineGeometry();
    geometry.setPositions(positions);
    slot.line = new Line2(geometry, slot.lineMaterial);
    const ghost = new Line2(geometry, slot.lineGhost);
    slot.line.add(ghost);
    slot.line.computeLineDistances();
    slot.line.renderOrder = 4;
    sizeToRenderer(slot.line);
    sizeToRenderer(ghost);
    this.add(slot.line);
    slot.markers?.removeFromParent();
    slot.markers?.dispose();
    const markers = new InstancedMesh(this.sphere, slot.material, count);
    const ghostMarkers = new InstancedMesh(this.sphere, slot.ghostMaterial, count);
    ghostMarkers.instanceMatrix = markers.instanceMatrix;
    markers.add(ghostMarkers);
    ghostMarkers.onBeforeRender = () => (ghostMarkers.count = markers.count);
    markers.frustumCulled = false;
    ghostMarkers.frustumCulled = false;
    for (let k = 0; k < count; k++) this.placeMarker(markers, run.iterates, k, t, ITERATE_RADIUS);
    slot.markers = markers;
    this.add(markers);
  }

  private placeMarker(mesh: InstancedMesh, iterates: Float64Array, k: number, t: SurfaceTransform, radius: number): void {
    toWorldClamped(t, iterates[3 * k], iterates[3 * k + 1], iterates[3 * k + 2], _p);
    _m.makeScale(radius, radius, radius).setPosition(_p.x, _p.y, _p.z + PATH_LIFT);
    mesh.setMatrixAt(k, _m);
  }
}

/**
 * Iterates from the start up to the first one outside the domain (grown by a quarter on each side)
 * or not finite: a diverging run is drawn until it leaves the box, not to infinity.
 */
export function drawableIterates(iterates: Float64Array, t: SurfaceTransform): number {
  const d = t.domain;
  const mx = 0.25 * (d.xmax - d.xmin);
  const my = 0.25 * (d.ymax - d.ymin);
  const count = iterates.length / 3;
  for (let k = 0; k < count; k++) {
    const [x, y, f] = [iterates[3 * k], iterates[3 * k + 1], iterates[3 * k + 2]];
    if (![x, y, f].every(Number.isFinite) || x < d.xmin - mx || x > d.xmax + mx || y < d.ymin - my || y > d.ymax + my) return Math.max(1, k);
  }
  return count;
}

import { Color, ConeGeometry, Group, InstancedMesh, Matrix4, Mesh, MeshStandardMaterial, Quaternion, SphereGeometry, Vector2, Vector3 } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';
import { clipPath, type ClipExit } from './clipPath';
import { createGhostMaterial } from './ghostMaterial';
import { ghostLine, IterateModel, toWorldClamped, type IterateModelData } from './IterateModel';
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
/** Length of the arrow drawn where a path leaves the drawn box, world units. */
export const EXIT_ARROW_LENGTH = 0.14;
/** The most runs drawn at once. */
const SLOTS = 3;

const _p = new Vector3();
const _q = new Vector3();
const _m = new Matrix4();
const _size = new Vector2();
const _up = new Vector3(0, 1, 0);

/** Fat lines are sized in pixels: the material gets the renderer's size just before it is drawn. */
function sizeSegmentsToRenderer(line: LineSegments2): void {
  line.onBeforeRender = (renderer) => {
    renderer.getSize(_size);
    line.material.resolution.set(_size.x, _size.y);
  };
}

/** One run's drawables; the geometry is rebuilt only when the run (its path array) changes. */
interface Slot {
  path: Float64Array | null;
  line: LineSegments2 | null;
  markers: InstancedMesh | null;
  /** Arrows where the path leaves the drawn box, each shown once its step is. */
  exits: { mesh: Mesh; exit: ClipExit }[];
  /** For each step count s, how many clipped line segments belong to the first s steps. */
  segmentsUpTo: Uint32Array;
  /** Whether each iterate lies in the drawn box (only those get a marker). */
  inside: boolean[];
  readonly material: MeshStandardMaterial;
  readonly ghostMaterial: MeshStandardMaterial;
  readonly lineMaterial: LineMaterial;
  readonly lineGhost: LineMaterial;
  readonly model: IterateModel;
  /** The marker drawn large (the current iterate). */
  enlarged: number;
}

/**
 * The optimizer runs on the 3D surface: per run a fat polyline that follows the surface slightly
 * above it, clipped to the drawn box (a diverging run breaks off at the box's edge, where an arrow
 * shows the way it went; nothing outside is drawn or clamped, and a step from outside to outside,
 * which would cross the whole view, is left out), a sphere at every iterate (the current one larger) and the current iterate's local
 * model (IterateModel). Hidden parts are drawn as ghosts (depth test GREATER), as the gradient
 * arrow and eigen axes are. A new run rebuilds its buffers once; a step only changes how many
 * segments and markers are drawn and moves the model patch.
 */
export class OptimizerPaths extends Group {
  private readonly sphere = new SphereGeometry(1, 14, 10);
  private readonly cone = new ConeGeometry(0.35, 1, 12).translate(0, -0.5, 0);
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

  /** How many iterates of run i are drawn now, those in the drawn box (for tests and the page). */
  drawnIterates(i: number): number {
    const slot = this.slots[i];
    if (!slot?.markers?.visible) return 0;
    let n = 0;
    for (let k = 0; k < slot.markers.count; k++) if (slot.inside[k]) n++;
    return n;
  }

  /**
   * World start of drawn line segment k of run i (after the lift), or null when it is not drawn.
   * Inside the box segment k runs from path sample k to k + 1; after the path left the box the
   * segments are those of the clipped path.
   */
  pathPoint(i: number, k: number, out: Vector3): Vector3 | null {
    const line = this.slots[i]?.line;
    if (!line?.visible || k >= line.geometry.instanceCount) return null;
    const start = line.geometry.getAttribute('instanceStart');
    return k < start.count ? out.set(start.getX(k), start.getY(k), start.getZ(k)) : null;
  }

  /** The drawn segments of run i, each as (start, end) world points (for tests). */
  drawnSegments(i: number): [Vector3, Vector3][] {
    const line = this.slots[i]?.line;
    if (!line?.visible) return [];
    const start = line.geometry.getAttribute('instanceStart');
    const end = line.geometry.getAttribute('instanceEnd');
    const out: [Vector3, Vector3][] = [];
    for (let k = 0; k < Math.min(line.geometry.instanceCount, start.count); k++) {
      out.push([new Vector3(start.getX(k), start.getY(k), start.getZ(k)), new Vector3(end.getX(k), end.getY(k), end.getZ(k))]);
    }
    return out;
  }

  /** World positions of the arrows now shown where run i leaves the drawn box (for tests). */
  exitArrows(i: number): Vector3[] {
    return (this.slots[i]?.exits ?? []).filter((e) => e.mesh.visible).map((e) => e.mesh.position.clone());
  }

  /** Frees every geometry and material. */
  override dispose(): void {
    super.dispose();
    this.sphere.dispose();
    this.cone.dispose();
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
      exits: [],
      segmentsUpTo: new Uint32Array(1),
      inside: [],
      material,
      ghostMaterial: createGhostMaterial(material),
      lineMaterial,
      lineGhost: ghostLine(lineMaterial, true),
      model: new IterateModel('#ffffff'),
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
      for (const e of slot.exits) e.mesh.visible = false;
      slot.model.update(null, null);
      return;
    }
    if (slot.path !== run.path) this.rebuild(slot, run, t);
    const shown = Math.max(0, Math.min(run.shown, run.iterates.length / 3 - 1));
    if (slot.line) {
      const drawn = slot.segmentsUpTo[Math.min(shown, slot.segmentsUpTo.length - 1)];
      slot.line.geometry.instanceCount = drawn;
      slot.line.visible = drawn > 0;
    }
    for (const e of slot.exits) e.mesh.visible = e.exit.segment < shown * run.samplesPerStep;
    if (slot.markers) {
      slot.markers.count = shown + 1;
      if (slot.enlarged !== shown && slot.enlarged < run.iterates.length / 3) this.placeMarker(slot, run.iterates, slot.enlarged, t, ITERATE_RADIUS);
      this.placeMarker(slot, run.iterates, shown, t, ITERATE_RADIUS * 1.6);
      slot.enlarged = shown;
      slot.markers.instanceMatrix.needsUpdate = true;
      slot.markers.visible = true;
    }
    // The current iterate's model is drawn only while the iterate is in the box.
    slot.model.update(slot.inside[shown] ? run.model : null, t);
  }

  /** New buffers for a new run: the clipped path's world segments, the exit arrows, one marker per iterate. */
  private rebuild(slot: Slot, run: PathRunData, t: SurfaceTransform): void {
    slot.path = run.path;
    for (const m of [slot.material, slot.ghostMaterial]) m.color.set(run.color);
    for (const m of [slot.lineMaterial, slot.lineGhost]) m.color.set(new Color(run.color));
    slot.model.setColor(run.color);
    const count = run.iterates.length / 3;
    const d = t.domain;
    slot.inside = Array.from({ length: count }, (_, k) => {
      const [x, y, f] = [run.iterates[3 * k], run.iterates[3 * k + 1], run.iterates[3 * k + 2]];
      return Number.isFinite(f) && x >= d.xmin && x <= d.xmax && y >= d.ymin && y <= d.ymax;
    });
    const clipped = clipPath(run.path, d, run.samplesPerStep);
    const segments: number[] = [];
    const sources: number[] = [];
    for (const piece of clipped.pieces) {
      piece.sources.forEach((source, j) => {
        for (const q of [j, j + 1]) {
          toWorldClamped(t, piece.points[3 * q], piece.points[3 * q + 1], piece.points[3 * q + 2], _p);
          segments.push(_p.x, _p.y, _p.z + PATH_LIFT);
        }
        sources.push(source);
      });
    }
    // segmentsUpTo[s]: the clipped segments whose source segment lies in the first s steps.
    slot.segmentsUpTo = new Uint32Array(count);
    for (let s = 0, j = 0; s < count; s++) {
      while (j < sources.length && sources[j] < s * run.samplesPerStep) j++;
      slot.segmentsUpTo[s] = j;
    }
    if (slot.line) {
      slot.line.geometry.dispose();
      slot.line.removeFromParent();
    }
    const geometry = new LineSegmentsGeometry();
    // An empty buffer cannot be drawn: one degenerate segment stands in (instanceCount stays 0).
    geometry.setPositions(segments.length > 0 ? segments : [0, 0, 0, 0, 0, 0]);
    slot.line = new LineSegments2(geometry, slot.lineMaterial);
    const ghost = new LineSegments2(geometry, slot.lineGhost);
    slot.line.add(ghost);
    slot.line.computeLineDistances();
    slot.line.renderOrder = 4;
    sizeSegmentsToRenderer(slot.line);
    sizeSegmentsToRenderer(ghost);
    this.add(slot.line);
    for (const e of slot.exits) e.mesh.removeFromParent();
    slot.exits = clipped.exits.map((exit) => ({ mesh: this.exitArrow(slot, exit, t), exit }));
    slot.markers?.removeFromParent();
    slot.markers?.dispose();
    const markers = new InstancedMesh(this.sphere, slot.material, count);
    const ghostMarkers = new InstancedMesh(this.sphere, slot.ghostMaterial, count);
    ghostMarkers.instanceMatrix = markers.instanceMatrix;
    markers.add(ghostMarkers);
    ghostMarkers.onBeforeRender = () => (ghostMarkers.count = markers.count);
    markers.frustumCulled = false;
    ghostMarkers.frustumCulled = false;
    slot.markers = markers;
    for (let k = 0; k < count; k++) this.placeMarker(slot, run.iterates, k, t, ITERATE_RADIUS);
    this.add(markers);
  }

  /** A cone at the exit point on the box's edge, pointing the way the path leaves (tip on the edge). */
  private exitArrow(slot: Slot, exit: ClipExit, t: SurfaceTransform): Mesh {
    const mesh = new Mesh(this.cone, slot.material);
    toWorldClamped(t, exit.x, exit.y, exit.f, _p);
    t.toWorld(exit.x + exit.dx, exit.y + exit.dy, exit.f, _q);
    _q.sub(t.toWorld(exit.x, exit.y, exit.f, new Vector3()));
    _q.z = 0;
    mesh.position.set(_p.x, _p.y, _p.z + PATH_LIFT);
    // The cone's tip is at its origin and it points along +y; turn +y to the leaving direction.
    mesh.quaternion.copy(new Quaternion().setFromUnitVectors(_up, _q.normalize()));
    mesh.scale.setScalar(EXIT_ARROW_LENGTH);
    mesh.renderOrder = 4;
    mesh.visible = false;
    this.add(mesh);
    return mesh;
  }

  /** Places iterate k's marker; an iterate outside the drawn box gets none (scaled to nothing). */
  private placeMarker(slot: Slot, iterates: Float64Array, k: number, t: SurfaceTransform, radius: number): void {
    if (!slot.markers) return;
    const r = slot.inside[k] ? radius : 0;
    if (slot.inside[k]) toWorldClamped(t, iterates[3 * k], iterates[3 * k + 1], iterates[3 * k + 2], _p);
    else _p.set(0, 0, 0);
    _m.makeScale(r, r, r).setPosition(_p.x, _p.y, _p.z + PATH_LIFT);
    slot.markers.setMatrixAt(k, _m);
  }
}

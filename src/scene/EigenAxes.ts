import { Camera, CylinderGeometry, Group, Mesh, MeshBasicMaterial, MeshStandardMaterial, Object3D, Vector3 } from 'three';
import { CSS2DObject } from 'three/examples/jsm/renderers/CSS2DRenderer.js';
import type { Eigen2 } from '../core/types';
import { createGhostMaterial } from './ghostMaterial';
import { LABEL_GAP, layoutLabels, nearestOnBox, type ScreenBox } from './labelLayout';
import { OVERLAY_COLORS } from './palette';
import type { SurfaceTransform } from './SurfaceTransform';

const _up = new Vector3(0, 1, 0);
const _dir = new Vector3();
const _normal = new Vector3();
const _center = new Vector3();
const _ndc = new Vector3();
const _target = new Vector3();

/**
 * A label that was hidden last frame has no size; CSS2DRenderer shows it again right after this
 * layout, so showing it a moment earlier only lets it be measured (else the layout would use an
 * estimate, and no later frame would correct it once the view is still).
 */
function showForMeasuring(el: HTMLElement): void {
  if (el.style.display === 'none') el.style.display = '';
}

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
  /** A thin line from the axis end to its label when the label had to move away from it. */
  readonly leader: Mesh<CylinderGeometry, MeshBasicMaterial>;
  /** The axis end in world units (where the label belongs). */
  readonly end: Vector3;
  text: string;
  sign: string;
  /** The label's measured size in CSS pixels, and the text and theme it was measured for. */
  size: { w: number; h: number; key: string };
}

/**
 * The Hessian's eigenvector directions through the point, drawn in the tangent plane as thick
 * cylinders: half-length = min + (max - min) tanh(|kappa| / 3), where kappa = zScale lambda / run^2
 * is the world-space curvature along the eigenvector (run = world length of the unit data step);
 * red for lambda > 0, blue for < 0, grey when |kappa| < 0.02; labelled "λ1 = …" with CSS2D, the
 * labels placed apart on screen every frame (layoutLabels) with a leader line to a moved label.
 */
export class EigenAxes extends Group {
  private readonly geometry = new CylinderGeometry(1, 1, 1, 12, 1);
  private readonly axes: readonly [Axis, Axis];
  /** Measured sizes of the other labels, by element. */
  private readonly sizes = new WeakMap<HTMLElement, { w: number; h: number; key: string }>();
  /** Where both axes cross (on the surface, at the point). */
  private readonly origin = new Vector3();
  /** Called when the labels moved in a frame, so that the owner draws one more (LabScene: requestRender). */
  onLayoutChange: (() => void) | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private lastLayout = '';
  private relayouts = 0;
  private relayoutPending = false;
  /** The renderer's frame number of the last layout (both axes' meshes call it; once per frame is enough). */
  private layoutFrame = -1;
  /** Multiplier of the cylinder radius (1.5 for projector themes); applied at the next update. */
  thickness = 1;

  /** Builds both axes; createElement is injectable for tests without a DOM. */
  constructor(createElement: () => HTMLElement = () => document.createElement('div')) {
    super();
    this.axes = [this.makeAxis(1, createElement()), this.makeAxis(2, createElement())];
    // A label that changes size between frames (a font or theme arriving) shifts by a share of its
    // size: lay out again. Absent in Node tests.
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(() => {
        for (const a of this.axes) a.size.key = '';
        this.onLayoutChange?.();
      });
      for (const a of this.axes) this.resizeObserver.observe(a.label.element);
    }
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
    this.origin.copy(_center);
    this.placeAxis(this.axes[0], eigen.lambda1, eigen.v1, gx, gy, transform);
    this.placeAxis(this.axes[1], eigen.lambda2, eigen.v2, gx, gy, transform);
    this.visible = true;
  }

  /** Removes the label elements from the page and frees the geometry and all materials. */
  override dispose(): void {
    super.dispose();
    this.resizeObserver?.disconnect();
    this.geometry.dispose();
    for (const axis of this.axes) {
      axis.mesh.material.dispose();
      axis.ghost.material.dispose();
      axis.leader.material.dispose();
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
    const leader = new Mesh(this.geometry, new MeshBasicMaterial({ color: OVERLAY_COLORS.axisFlat, depthTest: false, transparent: true, opacity: 0.9 }));
    // Drawn after the axes (whose onBeforeRender places it), over the surface, never culled on a stale matrix.
    leader.renderOrder = 10;
    leader.frustumCulled = false;
    leader.scale.setScalar(0);
    // Labels are placed on screen each frame, once the camera of that frame is known.
    mesh.frustumCulled = false;
    mesh.onBeforeRender = (renderer, scene, camera) => {
      if (renderer.info.render.frame === this.layoutFrame) return;
      this.layoutFrame = renderer.info.render.frame;
      this.layout(scene, camera);
    };
    this.add(mesh, label, leader);
    return { mesh, ghost, label, leader, end: new Vector3(), text: '', sign: '', size: { w: 0, h: 0, key: '' } };
  }

  /** Places both labels apart on screen (layoutLabels) and draws a leader to a label moved off its axis end. */
  private layout(scene: Object3D, camera: Camera): void {
    const overlay = this.axes[0].label.element.parentElement;
    const view = { w: overlay?.clientWidth ?? 0, h: overlay?.clientHeight ?? 0 };
    if (view.w === 0 || view.h === 0) return;
    const toScreen = (v: Vector3): { x: number; y: number; z: number } => {
      _ndc.copy(v).project(camera);
      return { x: ((_ndc.x + 1) / 2) * view.w, y: ((1 - _ndc.y) / 2) * view.h, z: _ndc.z };
    };
    const shown = this.axes.filter((a) => a.label.visible);
    const origin = toScreen(this.origin);
    const requests = shown.map((a) => {
      const anchor = toScreen(a.end);
      const [dx, dy] = [anchor.x - origin.x, anchor.y - origin.y];
      const length = Math.hypot(dx, dy);
      return { anchor, outward: length > 1 ? { x: dx / length, y: dy / length } : { x: 0, y: 0 }, ...this.measure(a) };
    });
    const boxes = layoutLabels(requests, view, this.obstacles(scene, toScreen, overlay));
    this.settle(boxes.map((b) => `${Math.round(b.x)},${Math.round(b.y)}`).join(' '));
    shown.forEach((a, i) => {
      const [box, anchor] = [boxes[i], requests[i].anchor];
      // CSS2DRenderer puts the element's point `center` (a fraction of its size) on the anchor.
      a.label.center.set(0.5 - (box.x - anchor.x) / box.w, 0.5 - (box.y - anchor.y) / box.h);
      this.placeLeader(a, anchor, box, camera, view);
    });
  }

  /**
   * Asks for another frame while the layout is still changing (a label measured for the first
   * time, the labels it must avoid drawn after it): a still view would otherwise keep the first
   * guess. At most three in a row, so a layout that cannot settle does not keep drawing.
   */
  private settle(signature: string): void {
    // A frame drawn for another reason (a drag, a tween) starts the count again.
    if (!this.relayoutPending) this.relayouts = 0;
    this.relayoutPending = false;
    if (signature === this.lastLayout) return;
    this.lastLayout = signature;
    if (this.relayouts++ < 3 && this.onLayoutChange) {
      this.relayoutPending = true;
      this.onLayoutChange();
    }
  }

  /**
   * What the labels must keep clear of, in overlay pixels: every other CSS2D label in the scene
   * (axis ticks and titles: projected, sized once per text and theme) and the colour legend.
   */
  private obstacles(scene: Object3D, toScreen: (v: Vector3) => { x: number; y: number }, overlay: HTMLElement | null): ScreenBox[] {
    const mine = new Set<Object3D>(this.axes.map((a) => a.label));
    const boxes: ScreenBox[] = [];
    scene.traverseVisible((o) => {
      if (!(o instanceof CSS2DObject) || mine.has(o) || !o.element.textContent) return;
      const size = this.measureElement(o.element);
      const p = toScreen(o.getWorldPosition(_target));
      boxes.push({ x: p.x + (0.5 - o.center.x) * size.w, y: p.y + (0.5 - o.center.y) * size.h, ...size });
    });
    const legend = overlay?.parentElement?.querySelector<HTMLElement>('.color-legend');
    if (legend && !legend.hidden && overlay) {
      const [r, base] = [legend.getBoundingClientRect(), overlay.getBoundingClientRect()];
      boxes.push({ x: r.left - base.left + r.width / 2, y: r.top - base.top + r.height / 2, w: r.width, h: r.height });
    }
    return boxes;
  }

  private measureElement(el: HTMLElement): { w: number; h: number } {
    const key = `${el.textContent ?? ''}|${document.documentElement.dataset.theme ?? ''}`;
    const known = this.sizes.get(el);
    if (known && known.key === key) return known;
    showForMeasuring(el);
    const size = { w: el.offsetWidth, h: el.offsetHeight, key: el.offsetWidth > 0 ? key : '' };
    this.sizes.set(el, size);
    return size;
  }

  /** The label's size in CSS pixels, measured again only when its text or the theme changes. */
  private measure(a: Axis): { w: number; h: number } {
    const key = `${a.text}|${document.documentElement.dataset.theme ?? ''}`;
    if (a.size.key !== key || a.size.w === 0) {
      const el = a.label.element;
      showForMeasuring(el);
      // Not on the page before its first frame: estimate from the text, and measure again next frame.
      a.size = el.offsetWidth > 0 ? { w: el.offsetWidth, h: el.offsetHeight, key } : { w: 10 * a.text.length, h: 22, key: '' };
    }
    return a.size;
  }

  private placeLeader(a: Axis, anchor: { x: number; y: number; z: number }, box: ScreenBox, camera: Camera, view: { w: number; h: number }): void {
    const near = nearestOnBox(box, anchor);
    const far = Math.hypot(near.x - anchor.x, near.y - anchor.y) > LABEL_GAP + 4;
    // The leader stays in the render list (shown or hidden decides that before this layout runs):
    // a leader that is not needed is scaled to nothing instead.
    if (!far) {
      a.leader.scale.setScalar(0);
      a.leader.updateMatrixWorld();
      return;
    }
    _target.set((near.x / view.w) * 2 - 1, 1 - (near.y / view.h) * 2, anchor.z).unproject(camera);
    _dir.subVectors(_target, a.end);
    const length = _dir.length();
    a.leader.position.copy(a.end).addScaledVector(_dir, 0.5);
    a.leader.quaternion.setFromUnitVectors(_up, _dir.normalize());
    a.leader.scale.set(RADIUS * 0.45 * this.thickness, length, RADIUS * 0.45 * this.thickness);
    a.leader.material.color.copy(a.mesh.material.color);
    // The renderer has already computed matrices this frame: this one changed after that.
    a.leader.updateMatrixWorld();
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
    axis.leader.visible = ok;
    if (!ok) return;
    _dir.normalize();
    axis.mesh.position.copy(_center);
    axis.mesh.quaternion.setFromUnitVectors(_up, _dir);
    axis.mesh.scale.set(RADIUS * this.thickness, 2 * half, RADIUS * this.thickness);
    axis.end.copy(_center).addScaledVector(_dir, half);
    axis.label.position.copy(axis.end);
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

import {
  BoxGeometry,
  BufferAttribute,
  BufferGeometry,
  EdgesGeometry,
  Group,
  LineBasicMaterial,
  LineSegments,
  Vector3,
} from 'three';
import { CSS2DObject } from 'three/examples/jsm/renderers/CSS2DRenderer.js';
import { formatTick, niceTicks } from './niceTicks';
import { OVERLAY_COLORS } from './palette';
import type { SurfaceTransform } from './SurfaceTransform';

const MAX_TICKS = 64;
const TICK = 0.035;
const _lo = new Vector3();
const _hi = new Vector3();

type AxisName = 'x' | 'y' | 'f';

/**
 * Outline of the plotted box with tick marks and CSS2D tick labels for x, y and f
 * (elements of class "axis-label" with data-axis, titles of class "axis-title"); the box and
 * tick buffers are built once and rewritten when the grid changes.
 */
export class AxesBox extends Group {
  // The BoxGeometry is only a template: it never reaches the GPU.
  private readonly boxGeometry = new EdgesGeometry(new BoxGeometry(1, 1, 1));
  private readonly tickGeometry = new BufferGeometry();
  private readonly material = new LineBasicMaterial({ color: OVERLAY_COLORS.axes, transparent: true, opacity: 0.7 });
  private readonly box = new LineSegments(this.boxGeometry, this.material);
  private readonly tickMarks = new LineSegments(this.tickGeometry, this.material);
  private readonly labels: CSS2DObject[] = [];
  private readonly titles: Record<AxisName, CSS2DObject>;

  /** Builds the box, an empty tick buffer and the axis titles; createElement is injectable for tests. */
  constructor(private readonly createElement: () => HTMLElement = () => document.createElement('div')) {
    super();
    this.tickGeometry.setAttribute('position', new BufferAttribute(new Float32Array(MAX_TICKS * 6), 3));
    this.tickGeometry.setDrawRange(0, 0);
    this.tickMarks.frustumCulled = false;
    this.add(this.box, this.tickMarks);
    this.titles = {
      x: this.makeLabel('axis-title', 'x', 'x'),
      y: this.makeLabel('axis-title', 'y', 'y'),
      f: this.makeLabel('axis-title', 'f', 'f'),
    };
    this.name = 'AxesBox';
    this.visible = false;
  }

  /** Fits the box to the domain and the visible height range of a transform and relabels the ticks. */
  update(t: SurfaceTransform): void {
    const d = t.domain;
    const [fLo, fHi] = t.visibleHeightRange();
    const flat = !(fHi > fLo);
    t.toWorld(d.xmin, d.ymin, flat ? t.fMid : fLo, _lo);
    t.toWorld(d.xmax, d.ymax, flat ? t.fMid : fHi, _hi);
    if (flat) {
      _lo.z -= 0.05;
      _hi.z += 0.05;
    }
    this.box.position.addVectors(_lo, _hi).multiplyScalar(0.5);
    this.box.scale.subVectors(_hi, _lo);
    let used = 0;
    const positions = this.tickGeometry.getAttribute('position') as BufferAttribute;
    const put = (axis: AxisName, text: string, x: number, y: number, z: number, dx: number, dy: number): void => {
      if (used >= MAX_TICKS) return;
      positions.setXYZ(2 * used, x, y, z);
      positions.setXYZ(2 * used + 1, x + dx * TICK, y + dy * TICK, z);
      const label = this.labelAt(used);
      label.element.setAttribute('data-axis', axis);
      label.element.textContent = text;
      label.position.set(x + dx * TICK * 2.6, y + dy * TICK * 2.6, z);
      label.visible = true;
      used++;
    };
    const xs = niceTicks(d.xmin, d.xmax);
    for (const v of xs.values) put('x', formatTick(v, xs.decimals), (v - t.cx) * t.sx, _lo.y, _lo.z, 0, -1);
    const ys = niceTicks(d.ymin, d.ymax);
    for (const v of ys.values) put('y', formatTick(v, ys.decimals), _hi.x, (v - t.cy) * t.sy, _lo.z, 1, 0);
    const fs = flat ? niceTicks(t.fMid, t.fMid) : niceTicks(fLo, fHi);
    for (const v of fs.values) put('f', formatTick(v, fs.decimals), _lo.x, _lo.y, (v - t.fMid) * t.zScale, -0.7, -0.7);
    for (let k = used; k < this.labels.length; k++) this.labels[k].visible = false;
    positions.needsUpdate = true;
    this.tickGeometry.setDrawRange(0, used * 2);
    this.titles.x.position.set(0.5 * (_lo.x + _hi.x), _lo.y - 0.25, _lo.z);
    this.titles.y.position.set(_hi.x + 0.25, 0.5 * (_lo.y + _hi.y), _lo.z);
    this.titles.f.position.set(_lo.x - 0.12, _lo.y - 0.12, _hi.z + 0.1);
    this.visible = true;
  }

  /** Sets the colour of the box and tick lines (CSS colour). */
  setColor(color: string): void {
    this.material.color.set(color);
  }

  /** Removes all label elements and frees the line geometries and material. */
  override dispose(): void {
    super.dispose();
    this.boxGeometry.dispose();
    this.tickGeometry.dispose();
    this.material.dispose();
    for (const label of [...this.labels, ...Object.values(this.titles)]) label.element.remove?.();
  }

  private labelAt(k: number): CSS2DObject {
    while (this.labels.length <= k) this.labels.push(this.makeLabel('axis-label', 'x', ''));
    return this.labels[k];
  }

  private makeLabel(className: string, axis: AxisName, text: string): CSS2DObject {
    const element = this.createElement();
    element.className = className;
    element.setAttribute('data-axis', axis);
    element.textContent = text;
    const label = new CSS2DObject(element);
    this.add(label);
    return label;
  }
}

import { relativeErrorScale } from '../core/errorVsStep';
import { Raycaster, Vector2, Vector3 } from 'three';
import { ColorLegend } from './ColorLegend';
import { CriticalMarkers, type CriticalMarkerPoint, type FoldMark } from './CriticalMarkers';
import type { Eigen2, GridField, PointDerivatives } from '../core/types';
import { EigenAxes } from './EigenAxes';
import { GradientArrow } from './GradientArrow';
import { pickHeightField } from './pickHeightField';
import { SCENE_THEMES, type SceneTheme } from './palette';
import { PointMarker } from './PointMarker';
import { Stage, type CameraPose, type StageOptions } from './Stage';
import { Surface, type ColorMode } from './Surface';
import { SurfaceTransform } from './SurfaceTransform';
import { TaylorPatch } from './TaylorPatch';
import { OptimizerPaths } from './OptimizerPaths';

/** Which overlays are drawn. */
export interface SceneVisibility {
  /** Translucent Taylor model patch. */
  readonly model: boolean;
  /** Gradient arrow. */
  readonly gradient: boolean;
  /** Hessian eigen axes with their labels. */
  readonly axes: boolean;
  /** Contour lines of f on the surface. */
  readonly contours: boolean;
  /** Step-size rings h, 2h, 4h, ... around the point. */
  readonly rings: boolean;
}

/** The expansion point and its local model, as setPoint takes it. */
export interface ScenePoint {
  /** Expansion point (data units). */
  readonly x: number;
  readonly y: number;
  /** f, gradient and Hessian at the point (only f, gx, gy are read here). */
  readonly derivs: Pick<PointDerivatives, 'f' | 'gx' | 'gy'>;
  /** Hessian eigen-decomposition at the point. */
  readonly eigen: Eigen2;
  /** Taylor coefficients in taylorLayout order (up to 28; float64 is fine). */
  readonly coeffs: ArrayLike<number>;
  /** Model order 0..6. */
  readonly order: number;
  /** Patch radius (data units). */
  readonly radius: number;
}

const _world = new Vector3();
const _ndc = new Vector2();
const _raycaster = new Raycaster();
/** Smallest pointer distance (CSS pixels) that still counts as over the marker. */
const MARKER_PICK_PX = 14;
/** How long after the last camera or point move the full mesh comes back (ms). */
export const STILL_AFTER_MS = 150;

/** True when WebGL runs on a software rasterizer, where the full mesh cannot follow a drag. */
function softwareRenderer(gl: WebGLRenderingContext | WebGL2RenderingContext): boolean {
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  return /swiftshader|llvmpipe|software/i.test(name);
}

/**
 * Facade over the 3D view: one Stage with the surface, the Taylor patch, the gradient arrow, the
 * eigen axes and the point marker. setGrid is the only call that uploads bulk data; setPoint and
 * the setters write uniforms and object matrices and request one frame.
 */
export class LabScene {
  /** Renderer, camera, controls and axes. */
  readonly stage: Stage;
  /** Height field of f. */
  readonly surface: Surface;
  /** Local Taylor model. */
  readonly patch = new TaylorPatch();
  /** Gradient arrow at the point. */
  readonly arrow = new GradientArrow();
  /** Hessian eigenvector axes at the point. */
  readonly eigenAxes = new EigenAxes();
  /** Draggable point marker. */
  readonly marker = new PointMarker();
  /** Optimizer runs: paths along the surface and the current iterates' models (issue 9). */
  readonly optimizerPaths = new OptimizerPaths();
  /** The network's training run projected on the slice (path directions). */
  readonly trainingPath = new OptimizerPaths();
  /** The landscape's critical points on the surface, and a family's fold ring (issue 19 item 5). */
  readonly criticalMarkers = new CriticalMarkers();
  /** Colour legend in the bottom-left corner of the viewport (DOM, click-through). */
  readonly legend: ColorLegend;
  private colorMode: ColorMode = 'height';
  /** Trust-region tolerance as the surface applies it (its default is 1e-2). */
  private tolerance = 1e-2;
  private grid: GridField | null = null;
  private transform: SurfaceTransform | null = null;
  private point: ScenePoint | null = null;
  /** Step rings set by setRings; until then they follow the model window (r/8, r/4, r/2, r). */
  private rings: { h: number; count: number } | null = null;
  private visibility: SceneVisibility = { model: true, gradient: true, axes: true, contours: false, rings: false };
  private coarseWhileMoving: boolean;
  private stillTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCameraMove = (): void => this.moved();

  /** Builds the stage and all scene objects inside container (throws without WebGL2). */
  constructor(container: HTMLElement, options: StageOptions = {}) {
    this.stage = new Stage(container, options);
    this.surface = new Surface(this.patch.taylorUniforms);
    this.patch.visible = false;
    this.stage.scene.add(this.surface, this.patch, this.arrow, this.eigenAxes, this.marker, this.optimizerPaths, this.trainingPath, this.criticalMarkers);
    // The eigen labels are laid out on screen during a frame; when they move, one more frame shows them settled.
    this.eigenAxes.onLayoutChange = () => this.stage.requestRender();
    this.legend = new ColorLegend(container);
    // On by default only where drawing is the bottleneck; a GPU draws the full mesh every frame.
    this.coarseWhileMoving = softwareRenderer(this.stage.renderer.getContext());
    this.stage.controls.addEventListener('change', this.onCameraMove);
    this.canvas.dataset.mesh = 'full';
  }

  /**
   * Draws a coarse mesh (same textures) while the camera or the point moves, and the full one
   * STILL_AFTER_MS after the last move. Readouts, picking and the model never depend on it.
   */
  setCoarseWhileMoving(enabled: boolean): void {
    this.coarseWhileMoving = enabled;
    if (!enabled) this.settle();
  }

  /** Whether the coarse mesh is used while moving (default: only on a software renderer). */
  get isCoarseWhileMoving(): boolean {
    return this.coarseWhileMoving;
  }

  /** The mesh drawn now: 'coarse' during a move, else 'full' (also the canvas's data-mesh). */
  get meshMode(): 'full' | 'coarse' {
    return this.surface.drawnMeshSize < (this.grid?.n ?? 0) ? 'coarse' : 'full';
  }

  /** The canvas, for pointer listeners and screenshots (toDataURL works: the buffer is preserved). */
  get canvas(): HTMLCanvasElement {
    return this.stage.renderer.domElement;
  }

  /** Uploads a new grid, refits the world transform and axes, and re-places the point overlays. */
  setGrid(grid: GridField): void {
    this.grid = grid;
    this.transform = SurfaceTransform.fromGrid(grid);
    this.surface.setGrid(grid, this.transform);
    this.patch.setTransform(this.transform);
    this.optimizerPaths.setTransform(this.transform);
    this.trainingPath.setTransform(this.transform);
    // The old grid's points would float off a new surface: hidden until the next search answers.
    this.criticalMarkers.update([], this.transform, grid);
    this.criticalMarkers.setFold(null, this.transform);
    this.stage.axes.update(this.transform);
    this.placePointObjects();
    this.updateLegend();
    this.stage.requestRender();
  }

  /** Removes the surface and the point's objects until the next setGrid (a landscape still being built). */
  clearGrid(): void {
    this.grid = null;
    this.point = null;
    this.surface.visible = false;
    this.criticalMarkers.update([], null, null);
    this.criticalMarkers.setFold(null, null);
    this.placePointObjects();
    this.updateLegend();
    this.stage.requestRender();
  }

  /** Moves the expansion point and its model; writes uniforms and object matrices only. */
  setPoint(point: ScenePoint): void {
    if (this.point !== null && (point.x !== this.point.x || point.y !== this.point.y)) this.moved();
    this.patch.update(point.x, point.y, point.coeffs, point.order, point.radius);
    this.surface.setErrorScale(relativeErrorScale(point.derivs.f));
    // Kept (by reference, not copied) so a new grid can re-place the overlays.
    this.point = point;
    this.placePointObjects();
    this.stage.requestRender();
  }

  /** Draws the critical points on the surface (f read off the grid where absent); a fold ring too, or none. */
  setCriticalPoints(points: readonly CriticalMarkerPoint[], fold: FoldMark | null = null): void {
    this.criticalMarkers.update(points, this.transform, this.grid);
    this.criticalMarkers.setFold(fold, this.transform);
    this.stage.requestRender();
  }

  /** Applies a visual theme: background, axis lines, overlay thickness. */
  setTheme(theme: SceneTheme): void {
    const t = SCENE_THEMES[theme] ?? SCENE_THEMES.default;
    this.stage.setBackground(t.background);
    this.stage.axes.setColor(t.axes);
    this.arrow.thickness = t.thickness;
    this.eigenAxes.thickness = t.thickness;
    this.placePointObjects();
    this.stage.requestRender();
  }

  /** Chooses what the surface colour encodes. */
  setColorMode(mode: ColorMode): void {
    this.surface.setColorMode(mode);
    this.colorMode = mode;
    this.updateLegend();
    this.stage.requestRender();
  }

  /** Shows or hides overlays; omitted keys keep their state. */
  setVisibility(v: Partial<SceneVisibility>): void {
    this.visibility = { ...this.visibility, ...v };
    this.surface.setContours(this.visibility.contours);
    this.surface.setRings(this.visibility.rings);
    this.placePointObjects();
    this.stage.requestRender();
  }

  /** Sets the step rings: radius of the first ring h (data units) and the number of rings (<= 12). */
  setRings(h: number, count: number): void {
    this.rings = { h, count };
    this.surface.setRings(this.visibility.rings, h, count);
    this.stage.requestRender();
  }

  /** Relative model error |f - T_k| / |f(p)| (core relativeErrorScale) outlined as the trust region. */
  setErrorTolerance(tol: number): void {
    this.surface.setErrorTolerance(tol);
    if (Number.isFinite(tol) && tol > 0) this.tolerance = tol;
    this.updateLegend();
    this.stage.requestRender();
  }

  /** Data (x, y) of the surface under a pointer position (client pixels), or null. */
  pick(clientX: number, clientY: number): { x: number; y: number } | null {
    if (this.grid === null || this.transform === null) return null;
    this.toNdc(clientX, clientY, _ndc);
    _raycaster.setFromCamera(_ndc, this.stage.camera);
    return pickHeightField(_raycaster.ray, this.grid, this.transform);
  }

  /** Whether a pointer position is within the marker's screen-space radius (no raycast). */
  isOverMarker(clientX: number, clientY: number): boolean {
    if (!this.marker.visible) return false;
    const rect = this.canvas.getBoundingClientRect();
    const camera = this.stage.camera;
    _world.copy(this.marker.position).project(camera);
    if (_world.z > 1) return false;
    const sx = rect.left + ((_world.x + 1) / 2) * rect.width;
    const sy = rect.top + ((1 - _world.y) / 2) * rect.height;
    const distance = camera.position.distanceTo(this.marker.position);
    const pxPerWorld = rect.height / (2 * distance * Math.tan((camera.fov * Math.PI) / 360));
    const radiusPx = Math.max(MARKER_PICK_PX, this.marker.radius * pxPerWorld + 4);
    return Math.hypot(clientX - sx, clientY - sy) <= radiusPx;
  }

  /** Highlights the marker (hover); redraws only when the state changes. */
  setMarkerHovered(hovered: boolean): void {
    if (this.marker.setHovered(hovered)) this.stage.requestRender();
  }

  /** Enables or disables camera orbiting (disable while dragging the point). */
  setControlsEnabled(enabled: boolean): void {
    this.stage.setControlsEnabled(enabled);
  }

  /** Current camera pose (plain numbers). */
  getCameraPose(): CameraPose {
    return this.stage.getCameraPose();
  }

  /** Restores a camera pose. */
  setCameraPose(pose: CameraPose): void {
    this.stage.setCameraPose(pose);
  }

  /** Returns to the default view. */
  resetCamera(): void {
    this.stage.resetCamera();
  }

  /** Schedules a redraw. */
  requestRender(): void {
    this.stage.requestRender();
  }

  /** Frees every geometry, material, texture and label, the legend, and the renderer. */
  dispose(): void {
    clearTimeout(this.stillTimer);
    this.stage.controls.removeEventListener('change', this.onCameraMove);
    this.legend.dispose();
    this.surface.dispose();
    this.patch.dispose();
    this.arrow.dispose();
    this.eigenAxes.dispose();
    this.marker.dispose();
    this.optimizerPaths.dispose();
    this.trainingPath.dispose();
    this.criticalMarkers.dispose();
    this.stage.dispose();
  }

  /** A move (camera or point): the coarse mesh now, the full one once moves stop. */
  private moved(): void {
    if (!this.coarseWhileMoving) return;
    this.setMesh(true);
    clearTimeout(this.stillTimer);
    this.stillTimer = setTimeout(() => this.settle(), STILL_AFTER_MS);
  }

  /** Back to the full mesh, with one frame to show it. */
  private settle(): void {
    clearTimeout(this.stillTimer);
    this.stillTimer = undefined;
    if (this.setMesh(false)) this.stage.requestRender();
  }

  private setMesh(coarse: boolean): boolean {
    const changed = this.surface.setCoarse(coarse);
    this.canvas.dataset.mesh = this.meshMode;
    return changed;
  }

  /** The legend explains the surface's current colours, and only while a surface is drawn. */
  private updateLegend(): void {
    this.legend.update(this.colorMode, this.surface.ranges, this.tolerance);
    this.legend.setVisible(this.surface.visible);
  }

  private toNdc(clientX: number, clientY: number, out: Vector2): Vector2 {
    const rect = this.canvas.getBoundingClientRect();
    return out.set(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
  }

  private placePointObjects(): void {
    const p = this.point;
    const t = this.transform;
    const ready = p !== null && t !== null && Number.isFinite(p.derivs.f);
    this.patch.visible = ready && this.visibility.model;
    if (!ready) {
      this.arrow.visible = false;
      this.eigenAxes.visible = false;
      this.marker.visible = false;
      return;
    }
    if (this.rings === null) this.surface.setRings(this.visibility.rings, p.radius / 8, 4);
    const { gx, gy } = p.derivs;
    t.toWorld(p.x, p.y, p.derivs.f, _world);
    this.marker.update(_world);
    // The arrow's longest length follows the model window, within readable bounds.
    const radiusWorld = p.radius * Math.min(t.sx, t.sy);
    this.arrow.update(_world, gx, gy, t, Math.min(0.5, Math.max(0.2, radiusWorld)));
    if (!this.visibility.gradient) this.arrow.visible = false;
    this.eigenAxes.update(_world, p.eigen, gx, gy, t);
    if (!this.visibility.axes) this.eigenAxes.visible = false;
  }
}

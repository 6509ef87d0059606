import { AmbientLight, Color, DirectionalLight, PerspectiveCamera, Scene, WebGLRenderer } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { CSS2DRenderer } from 'three/examples/jsm/renderers/CSS2DRenderer.js';
import { AxesBox } from './AxesBox';
import { OVERLAY_COLORS } from './palette';

/** Camera position and orbit target as plain numbers (world units), e.g. for a permalink. */
export interface CameraPose {
  readonly position: readonly [number, number, number];
  readonly target: readonly [number, number, number];
}

/** The view the lab opens with: from the front-right, above the surface, Z up. */
export const DEFAULT_CAMERA_POSE: CameraPose = { position: [2.3, -3.0, 3.1], target: [0, 0, -0.1] };

/** Options of a Stage. */
export interface StageOptions {
  /** Canvas background (CSS colour). */
  readonly background?: string;
  /** Cap of the device pixel ratio (default 2). */
  readonly maxPixelRatio?: number;
}

/**
 * Renderer, Z-up camera, orbit controls, CSS2D label overlay, lights and the axes box inside a
 * container element, drawn on demand: requestRender() schedules one animation frame and nothing
 * runs while the view is still. The canvas keeps its drawing buffer for screenshots.
 */
export class Stage {
  /** Scene graph root. */
  readonly scene = new Scene();
  /** Perspective camera with Z up. */
  readonly camera = new PerspectiveCamera(40, 1, 0.01, 100);
  /** WebGL2 renderer (throws when WebGL2 is unavailable). */
  readonly renderer: WebGLRenderer;
  /** Overlay for CSS2DObject labels (pointer-events: none). */
  readonly labelRenderer = new CSS2DRenderer();
  /** Orbit controls around the target. */
  readonly controls: OrbitControls;
  /** Box outline with x, y, f tick labels. */
  readonly axes = new AxesBox();
  /** CPU time of the last frame in milliseconds (render submission, not GPU completion). */
  lastFrameMs = 0;
  /** Frames drawn so far, also written to the container's data-frame attribute: tests wait on it instead of sleeping. */
  frames = 0;
  /** Whether the WebGL context is lost (nothing is drawn until it is restored). */
  contextLost = false;
  private frameRequest = 0;
  private readonly contextListeners = new Set<(lost: boolean) => void>();
  private readonly onContextLost = (e: Event): void => {
    // Without preventDefault the browser never offers to restore the context.
    e.preventDefault();
    this.contextLost = true;
    if (this.frameRequest !== 0) cancelAnimationFrame(this.frameRequest);
    this.frameRequest = 0;
    for (const cb of this.contextListeners) cb(true);
  };
  private readonly onContextRestored = (): void => {
    // three.js rebuilds its GL state on this event (registered before ours) and re-uploads every
    // geometry, texture and uniform from the CPU copies it keeps at the next render.
    this.contextLost = false;
    for (const cb of this.contextListeners) cb(false);
    this.requestRender();
  };
  private disposed = false;
  private readonly listeners = new Set<(ms: number) => void>();
  private readonly resizeObserver: ResizeObserver;
  private readonly onControlsChange = (): void => this.requestRender();

  /** Creates the canvas and overlay inside container and starts observing its size. */
  constructor(
    readonly container: HTMLElement,
    options: StageOptions = {},
  ) {
    this.renderer = new WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(globalThis.devicePixelRatio || 1, options.maxPixelRatio ?? 2));
    this.renderer.setClearColor(new Color(options.background ?? OVERLAY_COLORS.background));
    const canvas = this.renderer.domElement;
    canvas.style.display = 'block';
    canvas.style.width = '100%';
    canvas.style.height = '100%';
    const overlay = this.labelRenderer.domElement;
    overlay.style.position = 'absolute';
    overlay.style.left = '0';
    overlay.style.top = '0';
    overlay.style.pointerEvents = 'none';
    if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
    container.append(canvas, overlay);
    canvas.addEventListener('webglcontextlost', this.onContextLost);
    canvas.addEventListener('webglcontextrestored', this.onContextRestored);

    // OrbitControls reads camera.up when constructed: set Z up first.
    this.camera.up.set(0, 0, 1);
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.enableDamping = true;
    this.controls.dampingFactor = 0.15;
    this.controls.addEventListener('change', this.onControlsChange);
    this.setCameraPose(DEFAULT_CAMERA_POSE);

    const head = new DirectionalLight(0xffffff, 1.8);
    head.position.set(0.6, 1.2, 0);
    head.target.position.set(0, 0, -1);
    this.camera.add(head, head.target);
    this.scene.add(new AmbientLight(0xffffff, 0.9), this.camera, this.axes);

    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(container);
    this.resize();
  }

  /** Schedules one frame (several calls before it runs still draw once). */
  requestRender(): void {
    if (this.frameRequest !== 0 || this.disposed || this.contextLost) return;
    this.frameRequest = requestAnimationFrame(() => {
      this.frameRequest = 0;
      // With damping, update() keeps emitting 'change' until the motion settles, which
      // requests the next frame; otherwise it is a no-op.
      this.controls.update();
      this.renderNow();
    });
  }

  /** Draws a frame synchronously (e.g. right before reading the canvas for a screenshot). */
  renderNow(): void {
    if (this.contextLost) return;
    const start = performance.now();
    this.renderer.render(this.scene, this.camera);
    this.labelRenderer.render(this.scene, this.camera);
    this.lastFrameMs = performance.now() - start;
    this.frames++;
    this.container.dataset.frame = String(this.frames);
    for (const cb of this.listeners) cb(this.lastFrameMs);
  }

  /** Calls cb(ms) after every frame with its CPU time; returns the unsubscribe function. */
  onAfterRender(cb: (ms: number) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Calls cb(true) when the WebGL context is lost and cb(false) when it is back; returns the unsubscribe function. */
  onContextChange(cb: (lost: boolean) => void): () => void {
    this.contextListeners.add(cb);
    return () => this.contextListeners.delete(cb);
  }

  /** Current camera position and orbit target. */
  getCameraPose(): CameraPose {
    const p = this.camera.position;
    const t = this.controls.target;
    return { position: [p.x, p.y, p.z], target: [t.x, t.y, t.z] };
  }

  /** Moves the camera and its orbit target, then redraws. */
  setCameraPose(pose: CameraPose): void {
    this.camera.position.set(...pose.position);
    this.controls.target.set(...pose.target);
    this.camera.lookAt(this.controls.target);
    this.controls.update();
    this.requestRender();
  }

  /** Returns to DEFAULT_CAMERA_POSE. */
  resetCamera(): void {
    this.setCameraPose(DEFAULT_CAMERA_POSE);
  }

  /** Sets the canvas background (CSS colour) and redraws. */
  setBackground(color: string): void {
    this.renderer.setClearColor(new Color(color));
    this.requestRender();
  }

  /** Enables or disables orbiting (disable it while the user drags the expansion point). */
  setControlsEnabled(enabled: boolean): void {
    this.controls.enabled = enabled;
  }

  /** Matches canvas, overlay and camera aspect to the container's size. */
  resize(): void {
    const w = this.container.clientWidth;
    const h = this.container.clientHeight;
    if (w === 0 || h === 0) return;
    this.renderer.setSize(w, h, false);
    this.labelRenderer.setSize(w, h);
    this.camera.aspect = w / h;
    this.camera.updateProjectionMatrix();
    this.requestRender();
  }

  /** Stops drawing and observing, frees the renderer, controls and axes, and removes the DOM nodes. */
  dispose(): void {
    this.disposed = true;
    if (this.frameRequest !== 0) cancelAnimationFrame(this.frameRequest);
    this.frameRequest = 0;
    this.resizeObserver.disconnect();
    this.controls.removeEventListener('change', this.onControlsChange);
    this.controls.dispose();
    this.axes.dispose();
    this.listeners.clear();
    this.contextListeners.clear();
    this.renderer.domElement.removeEventListener('webglcontextlost', this.onContextLost);
    this.renderer.domElement.removeEventListener('webglcontextrestored', this.onContextRestored);
    this.renderer.dispose();
    this.renderer.domElement.remove();
    this.labelRenderer.domElement.remove();
  }
}

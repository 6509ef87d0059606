import '../ui/lecture.css';
import { TOUCH } from 'three';
import type { LabScene } from '../scene/LabScene';
import type { Store } from '../state/Store';
import type { Notices } from '../ui/Notices';
import type { LabPanel } from '../ui/LabPanel';
import { SCENES } from '../lectures/scenes';
import { resolveScene, validateScenes } from '../lectures/validateScene';
import { formatPose, SCENE_TRANSITION_MS } from '../lectures/tween';
import { Caption, captionLine } from '../ui/Caption';
import { HelpOverlay } from '../ui/HelpOverlay';
import { KeyboardShortcuts, type KeyHandlers } from '../ui/KeyboardShortcuts';
import { LecturePanel } from '../ui/LecturePanel';
import { LiveRegion } from '../ui/LiveRegion';
import type { PointModel } from '../core/landscape/pointModel';
import { nextThemePatch, nudgePatch, orderPatch, toggleModePatch, togglePatch } from '../ui/lectureActions';
import type { LabState } from '../state/schema';
import { VIEWS, viewShows, type ViewId } from '../state/views';
import type { ViewAction } from '../ui/keyBindings';
import type { PermalinkSync } from '../ui/PermalinkSync';
import { CameraSync } from './CameraSync';
import { exportPng } from './exportPng';
import { SceneNavigator, type SceneCamera } from './SceneNavigator';

/** What the lecture features (keys, scenes, captions, live formula, export, camera sync) hook into. */
export interface LectureContext {
  readonly store: Store;
  /**
   * The 3D view; null without WebGL2: then there is no camera to sync, fly or orbit (a scene's pose
   * only goes into the state), PNG export says it needs the 3D view, the scenes that show a view
   * needing the scene are left out, and V skips those views.
   */
  readonly scene: LabScene | null;
  readonly notices: Notices;
  readonly panel: LabPanel;
  readonly viewport: HTMLElement;
  readonly sidebar: HTMLElement;
  /** The URL owner: the scene navigator registers with it to turn `#scene=id` links into state. */
  readonly permalink: PermalinkSync;
  /** The point model's channel (LabApp): the live region speaks each new point's summary (absent without the 3D view). */
  readonly points?: { onPointModel(listener: (model: PointModel) => void): unknown };
  /** The optimizer runs' controller (keys N and B); without it N steps the state's runSteps. */
  readonly optimizer?: { step(): void; togglePlay(): void };
}

/** The running lecture features, for tests and for the lead's wiring (e.g. a GUI reset button). */
export interface Lecture {
  readonly navigator: SceneNavigator;
  /** The 3D camera's link to the state; null without the 3D view. */
  readonly camera: CameraSync | null;
  readonly help: HelpOverlay;
  /** Flies the camera back to the default view and clears state.camera. */
  resetCamera(): void;
  /** Renders and downloads the 3D view as PNG at scale 1 or 2; resolves to the image size (rejects without the 3D view). */
  exportPng(scale: number): Promise<{ width: number; height: number }>;
}

function toggleFullscreen(): void {
  // Browsers refuse without a user gesture or inside some frames: that is fine, nothing to do.
  if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined);
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

/** One orbit key press turns the camera by 5°; one zoom key press changes its distance by 10%. */
const ORBIT_STEP = (5 * Math.PI) / 180;
const ZOOM_STEP = 1.1;

/**
 * Whether a view needs the 3D scene: it shows the landscape surface, or it reads the network
 * trained for that surface (the network controller is fed by LabApp, which draws on the scene).
 */
export function viewNeedsScene(id: string): boolean {
  return viewShows(id, 'landscape') || viewShows(id, 'network');
}

/** V: the next view (toggleModePatch), passing over those that cannot be shown here. */
function nextShownViewPatch(s: Readonly<LabState>, canShow: (view: ViewId) => boolean): Partial<LabState> {
  let next = toggleModePatch(s);
  while (next.mode !== undefined && next.mode !== s.mode && !canShow(next.mode)) next = toggleModePatch({ ...s, mode: next.mode });
  return next;
}

/** Without a 3D view, a scene's camera pose is only written to the state (its link keeps it). */
function stateCamera(store: Store): SceneCamera {
  return { animateTo: (target) => store.set({ camera: target ? formatPose(target) : '' }) };
}

/** Makes the 3D view a keyboard stop that says how to use it (arrows orbit only while it has focus). */
function makeViewportFocusable(viewport: HTMLElement): void {
  viewport.tabIndex = 0;
  viewport.setAttribute('role', 'application');
  viewport.setAttribute(
    'aria-label',
    '3D landscape f(x, y). Arrow keys orbit the camera, comma and period zoom, W A S D move the expansion point, R resets the view, ? lists every key. With a pointer: click to place the point, drag the marker to move it.',
  );
}

/**
 * Speaks the point (polite live region) once a nudge, a drag or a scene's glide has settled: the
 * sentence is the point model's summary, built from its numbers; a model of the same point (a new
 * order, a new landscape) is not announced.
 */
function announcePoint(store: Store, points: NonNullable<LectureContext['points']>, parent: HTMLElement): LiveRegion {
  const live = new LiveRegion(parent);
  let last: PointModel | null = null;
  points.onPointModel((model) => {
    const moved = last !== null && (model.x !== last.x || model.y !== last.y);
    last = model;
    if (moved && viewShows(store.get().mode, 'landscape')) live.announce(model.summary);
  });
  return live;
}

/** One handler per view of the registry: its key shows it. */
function viewHandlers(store: Store): Record<ViewAction, () => void> {
  return Object.fromEntries(VIEWS.map((v) => [`view:${v.id}`, () => store.set({ mode: v.id })])) as Record<ViewAction, () => void>;
}

function keyHandlers(store: Store, lecture: Lecture, canShow: (view: ViewId) => boolean, optimizer?: LectureContext['optimizer']): KeyHandlers {
  const patch = (f: (s: Readonly<LabState>) => Partial<LabState>) => () => store.set(f(store.get()));
  const { navigator } = lecture;
  return {
    orderUp: patch((s) => orderPatch(s, 1)),
    orderDown: patch((s) => orderPatch(s, -1)),
    nextScene: () => navigator.next(),
    prevScene: () => navigator.prev(),
    toggleModel: patch((s) => togglePatch(s, 'showModel')),
    toggleGradient: patch((s) => togglePatch(s, 'showGradient')),
    toggleAxes: patch((s) => togglePatch(s, 'showAxes')),
    toggleContours: patch((s) => togglePatch(s, 'showContours')),
    resetCamera: () => lecture.resetCamera(),
    fullscreen: toggleFullscreen,
    nudgeUp: patch((s) => nudgePatch(s, 0, 1)),
    nudgeDown: patch((s) => nudgePatch(s, 0, -1)),
    nudgeLeft: patch((s) => nudgePatch(s, -1, 0)),
    nudgeRight: patch((s) => nudgePatch(s, 1, 0)),
    exportPng: () => void lecture.exportPng(1).catch(() => undefined),
    exportPng2x: () => void lecture.exportPng(2).catch(() => undefined),
    ...viewHandlers(store),
    toggleMode: patch((s) => nextShownViewPatch(s, canShow)),
    cycleTheme: patch(nextThemePatch),
    orbitLeft: () => lecture.camera?.orbit(-ORBIT_STEP, 0),
    orbitRight: () => lecture.camera?.orbit(ORBIT_STEP, 0),
    orbitUp: () => lecture.camera?.orbit(0, ORBIT_STEP),
    orbitDown: () => lecture.camera?.orbit(0, -ORBIT_STEP),
    zoomIn: () => lecture.camera?.zoom(1 / ZOOM_STEP),
    zoomOut: () => lecture.camera?.zoom(ZOOM_STEP),
    help: () => lecture.help.toggle(),
    optStep: () => (optimizer ? optimizer.step() : store.set({ runSteps: store.get().runSteps + 1 })),
    optPlay: () => optimizer?.togglePlay(),
  };
}

/** Caption bar and scene picker follow state.scene; an unknown id from a link is reported as text. */
function followScene(ctx: LectureContext, navigator: SceneNavigator, caption: Caption, panel: LecturePanel, leftOut: ReadonlySet<string>): void {
  const update = (id: string): void => {
    const index = navigator.currentIndex();
    const scene = navigator.scenes[index];
    caption.show(scene ? captionLine(index, navigator.scenes.length, scene.title, scene.caption) : null);
    panel.setCurrent(scene ? scene.id : '');
    const unknown = leftOut.has(id) ? `Link: lecture scene '${id}' shows the 3D view, which needs WebGL2; ignored` : `Link: no lecture scene '${id.slice(0, 60)}', ignored`;
    ctx.notices.show('scene', id !== '' && !scene ? unknown : '', 'error');
  };
  ctx.store.subscribe((s, changed) => {
    if (changed.has('scene')) update(s.scene);
  });
  update(ctx.store.get().scene);
}

/** Wires the lecture features: keys, scenes with caption and picker, live formula, PNG export, camera link, touch. */
export function wireLecture(ctx: LectureContext): Lecture {
  const { store, scene, notices, sidebar } = ctx;
  const { scenes: valid, errors } = validateScenes(SCENES);
  if (errors.length > 0) notices.show('scenes', `Lecture scenes skipped: ${errors.join(' | ')}`, 'error');
  const canShow = (view: ViewId): boolean => scene !== null || !viewNeedsScene(view);
  // Without the 3D view, the scenes that show a view needing it are left out of the list and the keys.
  const scenes = valid.filter((s) => canShow(resolveScene(s).mode ?? store.get().mode));
  const leftOut = new Set(valid.filter((s) => !scenes.includes(s)).map((s) => s.id));
  // Two fingers pinch-zoom and orbit; one finger orbits unless it starts on the marker (PointerController).
  if (scene) scene.stage.controls.touches = { ONE: TOUCH.ROTATE, TWO: TOUCH.DOLLY_ROTATE };
  const camera = scene ? new CameraSync(store, scene) : null;
  const navigator = new SceneNavigator(store, camera ?? stateCamera(store), scenes);
  const help = new HelpOverlay(document.body);
  const lecture: Lecture = {
    navigator,
    camera,
    help,
    resetCamera: () => (camera ? camera.animateTo(null, SCENE_TRANSITION_MS) : store.set({ camera: '' })),
    exportPng: (scale) => {
      if (!scene) {
        notices.show('export', 'PNG export draws the 3D view, which needs WebGL2.', 'error');
        return Promise.reject(new Error('no 3D view to export'));
      }
      return exportPng(scene.stage, scale).catch((e: unknown) => {
        notices.show('export', `PNG export failed: ${String(e)}`, 'error');
        throw e;
      });
    },
  };
  const caption = new Caption(document.body);
  const panel = new LecturePanel(sidebar, scenes, {
    goTo: (i) => navigator.goTo(i),
    next: () => navigator.next(),
    prev: () => navigator.prev(),
    exportPng: (s) => void lecture.exportPng(s).catch(() => undefined),
    toggleHelp: () => help.toggle(),
    fullscreen: toggleFullscreen,
  });
  followScene(ctx, navigator, caption, panel, leftOut);
  if (scene) makeViewportFocusable(ctx.viewport);
  new KeyboardShortcuts(keyHandlers(store, lecture, canShow, ctx.optimizer), window, ctx.viewport);
  if (ctx.points) announcePoint(store, ctx.points, sidebar);
  // PermalinkSync has decoded the hash into the store; a scene link is applied on top, by it,
  // now and on every popstate, so the scene replaces the link instead of pushing an entry.
  ctx.permalink.addLinkHandler((hash) => navigator.applyFromLink(hash));
  Object.assign(window, { __taylorLecture: lecture });
  return lecture;
}

import { resolveScene } from '../lectures/validateScene';
import { lerp, SCENE_TRANSITION_MS } from '../lectures/tween';
import type { LectureScene, PoseNumbers } from '../lectures/types';
import type { Store } from '../state/Store';
import type { LabState } from '../state/schema';
import { animate } from './animate';
import { viewShows } from '../state/views';

/** What the navigator needs from the camera (CameraSync), injected so its rules run in Node with a fake. */
export interface SceneCamera {
  /** Flies to a pose (null = the default view) over durationMs. */
  animateTo(target: PoseNumbers | null, durationMs: number): void;
}

/** Link keys that may sit next to `scene` in a link that asks for the scene itself (#scene=id&theme=...). */
const SCENE_LINK_KEYS: ReadonlySet<string> = new Set(['v', 'scene', 'theme', 'camera', 'n']);

/**
 * Moves the lab between lecture scenes: the formula, domain and view settings change at once (one
 * grid pass), then the camera and the expansion point glide to the scene's over ~600 ms, the point
 * by setting state x, y each frame (a point update, never a grid recompute).
 */
export class SceneNavigator {
  private stopPoint: (() => void) | null = null;

  /** Navigates the given (validated) scenes. */
  constructor(
    private readonly store: Store,
    private readonly camera: SceneCamera,
    readonly scenes: readonly LectureScene[],
    private readonly durationMs = SCENE_TRANSITION_MS,
  ) {}

  /** Index of state.scene in the list, or -1. */
  currentIndex(): number {
    const id = this.store.get().scene;
    return this.scenes.findIndex((s) => s.id === id);
  }

  /** Goes to the next scene (the first when none is on); stays on the last. */
  next(): void {
    const i = this.currentIndex();
    this.goTo(i < 0 ? 0 : Math.min(this.scenes.length - 1, i + 1));
  }

  /** Goes to the previous scene (the first when none is on); stays on the first. */
  prev(): void {
    this.goTo(Math.max(0, this.currentIndex() - 1));
  }

  /** Goes to a scene by id; false when there is no such scene. */
  goToId(id: string, durationMs = this.durationMs): boolean {
    const index = this.scenes.findIndex((s) => s.id === id);
    if (index >= 0) this.goTo(index, durationMs);
    return index >= 0;
  }

  /**
   * Applies scene `index`: state at once, then camera and point animated. `keep` is state written
   * over the scene's in the same change (a scene link's grid N), so the grid is computed once.
   */
  goTo(index: number, durationMs = this.durationMs, keep: Partial<LabState> = {}): void {
    const scene = this.scenes[index];
    if (!scene) return;
    this.stopPoint?.();
    this.stopPoint = null;
    const { x, y, ...rest } = resolveScene(scene);
    const from = this.store.get();
    const [x0, y0] = [from.x, from.y];
    this.store.set({ ...rest, ...keep });
    const twoD = viewShows(this.store.get().mode, 'landscape');
    // A 1D scene leaves the hidden 3D camera where it is.
    if (twoD) this.camera.animateTo(scene.camera ?? null, durationMs);
    const target = { x: x ?? x0, y: y ?? y0 };
    this.stopPoint = animate(
      twoD ? durationMs : 0,
      (t) => this.store.set({ x: lerp(x0, target.x, t), y: lerp(y0, target.y, t) }),
      () => {
        this.stopPoint = null;
        this.store.set(target);
      },
    );
  }

  /**
   * Applies the scene a link names when the link asks for the scene itself: only scene (plus
   * theme, camera or the grid N) in it. A full permalink restores exactly what it says and keeps
   * its scene id for the caption only. Returns whether a scene was applied.
   */
  applyFromLink(hash: string): boolean {
    const params = new URLSearchParams(hash.replace(/^#/, ''));
    const id = params.get('scene');
    if (!id || [...params.keys()].some((k) => !SCENE_LINK_KEYS.has(k))) return false;
    const index = this.scenes.findIndex((s) => s.id === id);
    if (index < 0) return false;
    // A camera or grid N written in the link (already validated into the state) wins over the
    // scene's: `#scene=network-flat&n=32` on a slow machine, `#scene=well-saddle&n=512` on a fast one.
    const linkCamera = params.has('camera') ? this.store.get().camera : null;
    this.goTo(index, 0, params.has('n') ? { n: this.store.get().n } : {});
    if (linkCamera !== null) this.store.set({ camera: linkCamera });
    return true;
  }

  /** Stops a running point animation. */
  dispose(): void {
    this.stopPoint?.();
  }
}

import { DEFAULT_CAMERA_POSE, type CameraPose } from '../scene/Stage';
import { formatPose, lerpPose, parsePose } from '../lectures/tween';
import type { PoseNumbers } from '../lectures/types';
import type { Store } from '../state/Store';
import { animate } from './animate';

/** Frames in a row the camera must keep its pose after the user lets go (damping glides on). */
const STILL_FRAMES = 3;
/** Longest wait for the glide to stop before the pose is written anyway. */
const MAX_SETTLE_MS = 10_000;

function toNumbers(pose: CameraPose): PoseNumbers {
  return [...pose.position, ...pose.target] as unknown as PoseNumbers;
}

function toPose(n: PoseNumbers): CameraPose {
  return { position: [n[0], n[1], n[2]], target: [n[3], n[4], n[5]] };
}

/** What CameraSync needs from the orbit controls (three's OrbitControls): damping and the gesture's start and end. */
export interface CameraControls {
  enableDamping: boolean;
  /** One step of the controls (spends the damping glide when damping is off). */
  update(): unknown;
  addEventListener(type: 'start' | 'end', listener: () => void): void;
  removeEventListener(type: 'start' | 'end', listener: () => void): void;
}

/** What CameraSync needs from the 3D view (LabScene), injected so its rules run in Node with a fake. */
export interface CameraHost {
  readonly stage: { readonly controls: CameraControls };
  getCameraPose(): CameraPose;
  setCameraPose(pose: CameraPose): void;
}

/** The default view as six numbers. */
export const DEFAULT_POSE_NUMBERS: PoseNumbers = toNumbers(DEFAULT_CAMERA_POSE);

/**
 * Keeps state.camera and the 3D camera in step: the user's orbit is written to the state once it
 * has settled after OrbitControls' 'end' (3 decimals, so one history entry per gesture, never one
 * per frame); a camera value arriving from a link or from back/forward moves the camera at once;
 * scenes and the reset key fly there with animateTo.
 */
export class CameraSync {
  private writing = false;
  private settleFrame = 0;
  private stopAnimation: (() => void) | null = null;
  private readonly cleanups: (() => void)[] = [];

  /** Applies the store's camera now and starts following both sides. */
  constructor(private readonly store: Store, private readonly scene: CameraHost) {
    this.jump(parsePose(store.get().camera));
    this.cleanups.push(
      store.subscribe((s, changed) => {
        if (!changed.has('camera') || this.writing) return;
        this.stop();
        this.jump(parsePose(s.camera));
      }),
    );
    const controls = scene.stage.controls;
    const onStart = (): void => this.stop();
    const onEnd = (): void => this.armSettle();
    controls.addEventListener('start', onStart);
    controls.addEventListener('end', onEnd);
    this.cleanups.push(() => {
      controls.removeEventListener('start', onStart);
      controls.removeEventListener('end', onEnd);
    });
  }

  /** The camera's current pose as six numbers. */
  pose(): PoseNumbers {
    return toNumbers(this.scene.getCameraPose());
  }

  /** Flies to a pose (null = the default view) over durationMs, then writes it to the state. */
  animateTo(target: PoseNumbers | null, durationMs: number): void {
    this.stop();
    this.stopGlide();
    const from = this.pose();
    const to = target ?? DEFAULT_POSE_NUMBERS;
    this.stopAnimation = animate(
      durationMs,
      (t) => this.scene.setCameraPose(toPose(lerpPose(from, to, t))),
      () => {
        this.stopAnimation = null;
        this.scene.setCameraPose(toPose(to));
        this.write(target === null ? '' : formatPose(to));
      },
    );
  }

  /**
   * Orbits the camera around its target by the given angles in radians (azimuth about the Z axis,
   * elevation towards the pole, kept off the poles) and writes the pose: the keyboard's orbit.
   */
  orbit(dAzimuth: number, dElevation: number): void {
    this.moveBy((offset) => {
      const r = Math.hypot(...offset);
      const azimuth = Math.atan2(offset[1], offset[0]) + dAzimuth;
      const polar = Math.min(Math.PI - 0.05, Math.max(0.05, Math.acos(offset[2] / r) - dElevation));
      return [r * Math.sin(polar) * Math.cos(azimuth), r * Math.sin(polar) * Math.sin(azimuth), r * Math.cos(polar)];
    });
  }

  /** Moves the camera towards its target (factor < 1) or away (> 1) and writes the pose: the keyboard's zoom. */
  zoom(factor: number): void {
    this.moveBy((offset) => {
      const r = Math.hypot(...offset);
      const scale = Math.min(40, Math.max(0.2, r * factor)) / r;
      return [offset[0] * scale, offset[1] * scale, offset[2] * scale];
    });
  }

  private moveBy(f: (offset: [number, number, number]) => [number, number, number]): void {
    this.stop();
    this.stopGlide();
    const { position: p, target: t } = this.scene.getCameraPose();
    const o = f([p[0] - t[0], p[1] - t[1], p[2] - t[2]]);
    const pose: CameraPose = { position: [t[0] + o[0], t[1] + o[1], t[2] + o[2]], target: t };
    this.scene.setCameraPose(pose);
    this.write(formatPose(toNumbers(pose)));
  }

  /** Stops listening and cancels any flight or pending write. */
  dispose(): void {
    this.stop();
    for (const cleanup of this.cleanups) cleanup();
  }

  private stop(): void {
    this.stopAnimation?.();
    this.stopAnimation = null;
    cancelAnimationFrame(this.settleFrame);
    this.settleFrame = 0;
  }

  /**
   * Waits, one animation frame at a time, until damping has stopped moving the camera (the same
   * pose STILL_FRAMES frames in a row, or MAX_SETTLE_MS), then writes the pose once. Frame-based, not
   * time-based, so a slow renderer (software WebGL) cannot commit a pose that is still gliding.
   */
  private armSettle(): void {
    if (this.settleFrame !== 0) return;
    const started = performance.now();
    let last = '';
    let still = 0;
    const check = (): void => {
      const exact = this.pose().join(',');
      still = exact === last ? still + 1 : 0;
      last = exact;
      if (still < STILL_FRAMES && performance.now() - started < MAX_SETTLE_MS) {
        this.settleFrame = requestAnimationFrame(check);
        return;
      }
      this.settleFrame = 0;
      const now = formatPose(this.pose());
      // A click that did not move the camera leaves the link alone ('' stays the default view).
      if (now !== formatPose(parsePose(this.store.get().camera) ?? DEFAULT_POSE_NUMBERS)) this.write(now);
    };
    this.settleFrame = requestAnimationFrame(check);
  }

  private jump(pose: PoseNumbers | null): void {
    this.stopGlide();
    this.scene.setCameraPose(toPose(pose ?? DEFAULT_POSE_NUMBERS));
  }

  /**
   * Ends the damping glide of the last orbit, which would otherwise keep turning the camera away
   * from a pose set now: one update without damping spends the leftover motion, and the pose set
   * right after it overrides the result.
   */
  private stopGlide(): void {
    const controls = this.scene.stage.controls;
    if (!controls.enableDamping) return;
    controls.enableDamping = false;
    controls.update();
    controls.enableDamping = true;
  }

  private write(camera: string): void {
    this.writing = true;
    try {
      this.store.set({ camera });
    } finally {
      this.writing = false;
    }
  }
}

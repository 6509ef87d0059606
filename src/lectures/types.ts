import type { LabState } from '../state/schema';

/** Camera position and orbit target as six numbers: px, py, pz, tx, ty, tz (world units). */
export type PoseNumbers = readonly [number, number, number, number, number, number];

/**
 * One ready-made lecture scene: pure data that only changes the lab's state. See the format notes
 * at the top of src/lectures/scenes.ts.
 */
export interface LectureScene {
  /** Stable id for links (#scene=<id>): lower-case letters, digits and dashes. */
  readonly id: string;
  /** Short title shown in the caption bar and the scene picker. */
  readonly title: string;
  /** One line shown under the view while the scene is on. */
  readonly caption: string;
  /**
   * State to apply. `preset` (2D) or `preset1d` (1D) expand to that preset's formula, domain and
   * point first; every other key given here wins over the preset.
   */
  readonly state: Partial<LabState>;
  /** Camera pose to fly to (default view when omitted). */
  readonly camera?: PoseNumbers;
}

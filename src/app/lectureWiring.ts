import type { LabScene } from '../scene/LabScene';
import type { Store } from '../state/Store';
import type { Notices } from '../ui/Notices';
import type { LabPanel } from '../ui/LabPanel';

/** What the lecture features (keys, scenes, captions, live formula, export, camera sync) hook into. */
export interface LectureContext {
  readonly store: Store;
  readonly scene: LabScene;
  readonly notices: Notices;
  readonly panel: LabPanel;
  readonly viewport: HTMLElement;
  readonly sidebar: HTMLElement;
}

/** Wires the lecture features; placeholder until the lecture mode lands. */
export function wireLecture(_ctx: LectureContext): void {}

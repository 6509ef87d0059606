import { computeContextLost, recoverComputeBackend } from '../compute/backendRecovery';
import type { Stage } from '../scene/Stage';
import type { Notices } from '../ui/Notices';

/** What the lab reruns once the GPU is back: the grid pass (the point and the camera live in the state and stay). */
export type RecomputeGrid = () => Promise<void>;

const LOST_TEXT =
  'The GPU context was lost (a GPU reset, the computer waking from sleep, or too many tabs with 3D); waiting for it to come back. The view resumes by itself.';

/**
 * Survives a lost WebGL context: while it is lost the page says so and the stage draws nothing
 * (a frozen picture never passes for a live one); when it is restored three.js re-uploads the
 * scene, the tfjs backend is replaced if its own context went too (tfjs cannot revive one), and
 * the grid is computed again. The state (point, camera) is untouched, so the view comes back as it was.
 */
export class ContextLoss {
  private readonly unsubscribe: () => void;
  private recovering: Promise<void> = Promise.resolve();

  /** Follows the stage's context; recompute reruns the grid pass after a restore. */
  constructor(
    private readonly stage: Stage,
    private readonly notices: Notices,
    private readonly recompute: RecomputeGrid,
  ) {
    this.unsubscribe = stage.onContextChange((lost) => {
      if (lost) notices.show('context', LOST_TEXT, 'error');
      else this.recovering = this.recover();
    });
  }

  /** Resolves when the last recovery (backend and grid) has finished; for tests. */
  settled(): Promise<void> {
    return this.recovering;
  }

  /** Stops following the context. */
  dispose(): void {
    this.unsubscribe();
  }

  private async recover(): Promise<void> {
    this.notices.show('context', '');
    try {
      if (computeContextLost()) {
        const choice = await recoverComputeBackend();
        for (const el of document.querySelectorAll('[data-readout="backend"]')) el.textContent = choice.name;
        if (choice.name !== 'webgl') this.notices.show('backend', `The GPU did not come back for computing (${choice.fallbackReason ?? 'unknown'}): using the slower CPU backend.`, 'error');
      }
      await this.recompute();
      this.stage.requestRender();
    } catch (error) {
      this.notices.show('context', `The view could not be rebuilt after the GPU came back (${String(error)}); reload the page.`, 'error');
    }
  }
}

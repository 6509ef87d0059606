/**
 * Builds the optimizer runs' pieces and connects them: the GUI folder and sidebar section, the
 * convergence chart in that section, and the controller that follows the state and the landscape
 * and draws into the scene's OptimizerPaths. createLab calls this once after the LabApp exists, or
 * without a 3D view (no WebGL2) with NO_LANDSCAPE and no scene: the 1D view's runs still work.
 */
import type GUI from 'lil-gui';
import { ConvergenceChart } from '../../plots/ConvergenceChart';
import type { LabScene } from '../../scene/LabScene';
import type { Store } from '../../state/Store';
import { OptimizerPanel } from '../../ui/OptimizerPanel';
import { OptimizerController, type LandscapeSource, type PathsTarget } from './OptimizerController';

/** The wired optimizer runs. */
export interface Optimizers {
  readonly controller: OptimizerController;
  readonly panel: OptimizerPanel;
  readonly chart: ConvergenceChart;
}

/**
 * What the runs follow without a 3D view (no WebGL2): no surface landscape ever comes, so only the
 * 1D view's runs on f(x) exist, with their panel, η marks and step keys.
 */
export const NO_LANDSCAPE: LandscapeSource = { currentLandscape: null, onPointModel: () => () => undefined };

/** Paths drawn nowhere (no 3D view). */
function noPaths(): PathsTarget {
  return { visible: false, update: () => undefined };
}

/** Creates the panel (under guiRoot, in the sidebar), the chart and the controller; scene null: no 3D view to draw paths in. */
export function wireOptimizers(store: Store, app: LandscapeSource, scene: LabScene | null, guiRoot: GUI, sidebar: HTMLElement): Optimizers {
  // The buttons call the controller, which is built next (it renders into the panel): a button
  // can only be pressed once both exist.
  const panel = new OptimizerPanel(guiRoot, sidebar, store, { step: () => controller.step(), togglePlay: () => controller.togglePlay(), reset: () => controller.reset() });
  const host = panel.readouts.chartHost;
  const chart = new ConvergenceChart(host, { width: Math.max(260, host.clientWidth || sidebar.clientWidth - 24 || 300), height: 200, fontSize: 12 });
  const controller = new OptimizerController(store, app, { paths: scene?.optimizerPaths ?? noPaths(), panel, chart, requestRender: () => scene?.requestRender() });
  return { controller, panel, chart };
}

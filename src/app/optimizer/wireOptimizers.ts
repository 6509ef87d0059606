/**
 * Builds the optimizer runs' pieces and connects them: the GUI folder and sidebar section, the
 * convergence chart in that section, and the controller that follows the state and the landscape
 * and draws into the scene's OptimizerPaths. createLab calls this once after the LabApp exists.
 */
import type GUI from 'lil-gui';
import { ConvergenceChart } from '../../plots/ConvergenceChart';
import type { LabScene } from '../../scene/LabScene';
import type { Store } from '../../state/Store';
import { OptimizerPanel } from '../../ui/OptimizerPanel';
import { OptimizerController, type LandscapeSource } from './OptimizerController';

/** The wired optimizer runs. */
export interface Optimizers {
  readonly controller: OptimizerController;
  readonly panel: OptimizerPanel;
  readonly chart: ConvergenceChart;
}

/** Creates the panel (under guiRoot, in the sidebar), the chart and the controller. */
export function wireOptimizers(store: Store, app: LandscapeSource, scene: LabScene, guiRoot: GUI, sidebar: HTMLElement): Optimizers {
  // The buttons call the controller, which is built next (it renders into the panel): a button
  // can only be pressed once both exist.
  const panel = new OptimizerPanel(guiRoot, sidebar, store, { step: () => controller.step(), togglePlay: () => controller.togglePlay(), reset: () => controller.reset() });
  const host = panel.readouts.chartHost;
  const chart = new ConvergenceChart(host, { width: Math.max(260, host.clientWidth || sidebar.clientWidth - 24 || 300), height: 200, fontSize: 12 });
  const controller = new OptimizerController(store, app, { paths: scene.optimizerPaths, panel, chart, requestRender: () => scene.requestRender() });
  return { controller, panel, chart };
}

/**
 * The browser tests and the benchmark read the running lab through `window.__taylorLab`. A
 * production page must not offer a writable handle into its state, so the hook exists only on the
 * dev server (where the tests run) or in a build made with VITE_TEST_HOOK=1, and is frozen and
 * non-writable there.
 */
import type { BackendChoice } from '../compute/backend';
import type { LabScene } from '../scene/LabScene';
import type { LabState } from '../state/schema';
import type { ViewportStatus } from '../ui/ViewportStatus';
import type { OneDMode } from '../views/oneD/OneDMode';
import type { ViewHost } from '../views/ViewHost';
import type { BreakdownPanel } from './BreakdownPanel';
import type { LabApp } from './LabApp';
import type { ComputeConnection } from './network/computeConnection';
import type { NetworkController } from './network/NetworkController';
import type { Optimizers } from './optimizer/wireOptimizers';

/**
 * What `window.__taylorLab` offers the browser tests (tests/browser/hook.ts declares it on Window,
 * so a test reads `window.__taylorLab.state().x` with no cast) and the benchmark.
 */
export interface TaylorLabTestHook {
  /** Whether no grid pass is in flight and the lab has drawn at least once. */
  idle(): boolean;
  /** The current state (read-only). */
  state(): Readonly<LabState>;
  /** Changes the state, as the GUI or a key would. */
  set(patch: Partial<LabState>): void;
  readonly oneD: OneDMode;
  readonly app: LabApp;
  readonly scene: LabScene;
  readonly backend: BackendChoice;
  readonly breakdown: BreakdownPanel;
  readonly views: ViewHost;
  readonly network: NetworkController;
  readonly optimizers: Optimizers;
  /** tfjs tensors alive now (a leak check). */
  liveTensorCount(): number;
  readonly compute: Promise<ComputeConnection>;
  readonly status: ViewportStatus;
}

/**
 * The hook of a page without WebGL2: what exists there. No 3D view, so no scene, no surface
 * controller (LabApp) with its error chart and status line, no network and no optimizer runs; the
 * views (1D, implicit, GD map), the compute worker and the backend are there.
 */
export type TaylorLabBasicHook = Pick<TaylorLabTestHook, 'idle' | 'state' | 'set' | 'oneD' | 'views' | 'backend' | 'liveTensorCount' | 'compute'>;

/** Whether this bundle carries the test hook: the dev server, or a build with VITE_TEST_HOOK=1. */
export const TEST_HOOK_ENABLED: boolean = import.meta.env.DEV || import.meta.env.VITE_TEST_HOOK === '1';

/** Defines a frozen, read-only `window.__taylorLab` when the hook is enabled; otherwise does nothing. */
export function exposeTestHook(hook: TaylorLabTestHook | TaylorLabBasicHook): void {
  if (!TEST_HOOK_ENABLED) return;
  Object.defineProperty(window, '__taylorLab', { value: Object.freeze({ ...hook }), writable: false, enumerable: false, configurable: false });
}

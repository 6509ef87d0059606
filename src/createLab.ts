/**
 * Builds the lab into the page's elements: state from the link, the compute backends (this
 * thread's for formulas, the worker for networks), the 3D scene and its controllers, the views
 * from the registry, the lecture wiring, then the first grid. main.ts only finds the elements.
 * Without WebGL2 the same wiring runs with the 3D view's part absent (withoutWebGL, assemble).
 */
import { backendFallbacks, initBackend, liveTensorCount, parseBackendPreference, type BackendChoice, type BackendPreference } from './compute/backend';
import { GridEvaluator } from './compute/GridEvaluator';
import { LabScene } from './scene/LabScene';
import { Store } from './state/Store';
import { decodeState } from './state/permalink';
import { findView, VIEWS, viewShows } from './state/views';
import { LabApp } from './app/LabApp';
import { labLandscapes } from './app/landscapeProviders';
import { viewNeedsScene, wireLecture } from './app/lectureWiring';
import { ContextLoss } from './app/ContextLoss';
import { OneDMode } from './views/oneD/OneDMode';
import { BreakdownPanel } from './app/BreakdownPanel';
import { exposeTestHook } from './app/exposeTestHook';
import { NetworkController } from './app/network/NetworkController';
import { connectCompute, type ComputeConnection } from './app/network/computeConnection';
import { NO_LANDSCAPE, wireOptimizers } from './app/optimizer/wireOptimizers';
import { Readouts } from './ui/Readouts';
import { Notices } from './ui/Notices';
import { FormulaInput } from './ui/FormulaInput';
import { LabPanel } from './ui/LabPanel';
import { PointerController } from './ui/PointerController';
import { copyLink, PermalinkSync } from './ui/PermalinkSync';
import { LiveFormula } from './ui/LiveFormula';
import { NetworkPanel } from './ui/NetworkPanel';
import { ViewportStatus } from './ui/ViewportStatus';
import { ImplicitView } from './views/implicit/ImplicitView';
import { ViewHost } from './views/ViewHost';
import { TwoDView } from './views/twoD/TwoDView';
import { VIEW_MODULES } from './views/registry';
import { viewContainer } from './views/ViewModule';

/** The page's elements the lab is built into (index.html). */
export interface LabDom {
  readonly viewport: HTMLElement;
  readonly view1d: HTMLElement;
  readonly viewImplicit: HTMLElement;
  readonly sidebar: HTMLElement;
  readonly notices: HTMLElement;
  readonly readouts: HTMLElement;
  readonly formula: HTMLElement;
  readonly gui: HTMLElement;
  readonly chart: HTMLElement;
}

/** Options of createLab. */
export interface LabOptions {
  /** The link (location.hash) the state is read from. */
  readonly hash: string;
}

/** The elements of index.html by id; throws naming the first one missing. */
export function labDom(doc: Document): LabDom {
  const byId = (id: string): HTMLElement => {
    const el = doc.getElementById(id);
    if (!el) throw new Error(`#${id} missing from index.html`);
    return el;
  };
  return {
    viewport: byId('viewport'),
    view1d: byId('view1d'),
    viewImplicit: byId('viewImplicit'),
    sidebar: byId('sidebar'),
    notices: byId('notices'),
    readouts: byId('readouts'),
    formula: byId('formula-section'),
    gui: byId('gui-host'),
    chart: byId('chart-section'),
  };
}

/** Builds and starts the lab; resolves once the first surface is drawn (at once without WebGL2). */
export async function createLab(dom: LabDom, options: LabOptions): Promise<void> {
  const notices = new Notices(dom.notices);
  const decoded = decodeState(options.hash);
  const store = new Store(decoded.state);
  linkNotice(notices, decoded.messages);
  startupStatus(dom.viewport, notices, 'starting', 'Starting the compute backend…');
  // The link's backend= (auto, webgpu, webgl, cpu) is read once here; a new one needs a reload.
  const preference = parseBackendPreference(decoded.state.backend);
  const backend = await initBackend(preference);
  for (const el of document.querySelectorAll('[data-readout="backend"]')) el.textContent = backend.name;
  notices.show('backend', backendNotice(preference, backend), 'error');
  let scene: LabScene | null = null;
  try {
    scene = new LabScene(dom.viewport);
  } catch (error) {
    startupStatus(dom.viewport, notices, null, '');
    withoutWebGL(dom, store, notices, String(error));
  }
  if (scene) warnIfSoftwareRendering(scene.stage.renderer.getContext(), notices);
  await assemble(dom, store, notices, scene, backend, decoded.state.backend);
}

/** The 3D view's part of the lab: the surface's controller (LabApp) and what draws or reads it. */
interface Surface {
  readonly scene: LabScene;
  readonly app: LabApp;
  readonly evaluator: GridEvaluator;
  readonly breakdown: BreakdownPanel;
  readonly status: ViewportStatus;
}

/**
 * The one wiring of the lab: the panel, the link, the compute worker, the views of the registry,
 * the live formula and the lecture features. With a scene, the 3D view's part too (the surface,
 * picking, context loss, the network and the optimizer runs' paths on it), then the first grid;
 * with none (no WebGL2), exactly that part is left out (the runs stay, for f(x) in the 1D view) and
 * the views that need it are neither offered nor shown.
 */
async function assemble(dom: LabDom, store: Store, notices: Notices, scene: LabScene | null, backend: BackendChoice, computeBackend: string): Promise<void> {
  const panel = new LabPanel(dom.gui, store, {
    resetCamera: () => {
      scene?.resetCamera();
      store.set({ camera: '' });
    },
    copyLink: () => void copyLink(),
  });
  const surface = scene ? buildSurface(dom, store, notices, scene, panel) : null;
  const permalink = new PermalinkSync(store, window, (messages) => linkNotice(notices, messages));
  const compute = startCompute(computeBackend, notices);
  const network = surface ? buildNetwork(dom, store, surface, panel, compute) : undefined;
  const oneD = new OneDMode(dom.view1d, store);
  const twoD = surface ? [new TwoDView(store, panel, { viewport: dom.viewport, readouts: dom.readouts, formula: dom.formula })] : [];
  // Without the 3D view its panel controls (landscape, point, model, domain, colour…) stay hidden.
  // ... and the view menu offers only the views that work.
  if (!surface) {
    const needScene = VIEWS.filter((v) => viewNeedsScene(v.id)).map((v) => v.id);
    for (const id of needScene) panel.setViewControlsVisible(id, false);
    panel.leaveOutViews(needScene);
  }
  const views = new ViewHost(store, [...twoD, oneD]);
  views.register(new ImplicitView(dom.viewImplicit, store, panel));
  // View modules come after the network controller: a view may read the trained network (spectrum).
  for (const module of VIEW_MODULES) {
    if (!surface && viewNeedsScene(module.id)) continue;
    const container = viewContainer(module.id, findView(module.id).label, dom.sidebar);
    views.register(module.create({ store, panel, container, sidebar: dom.sidebar, compute: compute.then((c) => c.client), network }));
  }
  const liveFormula = new LiveFormula(dom.sidebar, store, dom.formula);
  surface?.app.onPointModel((model) => liveFormula.setPointModel(model));
  // Without the 3D view the runs on f(x) in the 1D view (Newton vs GD on x⁴ − 3x² + x) still work.
  const optimizers = wireOptimizers(store, surface?.app ?? NO_LANDSCAPE, surface?.scene ?? null, panel.root, dom.sidebar);
  // The runs are drawn in 2D and, on f(x), in 1D: their folder shows in both, N and B step both.
  panel.addViewControls(['2d', '1d'], [optimizers.panel.folder]);
  optimizers.controller.setViewSteps('1d', () => oneD.lastRunStep());
  // A small hook for tests and the benchmark: read-only views of the running lab (what exists of it).
  const basic = { state: () => store.get(), set: store.set.bind(store), backend, oneD, views, liveTensorCount, compute };
  if (surface && network) {
    const { app, breakdown, status } = surface;
    exposeTestHook({ ...basic, idle: () => app.idle(), app, scene: surface.scene, breakdown, network, optimizers, status });
  } else {
    // No grid is ever computed without the 3D view: nothing to wait for.
    exposeTestHook({ ...basic, idle: () => true });
  }
  wireLecture({ store, scene, notices, panel, viewport: dom.viewport, sidebar: dom.sidebar, permalink, optimizer: optimizers.controller, points: surface?.app });
  if (surface) await firstSurface(dom.viewport, notices, backend, surface.evaluator, surface.app);
}

/** The 3D view's controllers: picking on the scene, the error chart, the surface's controller, context loss. */
function buildSurface(dom: LabDom, store: Store, notices: Notices, scene: LabScene, panel: LabPanel): Surface {
  new PointerController(dom.viewport, scene, store);
  const evaluator = new GridEvaluator();
  const breakdown = new BreakdownPanel(dom.chart, store);
  const status = new ViewportStatus(dom.viewport);
  const formula = new FormulaInput(dom.formula, store);
  const app = new LabApp(store, evaluator, { scene, readouts: new Readouts(dom.readouts), notices, formula, panel, breakdown, status }, labLandscapes(formula));
  new ContextLoss(scene.stage, notices, () => app.start());
  return { scene, app, evaluator, breakdown, status };
}

/** The compute worker (WASM or CPU), started at once so it is ready when a network is asked for. */
function startCompute(backend: string, notices: Notices): Promise<ComputeConnection> {
  return connectCompute(backend).then((c) => {
    for (const el of document.querySelectorAll('[data-readout="compute-backend"]')) el.textContent = `${c.backend.name} (${c.where})`;
    if (c.workerProblem || c.backend.fallbackReason) notices.show('compute', `Network compute: ${[c.workerProblem, c.backend.fallbackReason].filter(Boolean).join('; ')}.`);
    return c;
  });
}

/** The network panel and controller; the training path is drawn on the scene while a network is shown. */
function buildNetwork(dom: LabDom, store: Store, { app, scene }: Surface, panel: LabPanel, compute: Promise<ComputeConnection>): NetworkController {
  // The panel's buttons call the controller, built next (it renders into the panel).
  const networkPanel = new NetworkPanel(panel.root, dom.sidebar, store, { retrain: () => network.retrain(), stop: () => network.stop() }, dom.readouts);
  const network = new NetworkController(store, app, networkPanel, compute.then((c) => c.client));
  network.onTrainingPath((path) => {
    scene.trainingPath.update(path ? [path] : []);
    scene.requestRender();
  });
  // The path belongs to the network slice: a formula landscape clears it.
  store.subscribe((st, changed) => {
    if (changed.has('landscape') && st.landscape !== 'network') scene.trainingPath.update([]);
  });
  return network;
}

/**
 * Says what the blank viewport is waiting for, and lets that paint before shader compilation
 * (synchronous on WebGL) holds the main thread; cleared once the first grid is drawn.
 */
async function firstSurface(viewport: HTMLElement, notices: Notices, backend: BackendChoice, evaluator: GridEvaluator, app: LabApp): Promise<void> {
  const gpu = backend.name !== 'cpu';
  startupStatus(viewport, notices, gpu ? 'compiling' : 'computing', gpu ? 'Compiling GPU shaders…' : 'Computing the grid…');
  await nextPaint();
  if (gpu) {
    await evaluator.warmUp(16);
    startupStatus(viewport, notices, 'computing', 'Computing the grid…');
  }
  await app.start();
  startupStatus(viewport, notices, null, '');
}

/** Says what was wrong with a link (the values kept instead are in the state); clears the notice for a good one. */
function linkNotice(notices: Notices, messages: readonly string[]): void {
  notices.show('link', messages.length > 0 ? `Link: ${messages.join('; ')}` : '', 'error');
}

/** Shows (or with null clears) the start-up status: data-status on #viewport and a notice. */
function startupStatus(viewport: HTMLElement, notices: Notices, status: string | null, text: string): void {
  if (status === null) delete viewport.dataset.status;
  else viewport.dataset.status = status;
  notices.show('startup', text);
}

/** Resolves after the browser has painted a frame (two animation frames). */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/**
 * The backend notice, '' when there is nothing to say: 'auto' without WebGPU quietly uses WebGL
 * (the badge shows it); only a refused WebGL, or a forced backend refused, is worth a message.
 */
function backendNotice(preference: BackendPreference, choice: BackendChoice): string {
  const refused = backendFallbacks();
  const webgl = refused.find((f) => f.backend === 'webgl');
  if (webgl) return `WebGL unavailable (${webgl.reason}): using the slower CPU backend.`;
  const webgpu = refused.find((f) => f.backend === 'webgpu');
  if (preference === 'webgpu' && webgpu) return `WebGPU unavailable (${webgpu.reason}): using the ${choice.name.toUpperCase()} backend.`;
  return '';
}

/** A software rasterizer (SwiftShader, llvmpipe) draws the N = 256 surface at a few frames a second: say so. */
function warnIfSoftwareRendering(gl: WebGLRenderingContext | WebGL2RenderingContext, notices: Notices): void {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  if (/swiftshader|llvmpipe|software/i.test(renderer)) {
    notices.show('software', 'WebGL runs in software here (no GPU): drawing is slow. Grid N = 128 keeps dragging smoother.');
  }
}

/**
 * Without WebGL2 there is no 3D view: say so plainly, hide what belongs to it, start on a view that
 * needs none, and refuse the views that need it (see refuseSceneViews). The rest of the lab is
 * built by the same assemble() as with WebGL2.
 */
function withoutWebGL(dom: LabDom, store: Store, notices: Notices, reason: string): void {
  const others = VIEWS.filter((v) => !viewNeedsScene(v.id) && !viewShows(v.id, 'curve')).map((v) => `${v.label} (key ${v.key})`);
  notices.show(
    'webgl',
    `The 3D view needs WebGL2, which this browser does not provide (${reason}). The 1D view (f(x), its Taylor polynomials, the error chart and the table) still works, and so do the views ${others.join(' and ')}.`,
    'error',
  );
  for (const el of [dom.viewport, dom.readouts, dom.formula, dom.chart]) el.hidden = true;
  const first = VIEWS.find((v) => !viewNeedsScene(v.id));
  if (first && viewNeedsScene(store.get().mode)) store.set({ mode: first.id });
  // LabApp sets the page's theme from the state; without it, this does.
  const theme = (): void => {
    document.documentElement.dataset.theme = store.get().theme;
  };
  theme();
  store.subscribe((_s, changed) => {
    if (changed.has('theme')) theme();
  });
  refuseSceneViews(store, notices);
}

/**
 * Keeps a view that needs the 3D scene off screen where there is none: whatever asks for it (its
 * key, the view menu, a link, a lecture scene, a view's button) leaves the view that was shown and
 * says why in the 'webgl-view' notice. Subscribed before everything else, so no other listener
 * ever sees such a mode; V skips those views (lectureWiring).
 */
function refuseSceneViews(store: Store, notices: Notices): void {
  let shown = store.get().mode;
  store.subscribe((s, changed) => {
    if (!changed.has('mode')) return;
    if (!viewNeedsScene(s.mode)) {
      shown = s.mode;
      notices.show('webgl-view', '');
      return;
    }
    const asked = findView(s.mode);
    store.set({ mode: shown });
    // After the set: the nested notification (a mode that needs no scene) clears the notice.
    const why = viewShows(asked.id, 'landscape') ? 'The 3D view needs WebGL2, which this browser does not provide' : `The view ${asked.label} needs the network trained in the 3D view, which needs WebGL2`;
    notices.show('webgl-view', `${why}: the view ${findView(shown).label} stays.`, 'error');
  });
}

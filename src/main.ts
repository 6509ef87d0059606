import './ui/styles.css';
import { backendFallbacks, initBackend, liveTensorCount, parseBackendPreference, type BackendChoice, type BackendPreference } from './compute/backend';
import { GridEvaluator } from './compute/GridEvaluator';
import { LabScene } from './scene/LabScene';
import { Store } from './state/Store';
import { decodeState } from './state/permalink';
import { LabApp } from './app/LabApp';
import { Readouts } from './ui/Readouts';
import { Notices } from './ui/Notices';
import { FormulaInput } from './ui/FormulaInput';
import { LabPanel } from './ui/LabPanel';
import { PointerController } from './ui/PointerController';
import { copyLink, PermalinkSync } from './ui/PermalinkSync';
import { wireLecture } from './app/lectureWiring';
import { ContextLoss } from './app/ContextLoss';
import { OneDMode } from './app/OneDMode';
import { ImplicitView } from './views/implicit/ImplicitView';
import { BreakdownPanel } from './app/BreakdownPanel';
import { exposeTestHook } from './app/exposeTestHook';
import { LiveFormula } from './ui/LiveFormula';
import { ViewHost } from './views/ViewHost';
import { TwoDView } from './views/twoD/TwoDView';
import { NetworkController } from './app/network/NetworkController';
import { NetworkPanel } from './ui/NetworkPanel';
import { wireOptimizers } from './app/optimizer/wireOptimizers';
import { connectCompute } from './app/network/computeConnection';
import { ViewportStatus } from './ui/ViewportStatus';
import { VIEW_MODULES } from './views/registry';
import { viewContainer } from './views/ViewModule';
import { findView } from './state/views';

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el;
}

async function main(): Promise<void> {
  const notices = new Notices(byId('notices'));
  const decoded = decodeState(location.hash);
  const store = new Store(decoded.state);
  if (decoded.messages.length > 0) notices.show('link', `Link: ${decoded.messages.join('; ')}`, 'error');

  const viewport = byId('viewport');
  startupStatus(viewport, notices, 'starting', 'Starting the compute backend…');
  // The link's backend= (auto, webgpu, webgl, cpu) is read once here; a new one needs a reload.
  const preference = parseBackendPreference(decoded.state.backend);
  const backend = await initBackend(preference);
  for (const el of document.querySelectorAll('[data-readout="backend"]')) el.textContent = backend.name;
  notices.show('backend', backendNotice(preference, backend), 'error');

  let scene: LabScene;
  try {
    scene = new LabScene(viewport);
  } catch (error) {
    startupStatus(viewport, notices, null, '');
    startWithoutWebGL(store, notices, viewport, String(error));
    return;
  }
  warnIfSoftwareRendering(scene.stage.renderer.getContext(), notices);
  const readouts = new Readouts(byId('readouts'));
  const formula = new FormulaInput(byId('formula-section'), store);
  const panel = new LabPanel(byId('gui-host'), store, {
    resetCamera: () => {
      scene.resetCamera();
      store.set({ camera: '' });
    },
    copyLink: () => void copyLink(),
  });
  new PointerController(viewport, scene, store);
  const permalink = new PermalinkSync(store);
  const evaluator = new GridEvaluator();
  const oneD = new OneDMode(byId('view1d'), store);
  const breakdown = new BreakdownPanel(byId('chart-section'), store);
  const status = new ViewportStatus(viewport);
  const app = new LabApp(store, evaluator, { scene, readouts, notices, formula, panel, breakdown, status });
  new ContextLoss(scene.stage, notices, () => app.start());
  // Training, slice grids and eigen-solves run in the compute worker (WASM or CPU), started now
  // so that it is ready by the time a network is asked for.
  const compute = connectCompute(decoded.state.backend).then((c) => {
    for (const el of document.querySelectorAll('[data-readout="compute-backend"]')) el.textContent = `${c.backend.name} (${c.where})`;
    if (c.workerProblem || c.backend.fallbackReason) notices.show('compute', `Network compute: ${[c.workerProblem, c.backend.fallbackReason].filter(Boolean).join('; ')}.`);
    return c;
  });
  const twoD = new TwoDView(store, panel, { viewport, readouts: byId('readouts'), formula: byId('formula-section') });
  const views = new ViewHost(store, [twoD, oneD]);
  const implicitView = new ImplicitView(byId('viewImplicit'), store, panel);
  views.register(implicitView);
  const liveFormula = new LiveFormula(byId('sidebar'), store, byId('formula-section'));
  app.onPointModel((model) => liveFormula.setPointModel(model));
  // The panel's buttons call the controller, which is built next and renders into the panel.
  const networkActions = { retrain: (): void => undefined, stop: (): void => undefined };
  const networkPanel = new NetworkPanel(panel.root, byId('sidebar'), store, networkActions, byId('readouts'));
  const network = new NetworkController(store, app, networkPanel, compute.then((c) => c.client));
  // View modules come after the network controller: a view may read the trained network (spectrum).
  for (const module of VIEW_MODULES) {
    const container = viewContainer(module.id, findView(module.id).label, byId('sidebar'));
    views.register(module.create({ store, panel, container, sidebar: byId('sidebar'), compute: compute.then((c) => c.client), network }));
  }
  network.onTrainingPath((path) => {
    scene.trainingPath.update(path ? [path] : []);
    scene.requestRender();
  });
  // The path belongs to the network slice: a formula landscape clears it.
  store.subscribe((st, changed) => {
    if (changed.has('landscape') && st.landscape !== 'network') scene.trainingPath.update([]);
  });
  Object.assign(networkActions, { retrain: () => network.retrain(), stop: () => network.stop() });
  const optimizers = wireOptimizers(store, app, scene, panel.root, byId('sidebar'));
  // The runs are drawn in 2D and, on f(x), in 1D: their folder shows in both, N and B step both.
  panel.addViewControls(['2d', '1d'], [optimizers.panel.folder]);
  optimizers.controller.setViewSteps('1d', () => oneD.lastRunStep());
  // A small hook for tests and the benchmark: read-only views of the running lab.
  exposeTestHook({ idle: () => app.idle(), state: () => store.get(), set: store.set.bind(store), app, scene, backend, oneD, breakdown, views, network, optimizers, liveTensorCount, compute, status });
  wireLecture({ store, scene, notices, panel, viewport, sidebar: byId('sidebar'), permalink, optimizer: optimizers.controller });
  // Say what the blank viewport is waiting for, and let that paint before shader compilation
  // (synchronous on WebGL) holds the main thread; cleared once the first grid is drawn.
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
 * Without WebGL2 there is no 3D view: say so plainly and keep what needs none (the 1D view, its
 * charts and table, permalinks) instead of leaving a dead page.
 */
function startWithoutWebGL(store: Store, notices: Notices, viewport: HTMLElement, reason: string): void {
  notices.show('webgl', `The 3D view needs WebGL2, which this browser does not provide (${reason}). The 1D view (f(x), its Taylor polynomials, the error chart and the table) still works.`, 'error');
  viewport.hidden = true;
  document.documentElement.dataset.mode = '1d';
  store.set({ mode: '1d' });
  const oneD = new OneDMode(byId('view1d'), store);
  new ViewHost(store, [oneD]);
  new PermalinkSync(store);
  exposeTestHook({ idle: () => true, state: () => store.get(), set: store.set.bind(store), oneD });
}

void main();

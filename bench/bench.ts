/**
 * `npm run bench`: in headless Chromium, one run prints the backend and renderer, grid-pass times
 * per backend (WebGPU where offered, WebGL, CPU; N = 64..512; first call and median) beside the old
 * two-pass structure and a plain closed-form loop, kernels per pass, frame times (point still and
 * dragged, coarse mesh on and off) and the time from navigation to the first drawn surface.
 * Numbers, not pass/fail: machines are noisy.
 */
import { startDevServer } from '../scripts/devServer';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../src/cli/chromium';
import { formatGridRatios, formatGridTable, formatNetworkRatios, formatNetworkTable, type BackendFigures, type NetworkFigures, type Timing } from './gridTable';

/** --enable-unsafe-webgpu: headless Chromium then offers its (SwiftShader) WebGPU adapter. */
const BENCH_ARGS = [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'];

interface FrameStats {
  still: number;
  drag: number;
  dragOrder6: number;
  updateOrder6: number;
}

async function frameTimes(page: Page, coarse: boolean): Promise<FrameStats> {
  return page.evaluate(async (coarseOn) => {
    interface Lab {
      set(p: object): void;
      scene: { setCoarseWhileMoving(on: boolean): void; stage: { renderNow(): void; renderer: { getContext(): WebGL2RenderingContext } } };
    }
    const lab = (window as unknown as { __taylorLab: Lab }).__taylorLab;
    lab.scene.setCoarseWhileMoving(coarseOn);
    const gl = lab.scene.stage.renderer.getContext();
    const pixel = new Uint8Array(4);
    // readPixels waits for the GPU, so each sample is a whole frame, not just its submission.
    const frame = (before: () => void): number => {
      const t0 = performance.now();
      before();
      lab.scene.stage.renderNow();
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
      return performance.now() - t0;
    };
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
    const sample = (count: number, before: (i: number) => void) => median(Array.from({ length: count }, (_, i) => frame(() => before(i))));
    lab.set({ order: 2 });
    const still = sample(40, () => undefined);
    const drag = sample(40, (i) => lab.set({ x: 0.3 + 0.01 * i, y: 0.4 - 0.005 * i }));
    lab.set({ order: 6 });
    const dragOrder6 = sample(40, (i) => lab.set({ x: 0.3 + 0.01 * i, y: 0.4 - 0.005 * i }));
    // The CPU side of one drag event alone: jets to order 6, eigen, readouts, uniforms.
    const times = Array.from({ length: 200 }, (_, i) => {
      const t0 = performance.now();
      lab.set({ x: 0.2 + 0.002 * i, y: 0.3 });
      return performance.now() - t0;
    });
    return { still, drag, dragOrder6, updateOrder6: median(times) };
  }, coarse);
}

interface FirstSurface {
  surface: number;
  paint: number;
  /** When #viewport first carried a data-status (a start-up message on screen); NaN if never. */
  status: number;
}

/** Navigation to the first drawn surface (the lab idle with a grid), ms since navigation start. */
async function timeToFirstSurface(page: Page, url: string): Promise<FirstSurface> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __taylorLab?: { idle(): boolean } }).__taylorLab?.idle() === true, undefined, { timeout: 120_000, polling: 'raf' });
  return page.evaluate(() => ({
    surface: performance.now(),
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    status: (window as unknown as { __statusAt?: number }).__statusAt ?? NaN,
  }));
}

/** Runs before any page script: records when #viewport first carries a data-status. */
const STATUS_WATCH = `new MutationObserver((_, obs) => {
  if (document.getElementById('viewport')?.dataset.status === undefined) return;
  window.__statusAt = performance.now();
  obs.disconnect();
}).observe(document, { attributes: true, childList: true, subtree: true });`;

/** Links of the fresh navigations: the first also warms Vite's module cache, the last forces WebGL. */
const FIRST_SURFACE_LINKS = ['n=256', 'n=256', 'n=256', 'n=256&backend=webgl', 'n=256&backend=webgl'];

/** One fresh page per link; each result is one navigation, with the backend the page chose. */
async function firstSurfaceRuns(browser: Browser, base: string): Promise<(FirstSurface & { link: string; backend: string })[]> {
  const runs = [];
  for (const link of FIRST_SURFACE_LINKS) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript('window.__name = (f) => f;');
    await page.addInitScript(STATUS_WATCH);
    const r = await timeToFirstSurface(page, `${base}#${link}`);
    const backend = await page.locator('[data-readout="backend"]').first().innerText().catch(() => '?');
    runs.push({ ...r, link, backend });
    await page.close();
  }
  return runs;
}

function printFirstSurface(runs: (FirstSurface & { link: string; backend: string })[]): void {
  console.log('navigation -> first drawn surface (fresh page each; load 1 also fills the Vite cache), ms:');
  for (const [k, r] of runs.entries()) {
    const status = Number.isNaN(r.status) ? 'never' : `${r.status.toFixed(0)}`;
    console.log(`  load ${k + 1} #${r.link.padEnd(22)} backend ${r.backend.padEnd(7)} first surface ${r.surface.toFixed(0).padStart(6)}  first contentful paint ${r.paint.toFixed(0).padStart(5)}  start-up status shown ${status}`);
  }
}

type GridResult = { renderer: string; webgpuAdapter?: string; loops: Record<number, Timing> } & Record<string, BackendFigures | NetworkFigures | { error: string }>;

function printGrid(grid: GridResult): void {
  console.log(`renderer (WebGL): ${grid.renderer}`);
  console.log(`WebGPU adapter: ${grid.webgpuAdapter ?? 'none'}`);
  console.log('grid pass (f, grad, Hessian by autodiff), double well, ms: median (first call)');
  const figures = (name: string): BackendFigures | null => {
    const f = grid[name] as BackendFigures | { error: string } | undefined;
    return f && !('error' in f) ? f : null;
  };
  for (const name of ['webgpu', 'webgl', 'cpu']) {
    const f = figures(name);
    if (!f) console.log(`${name}: not offered (${(grid[name] as { error?: string } | undefined)?.error ?? 'not run'})`);
    else for (const line of formatGridTable(name, f, grid.loops)) console.log(line);
  }
  const [g, w, c] = ['webgpu', 'webgl', 'cpu'].map(figures);
  if (w && c) console.log(formatGridRatios('cpu/webgl pass time', c, w));
  if (g && w) console.log(formatGridRatios('webgl/webgpu pass time', w, g));
  const nets = ['webgl', 'cpu'].map((name) => grid[`${name}Network`] as NetworkFigures | undefined);
  for (const [k, net] of nets.entries()) if (net) for (const line of formatNetworkTable(`${['webgl', 'cpu'][k]} network`, net)) console.log(line);
  if (nets[0] && nets[1]) console.log(formatNetworkRatios('cpu/webgl network time', nets[1], nets[0]));
}

function printFrames(label: string, frames: FrameStats): void {
  console.log(`frame time at N = 256, ${label} (1280x800, median of 40, GPU-synced), ms:`);
  console.log(`  point still            ${frames.still.toFixed(2)}`);
  console.log(`  dragging, order 2      ${frames.drag.toFixed(2)}   (ratio to still ${(frames.drag / frames.still).toFixed(2)})`);
  console.log(`  dragging, order 6      ${frames.dragOrder6.toFixed(2)}   (ratio to still ${(frames.dragOrder6 / frames.still).toFixed(2)})`);
  console.log(`  state update per drag event, order 6, no draw: ${frames.updateOrder6.toFixed(3)}`);
}

async function main(): Promise<void> {
  const { server, base } = await startDevServer();
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: BENCH_ARGS });
  try {
    // First, fresh pages with a cold cache for tfjs shaders: the user's first impression.
    printFirstSurface(await firstSurfaceRuns(browser, base));
    if (process.argv.includes('--first-surface')) return;
    await (await import('./networkPageBench')).runNetworkPageBench(browser, base);
    if (process.argv.includes('--network-page')) return;
    const app = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // tsx keeps function names with a __name helper that the page does not have.
    await app.addInitScript('window.__name = (f) => f;');
    await timeToFirstSurface(app, `${base}#n=256`);
    const backend = await app.locator('[data-readout="backend"]').first().innerText().catch(() => '?');
    console.log(`app backend: ${backend}`);
    const off = await frameTimes(app, false);
    const on = await frameTimes(app, true);
    printFrames('coarse mesh OFF (full mesh always, as before)', off);
    printFrames('coarse mesh ON (64 x 64 while moving)', on);
    console.log(`drag frame speed-up from the coarse mesh: order 2 ${(off.drag / on.drag).toFixed(2)}x, order 6 ${(off.dragOrder6 / on.dragOrder6).toFixed(2)}x; still frame ratio ${(off.still / on.still).toFixed(2)}`);
    await app.close();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The network slice at N = 128 takes minutes per backend on a software GPU: BENCH_NET_SIZES adds it.
    await page.goto(`${base}bench/gridBench.html?net=${process.env.BENCH_NET_SIZES ?? '32,64'}`);
    await page.waitForFunction(() => (window as unknown as { __benchResult?: unknown }).__benchResult !== undefined, undefined, { timeout: 600_000 });
    printGrid((await page.evaluate(() => (window as unknown as { __benchResult: unknown }).__benchResult)) as GridResult);
  } finally {
    await browser.close();
    await server.close();
  }
  // Slice grid engines (issue 15) in this Node process: nested pass, jets on tfjs CPU and WASM, float64 loop.
  await (await import('./sliceEngineBench')).runSliceEngineBench();
  // The GD map's diagram and the edge-of-stability preset with and without its sharpness track (issue 18).
  await (await import('./eosBench')).runEosBench();
  await (await import('./realDataBench')).runRealDataBench(); // digits and MNIST 14×14 (issue 16)
  await (await import('./spectrumBench')).runSpectrumBench(); // Hessian spectrum, default and digits nets (issue 17)
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

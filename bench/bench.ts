/**
 * `npm run bench`: grid-pass times (WebGL and CPU, N = 64..512) and frame times (point still and
 * dragged) in headless Chromium, printed as one table. Numbers, not pass/fail: machines are noisy.
 */
import { createServer } from 'vite';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/browser/harness';

interface FrameStats {
  still: number;
  drag: number;
  dragOrder6: number;
  updateOrder6: number;
}

async function frameTimes(page: Page): Promise<FrameStats> {
  return page.evaluate(async () => {
    interface Lab {
      set(p: object): void;
      scene: { stage: { renderNow(): void; renderer: { getContext(): WebGL2RenderingContext } } };
    }
    const lab = (window as unknown as { __taylorLab: Lab }).__taylorLab;
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
  });
}

async function main(): Promise<void> {
  const server = await createServer({ configFile: 'vite.config.ts', logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const base = `http://127.0.0.1:${address.port}/`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}bench/gridBench.html`);
    await page.waitForFunction(() => (window as unknown as { __benchResult?: unknown }).__benchResult !== undefined, undefined, { timeout: 300_000 });
    const grid = (await page.evaluate(() => (window as unknown as { __benchResult: unknown }).__benchResult)) as Record<string, Record<number, { first: number; median: number }>> & { renderer: string };
    console.log(`renderer: ${grid.renderer}`);
    console.log('grid pass (f, grad, Hessian by autodiff), ms: median (first call)');
    console.log('N       webgl              cpu               cpu/webgl');
    for (const n of [64, 128, 256, 512]) {
      const w = grid.webgl?.[n];
      const c = grid.cpu?.[n];
      const fmt = (r?: { first: number; median: number }) => (r ? `${r.median.toFixed(1)} (${r.first.toFixed(0)})` : 'n/a');
      console.log(`${String(n).padEnd(8)}${fmt(w).padEnd(19)}${fmt(c).padEnd(18)}${w && c ? (c.median / w.median).toFixed(2) : ''}`);
    }
    const app = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // tsx keeps function names with a __name helper that the page does not have.
    await app.addInitScript('window.__name = (f) => f;');
    await app.goto(`${base}#n=256`);
    await app.waitForFunction(() => (window as unknown as { __taylorLab?: { idle(): boolean } }).__taylorLab?.idle() === true, undefined, { timeout: 120_000 });
    const frames = await frameTimes(app);
    console.log('frame time at N = 256 (1280x800, median of 40, GPU-synced), ms:');
    console.log(`  point still            ${frames.still.toFixed(2)}`);
    console.log(`  dragging, order 2      ${frames.drag.toFixed(2)}   (ratio to still ${(frames.drag / frames.still).toFixed(2)})`);
    console.log(`  dragging, order 6      ${frames.dragOrder6.toFixed(2)}   (ratio to still ${(frames.dragOrder6 / frames.still).toFixed(2)})`);
    console.log(`  state update per drag event, order 6, no draw: ${frames.updateOrder6.toFixed(3)}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

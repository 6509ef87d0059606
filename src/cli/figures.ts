/**
 * `npm run figures`: renders the lessons' figures from the running app into outputs/: for each 1D
 * example the Taylor-curve plot (<name>-taylor.png) and its error-vs-step chart (<name>-error.png),
 * plus the 2D double well's error chart. Starts its own Vite dev server and headless Chromium, opens
 * each example by permalink, waits until the view is drawn, screenshots the elements and exits
 * non-zero on any failure.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import { preset1DPatch } from '../state/actions';
import { encodeState } from '../state/permalink';
import { defaultState, type LabState } from '../state/schema';

/** One figure: a state, the element that says it is drawn, and the elements to capture. */
interface Figure {
  readonly name: string;
  readonly patch: Partial<LabState>;
  readonly ready: string;
  readonly shots: readonly { readonly suffix: string; readonly selector: string }[];
  readonly viewport: { readonly width: number; readonly height: number };
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT_DIR = path.join(ROOT, 'outputs');
const TIMEOUT_MS = 90_000;
const ONE_D_SHOTS = [
  { suffix: 'taylor', selector: '[data-testid="curve1d"]' },
  { suffix: 'error', selector: '[data-testid="error1d"]' },
];

function oneD(name: string, presetId: string): Figure {
  return {
    name,
    patch: { mode: '1d', ...preset1DPatch(presetId) },
    ready: '[data-testid="view1d"][data-ready="true"]',
    shots: ONE_D_SHOTS,
    viewport: { width: 1280, height: 800 },
  };
}

/** The lessons' examples: Day 42's x^3 at 1 (orders 1, 2), sin at 0 (1, 3, 5) on [-2π, 2π], x^4 at 1, the double well. */
const FIGURES: readonly Figure[] = [
  oneD('day42-cubic', 'day42-cubic'),
  oneD('sin-135', 'sin-135'),
  oneD('quartic', 'quartic'),
  {
    // At the default point (0.5, 0.5) eigenvector 1 is the x axis (curvature -1): orders 0..2 give slopes 1, 2, 3.
    name: 'double-well',
    patch: { mode: '2d', direction: 'eigen1', order: 2, showChart: true },
    ready: '[data-testid="breakdown"][data-ready="true"]',
    shots: [{ suffix: 'error', selector: '[data-testid="breakdown-chart"]' }],
    // A wide window gives the sidebar its largest width (26vw, at most 520 px).
    viewport: { width: 2000, height: 1000 },
  },
];

async function startServer(): Promise<{ server: ViteDevServer; baseUrl: string }> {
  const server = await createServer({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1' },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('vite server has no port');
  return { server, baseUrl: `http://127.0.0.1:${address.port}/` };
}

/** Waits until the lab is idle, the figure's view says it is drawn, and two frames have been painted. */
async function waitForFigure(page: Page, ready: string): Promise<void> {
  await page.waitForFunction(
    () => {
      const lab = (window as unknown as { __taylorLab?: { idle(): boolean } }).__taylorLab;
      return lab !== undefined && lab.idle();
    },
    undefined,
    { timeout: TIMEOUT_MS },
  );
  await page.waitForSelector(ready, { timeout: TIMEOUT_MS });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function renderFigure(browser: Browser, baseUrl: string, figure: Figure): Promise<string[]> {
  const page = await browser.newPage({ viewport: figure.viewport, deviceScaleFactor: 2 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    const hash = encodeState({ ...defaultState(), ...figure.patch });
    await page.goto(`${baseUrl}#${hash}`);
    await waitForFigure(page, figure.ready);
    const written: string[] = [];
    for (const shot of figure.shots) {
      const file = path.join(OUT_DIR, `${figure.name}-${shot.suffix}.png`);
      await page.locator(shot.selector).first().screenshot({ path: file, animations: 'disabled' });
      written.push(file);
    }
    if (errors.length > 0) throw new Error(`${figure.name}: page errors: ${errors.join('; ')}`);
    return written;
  } finally {
    await page.close();
  }
}

async function main(): Promise<number> {
  await mkdir(OUT_DIR, { recursive: true });
  let server: ViteDevServer | undefined;
  let browser: Browser | undefined;
  try {
    const started = await startServer();
    server = started.server;
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS] });
    for (const figure of FIGURES) {
      for (const file of await renderFigure(browser, started.baseUrl, figure)) {
        const { size } = await stat(file);
        console.log(`wrote ${path.relative(process.cwd(), file)} (${size} bytes)`);
      }
    }
    return 0;
  } catch (e) {
    console.error(`figures: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await browser?.close();
    await server?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

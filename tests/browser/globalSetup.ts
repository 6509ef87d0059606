import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import { build, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { startDevServer } from '../../scripts/devServer';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/cli/chromium';
import type { TestProject } from 'vitest/node';

let dev: ViteDevServer | undefined;
let site: PreviewServer | undefined;
let outDir: string | undefined;
let chromiumServer: BrowserServer | undefined;

/**
 * Serves the lab twice for all browser tests, on free loopback ports:
 * - `baseUrl`: the built site (as users get it: bundled, with its Content-Security-Policy), built
 *   with VITE_TEST_HOOK=1 so that `window.__taylorLab` exists. A page loads ~17 files instead of
 *   the dev server's ~250 modules: it opens in ~2 s instead of ~3.5 s, and no test can be hit by
 *   the dev server re-optimising dependencies and reloading the page mid-test.
 * - `devUrl`: the Vite dev server, for the few tests that import the app's source modules into
 *   the page by URL (`import('/src/…')`) to reach the very module instances the app uses.
 */
export async function setup(project: TestProject): Promise<void> {
  outDir = mkdtempSync(path.join(tmpdir(), 'taylor-lab-test-site-'));
  // Vitest sets NODE_ENV=test, which would make a development build (import.meta.env.DEV).
  const saved = { nodeEnv: process.env.NODE_ENV, hook: process.env.VITE_TEST_HOOK };
  process.env.NODE_ENV = 'production';
  process.env.VITE_TEST_HOOK = '1';
  try {
    await build({ configFile: 'vite.config.ts', mode: 'production', logLevel: 'error', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = saved.nodeEnv;
    if (saved.hook === undefined) delete process.env.VITE_TEST_HOOK;
    else process.env.VITE_TEST_HOOK = saved.hook;
  }
  site = await preview({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const siteAddress = site.httpServer.address();
  if (!siteAddress || typeof siteAddress === 'string') throw new Error('preview server has no port');
  project.provide('baseUrl', `http://127.0.0.1:${siteAddress.port}/`);

  const started = await startDevServer();
  dev = started.server;
  project.provide('devUrl', started.base);

  // One Chromium for every file (harness.ts connects to it; each file's pages live in contexts of
  // its own, closed when the file disconnects): starting and stopping a browser per file cost
  // ~0.6 s of wall time and more of CPU, 32 times a run.
  chromiumServer = await chromium.launchServer({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS] });
  project.provide('chromiumEndpoint', chromiumServer.wsEndpoint());
}

/** Stops both servers and removes the built site. */
export async function teardown(): Promise<void> {
  await chromiumServer?.close();
  await dev?.close();
  await new Promise((resolve) => (site ? site.httpServer.close(resolve) : resolve(undefined)));
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built site with the test hook. */
    baseUrl: string;
    /** The dev server (source modules importable by URL). */
    devUrl: string;
    /** The shared Chromium's endpoint (chromium.connect). */
    chromiumEndpoint: string;
  }
}

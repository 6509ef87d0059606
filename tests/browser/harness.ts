import { chromium, type Browser, type Download, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, inject } from 'vitest';

export { CHROMIUM_ARGS } from '../../src/cli/chromium';

/**
 * Connects to the system Chromium that globalSetup.ts started for all files (never a downloaded
 * one). Its close() closes the pages and contexts this connection made and disconnects; the
 * browser stays for the next file. A test that needs other command-line flags launches its own.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.connect(inject('chromiumEndpoint'));
}

/** The bytes of a download (over a connection to a shared browser, download.path() is not available). */
export async function downloadBytes(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * One browser for the calling describe block: started (and test-results/ made, for the screenshots
 * tests save) before its tests, closed after them. Returns a getter, valid inside the tests and in
 * later beforeAll hooks.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser has not started: call the getter inside a test or a later hook');
    return browser;
  };
}

/** Where openLab opens the lab, and whether the page may inject scripts. */
export interface OpenOptions {
  /** The built site (default), or the dev server for a test that imports the app's source modules by URL (see globalSetup.ts). */
  readonly server?: 'site' | 'dev';
  /** Lets the test inject a script tag (axe) past the built site's Content-Security-Policy. */
  readonly bypassCSP?: boolean;
  /**
   * Emulates a user who prefers reduced motion: scene changes and camera flights jump to their end
   * (src/app/animate.ts) instead of animating for 600 ms, each frame drawn in software.
   */
  readonly reducedMotion?: boolean;
}

/**
 * Opens a page on the lab (optionally with a hash) without waiting for anything — a network's
 * first grid follows its training — and collects page errors (a Content-Security-Policy violation
 * is one: the built site carries its policy).
 */
export async function openPage(browser: Browser, hash = '', viewport = { width: 1280, height: 800 }, options: OpenOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const { server = 'site', bypassCSP = false, reducedMotion = false } = options;
  const page = await browser.newPage({ viewport, bypassCSP, reducedMotion: reducedMotion ? 'reduce' : 'no-preference' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(inject(server === 'dev' ? 'devUrl' : 'baseUrl') + (hash ? `#${hash}` : ''));
  return { page, errors };
}

/** Opens the lab (openPage) and waits until its first grid is drawn. */
export async function openLab(browser: Browser, hash = '', viewport = { width: 1280, height: 800 }, options: OpenOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, hash, viewport, options);
  await waitForIdle(opened.page);
  return opened;
}

/** Waits until a network's slice is the landscape on screen and its grid pass is done. */
export async function waitForNetworkSurface(page: Page, timeout = 240_000): Promise<void> {
  await page.waitForFunction(() => {
    const lab = window.__taylorLab;
    return lab !== undefined && lab.idle() && lab.app.currentLandscape?.kind === 'network';
  }, undefined, { timeout });
}

/** Waits until the lab has no grid pass in flight and has drawn at least once. */
export async function waitForIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const lab = window.__taylorLab;
    return lab !== undefined && lab.idle();
  }, undefined, { timeout: 90_000 });
}

/** Reads one data-readout value as text. */
export function readout(page: Page, key: string): Promise<string> {
  return page.locator(`[data-readout="${key}"]`).first().innerText();
}

/** Reads one data-readout value as a number. */
export async function readNumber(page: Page, key: string): Promise<number> {
  return Number(await readout(page, key));
}

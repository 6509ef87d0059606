import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './harness';
import { imageStats } from './screen';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The policy the build wrote into index.html as <meta http-equiv="Content-Security-Policy">. */
function metaPolicy(html: string): string {
  const match = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
  if (!match) throw new Error('built index.html declares no Content-Security-Policy');
  return match[1].replaceAll('&#39;', "'").replaceAll('&quot;', '"');
}

/** A static server for the built site that also sends the policy as a header, as a host would. */
function serve(root: string, policy: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(root, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(root + path.sep)) return void res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': policy });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` });
    });
  });
}

interface Watched {
  page: Page;
  violations: () => Promise<string[]>;
  errors: string[];
}

/** Opens a page that records every CSP violation (from the page's own listener) and every console error. */
async function openWatched(browser: Browser, url: string): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  // Init scripts come from the DevTools protocol, so the policy under test does not block this one.
  await page.addInitScript(() => {
    const log: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: log });
    document.addEventListener('securitypolicyviolation', (e) => log.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  });
  await page.goto(url);
  const violations = () => page.evaluate(() => [...(window as unknown as { __cspViolations: string[] }).__cspViolations]);
  return { page, violations, errors };
}

describe('the built site under its Content-Security-Policy', () => {
  let browser: Browser;
  let outDir: string;
  let server: Server;
  let url: string;
  let policy: string;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'taylor-lab-dist-'));
    // Vitest sets NODE_ENV=test, which would make this a development build (import.meta.env.DEV).
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: 'vite.config.ts', mode: 'production', logLevel: 'error', build: { outDir, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    policy = metaPolicy(readFileSync(path.join(outDir, 'index.html'), 'utf8'));
    ({ server, url } = await serve(outDir, policy));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('declares scripts from the site only: no unsafe-eval (WebAssembly compilation only), no inline script, no plugins, no base', () => {
    const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy.split(/[\s;]+/)).not.toContain("'unsafe-eval'");
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    // Every <script> in the page loads a file; none carries code of its own.
    expect([...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].every((m) => /\bsrc=/.test(m[0]) && m[1].trim() === '')).toBe(true);
  });

  it('runs the double well on WebGL with zero violations and exposes no test hook', async () => {
    const { page, violations, errors } = await openWatched(browser, url);
    await expect.poll(() => page.locator('[data-readout="backend"]').innerText(), { timeout: 90_000 }).toBe('webgl');
    // The seed's double well f = (x^2 - 1)^2 + y^2 at (0.5, 0.5): f = 0.8125, fx = -1.5, fxx = -1, fyy = 2.
    await expect.poll(() => page.locator('[data-readout="f"]').innerText(), { timeout: 90_000 }).toBe('0.8125');
    expect(Number(await page.locator('[data-readout="gx"]').innerText())).toBe(-1.5);
    expect(Number(await page.locator('[data-readout="hxx"]').innerText())).toBe(-1);
    expect(Number(await page.locator('[data-readout="hyy"]').innerText())).toBe(2);
    // fxx = -1 < 0 < fyy = 2 away from a critical point: the readout names the shape, not just 'regular'.
    expect(await page.locator('[data-readout="class"]').innerText()).toBe('regular');
    expect(await page.locator('[data-readout="shape"]').innerText()).toBe('regular point, saddle-shaped (λ₁ < 0 < λ₂)');
    // lil-gui (an injected <style>), KaTeX and uPlot all rendered under the policy.
    await expect.poll(() => page.locator('.katex').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('.lil-gui').count()).toBeGreaterThan(0);
    await expect.poll(async () => imageStats(await page.locator('#viewport canvas').first().screenshot()).distinctColors, { timeout: 60_000 }).toBeGreaterThan(500);
    expect(await page.evaluate(() => '__taylorLab' in window)).toBe(false);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains and slices a network in the compute worker on WASM, with zero violations', async () => {
    const { page, violations, errors } = await openWatched(browser, `${url}#landscape=network&netHidden=4&netSteps=30&netSamples=60`);
    await expect.poll(() => page.locator('[data-readout="compute-backend"]').innerText(), { timeout: 90_000 }).toBe('wasm (worker)');
    await expect.poll(async () => Number(await page.locator('[data-readout="f"]').innerText()), { timeout: 120_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#viewport').getAttribute('data-waiting'), { timeout: 120_000 }).toBeNull();
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is really enforced: an injected inline script is blocked and reported', async () => {
    const { page, violations } = await openWatched(browser, url);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.head.append(script);
    });
    // One report per copy of the policy (the <meta> and the header), each about the inline script.
    await expect.poll(async () => (await violations()).length).toBeGreaterThan(0);
    for (const v of await violations()) expect(v).toMatch(/^script-src-elem blocked inline/);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    await page.close();
  });
});

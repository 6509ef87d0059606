/**
 * A browser without WebGL2 (issue 20 item 4): the lab is the same wiring with the 3D view absent.
 * The 1D view shows the Day 42 numbers, key 3 the implicit view with its diagram, key 4 the GD-map
 * view with its flip points; key 2 (the 3D view) keeps the view on screen and says it needs WebGL2,
 * V skips the views that need the 3D scene, and the test hook offers only what exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS } from './harness';
import { chromiumPath } from '../../src/cli/chromium';
import { quarticFlips } from '../unit/support/quarticClosedForms';
import { VIEWS } from '../../src/state/views';

function mode(page: Page): Promise<string> {
  return page.evaluate(() => window.__taylorLab.state().mode);
}

describe('a browser without WebGL', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const args = CHROMIUM_ARGS.filter((a) => !a.includes('swiftshader')).concat(['--disable-webgl', '--disable-webgl2', '--disable-3d-apis']);
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(inject('baseUrl'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says the 3D view needs WebGL2, names the views that work, and keeps the 1D view with the Day 42 numbers working', async () => {
    const notice = page.locator('[data-notice="webgl"]');
    await expect.poll(() => notice.count(), { timeout: 60_000 }).toBe(1);
    const text = await notice.innerText();
    expect(text).toContain('The 3D view needs WebGL2');
    expect(text).toContain('The 1D view');
    expect(text).toContain('implicit F(x, λ) = 0 (key 3)');
    expect(text).toContain('GD map & edge of stability (key 4)');
    expect(await page.locator('#viewport').isHidden()).toBe(true);
    const cell = page.locator('td[data-order="2"][data-x="1.25"]');
    await expect.poll(() => cell.count(), { timeout: 30_000 }).toBe(1);
    expect(await cell.innerText()).toBe('1.9375');
    expect(await mode(page)).toBe('1d');
    // The hook offers what exists: no scene, surface controller, network or optimizer runs.
    const keys = await page.evaluate(() => Object.keys(window.__taylorLab).sort());
    expect(keys).toEqual(['backend', 'compute', 'idle', 'liveTensorCount', 'oneD', 'set', 'state', 'views']);
    expect(pageErrors).toEqual([]);
  });

  it('key 3 shows the implicit view with the pitchfork diagram and its singular point at (0, 0)', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('3');
    await expect.poll(() => mode(page)).toBe('implicit');
    await page.waitForSelector('[data-testid="viewImplicit"][data-ready="true"]', { timeout: 30_000 });
    expect(await page.isVisible('[data-testid="viewImplicit"]')).toBe(true);
    expect(await page.isVisible('[data-testid="view1d"]')).toBe(false);
    expect(await page.isVisible('[data-testid="implicit-diagram"] canvas')).toBe(true);
    const singular = (await page.getAttribute('[data-testid="implicit-diagram"]', 'data-singular'))!.split(';');
    expect(singular).toHaveLength(1);
    const [lambda, x] = singular[0].split(',').map(Number);
    expect(Math.hypot(lambda, x)).toBeLessThan(1e-9);
    expect(await page.evaluate(() => window.__taylorLab.views.current)).toBe('implicit');
    expect(pageErrors).toEqual([]);
  });

  it('key 4 shows the GD-map view, computed in the worker, with its flips at the closed-form η', async () => {
    await page.keyboard.press('4');
    await expect.poll(() => mode(page)).toBe('gdmap');
    await expect.poll(() => page.locator('#view-gdmap').isVisible()).toBe(true);
    expect(await page.isVisible('[data-testid="viewImplicit"]')).toBe(false);
    await page.waitForSelector('[data-testid="gdmap-map"][data-level="full"]', { timeout: 60_000 });
    const flips = (await page.getAttribute('[data-testid="gdmap-diagram"]', 'data-flips'))!.split(',').map(Number);
    const exact = quarticFlips();
    expect(flips).toHaveLength(2);
    flips.forEach((eta, i) => expect(Math.abs(eta - exact[i])).toBeLessThan(1e-9));
    expect(pageErrors).toEqual([]);
  });

  it('key 2 keeps the view on screen and says the 3D view needs WebGL2; V skips the views that need it', async () => {
    const refused = page.locator('[data-notice="webgl-view"]');
    expect(await refused.count()).toBe(0);
    await page.keyboard.press('2');
    await expect.poll(() => refused.count()).toBe(1);
    expect(await refused.innerText()).toContain('The 3D view needs WebGL2');
    expect(await mode(page)).toBe('gdmap');
    expect(await page.locator('#view-gdmap').isVisible()).toBe(true);
    // After the GD map come the spectrum (it reads the network trained in the 3D view) and the 3D
    // view: V goes round to the 1D view, and a shown view clears the refusal.
    await page.keyboard.press('v');
    await expect.poll(() => mode(page)).toBe('1d');
    expect(await page.isVisible('[data-testid="view1d"]')).toBe(true);
    expect(await refused.count()).toBe(0);
    // The view menu offers only the views that work: not the 3D view, not the spectrum.
    const menu = page.locator('.lil-controller.lil-option', { has: page.locator('.lil-name', { hasText: /^view$/ }) }).locator('select option');
    const offered = await menu.allTextContents();
    expect(offered.sort()).toEqual(VIEWS.filter((v) => v.id !== '2d' && v.id !== 'spectrum').map((v) => v.label).sort());
    expect(pageErrors).toEqual([]);
  });

  it('the 1D view\'s optimizer runs work without WebGL: the quartic scene, η named by 1/f″ and 2/f″, N steps GD and Newton', async () => {
    await page.goto(`${inject('baseUrl')}#scene=quartic-runs-left`);
    await expect.poll(() => mode(page)).toBe('1d');
    const runs = page.locator('[data-testid="runs1d"] [data-run-index]:not(tr)');
    const shown = () => runs.evaluateAll((boxes) => boxes.map((b) => (b as HTMLElement).dataset.shown));
    await expect.poll(shown, { timeout: 30_000 }).toEqual(['0', '0']);
    // The runs' folder is in the panel: x⁴ − 3x² + x at −2 has f″ = 42.
    const eta = page.locator('[data-run-slot="0"] .lil-controller .lil-name', { hasText: 'η' }).first();
    await expect.poll(() => eta.textContent()).toBe('η (1/λmax 0.0238, 2/λmax 0.0476)');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 2; i++) await page.keyboard.press('n');
    await expect.poll(shown).toEqual(['2', '2']);
    expect(await page.locator('[data-notice="webgl-view"]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});

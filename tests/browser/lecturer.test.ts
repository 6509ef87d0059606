/**
 * What a lecturer ran into in the first hour (issue 21), one test per item that needs a browser:
 * each failed on the code before its fix.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { defaultState } from '../../src/state/schema';
import { launchBrowser, openLab, readout, waitForIdle } from './harness';
import { waitForFrames } from './frames';

function labState(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => window.__taylorLab.state());
}

describe('a lecturer\'s first hour (issue 21)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('Back after typing a formula and Enter puts the previous formula back in the box', async () => {
    const { page, errors } = await openLab(browser, 'n=64');
    const box = page.locator('[data-testid="formula"]');
    await box.fill('sin(x)*cos(y)');
    await box.press('Enter');
    // The opening link was already written out in full (formula included): wait for the new formula.
    await expect.poll(() => page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('formula'))).toBe('sin(x)*cos(y)');
    await waitForIdle(page);
    await page.evaluate(() => history.back());
    await expect.poll(() => labState(page).then((s) => s.formula)).toBe(defaultState().formula);
    await waitForFrames(page);
    expect(await box.inputValue()).toBe(defaultState().formula);
    // An edit in progress is the user's own: a change from elsewhere does not overwrite it.
    await box.fill('x^2 + ');
    await page.evaluate(() => window.__taylorLab.set({ x: 0.25 }));
    expect(await box.inputValue()).toBe('x^2 + ');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the 1D exercise scene names η with 1/f″ and 2/f″ of f(x) at the start, not of the hidden 2D function', async () => {
    const { page, errors } = await openLab(browser, 'scene=quartic-runs-left&n=64', { width: 1440, height: 900 });
    await expect.poll(() => labState(page).then((s) => s.mode)).toBe('1d');
    const eta = page.locator('[data-run-slot="0"] .lil-controller .lil-name', { hasText: 'η' }).first();
    // x⁴ − 3x² + x at −2: f″ = 42.
    await expect.poll(() => eta.textContent()).toBe('η (1/λmax 0.0238, 2/λmax 0.0476)');
    await page.evaluate(() => window.__taylorLab.set({ runStart: '1' }));
    await expect.poll(() => eta.textContent()).toBe('η (1/λmax 0.167, 2/λmax 0.333)');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('go → saddle of x·y·exp(−(x²+y²)/2) lands on exactly (0, 0): no 10⁻¹⁷⁴ in the polynomial, the error chart draws', async () => {
    const formula = encodeURIComponent('x*y*exp(-(x^2+y^2)/2)');
    const { page, errors } = await openLab(browser, `formula=${formula}&preset=custom&x=0.5&y=0.5&n=256`);
    const go = page.locator('.lil-controller', { hasText: /^go → saddle/ }).first();
    await expect.poll(() => go.count(), { timeout: 30_000 }).toBe(1);
    await go.locator('button').click();
    await expect.poll(() => labState(page).then((s) => [s.x, s.y])).toEqual([0, 0]);
    await waitForFrames(page);
    expect(await go.textContent()).toContain('saddle at (0.0000, 0.0000)');
    const latex = await page.locator('[data-readout="live-formula"]').getAttribute('data-latex');
    expect(latex).not.toMatch(/10\^\{-|e-\d/);
    // The error chart at the saddle: drawn, with its legend, and no page error.
    await page.evaluate(() => window.__taylorLab.set({ precision: 'float64' }));
    await waitForFrames(page);
    // Where the old search stopped: its errors (1e−177 and below) once broke uPlot's log ticks.
    await page.evaluate(() => window.__taylorLab.set({ x: -8.086e-174, y: -8.086e-174 }));
    await waitForFrames(page, 3);
    expect(await page.locator('.taylor-error-chart canvas').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exp(exp(exp(x))) says overflow, not "log of a negative"; a point where f is not finite has no class', async () => {
    const { page, errors } = await openLab(browser, 'formula=exp(exp(exp(x)))&preset=custom&x=1.9&y=0&n=64');
    const notices = () => page.locator('#notices').innerText();
    await expect.poll(notices).toContain('f overflows (too large to represent) on');
    expect(await notices()).not.toContain('log of a negative');
    expect(await notices()).toContain('f overflows at the expansion point');
    expect(await readout(page, 'class')).toBe('none (f overflows here)');
    // log of a negative: undefined there, and still no class.
    await page.evaluate(() => window.__taylorLab.set({ formula: 'log(x)', x: -1 }));
    await expect.poll(() => readout(page, 'class')).toBe('none (f is undefined here)');
    expect(await notices()).toContain('f is undefined on');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('copy link says "Link copied" and puts the link on the clipboard; the empty 3D area says it is loading', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${inject('baseUrl')}#x=0.5&y=0.25`);
    // While the first surface computes, the 3D area names what it waits for (it was blank).
    await page.waitForFunction(() => document.getElementById('viewport')?.dataset.status !== undefined, undefined, { timeout: 60_000 });
    const loading = await page.evaluate(() => getComputedStyle(document.getElementById('viewport') as HTMLElement, '::before').content);
    expect(loading).toMatch(/Starting|Compiling|Computing|Loading/);
    await waitForIdle(page);
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('viewport') as HTMLElement, '::before').content)).toBe('none');
    await page.locator('.lil-controller', { hasText: 'copy link' }).locator('button').click();
    const toast = page.locator('[data-testid="copy-toast"]');
    await expect.poll(() => toast.isVisible()).toBe(true);
    expect(await toast.textContent()).toBe('Link copied to the clipboard');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.evaluate(() => location.href));
    await expect.poll(() => toast.isVisible(), { timeout: 6000 }).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});

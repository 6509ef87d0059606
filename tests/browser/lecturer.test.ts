/**
 * What a lecturer ran into in the first hour (issue 21), one test per item that needs a browser:
 * each failed on the code before its fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { defaultState } from '../../src/state/schema';
import { launchBrowser, openLab, waitForIdle } from './harness';
import { waitForFrames } from './frames';

interface LabHook {
  state(): Record<string, unknown>;
  set(p: object): void;
}

function labState(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => (window as unknown as { __taylorLab: LabHook }).__taylorLab.state());
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
    const { page, errors } = await openLab(browser);
    const box = page.locator('[data-testid="formula"]');
    await box.fill('sin(x)*cos(y)');
    await box.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('formula=');
    await waitForIdle(page);
    await page.evaluate(() => history.back());
    await expect.poll(() => labState(page).then((s) => s.formula)).toBe(defaultState().formula);
    await waitForFrames(page);
    expect(await box.inputValue()).toBe(defaultState().formula);
    // An edit in progress is the user's own: a change from elsewhere does not overwrite it.
    await box.fill('x^2 + ');
    await page.evaluate(() => (window as unknown as { __taylorLab: LabHook }).__taylorLab.set({ x: 0.25 }));
    expect(await box.inputValue()).toBe('x^2 + ');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the 1D exercise scene names η with 1/f″ and 2/f″ of f(x) at the start, not of the hidden 2D function', async () => {
    const { page, errors } = await openLab(browser, 'scene=quartic-runs-left', { width: 1440, height: 900 });
    await expect.poll(() => labState(page).then((s) => s.mode)).toBe('1d');
    const eta = page.locator('[data-run-slot="0"] .lil-controller .lil-name', { hasText: 'η' }).first();
    // x⁴ − 3x² + x at −2: f″ = 42.
    await expect.poll(() => eta.textContent()).toBe('η (1/λmax 0.0238, 2/λmax 0.0476)');
    await page.evaluate(() => (window as unknown as { __taylorLab: LabHook }).__taylorLab.set({ runStart: '1' }));
    await expect.poll(() => eta.textContent()).toBe('η (1/λmax 0.167, 2/λmax 0.333)');
    expect(errors).toEqual([]);
    await page.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openLab } from './harness';
import { waitForFrames } from './frames';

const labState = (page: Page) => page.evaluate(() => window.__taylorLab.state());
const activeTestId = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.id ?? '');

describe('keys wherever focus is', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await openLab(browser, 'n=64'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('after a click on a GUI checkbox, Page Down still goes to the next scene', async () => {
    // Start from a 2D scene so that every next scene keeps the 3D view and its controls.
    await page.evaluate(() => window.__taylorLab.set({ scene: 'well-min-right' }));
    const contours = page.locator('.lil-controller', { hasText: 'contours' }).locator('input[type="checkbox"]');
    await contours.click();
    await expect.poll(() => labState(page).then((s) => s.showContours)).toBe(false);
    expect(await contours.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('PageDown');
    await expect.poll(() => labState(page).then((s) => s.scene)).toBe('well-saddle');
    // A letter key works from the checkbox too.
    await contours.focus();
    const model = (await labState(page)).showModel;
    await page.keyboard.press('m');
    await expect.poll(() => labState(page).then((s) => s.showModel)).toBe(!model);
  });

  it('Space on a focused checkbox toggles it and does not change the scene', async () => {
    const checkbox = page.locator('.lil-controller', { hasText: 'show gradient' }).locator('input[type="checkbox"]');
    const before = await labState(page);
    await checkbox.focus();
    await page.keyboard.press(' ');
    await expect.poll(() => labState(page).then((s) => s.showGradient)).toBe(!before.showGradient);
    await waitForFrames(page);
    expect((await labState(page)).scene).toBe(before.scene);
  });

  it('the arrow keys step through a focused select, one option per press, and leave the scene alone', async () => {
    const select = page.locator('.lil-controller', { hasText: 'colour' }).locator('select');
    await page.evaluate(() => window.__taylorLab.set({ colorMode: 'height' }));
    const scene = (await labState(page)).scene;
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => labState(page).then((s) => s.colorMode)).toBe('gradient');
    // The old workaround blurred the select after a change: the second press went elsewhere.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => labState(page).then((s) => s.colorMode)).toBe('lambdaMin');
    expect(await select.evaluate((el) => el === document.activeElement)).toBe(true);
    await waitForFrames(page);
    expect((await labState(page)).scene).toBe(scene);
    await page.keyboard.press('PageDown');
    await expect.poll(() => labState(page).then((s) => s.scene)).toBe('well-min-left');
  });

  it('the 3D view is a Tab stop that says how to use it, and there the arrows orbit instead of changing scene', async () => {
    const viewport = page.locator('#viewport');
    expect(await viewport.getAttribute('tabindex')).toBe('0');
    expect(await viewport.getAttribute('role')).toBe('application');
    expect(await viewport.getAttribute('aria-label')).toMatch(/Arrow keys orbit/);
    // Reach it by keyboard: from the top of the page, Tab lands on the first focusable element, the 3D view.
    await page.evaluate(() => {
      const start = document.createElement('button');
      start.id = 'tab-start';
      document.body.prepend(start);
      start.focus();
    });
    await page.keyboard.press('Tab');
    await page.evaluate(() => document.getElementById('tab-start')?.remove());
    expect(await activeTestId(page)).toBe('viewport');
    const before = await labState(page);
    const pose0 = await page.evaluate(() => window.__taylorLab.scene.getCameraPose());
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => window.__taylorLab.scene.getCameraPose())).not.toEqual(pose0);
    await page.keyboard.press('.');
    await expect.poll(() => labState(page).then((s) => s.camera)).not.toBe(before.camera);
    expect((await labState(page)).scene).toBe(before.scene);
    // Page Down (a clicker) still works there.
    await page.keyboard.press('PageDown');
    await expect.poll(() => labState(page).then((s) => s.scene)).toBe('rosenbrock-valley');
  });

  it('the help dialog is modal: it takes focus, keeps Tab inside, closes on Escape and gives focus back', async () => {
    const viewport = page.locator('#viewport');
    await viewport.focus();
    await page.keyboard.press('?');
    const dialog = page.locator('[data-testid="help-overlay"]');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getAttribute('role')).toBe('dialog');
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    const inside = () => page.evaluate(() => document.querySelector('[data-testid="help-overlay"]')?.contains(document.activeElement) ?? false);
    expect(await inside()).toBe(true);
    for (const key of ['Tab', 'Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await inside(), key).toBe(true);
    }
    // Keys of the lab do not act behind a modal dialog.
    const scene = (await labState(page)).scene;
    await page.keyboard.press('PageDown');
    expect((await labState(page)).scene).toBe(scene);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isHidden()).toBe(true);
    expect(await activeTestId(page)).toBe('viewport');
    expect(errors).toEqual([]);
  });
});

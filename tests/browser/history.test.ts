import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, waitForIdle } from './harness';

const labState = (page: Page) => page.evaluate(() => window.__taylorLab.state());
const hash = (page: Page) => page.evaluate(() => location.hash);

describe('Back and Forward after a scene link', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('walk the user\'s own changes, return to the scene, then leave the page', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto('about:blank');
    await page.goto(`${inject('baseUrl')}#scene=well-saddle`);
    await waitForIdle(page);
    // The scene link is replaced by the scene's full state, in the same history entry.
    await expect.poll(() => hash(page)).toContain('v=1');
    const sceneHash = await hash(page);
    expect(sceneHash).toContain('scene=well-saddle');
    const scene = await labState(page);
    expect([scene.x, scene.y, scene.scene]).toEqual([0, 0, 'well-saddle']);
    const length = await page.evaluate(() => history.length);

    await page.evaluate(() => window.__taylorLab.set({ order: 3 }));
    await expect.poll(() => hash(page)).toContain('order=3');
    await page.evaluate(() => window.__taylorLab.set({ showContours: false }));
    await expect.poll(() => hash(page)).toContain('showContours=0');
    expect(await page.evaluate(() => history.length)).toBe(length + 2);

    await page.evaluate(() => history.back());
    await expect.poll(() => labState(page).then((s) => s.showContours)).toBe(true);
    expect((await labState(page)).order).toBe(3);
    await page.evaluate(() => history.back());
    await expect.poll(() => hash(page)).toBe(sceneHash);
    await expect.poll(() => labState(page)).toEqual(scene);
    // Forward walks the user's change again.
    await page.evaluate(() => history.forward());
    await expect.poll(() => labState(page).then((s) => s.order)).toBe(3);
    await page.evaluate(() => history.back());
    await expect.poll(() => hash(page)).toBe(sceneHash);
    // No entry was pushed by applying the link: one more Back leaves the lab.
    // Playwright's Back: the page may leave before an evaluate() could return.
    await page.goBack();
    await page.waitForURL('about:blank');
    expect(errors).toEqual([]);
    await page.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS } from './harness';
import { chromiumPath } from '../../src/cli/chromium';

describe('a browser without WebGL', () => {
  let browser: Browser;

  beforeAll(async () => {
    const args = CHROMIUM_ARGS.filter((a) => !a.includes('swiftshader')).concat(['--disable-webgl', '--disable-webgl2', '--disable-3d-apis']);
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says the 3D view needs WebGL2 and keeps the 1D view with the Day 42 numbers working', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(inject('baseUrl'));
    const notice = page.locator('[data-notice="webgl"]');
    await expect.poll(() => notice.count(), { timeout: 60_000 }).toBe(1);
    expect(await notice.innerText()).toContain('needs WebGL2');
    expect(await page.locator('#viewport').isHidden()).toBe(true);
    const cell = page.locator('td[data-order="2"][data-x="1.25"]');
    await expect.poll(() => cell.count(), { timeout: 30_000 }).toBe(1);
    expect(await cell.innerText()).toBe('1.9375');
    expect(pageErrors).toEqual([]);
  });
});

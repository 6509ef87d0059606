import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, openLab, waitForIdle } from './harness';
import { markerClientPosition } from './screen';

const LEGEND = '[data-testid="color-legend"]';

/** A legend label as a number ("−2.5e+3" has a real minus sign). */
async function legendNumber(legend: Locator, role: 'min' | 'max'): Promise<number> {
  const text = await legend.locator(`[data-legend="${role}"]`).innerText();
  return Number(text.trim().replace('\u2212', '-'));
}

function setState(page: Page, patch: object): Promise<void> {
  return page.evaluate((p) => window.__taylorLab.set(p), patch);
}

describe('the colour legend of the 3D view', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync('test-results', { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  // N = 64 throughout (a frame in ~0.12 s in software, not ~0.33 s): the legend reads the surface's
  // own ranges and its place on the page, which do not depend on the grid size.
  it('explains the height colours of the double well with the ends of the surface height range', async () => {
    const { page, errors } = await openLab(browser, 'n=64');
    const legend = page.locator(LEGEND);
    await expect.poll(() => legend.isVisible()).toBe(true);
    expect(await legend.getAttribute('data-mode')).toBe('height');
    expect(await legend.locator('.color-legend-title').innerText()).toBe('height f');
    const min = await legendNumber(legend, 'min');
    const max = await legendNumber(legend, 'max');
    expect(Number.isFinite(min) && Number.isFinite(max)).toBe(true);
    expect(min).toBeLessThan(max);
    // The labels are the surface's height range to 3 significant digits; f >= 0 for the double well.
    const [low, high] = await page.evaluate(() => window.__taylorLab.scene.surface.ranges.height);
    expect(Math.abs(min - low)).toBeLessThanOrEqual(5e-3 * Math.max(Math.abs(low), 1e-3));
    expect(Math.abs(max - high)).toBeLessThanOrEqual(5e-3 * Math.abs(high));
    expect(min).toBeGreaterThanOrEqual(-1e-3);
    expect(await legend.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe('none');
    expect(await legend.evaluate((el) => el.innerHTML.includes('<script'))).toBe(false);
    writeFileSync('test-results/color-legend-height.png', await page.screenshot());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the four curvature classes when opened with #colorMode=curvature', async () => {
    const { page } = await openLab(browser, 'colorMode=curvature&n=64');
    const legend = page.locator(LEGEND);
    await expect.poll(() => legend.getAttribute('data-mode')).toBe('curvature');
    const text = await legend.innerText();
    for (const name of ['curvature class', 'convex', 'concave', 'saddle', 'flat']) expect(text).toContain(name);
    expect(await legend.locator('.color-legend-swatch').count()).toBe(4);
    await page.close();
  });

  it('follows a colour-mode change through the store and shows the trust-region tolerance', async () => {
    const { page } = await openLab(browser, 'n=64');
    const legend = page.locator(LEGEND);
    await setState(page, { colorMode: 'modelError', tolerance: 0.05 });
    await expect.poll(() => legend.getAttribute('data-mode')).toBe('modelError');
    await expect.poll(() => legend.innerText()).toContain('tolerance 0.05');
    expect(await legend.locator('[data-legend="min"]').innerText()).toBe('1e-6');
    expect(await legend.locator('[data-legend="max"]').innerText()).toBe('1');
    await setState(page, { tolerance: 0.001 });
    await expect.poll(() => legend.innerText()).toContain('tolerance 0.001');
    await setState(page, { colorMode: 'lambdaMin' });
    await expect.poll(() => legend.getAttribute('data-mode')).toBe('lambdaMin');
    const min = await legendNumber(legend, 'min');
    expect(min).toBeLessThan(0);
    expect(await legendNumber(legend, 'max')).toBeCloseTo(-min, 12);
    await page.close();
  });

  it('is readable from the back row in projector-dark at 1920x1080 and covers neither the point nor the centre', async () => {
    const { page, errors } = await openLab(browser, 'theme=projector-dark&colorMode=modelError&n=64', { width: 1920, height: 1080 });
    await waitForIdle(page);
    const legend = page.locator(LEGEND);
    await expect.poll(() => legend.getAttribute('data-mode')).toBe('modelError');
    const fontPx = (sel: string) => page.locator(sel).first().evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    for (const sel of [LEGEND, `${LEGEND} [data-legend="min"]`, `${LEGEND} .color-legend-label`]) expect(await fontPx(sel)).toBeGreaterThanOrEqual(24);
    const box = await legend.boundingBox();
    const view = await page.locator('#viewport').boundingBox();
    if (!box || !view) throw new Error('no legend or viewport box');
    // Inside the viewport's bottom-left quarter, at most ~30% of its width (the GUI is beside it).
    expect(box.x).toBeGreaterThanOrEqual(view.x);
    expect(box.x + box.width).toBeLessThanOrEqual(view.x + 0.31 * view.width);
    expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height);
    expect(box.y).toBeGreaterThan(view.y + view.height / 2);
    const inside = (p: { x: number; y: number }) => p.x >= box.x && p.x <= box.x + box.width && p.y >= box.y && p.y <= box.y + box.height;
    expect(inside(await markerClientPosition(page))).toBe(false);
    expect(inside({ x: view.x + view.width / 2, y: view.y + view.height / 2 })).toBe(false);
    // Decade labels keep a visible gap (at least a third of the font size) between each other.
    const ticks = await legend.locator('.color-legend-tick:not(.mark)').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.right]));
    expect(ticks.length).toBe(4);
    for (let k = 1; k < ticks.length; k++) expect(ticks[k][0] - ticks[k - 1][1]).toBeGreaterThanOrEqual(8);
    writeFileSync('test-results/color-legend-projector-dark.png', await page.screenshot());
    await setState(page, { colorMode: 'curvature' });
    await expect.poll(() => legend.getAttribute('data-mode')).toBe('curvature');
    writeFileSync('test-results/color-legend-curvature.png', await page.screenshot());
    expect(errors).toEqual([]);
    await page.close();
  });
});

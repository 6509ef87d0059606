import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, openLab, readNumber, readout, waitForIdle } from './harness';
import { waitForFrames } from './frames';
import { canvasShot, changedFraction, dataToClient, imageStats, markerClientPosition } from './screen';

// Closed forms of the seed's double well f = (x^2 - 1)^2 + y^2.
const well = {
  f: (x: number, y: number) => (x * x - 1) ** 2 + y * y,
  gx: (x: number) => 4 * x * (x * x - 1),
  gy: (y: number) => 2 * y,
  hxx: (x: number) => 12 * x * x - 4,
};

/** Readouts are printed with 4 decimals: compare at the printed precision of the printed x, y. */
const PRINT_TOL = 6e-4;

async function expectReadoutsMatchDoubleWell(page: Page): Promise<void> {
  const x = await readNumber(page, 'x');
  const y = await readNumber(page, 'y');
  expect(Math.abs((await readNumber(page, 'f')) - well.f(x, y))).toBeLessThan(PRINT_TOL * 20);
  expect(Math.abs((await readNumber(page, 'gx')) - well.gx(x))).toBeLessThan(PRINT_TOL * 20);
  expect(Math.abs((await readNumber(page, 'gy')) - well.gy(y))).toBeLessThan(PRINT_TOL * 4);
  expect(Math.abs((await readNumber(page, 'hxx')) - well.hxx(x))).toBeLessThan(PRINT_TOL * 30);
  expect(await readNumber(page, 'hxy')).toBe(0);
  expect(await readNumber(page, 'hyy')).toBe(2);
}

describe('the 2D lab in a real browser', () => {
  const browser = useBrowser();
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await openLab(browser()));
  });

  it('loads the double well on the WebGL backend with the seed readouts at (0.5, 0.5)', async () => {
    expect(await readout(page, 'backend')).toBe('webgl');
    expect(await page.inputValue('[data-testid="formula"]')).toBe('(x^2 - 1)^2 + y^2');
    expect(await readNumber(page, 'x')).toBe(0.5);
    await expectReadoutsMatchDoubleWell(page);
    expect(errors).toEqual([]);
  });

  it('draws a picture that is not blank (saved for a human to look at)', async () => {
    const shot = await page.screenshot();
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/lab2d.png', shot);
    const stats = imageStats(await canvasShot(page));
    expect(stats.distinctColors).toBeGreaterThan(500);
    expect(stats.stdDev).toBeGreaterThan(20);
  });

  it('a click on the surface moves the point there and the readouts match the closed form', async () => {
    // Click where the surface point (-0.8, 0.6) is drawn (front-facing at the default camera).
    const target = await dataToClient(page, -0.8, 0.6, well.f(-0.8, 0.6));
    await page.mouse.click(target.x, target.y);
    await expect.poll(() => readNumber(page, 'x')).toBeCloseTo(-0.8, 1);
    expect(await readNumber(page, 'y')).toBeCloseTo(0.6, 1);
    await expectReadoutsMatchDoubleWell(page);
  });

  it('a click beside the surface leaves the point where it is', async () => {
    const box = await page.locator('#viewport canvas').boundingBox();
    if (!box) throw new Error('no canvas');
    const before = await readout(page, 'x');
    await page.mouse.click(box.x + 10, box.y + box.height - 10);
    await waitForFrames(page);
    expect(await readout(page, 'x')).toBe(before);
  });

  it('dragging the marker moves the point along the surface', async () => {
    await page.evaluate(() => window.__taylorLab.set({ x: 0.5, y: 0.5 }));
    await waitForFrames(page);
    const start = await markerClientPosition(page);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(start.x - 8 * i, start.y + 3 * i);
    await page.mouse.up();
    const x = await readNumber(page, 'x');
    const y = await readNumber(page, 'y');
    expect(Math.hypot(x - 0.5, y - 0.5)).toBeGreaterThan(0.1);
    await expectReadoutsMatchDoubleWell(page);
    const end = await markerClientPosition(page);
    expect(Math.hypot(end.x - (start.x - 80), end.y - (start.y + 30))).toBeLessThan(12);
  });

  it('a new domain typed in the GUI reruns the grid and keeps the point inside it', async () => {
    await page.evaluate(() => window.__taylorLab.set({ x: 1.5, y: 0.5 }));
    await page.locator('.lil-title', { hasText: 'domain' }).click();
    const xmax = page.locator('.lil-controller', { hasText: 'xmax' }).locator('input');
    await xmax.fill('1');
    await xmax.press('Enter');
    await xmax.blur();
    await expect.poll(() => page.evaluate(() => window.__taylorLab.state().xmax)).toBe(1);
    await waitForIdle(page);
    expect(await readNumber(page, 'x')).toBe(1);
    // xmin >= xmax is refused: the field snaps back and the domain stays.
    await xmax.fill('-3');
    await xmax.press('Enter');
    await xmax.blur();
    await waitForFrames(page);
    expect(await page.evaluate(() => window.__taylorLab.state().xmax)).toBe(1);
    expect(await xmax.inputValue()).toBe('1');
    await page.evaluate(() => window.__taylorLab.set({ xmax: 2 }));
    await waitForIdle(page);
  });

  it('changing the order in the GUI changes the model drawn and the readout', async () => {
    await page.evaluate(() => window.__taylorLab.set({ x: 0.5, y: 0.5, radius: 1 }));
    await waitForFrames(page);
    const before = await canvasShot(page);
    const orderInput = page.locator('.lil-controller', { hasText: 'order k' }).locator('input').last();
    await orderInput.fill('1');
    await orderInput.press('Enter');
    await expect.poll(() => readout(page, 'order')).toBe('1');
    await waitForFrames(page);
    const after = await canvasShot(page);
    expect(changedFraction(before, after)).toBeGreaterThan(0.002);
  });
});

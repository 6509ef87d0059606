import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { LabState } from './hook';
import { launchBrowser, openLab } from './harness';
import { imageStats } from './screen';

/** Day 42's table: x^3 about x0 = 1 at 0.5, 0.75, 1, 1.25, 1.5 (from the lesson's notebook output). */
const DAY42 = {
  x: [0.5, 0.75, 1, 1.25, 1.5],
  f: [0.125, 0.421875, 1, 1.953125, 3.375],
  T1: [-0.5, 0.25, 1, 1.75, 2.5],
  T2: [0.25, 0.4375, 1, 1.9375, 3.25],
};

interface Cell {
  readonly row: number;
  readonly col: string;
  readonly value: number;
  readonly text: string;
}

function setState(page: Page, patch: object): Promise<void> {
  return page.evaluate((p) => window.__taylorLab.set(p), patch);
}

function stateValue(page: Page, key: keyof LabState): Promise<unknown> {
  return page.evaluate((k) => window.__taylorLab.state()[k], key);
}

/** Waits until the 1D view (or the 2D chart panel) has drawn the current state. */
async function ready(page: Page, testid: 'view1d' | 'breakdown'): Promise<void> {
  await page.waitForSelector(`[data-testid="${testid}"][data-ready="true"]`, { timeout: 30_000 });
}

function tableCells(page: Page): Promise<Cell[]> {
  return page.$$eval('[data-testid="table1d"] td', (tds) =>
    tds.map((td) => ({
      row: Number((td as HTMLElement).dataset.row),
      col: String((td as HTMLElement).dataset.col),
      value: Number((td as HTMLElement).dataset.value),
      text: td.textContent ?? '',
    })),
  );
}

function legendTexts(page: Page, scope: string): Promise<string[]> {
  return page.$$eval(`${scope} .taylor-legend-row`, (rows) => rows.map((r) => r.textContent ?? ''));
}

describe('the 1D view and the error charts in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await openLab(browser, 'mode=1d&n=64'));
    await ready(page, 'view1d');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens by the permalink mode=1d in place of the 3D view and shows the Day 42 numbers in its table', async () => {
    expect(await page.isVisible('[data-testid="view1d"]')).toBe(true);
    expect(await page.isVisible('#viewport')).toBe(false);
    expect(await page.inputValue('[data-testid="formula1d"]')).toBe('x^3');
    const cells = await tableCells(page);
    for (const [col, expected] of Object.entries(DAY42)) {
      const column = cells.filter((c) => c.col === col);
      expect(column.map((c) => c.row)).toEqual([0, 1, 2, 3, 4]);
      column.forEach((c, i) => {
        // The full value is exact in float64; the printed one has six significant digits.
        expect(Math.abs(c.value - expected[i]), `${col} at row ${i}`).toBeLessThan(1e-12);
        expect(Math.abs(Number(c.text) - expected[i]), `${col} text '${c.text}'`).toBeLessThanOrEqual(5e-6 * Math.abs(expected[i]));
      });
    }
    expect(errors).toEqual([]);
  });

  it('shows slopes 2 and 3 for orders 1 and 2 in the 1D error chart', async () => {
    const slopes = await page.$$eval('[data-testid="error1d"] .taylor-legend-row', (rows) =>
      rows.map((r) => [Number((r as HTMLElement).dataset.order), Number(r.getAttribute('data-slope'))]),
    );
    expect(slopes.map(([k]) => k)).toEqual([1, 2]);
    for (const [k, slope] of slopes) expect(Math.abs(slope - (k + 1)), `order ${k}`).toBeLessThanOrEqual(0.1);
  });

  it('draws a 1D plot and error chart that are not blank (saved for a human to look at)', async () => {
    mkdirSync('test-results', { recursive: true });
    for (const id of ['curve1d', 'error1d']) {
      const shot = await page.locator(`[data-testid="${id}"]`).screenshot();
      writeFileSync(`test-results/oneD-${id}.png`, shot);
      const stats = imageStats(shot);
      expect(stats.distinctColors, id).toBeGreaterThan(40);
      expect(stats.stdDev, id).toBeGreaterThan(10);
    }
  });

  it('dragging the point on the 1D plot changes x1d, the table and the error chart', async () => {
    const over = page.locator('[data-testid="curve1d"] .u-over');
    const box = await over.boundingBox();
    if (!box) throw new Error('no plot area');
    const legendBefore = await legendTexts(page, '[data-testid="error1d"]');
    const t1Before = (await tableCells(page)).find((c) => c.col === 'T1' && c.row === 0)?.value;
    // The range is [0, 2] and x0 = 1: the marker sits at the middle of the plot area.
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width / 2, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * (0.5 + 0.025 * i), y);
    await page.mouse.up();
    await ready(page, 'view1d');
    const x1d = Number(await stateValue(page, 'x1d'));
    expect(x1d).toBeGreaterThan(1.35);
    expect(x1d).toBeLessThan(1.65);
    expect(await page.inputValue('[data-testid="x1d"]')).toBe(String(x1d));
    const t1After = (await tableCells(page)).find((c) => c.col === 'T1' && c.row === 0)?.value;
    // T1 about x0 at 0.5 is x0^3 + 3 x0^2 (0.5 - x0).
    expect(Math.abs((t1After ?? NaN) - (x1d ** 3 + 3 * x1d ** 2 * (0.5 - x1d)))).toBeLessThan(1e-9);
    expect(t1After).not.toBe(t1Before);
    expect(await legendTexts(page, '[data-testid="error1d"]')).not.toEqual(legendBefore);
  });

  it('keeps the last good curve and shows a caret message for a bad formula', async () => {
    const before = await tableCells(page);
    await page.fill('[data-testid="formula1d"]', 'sin(x');
    await page.press('[data-testid="formula1d"]', 'Enter');
    await ready(page, 'view1d');
    const message = await page.textContent('[data-testid="formula1d-error"]');
    expect(message).toContain('^');
    expect(await page.isVisible('[data-testid="formula1d-error"]')).toBe(true);
    expect(await tableCells(page)).toEqual(before);
    await page.fill('[data-testid="formula1d"]', 'sin(x)');
    await page.press('[data-testid="formula1d"]', 'Enter');
    await ready(page, 'view1d');
    expect(await page.isVisible('[data-testid="formula1d-error"]')).toBe(false);
    expect(errors).toEqual([]);
  });

  it('binds the order checkboxes to orders1d', async () => {
    await page.check('[data-testid="order1d-3"]');
    await ready(page, 'view1d');
    expect(await stateValue(page, 'orders1d')).toBe('1,2,3');
    const headers = await page.$$eval('[data-testid="table1d"] th[data-order]', (ths) => ths.map((th) => (th as HTMLElement).dataset.order));
    expect(headers).toEqual(['1', '2', '3']);
  });

  it('shows only its own controls: no expansion point, colour, contours or grid N, but the optimizers and the 1D live formula', async () => {
    const controls = async () => ({
      point: await page.locator('.lil-gui .lil-title', { hasText: 'expansion point' }).first().isVisible(),
      colour: await page.locator('.lil-gui .lil-name', { hasText: 'colour' }).first().isVisible(),
      contours: await page.locator('.lil-gui .lil-name', { hasText: 'contours' }).first().isVisible(),
      gridN: await page.locator('.lil-gui .lil-name', { hasText: 'grid N' }).first().isVisible(),
      theme: await page.locator('.lil-gui .lil-name', { hasText: 'theme' }).first().isVisible(),
      optimizers: await page.locator('[data-testid="optimizer-folder"]').isVisible(),
      liveFormula: await page.locator('[data-testid="live-formula"]').isVisible(),
    });
    await expect.poll(controls).toEqual({ point: false, colour: false, contours: false, gridN: false, theme: true, optimizers: true, liveFormula: true });
    await setState(page, { mode: '2d' });
    await expect.poll(controls).toEqual({ point: true, colour: true, contours: true, gridN: true, theme: true, optimizers: true, liveFormula: true });
    await setState(page, { mode: 'implicit' });
    await expect.poll(controls).toEqual({ point: false, colour: false, contours: false, gridN: false, theme: true, optimizers: false, liveFormula: false });
    await setState(page, { mode: '1d' });
    await expect.poll(controls).toEqual({ point: false, colour: false, contours: false, gridN: false, theme: true, optimizers: true, liveFormula: true });
    await ready(page, 'view1d');
  });

  it('shows the 2D error chart with fitted slopes k+1 in its legend (double well along eigenvector 1)', async () => {
    await setState(page, { mode: '2d', direction: 'eigen1', order: 2, showChart: true, x: 0.5, y: 0.5 });
    await ready(page, 'breakdown');
    expect(await page.isVisible('[data-testid="view1d"]')).toBe(false);
    expect(await page.isVisible('#viewport')).toBe(true);
    const rows = await page.$$eval('[data-testid="breakdown"] .taylor-legend-row', (els) =>
      els.map((r) => ({ order: Number((r as HTMLElement).dataset.order), slope: r.getAttribute('data-slope'), text: r.textContent ?? '' })),
    );
    expect(rows.map((r) => r.order)).toEqual([0, 1, 2]);
    for (const r of rows) {
      expect(r.text).toContain('slope');
      expect(Math.abs(Number(r.slope) - (r.order + 1)), r.text).toBeLessThanOrEqual(0.1);
    }
    const shot = await page.locator('[data-testid="breakdown-chart"]').screenshot();
    writeFileSync('test-results/oneD-breakdown2d.png', shot);
    expect(imageStats(shot).distinctColors).toBeGreaterThan(40);
  });

  it('hides the 2D chart when showChart is off', async () => {
    await setState(page, { showChart: false });
    expect(await page.isVisible('[data-testid="breakdown"]')).toBe(false);
    await setState(page, { showChart: true });
    await ready(page, 'breakdown');
  });
});

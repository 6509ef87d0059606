/** The lesson's exercise in the 1D view: open the scene link, step with N, read the steps table, compare with the core. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openLab } from './harness';
import { parseExpression } from '../../src/core/expr/parser';
import { formulaLandscape } from '../../src/core/landscape/formulaLandscape';
import { runOptimizer1D } from '../../src/core/optimizers/runOptimizer';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const quartic = (() => {
  const parsed = parseExpression('x^4 - 3*x^2 + x', ['x']);
  if (!parsed.ok) throw new Error('formula');
  return formulaLandscape(parsed.expr);
})();

/** The runs computed here in Node, independently of the page: the same core call the lesson's counts come from. */
const inNode = (method: 'gd' | 'newton') => runOptimizer1D(quartic, { method, params: method === 'gd' ? { lr: 0.01 } : {}, from: -2, tol: 1e-9, maxSteps: 1000 });

/** Per run: steps, shown step, and the rows' (k, x) from the data- hooks. */
function readTable(page: Page): Promise<{ steps: number; shown: number; rows: { k: number; x: number; df: number }[] }[]> {
  return page.locator('[data-testid="runs1d"] [data-run-index]:not(tr)').evaluateAll((boxes) =>
    boxes.map((b) => ({
      steps: Number((b as HTMLElement).dataset.steps),
      shown: Number((b as HTMLElement).dataset.shown),
      rows: [...b.querySelectorAll('tr[data-k]')].map((r) => ({ k: Number((r as HTMLElement).dataset.k), x: Number((r as HTMLElement).dataset.x), df: Number((r as HTMLElement).dataset.df) })),
    })),
  );
}

/**
 * Rows against the Node iterates: same k, x and f′ to 1e-12 relative (the page's V8 and Node's may
 * round pow differently in the last bit, so f′ = -11.858964 reads -11.858964000000004 there).
 */
function expectRows(rows: readonly { k: number; x: number; df: number }[], iterates: readonly { k: number; x: number; gx: number }[]): void {
  expect(rows.map((r) => r.k)).toEqual(iterates.map((it) => it.k));
  rows.forEach((r, i) => {
    expect(Math.abs(r.x - iterates[i].x), `x_${r.k}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(iterates[i].x)));
    expect(Math.abs(r.df - iterates[i].gx), `f'(x_${r.k})`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(iterates[i].gx)));
  });
}

describe('GD against Newton on the quartic in the 1D view', () => {
  it('steps both runs from x0 = -2 with N, with the core’s iterates and step counts (145 and 5)', async () => {
    const { page, errors } = await openLab(browser, 'scene=quartic-runs-left&n=64');
    const table = page.locator('[data-testid="runs1d"]');
    await expect.poll(() => table.isVisible(), { timeout: 30_000 }).toBe(true);
    const [gd, newton] = [inNode('gd'), inNode('newton')];
    expect([gd.steps, newton.steps]).toEqual([145, 5]);
    // A scene starts at x0, as the 2D runs do; N takes one step of every run.
    await expect.poll(async () => (await readTable(page)).map((r) => [r.steps, r.shown])).toEqual([[145, 0], [5, 0]]);
    for (let i = 0; i < 2; i++) await page.keyboard.press('n');
    await expect.poll(async () => (await readTable(page)).map((r) => r.shown)).toEqual([2, 2]);
    const atTwo = await readTable(page);
    expectRows(atTwo[1].rows, newton.iterates.slice(0, 3));
    expectRows(atTwo[0].rows, gd.iterates.slice(0, 3));
    await page.waitForSelector('[data-testid="view1d"][data-ready="true"]');
    await page.screenshot({ path: 'test-results/runs1d.png' });
    await page.locator('[data-testid="curve1d"]').screenshot({ path: 'test-results/runs1d-curve.png' });
    await table.screenshot({ path: 'test-results/runs1d-table.png' });
    // Past Newton's last step it stays there; N stops at GD's last (the 1D view's step count, not the 2D runs').
    await page.evaluate(() => window.__taylorLab.set({ runSteps: 144 }));
    for (let i = 0; i < 3; i++) await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => window.__taylorLab.state().runSteps)).toBe(145);
    // The table is redrawn after the state changes (next frame): wait for it rather than read it at once.
    await expect.poll(async () => (await readTable(page)).map((r) => r.shown)).toEqual([145, 5]);
    const end = await readTable(page);
    expectRows(end[1].rows, newton.iterates);
    expectRows(end[0].rows, [...gd.iterates.slice(0, 8), gd.final]);
    expect(Math.abs(end[0].rows[8].df)).toBeLessThanOrEqual(1e-9);
    expect(await table.locator('[data-readout="runs1d-stop"]').allInnerTexts()).toEqual([`GD η = 0.01: ${gd.stop.message}`, `Newton: ${newton.stop.message}`]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

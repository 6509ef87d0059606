/** The lesson's exercise in the 1D view: open the scene link, read the steps table, compare with the core. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openLab } from './harness';
import { parseExpression } from '../../src/core/expr/parser';
import { runs1D } from '../../src/app/optimizer/runs1d';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('GD against Newton on the quartic in the 1D view', () => {
  it('shows both runs from x0 = -2 with the core’s iterates and step counts', async () => {
    const { page, errors } = await openLab(browser, 'scene=quartic-runs-left');
    const table = page.locator('[data-testid="runs1d"]');
    await expect.poll(() => table.isVisible(), { timeout: 30_000 }).toBe(true);
    const parsed = parseExpression('x^4 - 3*x^2 + x', ['x']);
    if (!parsed.ok) throw new Error('formula');
    const expected = runs1D(parsed.expr, 'gd:lr=0.01|newton', -2);
    if (typeof expected === 'string') throw new Error(expected);
    const steps = await table.locator('[data-run-index]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.steps)));
    expect(steps).toEqual(expected.map((r) => r.steps));
    const newtonXs = await table.locator('[data-run-index="1"] tr[data-k]').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.x)));
    expect(newtonXs).toEqual(expected[1].iterates.map((i) => i.x));
    await page.screenshot({ path: 'test-results/runs1d.png' });
    expect(errors).toEqual([]);
    await page.close();
  });
});

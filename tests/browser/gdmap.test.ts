/**
 * The GD-map view in a real browser (issue 18): key 4 shows it; the quartic's diagram, computed in
 * the worker, marks the flip points at the closed-form η = 2/f″(x*); a click on the diagram picks η,
 * draws the run there and opens it in the 1D view; the edge-of-stability scene plays and its
 * sharpness curve reaches the 2/η line (the full preset: 2000 steps, crossing at step 1260).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, openLab } from './harness';
import { quarticFlips } from '../unit/support/quarticClosedForms';

function state(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => window.__taylorLab.state());
}

describe('the GD-map view in a real browser', () => {
  const browser = useBrowser();
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await openLab(browser(), 'n=64'));
  }, 120_000);

  it('key 4 shows the view; the quartic’s full diagram marks its two flips at the closed-form η (1e-9)', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.keyboard.press('4');
    await expect.poll(async () => (await state(page)).mode).toBe('gdmap');
    await expect.poll(() => page.locator('#view-gdmap').isVisible()).toBe(true);
    await page.waitForSelector('[data-testid="gdmap-map"][data-level="full"]', { timeout: 60_000 });
    const flips = (await page.getAttribute('[data-testid="gdmap-diagram"]', 'data-flips'))!.split(',').map(Number);
    const exact = quarticFlips();
    expect(flips).toHaveLength(2);
    flips.forEach((eta, i) => expect(Math.abs(eta - exact[i])).toBeLessThan(1e-9));
    const rows = await page.locator('[data-testid="gdmap-flips"] tbody tr').evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.flipEta)));
    rows.forEach((eta, i) => expect(Math.abs(eta - exact[i])).toBeLessThan(1e-9));
    expect(Number(await page.getAttribute('[data-testid="gdmap-map"]', 'data-columns'))).toBe(400);
    await page.locator('#view-gdmap').screenshot({ path: 'test-results/gdmap.png' });
  }, 90_000);

  it('a click on the diagram picks η there, draws the run, and the button starts it in the 1D view', async () => {
    const canvas = page.locator('[data-testid="gdmap-diagram"]');
    const box = (await canvas.boundingBox())!;
    const [left, top, width, height] = (await canvas.getAttribute('data-bbox'))!.split(',').map(Number);
    const st = await state(page);
    // Click at η = 0.16 (a 2-cycle of the left minimum), placed from the canvas's frame and η range.
    const eta = 0.16;
    const [etaMin, etaMax] = await etaRange(page);
    await page.mouse.click(box.x + left + ((eta - etaMin) / (etaMax - etaMin)) * width, box.y + top + height / 2);
    await expect.poll(async () => Math.abs(Number((await state(page)).gdmapEta) - eta)).toBeLessThan(0.003);
    const picked = Number((await state(page)).gdmapEta);
    await expect.poll(() => page.getAttribute('[data-testid="gdmap-iterates"]', 'data-count')).toBe('121');
    await page.locator('[data-testid="gdmap-open-1d-button"]').click();
    await expect.poll(async () => (await state(page)).mode).toBe('1d');
    const s = await state(page);
    expect(s).toMatchObject({ formula1d: st.gdmapFormula, runs: `gd:lr=${picked}`, runSteps: 0 });
    await expect.poll(() => page.locator('[data-testid="runs1d"] [data-run-index]:not(tr)').first().getAttribute('data-steps')).not.toBeNull();
  }, 60_000);

  it('the edge-of-stability scene plays: λmax reaches the 2/η line (20 on MSE with η = 0.1)', async () => {
    await page.goto(page.url().replace(/#.*$/, '') + '#scene=edge-of-stability&n=64');
    await page.reload();
    await page.waitForSelector('[data-testid="eos-panel"][data-state]', { timeout: 60_000 });
    expect(await page.getAttribute('[data-testid="eos-panel"]', 'data-limit')).toBe('20');
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="eos-panel"]') as HTMLElement | null;
      return el !== null && el.dataset.crossing !== undefined && el.dataset.crossing !== '';
    }, undefined, { timeout: 240_000 });
    const crossing = Number(await page.getAttribute('[data-testid="eos-panel"]', 'data-crossing'));
    expect(crossing).toBe(1260);
    expect(Number(await page.getAttribute('[data-testid="eos-panel"]', 'data-lambda-peak'))).toBeGreaterThanOrEqual(20);
    await page.locator('#view-gdmap').screenshot({ path: 'test-results/gdmap-eos.png' });
    expect(errors).toEqual([]);
  }, 300_000);
});

/** The diagram's η range (data-eta-range): the canvas maps η linearly onto its plot frame. */
async function etaRange(page: Page): Promise<[number, number]> {
  const text = await page.getAttribute('[data-testid="gdmap-diagram"]', 'data-eta-range');
  const [a, b] = text!.split(',').map(Number);
  return [a, b];
}

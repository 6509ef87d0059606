import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parseExpression } from '../../src/core/expr/parser';
import { formulaLandscape } from '../../src/core/landscape/formulaLandscape';
import { runOptimizer } from '../../src/core/optimizers/runOptimizer';
import { launchBrowser, openLab, waitForIdle } from './harness';
import { waitForFrames } from './frames';

const WELL = '(x^2 - 1)^2 + y^2';
const HASH = `v=1&n=96&runs=${encodeURIComponent('gd:lr=0.05|newton')}&runStart=${encodeURIComponent('0.1,0.3')}`;

const hook = (page: Page) => page.evaluate(() => window.__taylorLab.state());
const setState = (page: Page, p: object) => page.evaluate((q) => window.__taylorLab.set(q), p);

/** The iterate run i shows, read from its data-value hooks (exact numbers, not the rounded text). */
async function iterateOf(page: Page, i: number): Promise<{ k: number; x: number; y: number; f: number; grad: number }> {
  const value = (key: string) => page.locator(`[data-run-index="${i}"] [data-readout="${key}"]`).first().getAttribute('data-value').then(Number);
  return { k: await value('run-k'), x: await value('run-x'), y: await value('run-y'), f: await value('run-f'), grad: await value('run-grad') };
}

function expected(method: 'gd' | 'newton', k: number) {
  const parsed = parseExpression(WELL);
  if (!parsed.ok) throw new Error('the double well parses');
  const run = runOptimizer(formulaLandscape(parsed.expr, WELL), { method, params: method === 'gd' ? { lr: 0.05 } : {}, from: [0.1, 0.3], maxSteps: 300, tol: 1e-8, bounds: { maxAbsCoordinate: 20 } });
  return run.iterates[Math.min(k, run.steps)];
}

describe('optimizer runs on the landscape', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await openLab(browser, HASH));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('steps GD and Newton with the N key and the Step button, the iterates equal the core run, with no grid pass', async () => {
    await page.evaluate(() => {
      const lab = window.__taylorLab;
      const original = lab.scene.setGrid.bind(lab.scene);
      (window as unknown as { gridCount: number }).gridCount = 0;
      lab.scene.setGrid = (g) => {
        (window as unknown as { gridCount: number }).gridCount++;
        original(g);
      };
    });
    const recomputes = await page.evaluate(() => window.__taylorLab.optimizers.controller.recomputes);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 3; i++) await page.keyboard.press('n');
    await expect.poll(() => hook(page).then((s) => s.runSteps)).toBe(3);
    await page.locator('.lil-controller', { hasText: 'step (N)' }).locator('button').click();
    await expect.poll(() => hook(page).then((s) => s.runSteps)).toBe(4);
    for (const [i, method] of [[0, 'gd'], [1, 'newton']] as const) {
      const got = await iterateOf(page, i);
      const want = expected(method, 4);
      expect(got.k).toBe(want.k);
      for (const key of ['x', 'y', 'f'] as const) expect(Math.abs(got[key] - want[key]), `${method} ${key}`).toBeLessThan(1e-12);
    }
    expect(await page.locator('[data-run-index="1"] [data-readout="run-model"]').innerText()).toMatch(/saddle of the model/);
    await waitForFrames(page);
    expect(await page.evaluate(() => (window as unknown as { gridCount: number }).gridCount)).toBe(0);
    expect(await page.evaluate(() => window.__taylorLab.optimizers.controller.recomputes)).toBe(recomputes);
  });

  it('shows the stop reasons: Newton converges to the saddle (0, 0), GD to the minimum (1, 0)', async () => {
    await setState(page, { runSteps: 300 });
    await expect.poll(() => page.locator('[data-run-index="1"] [data-readout="run-stop"]').innerText()).toMatch(/converged .*saddle of f near \(0, 0\)/);
    expect(await page.locator('[data-run-index="0"] [data-readout="run-stop"]').innerText()).toMatch(/converged .*minimum of f near \(1, /);
    const table = await page.locator('[data-readout="run-table"] tbody tr[data-run-index="0"] td[data-tol="1e-8"]').innerText();
    expect(Number(table)).toBe(expected('gd', 300).k);
    await setState(page, { runSteps: 12, x: 0.1, y: 0.3, showModel: false, showAxes: false, camera: '1.5,-2.9,2.2,0.3,0.1,-0.2' });
    await waitForFrames(page, 3);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'test-results/optimizers.png' });
  });

  it('a permalink with runSteps restores the same iterates', async () => {
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/runSteps=12/);
    const hash = await page.evaluate(() => location.hash.slice(1));
    const second = await openLab(browser, hash);
    for (const i of [0, 1]) expect(await iterateOf(second.page, i)).toEqual(await iterateOf(page, i));
    await second.page.close();
  });

  it('says why GD diverges for η above 2/λmax on the κ = 10 bowl', async () => {
    await setState(page, { formula: '0.5*(x^2 + 10*y^2)', preset: 'custom', runs: 'gd:lr=0.21', runStart: '1,1', runSteps: 0 });
    await waitForIdle(page);
    const text = () => page.locator('[data-run-index="0"] [data-readout="run-divergence"]').innerText();
    await expect.poll(text).toContain('η = 0.21 > 2/λmax = 0.2: along v2 each step multiplies the error by |1 - ηλ| = 1.1');
    expect(await page.locator('[data-readout="lr-limit"]').getAttribute('data-value')).toBe('0.2');
    await setState(page, { runSteps: 300 });
    await expect.poll(() => page.locator('[data-run-index="0"] [data-readout="run-stop"]').innerText()).toMatch(/^diverged after \d+ steps/);
    await setState(page, { runs: 'gd:lr=oops' });
    await expect.poll(() => page.locator('[data-readout="run-error"]').innerText()).toMatch(/lr needs a number/);
    expect(await page.locator('.optimizer-run[data-run-index="0"]').getAttribute('data-method')).toBe('gd');
    expect(errors).toEqual([]);
  });
});

/**
 * The edge-of-stability panel's deep linear preset in a real browser (issue 18, item 1): choosing
 * it in the panel's menu loads its η = 0.2, 300 steps, seed 1 and K = 2 into the state (and the
 * link), the worker runs it, and λmax rises past 0.9·2/η = 9 at step 56 and stays below 2/η = 10,
 * as the Node run of tests/unit/eosDeepLinear.test.ts has it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, openLab } from './harness';

type Lab = { __taylorLab: { state(): Record<string, unknown> } };

describe('the deep linear EoS preset in a real browser', () => {
  const browser = useBrowser();
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await openLab(browser(), 'v=1&mode=gdmap&gdmapPanel=eos&eosSteps=50&n=64'));
  }, 120_000);

  it('the menu loads the preset; the run crosses 0.9·2/η at step 56 and peaks below 2/η', async () => {
    const menu = page.locator('[data-testid="eos-preset"]');
    await expect.poll(() => menu.inputValue()).toBe('tanh');
    await menu.selectOption('deep-linear');
    const state = () => page.evaluate(() => (window as unknown as Lab).__taylorLab.state());
    await expect.poll(state).toMatchObject({ eosPreset: 'deep-linear', eosLr: 0.2, eosSteps: 300, eosSeed: 1, eosEvery: 2 });
    await expect.poll(() => page.url()).toContain('eosPreset=deep-linear');
    const panel = '[data-testid="eos-panel"]';
    await page.waitForSelector(`${panel}[data-state="done"][data-steps="300"]`, { timeout: 120_000 });
    expect(await page.getAttribute(panel, 'data-limit')).toBe('10');
    expect(await page.getAttribute(panel, 'data-crossing90')).toBe('56');
    expect(await page.getAttribute(panel, 'data-crossing')).toBe('');
    const peak = Number(await page.getAttribute(panel, 'data-lambda-peak'));
    expect(peak).toBeGreaterThan(9);
    expect(peak).toBeLessThan(10);
    expect(await page.textContent('[data-readout="eos-setup"]')).toContain('Deep linear net 5-10-10-10-1');
    expect(errors).toEqual([]);
  }, 180_000);
});

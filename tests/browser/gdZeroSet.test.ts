/**
 * The GD map's zero set in the implicit view, in the page (issue 18 item 3): the GD-map view's button
 * opens the implicit view with F = f′(x) + f′(x − λf′(x)) for its f; the diagram marks both flips as
 * BPs at the closed-form 2/f″(x*), labels each piece fixed/period-2 with the map's stability, and the
 * readouts name the curves. Numbers: tests/unit/gdZeroSet.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, openLab, readout } from './harness';

/** 2/f″(x*) at the minima of x⁴ − 3x² + x (closed form, see the unit test). */
const FLIPS = [0.13979949898425767, 0.21396671612314616];

describe('GD map as a zero set (browser)', () => {
  const browser = useBrowser();
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await openLab(browser(), 'mode=gdmap&n=32'));
  });


  it('the button opens the implicit view on the preset: two BPs at the flips (1e-9), fixed lines stable then unstable, the readouts name the curves', async () => {
    await page.locator('[data-testid="gdmap-open-implicit"] button').click();
    await page.waitForSelector('[data-testid="viewImplicit"][data-ready="true"]', { timeout: 30_000 });
    const state = await page.evaluate(() => window.__taylorLab.state());
    expect([state.mode, state.implicitPreset, state.implicitDynamics]).toEqual(['implicit', 'gd-period2', 'gd-map']);
    const diagram = '[data-testid="implicit-diagram"]';
    expect(await page.getAttribute(diagram, 'data-dynamics')).toBe('gd-map');
    const bps = (await page.getAttribute(diagram, 'data-special'))!.split(';').map((s) => s.split(',')).filter((s) => s[0] === 'BP').map((s) => Number(s[1])).sort((a, b) => a - b);
    expect(bps).toHaveLength(2);
    bps.forEach((eta, k) => expect(Math.abs(eta - FLIPS[k])).toBeLessThanOrEqual(1e-9));
    const pieces = (await page.getAttribute(diagram, 'data-gd-pieces'))!.split(';');
    expect(pieces).toContain('fixed:stable');
    expect(pieces).toContain('fixed:unstable');
    expect(pieces).toContain('period2:stable');
    expect(await readout(page, 'implicit-gd-curves')).toMatch(/fixed points.*period-2 orbits.*η = 0\.139799 at x\* = -1\.30084, η = 0\.213967 at x\* = 1\.1309\)/);
    expect(await page.getAttribute('[data-readout="implicit-gd-point"]', 'data-kind')).toBe('fixed point');
    expect(errors).toEqual([]);
  });
});

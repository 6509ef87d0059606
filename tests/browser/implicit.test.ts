import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { LabState } from './hook';
import { launchBrowser, openLab, readNumber, readout } from './harness';

function setState(page: Page, patch: object): Promise<void> {
  return page.evaluate((p) => window.__taylorLab.set(p), patch);
}

function stateValue(page: Page, key: keyof LabState): Promise<number> {
  return page.evaluate((k) => Number(window.__taylorLab.state()[k]), key);
}

/** Waits until the implicit view has drawn the current state. */
async function ready(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="viewImplicit"][data-ready="true"]', { timeout: 30_000 });
}

/**
 * Page coordinates of a (λ, x) point of the diagram, from the canvas's plot frame (data-bbox) and
 * window. The canvas is scrolled fully into view first (an element screenshot elsewhere in the view
 * scrolls #viewImplicit), and a point outside the viewport throws: a mouse press there hits nothing.
 */
async function pagePoint(page: Page, lambda: number, x: number): Promise<{ px: number; py: number }> {
  const canvas = page.locator('[data-testid="implicit-diagram"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('diagram canvas not shown');
  const [left, top, width, height] = (await canvas.getAttribute('data-bbox'))!.split(',').map(Number);
  const [lMin, lMax, xMin, xMax] = (await page.getAttribute('[data-testid="implicit-diagram"]', 'data-window'))!.split(',').map(Number);
  const p = { px: box.x + left + ((lambda - lMin) / (lMax - lMin)) * width, py: box.y + top + ((xMax - x) / (xMax - xMin)) * height };
  const view = page.viewportSize()!;
  if (!(p.px >= 0 && p.py >= 0 && p.px < view.width && p.py < view.height)) throw new Error(`(${lambda}, ${x}) is at (${p.px}, ${p.py}), outside the viewport`);
  return p;
}

function legendTexts(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="error"] .taylor-legend-row', (rows) => rows.map((r) => r.textContent ?? ''));
}

describe('the implicit-function view in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await openLab(browser, 'n=64'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('key 3 shows the view in place of the 3D one: the pitchfork with its one singular point at (0, 0)', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.keyboard.press('3');
    await ready(page);
    expect(await page.isVisible('[data-testid="viewImplicit"]')).toBe(true);
    expect(await page.isVisible('#viewport')).toBe(false);
    expect(await page.isVisible('[data-testid="implicit-gui"]')).toBe(true);
    // Only this view's controls: the 2D panel's point, colour and optimizer controls and the 2D
    // live formula are hidden here, and come back with the 2D view.
    const twoDOnly = async () => [
      await page.locator('.lil-gui .lil-title', { hasText: 'expansion point' }).first().isVisible(),
      await page.locator('.lil-gui .lil-name', { hasText: 'colour' }).first().isVisible(),
      await page.locator('[data-testid="optimizer-folder"]').isVisible(),
      await page.locator('[data-testid="live-formula"]').isVisible(),
    ];
    await expect.poll(twoDOnly).toEqual([false, false, false, false]);
    await page.keyboard.press('2');
    await expect.poll(twoDOnly).toEqual([true, true, true, true]);
    await page.keyboard.press('3');
    await ready(page);
    const singular = (await page.getAttribute('[data-testid="implicit-diagram"]', 'data-singular'))!.split(';');
    expect(singular).toHaveLength(1);
    const [lambda, x] = singular[0].split(',').map(Number);
    expect(Math.hypot(lambda, x)).toBeLessThan(1e-9);
    expect(await readout(page, 'implicit-singular')).toBe('(0, 0)');
    // Stable: x = 0 for λ < 0 and x = ±√λ (a contour may join x = 0 to one of them at the crossing); unstable: x = 0 for λ > 0.
    expect(Number(await page.getAttribute('[data-testid="implicit-diagram"]', 'data-stable'))).toBeGreaterThanOrEqual(2);
    expect(Number(await page.getAttribute('[data-testid="implicit-diagram"]', 'data-unstable'))).toBeGreaterThanOrEqual(1);
  });

  it("a real drag along the upper branch moves the point on x = √λ and updates x' and the chart", async () => {
    await setState(page, { lam0: 1, xi0: 1, implicitOrders: '1,2' });
    await ready(page);
    expect(await readNumber(page, 'implicit-d1')).toBe(0.5);
    expect(await readNumber(page, 'implicit-d2')).toBe(-0.25);
    expect(await readNumber(page, 'implicit-Fx')).toBe(2);
    const legendBefore = await legendTexts(page);
    const trustedBefore = Number(await page.getAttribute('[data-readout="implicit-trusted"]', 'data-value'));
    const from = await pagePoint(page, 1, 1);
    await page.mouse.move(from.px, from.py);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      const l = 1 - (0.75 * i) / 12;
      const to = await pagePoint(page, l, Math.sqrt(l) + 0.03);
      await page.mouse.move(to.px, to.py);
    }
    await page.mouse.up();
    await ready(page);
    const [lam0, xi0] = [await stateValue(page, 'lam0'), await stateValue(page, 'xi0')];
    expect(Math.abs(lam0 - 0.25)).toBeLessThan(0.03);
    expect(Math.abs(xi0 - Math.sqrt(lam0))).toBeLessThan(1e-12);
    const d1 = await readNumber(page, 'implicit-d1');
    expect(Math.abs(d1 - 1 / (2 * Math.sqrt(lam0)))).toBeLessThan(1e-5);
    expect(d1).toBeGreaterThan(0.9);
    expect(await legendTexts(page)).not.toEqual(legendBefore);
    const trustedAfter = Number(await page.getAttribute('[data-readout="implicit-trusted"]', 'data-value'));
    expect(trustedAfter).toBeLessThan(trustedBefore);
    expect(trustedAfter).toBeLessThanOrEqual(lam0);
  });

  it('the λ slider moves the roots: one root for λ < 0, three for λ > 0', async () => {
    const input = page.locator('[data-testid="implicit-lambda-slider"] input').first();
    const count = () => page.getAttribute('[data-readout="implicit-roots"]', 'data-count');
    await input.fill('-0.5');
    await input.press('Enter');
    await expect.poll(count).toBe('1');
    await input.fill('0.5');
    await input.press('Enter');
    await expect.poll(count).toBe('3');
    expect(await stateValue(page, 'lamSlider')).toBe(0.5);
  });

  it('a screenshot shows solid and dashed branches and readable labels', async () => {
    await setState(page, { lam0: 0.6, xi0: Math.sqrt(0.6), lamSlider: 0.5 });
    await ready(page);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/implicit.png', fullPage: false });
  });

  it("the family panel tracks the tilted well's critical points and marks the folds at λ = ±8/(3√3)", async () => {
    await page.locator('[data-testid="implicit-family-toggle"] input').check();
    await page.waitForSelector('[data-testid="implicit-family"][data-ready="true"]', { timeout: 60_000 });
    const folds = (await page.getAttribute('[data-readout="implicit-folds"]', 'data-folds'))!.split(';').map((f) => f.split(',').map(Number));
    const fold = 8 / (3 * Math.sqrt(3));
    expect(folds.map(([l]) => l).sort((a, b) => a - b).map((l) => Math.abs(Math.abs(l) - fold) < 1e-6)).toEqual([true, true]);
    await page.locator('[data-testid="implicit-family"]').screenshot({ path: 'test-results/implicit-family.png' });
  });

  it('a permalink restores the view, its point and its slice in a fresh page', async () => {
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('mode=implicit');
    const hash = (await page.evaluate(() => location.hash)).slice(1);
    const d1 = await readout(page, 'implicit-d1');
    const fresh = await openLab(browser, hash);
    await fresh.page.waitForSelector('[data-testid="viewImplicit"][data-ready="true"]', { timeout: 30_000 });
    expect(await fresh.page.isVisible('[data-testid="viewImplicit"]')).toBe(true);
    expect(await readout(fresh.page, 'implicit-d1')).toBe(d1);
    expect(await fresh.page.getAttribute('[data-readout="implicit-roots"]', 'data-count')).toBe('3');
    expect(fresh.errors).toEqual([]);
    await fresh.page.close();
    expect(errors).toEqual([]);
  });

  it('continuation: three stable pieces and a BP at the pitchfork, a click on the BP switches branches, a drag follows the circle through its fold', async () => {
    await setState(page, { implicitPreset: 'pitchfork', implicitFormula: 'x^3 - lambda*x', lamMin: -1, lamMax: 2, xiMin: -1.5, xiMax: 1.5, lam0: 1, xi0: 1, implicitDynamics: 'auto' });
    await ready(page);
    const diagram = '[data-testid="implicit-diagram"]';
    expect([await page.getAttribute(diagram, 'data-stable'), await page.getAttribute(diagram, 'data-unstable')]).toEqual(['3', '1']);
    expect(await page.getAttribute(diagram, 'data-dynamics')).toBe('gradient');
    const [type, bl, bx] = (await page.getAttribute(diagram, 'data-special'))!.split(',');
    expect(type).toBe('BP');
    expect(Math.hypot(Number(bl), Number(bx))).toBeLessThan(1e-10);
    const bp = await pagePoint(page, 0, 0);
    await page.mouse.click(bp.px, bp.py);
    await ready(page);
    const [l1, x1] = [await stateValue(page, 'lam0'), await stateValue(page, 'xi0')];
    expect(Math.abs(x1 ** 3 - l1 * x1)).toBeLessThan(1e-12);
    expect(Math.abs(x1 - 1) > 0.3 || l1 < 0).toBe(true); // off the branch it was on, x = +√λ near (1, 1)
    await setState(page, { implicitPreset: 'circle', implicitFormula: 'x^2 + lambda^2 - 1', lamMin: -1.5, lamMax: 1.5, xiMin: -1.5, xiMax: 1.5, lam0: 0.6, xi0: 0.8 });
    await ready(page);
    const start = await pagePoint(page, 0.6, 0.8);
    await page.mouse.move(start.px, start.py);
    await page.mouse.down();
    for (let i = 1; i <= 16; i++) {
      const angle = Math.atan2(0.8, 0.6) - (i * 1.8) / 16; // clockwise, through the fold at λ = 1
      const to = await pagePoint(page, Math.cos(angle) * 1.02, Math.sin(angle) * 1.02);
      await page.mouse.move(to.px, to.py);
    }
    await page.mouse.up();
    await ready(page);
    const [l2, x2] = [await stateValue(page, 'lam0'), await stateValue(page, 'xi0')];
    expect(x2).toBeLessThan(-0.3);
    expect(Math.abs(x2 * x2 + l2 * l2 - 1)).toBeLessThan(1e-12);
    await page.locator(diagram).screenshot({ path: 'test-results/implicit-continuation.png' });
  });

  it('the dynamics is stated and switchable, and the μ slider shows the imperfect pitchfork with its fold on the cusp 4λ³ = 27μ²', async () => {
    const diagram = '[data-testid="implicit-diagram"]';
    await setState(page, { implicitPreset: 'saddle-node', implicitFormula: 'lambda + x^2', lamMin: -2, lamMax: 1, xiMin: -1.5, xiMax: 1.5, lam0: -1, xi0: 1, implicitDynamics: 'auto' });
    await ready(page);
    expect(await page.getAttribute(diagram, 'data-dynamics')).toBe('flow');
    expect(await page.isVisible('[data-testid="cusp"]')).toBe(false);
    await setState(page, { implicitDynamics: 'gradient' });
    await ready(page);
    expect(await page.getAttribute(diagram, 'data-dynamics')).toBe('gradient');
    await setState(page, { implicitPreset: 'imperfect', implicitFormula: 'x^3 - lambda*x + mu', lamMin: -1, lamMax: 2, xiMin: -1.5, xiMax: 1.5, lam0: 1, xi0: 1, implicitMu: 0.1, implicitDynamics: 'auto' });
    await ready(page);
    expect(await page.isVisible('[data-testid="cusp"]')).toBe(true);
    expect(await page.isVisible('[data-testid="implicit-mu-slider"]')).toBe(true);
    const cusp = (await page.getAttribute('[data-testid="implicit-cusp"]', 'data-cusps'))!.split(',').map(Number);
    expect(Math.hypot(cusp[0], cusp[1])).toBeLessThan(1e-10);
    for (const mu of [0.1, -0.2]) {
      await setState(page, { implicitMu: mu });
      await ready(page);
      const special = (await page.getAttribute(diagram, 'data-special'))!.split(';').map((p) => p.split(','));
      expect(special.map((p) => p[0])).toEqual(['LP']);
      const lambda = Number(special[0][1]);
      expect(Math.abs(4 * lambda ** 3 - 27 * mu * mu)).toBeLessThan(1e-10);
      // The point stays on the curve for the new μ.
      const [l0, x0] = [await stateValue(page, 'lam0'), await stateValue(page, 'xi0')];
      expect(Math.abs(x0 ** 3 - l0 * x0 + mu)).toBeLessThan(1e-9);
    }
    expect(errors).toEqual([]);
  });
});

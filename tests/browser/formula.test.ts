import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openLab, readNumber, readout, waitForIdle } from './harness';
import { waitForFrames } from './frames';
import { canvasShot, changedFraction, markerClientPosition } from './screen';

async function typeFormula(page: Page, text: string): Promise<void> {
  const input = page.locator('[data-testid="formula"]');
  await input.fill(text);
  await input.press('Enter');
}

describe('typed functions in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    // N = 64 (a frame in ~0.12 s in software, not ~0.33 s): parsing, readouts, redraws and tensor
    // leaks do not depend on the grid size (a formula's grid pass is one chunk at any N).
    ({ page, errors } = await openLab(browser, 'n=64'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('typing a function redraws the surface and the readouts follow its closed form', async () => {
    const before = await canvasShot(page);
    await typeFormula(page, 'sin(x)*cos(y)');
    await waitForIdle(page);
    await waitForFrames(page);
    expect(changedFraction(before, await canvasShot(page))).toBeGreaterThan(0.1);
    const x = await readNumber(page, 'x');
    const y = await readNumber(page, 'y');
    expect(await readNumber(page, 'f')).toBeCloseTo(Math.sin(x) * Math.cos(y), 3);
    expect(await readNumber(page, 'hxy')).toBeCloseTo(-Math.cos(x) * Math.sin(y), 3);
    expect(await page.locator('[data-readout="formula-error"]').isHidden()).toBe(true);
  });

  it('a bad function shows the error with a caret and keeps the last good surface', async () => {
    const before = await canvasShot(page);
    const fBefore = await readout(page, 'f');
    await typeFormula(page, 'sin(2x)');
    const error = page.locator('[data-readout="formula-error"]');
    await expect.poll(() => error.isVisible()).toBe(true);
    const text = await error.innerText();
    expect(text).toContain('implicit multiplication');
    expect(text.split('\n')[2]).toBe('     ^');
    await waitForFrames(page);
    expect(changedFraction(before, await canvasShot(page))).toBeLessThan(0.001);
    expect(await readout(page, 'f')).toBe(fBefore);
    expect(errors).toEqual([]);
  });

  it('an unknown name lists what is allowed, and nothing runs', async () => {
    await typeFormula(page, 'alert(1)');
    const error = page.locator('[data-readout="formula-error"]');
    await expect.poll(() => error.innerText()).toContain('allowed');
    expect(await error.innerText()).toContain('sin');
  });

  it('a function undefined on part of the domain shows a gap with a notice, not a crash', async () => {
    await typeFormula(page, 'log(x) + y^2');
    await waitForIdle(page);
    await expect.poll(() => page.locator('[data-notice="gaps"]').innerText()).toContain('undefined on');
    expect(errors).toEqual([]);
  });

  it('grid passes on the WebGL backend leak no tensors', async () => {
    const count = () => page.evaluate(() => window.__taylorLab.liveTensorCount());
    await typeFormula(page, 'x^2 + y^2');
    await waitForIdle(page);
    const before = await count();
    for (const f of ['exp(-(x^2+y^2))', 'tanh(x*y)', 'sqrt(x^2+y^2+1)', 'x^2 + y^2']) {
      await typeFormula(page, f);
      await waitForIdle(page);
    }
    expect(await count()).toBe(before);
  });

  it('an order-5 model follows a drag of the marker', async () => {
    await typeFormula(page, 'sin(x)*cos(y)');
    await waitForIdle(page);
    await page.evaluate(() => window.__taylorLab.set({ x: 0.5, y: 0.5, order: 5, radius: 1 }));
    await expect.poll(() => readout(page, 'order')).toBe('5');
    await waitForFrames(page);
    const before = await canvasShot(page);
    const start = await markerClientPosition(page);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(start.x + 10 * i, start.y - 4 * i);
    await page.mouse.up();
    const x = await readNumber(page, 'x');
    const y = await readNumber(page, 'y');
    expect(Math.hypot(x - 0.5, y - 0.5)).toBeGreaterThan(0.1);
    // The patch's uniforms are the order-5 model at the new point: c00 = f, c10 = df/dx, c01 = df/dy.
    const patch = await page.evaluate(() => {
      interface U { uCoeffs: { value: Float32Array }; uOrder: { value: number }; uPoint: { value: { x: number; y: number } } }
      const u = (window as unknown as { __taylorLab: { scene: { patch: { material: { uniforms: U } } } } }).__taylorLab.scene.patch.material.uniforms;
      return { c: Array.from(u.uCoeffs.value.slice(0, 3)), order: u.uOrder.value, px: u.uPoint.value.x, py: u.uPoint.value.y };
    });
    expect(patch.order).toBe(5);
    expect(patch.px).toBeCloseTo(x, 3);
    expect(patch.py).toBeCloseTo(y, 3);
    const float32 = 1e-6;
    expect(Math.abs(patch.c[0] - Math.sin(patch.px) * Math.cos(patch.py))).toBeLessThan(float32);
    expect(Math.abs(patch.c[1] - Math.cos(patch.px) * Math.cos(patch.py))).toBeLessThan(float32);
    expect(Math.abs(patch.c[2] + Math.sin(patch.px) * Math.sin(patch.py))).toBeLessThan(float32);
    expect(changedFraction(before, await canvasShot(page))).toBeGreaterThan(0.005);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openLab, readout } from './harness';
import { waitForFrames } from './frames';
import { markerClientPosition } from './screen';

const READOUTS = ['x', 'y', 'f', 'gx', 'gy', 'hxx', 'hxy', 'hyy'];

/** Puts the point at (0.5, 0.5), drags the marker 10 steps and returns what the lab shows. */
async function dragAndRead(page: Page, coarse: boolean): Promise<{ during: string; readouts: string[]; coeffs: number[]; pickDuring: unknown; pickStill: unknown }> {
  await page.evaluate((on) => {
    const lab = window.__taylorLab;
    lab.scene.setCoarseWhileMoving(on);
    lab.set({ x: 0.5, y: 0.5 });
  }, coarse);
  await waitForFrames(page);
  // Every mesh mode the canvas takes during the drag (the full mesh may be back before we look).
  await page.evaluate(() => {
    const canvas = document.querySelector('#viewport canvas') as HTMLCanvasElement;
    const seen: string[] = [];
    new MutationObserver(() => seen.push(canvas.dataset.mesh ?? '')).observe(canvas, { attributes: true, attributeFilter: ['data-mesh'] });
    (window as unknown as { __meshSeen: string[] }).__meshSeen = seen;
  });
  const start = await markerClientPosition(page);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(start.x - 8 * i, start.y + 3 * i);
  const during = await page.evaluate(() => ((window as unknown as { __meshSeen: string[] }).__meshSeen.includes('coarse') ? 'coarse' : 'full'));
  const pickAt = (): Promise<unknown> =>
    page.evaluate(([cx, cy]) => window.__taylorLab.scene.pick(cx, cy), [start.x - 40, start.y + 15]);
  // Same camera (orbiting is off while the point is dragged), mesh coarse now and full later.
  const pickDuring = await pickAt();
  await page.mouse.up();
  await expect.poll(() => page.locator('#viewport canvas').first().getAttribute('data-mesh')).toBe('full');
  const pickStill = await pickAt();
  const readouts = await Promise.all(READOUTS.map((k) => readout(page, k)));
  const coeffs = await page.evaluate(() => Array.from(window.__taylorLab.app.pointModel?.coeffs ?? []));
  return { during, readouts, coeffs, pickDuring, pickStill };
}

describe('the coarse mesh while moving', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page } = await openLab(browser, 'n=128'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('leaves picking exactly as it is at the same camera', async () => {
    const [coarse, full] = await page.evaluate(() => {
      const scene = window.__taylorLab.scene;
      const canvas = document.querySelector('#viewport canvas') as HTMLCanvasElement;
      const r = canvas.getBoundingClientRect();
      const at = (): unknown => scene.pick(r.left + r.width * 0.45, r.top + r.height * 0.55);
      scene.surface.setCoarse(true);
      const c = at();
      scene.surface.setCoarse(false);
      return [c, at()];
    });
    expect(coarse).not.toBeNull();
    expect(coarse).toEqual(full);
  });

  it('is drawn during a drag and never changes the readouts, the picking or the model', async () => {
    const on = await dragAndRead(page, true);
    // dragAndRead also waits for the full mesh to come back (150 ms after the last move).
    expect(on.during).toBe('coarse');
    const off = await dragAndRead(page, false);
    expect(off.during).toBe('full');
    expect(Number(on.readouts[0])).not.toBe(0.5);
    expect(on.readouts).toEqual(off.readouts);
    // The two drags end ~1e-14 apart (orbit damping nudges the camera between them), so the
    // float64 model is compared to 1e-9 of its size; a coarse mesh leaking in would be ~1e-3.
    expect(on.coeffs.length).toBe(off.coeffs.length);
    on.coeffs.forEach((c, k) => expect(Math.abs(c - off.coeffs[k])).toBeLessThan(1e-9 * (1 + Math.abs(off.coeffs[k]))));
    expect(on.pickDuring).not.toBeNull();
    // Orbit damping may nudge the camera by ~1e-14 between the two moments: compare to 1e-9.
    const a = on.pickDuring as { x: number; y: number };
    const b = on.pickStill as { x: number; y: number };
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(1e-9);
    expect(on.coeffs.length).toBeGreaterThan(0);
  });
});

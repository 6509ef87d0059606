/**
 * The network's work runs off the main thread: while a long run trains and its slice computes,
 * the page keeps drawing frames and handling the pointer (orbiting the 3D view), the 3D view says
 * what it is waiting for instead of showing another landscape, a coarse surface comes before the
 * full one, and a link naming only the network gets the network's grid size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { inject } from 'vitest';
import { launchBrowser, readout } from './harness';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('network compute off the main thread', () => {
  it('frames and pointer events are handled while the network trains and its slice computes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // A run long enough to outlast the checks below: 100,000 Adam steps of a 2-8-8-1 net.
    await page.goto(`${inject('baseUrl')}#landscape=network&netHidden=8,8&netSteps=100000&n=64`);
    const viewport = page.locator('#viewport');
    await expect.poll(() => viewport.getAttribute('data-waiting'), { timeout: 90_000 }).toMatch(/^Training the network: step \d+ of 100000/);
    // Count frames and pointer moves the page handles from now on.
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number; __moves: number };
      w.__frames = 0;
      w.__moves = 0;
      const frame = (): void => {
        w.__frames++;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      document.querySelector('#viewport canvas')?.addEventListener('pointermove', () => w.__moves++);
    });
    const box = await viewport.boundingBox();
    if (!box) throw new Error('no viewport');
    // Orbit: a drag across the (empty) 3D view while training goes on.
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.mouse.down();
    for (let i = 0; i < 10; i++) await page.mouse.move(box.x + box.width * (0.3 + 0.04 * i), box.y + box.height * 0.5);
    await page.mouse.up();
    const during = await page.evaluate(() => {
      const w = window as unknown as { __frames: number; __moves: number };
      return { frames: w.__frames, moves: w.__moves, waiting: document.querySelector('#viewport')?.getAttribute('data-waiting') ?? null };
    });
    // Still training when the counts were read: the frames and moves were handled during the work.
    expect(during.waiting).toMatch(/^Training the network: step \d+ of 100000/);
    expect(during.moves).toBeGreaterThanOrEqual(10);
    expect(during.frames).toBeGreaterThanOrEqual(5);
    // No other landscape is on screen under the network's name while it trains.
    expect(await page.evaluate(() => window.__taylorLab.app.currentLandscape)).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('a link naming only the network gets its grid size, and a coarse surface is drawn before the full one', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${inject('baseUrl')}#landscape=network&netHidden=4&netSteps=40&netSamples=60`);
    // Record the size of every grid the scene is given (the hook's scene is the page's own).
    await page.waitForFunction(() => window.__taylorLab !== undefined);
    await page.evaluate(() => {
      const w = window as unknown as { __sizes: number[] };
      w.__sizes = [];
      const scene = window.__taylorLab.scene;
      const setGrid = scene.setGrid.bind(scene);
      scene.setGrid = (g) => {
        w.__sizes.push(g.n);
        setGrid(g);
      };
    });
    await page.waitForFunction(() => {
      const lab = window.__taylorLab;
      return lab !== undefined && lab.idle() && lab.app.currentLandscape?.kind === 'network';
    }, undefined, { timeout: 120_000 });
    const state = await page.evaluate(() => window.__taylorLab.state());
    expect(state.n).toBe(64);
    const sizes = await page.evaluate(() => (window as unknown as { __sizes: number[] }).__sizes);
    expect(sizes.at(-1)).toBe(64);
    expect(sizes[0]).toBeLessThan(64);
    expect(Number(await readout(page, 'f'))).toBeGreaterThan(0);
    await page.close();
  });
});

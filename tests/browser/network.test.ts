/**
 * The network landscape as a user meets it: pick it from a link, watch it train (progress bar,
 * falling loss), see the surface, click a point and read λmax and 2/λmax, check the breakdown
 * chart's slopes at the minimum, and reopen the permalink in a fresh page for the same readouts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, readNumber, readout, waitForNetworkSurface } from './harness';

/** A small, fast run: 2-6-1 tanh on the two Gaussians, 120 Adam steps, a 32 x 32 slice grid. */
const LINK = 'preset=network&landscape=network&netData=gaussians&netHidden=6&netSteps=120&netLr=0.05&netSeed=3&n=32&xmin=-1&xmax=1&ymin=-1&ymax=1&x=0&y=0&order=2';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the network landscape in a real browser', () => {
  it('trains in the page, draws the loss slice and reports the full Hessian at the point', async () => {
    const { page, errors } = await openPage(browser, LINK);
    const progress = page.locator('[data-testid="train-progress"]');
    await expect.poll(() => progress.evaluate((el) => (el as HTMLProgressElement).value), { timeout: 120_000 }).toBeGreaterThan(0);
    await waitForNetworkSurface(page);
    expect(await progress.evaluate((el) => (el as HTMLProgressElement).value)).toBe(120);
    // The grid pass (tfjs on WebGL, float32) against the float64 jets of the same slice at grid nodes,
    // relative to the largest value compared (the CPU grid is checked the same way in the unit tests).
    const worst = await page.evaluate(() => {
      const lab = window.__taylorLab;
      const g = lab.app.currentGrid!;
      let err = 0;
      let scale = 0;
      for (const [i, j] of [[0, 0], [5, 9], [16, 16], [31, 2], [20, 27]]) {
        const x = g.domain.xmin + (i * (g.domain.xmax - g.domain.xmin)) / (g.n - 1);
        const y = g.domain.ymin + (j * (g.domain.ymax - g.domain.ymin)) / (g.n - 1);
        const c = lab.app.currentLandscape!.coefficients(x, y, 2);
        const k = j * g.n + i;
        for (const [grid, exact] of [[g.f[k], c[0]], [g.gx[k], c[1]], [g.hyy[k], 2 * c[5]]]) {
          err = Math.max(err, Math.abs(grid - exact));
          scale = Math.max(scale, Math.abs(exact));
        }
      }
      return err / Math.max(1e-6, scale);
    });
    expect(worst).toBeLessThan(1e-3);
    expect(await readout(page, 'train-status')).toMatch(/Trained \(120 steps\): loss 0\.\d+/);
    expect(await readNumber(page, 'params')).toBe(2 * 6 + 6 + 6 + 1);
    // At θ* (0, 0) the slice value is the training loss and a trained minimum is nearly flat.
    const f0 = await readNumber(page, 'f');
    const trainLoss = Number((await readout(page, 'train-status')).match(/loss (\d\.\d+)/)?.[1]);
    expect(Math.abs(f0 - trainLoss)).toBeLessThan(5e-4 * Math.max(1, trainLoss));
    await expect.poll(() => readNumber(page, 'lambdaMaxFull'), { timeout: 30_000 }).toBeGreaterThan(0);
    const lambdaMax = await readNumber(page, 'lambdaMaxFull');
    // Both readouts show 4 significant digits: compare to that precision.
    expect(Math.abs(await readNumber(page, 'stableLr') - 2 / lambdaMax)).toBeLessThan(1e-3 * (2 / lambdaMax));
    // The point moves: the app recomputes the point model and λmax at θ(a, b).
    await page.evaluate(() => window.__taylorLab.set({ x: 0.3, y: -0.2 }));
    await expect.poll(() => readNumber(page, 'x')).toBeCloseTo(0.3, 4);
    await expect.poll(() => page.locator('[data-testid="network"]').getAttribute('data-hessian-at'), { timeout: 30_000 }).toBe('point');
    expect(await readNumber(page, 'lambdaMaxFull')).not.toBe(lambdaMax);
    await page.screenshot({ path: 'test-results/network.png' });
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('a permalink reproduces the same landscape and readouts in a fresh page', async () => {
    const first = await openPage(browser, LINK);
    await waitForNetworkSurface(first.page);
    await first.page.evaluate(() => window.__taylorLab.set({ x: 0.25, y: 0.1 }));
    await expect.poll(() => readNumber(first.page, 'x')).toBeCloseTo(0.25, 4);
    const values = async (p: Page) => [await readout(p, 'f'), await readout(p, 'gx'), await readout(p, 'hxx'), await readout(p, 'hyy')];
    const before = await values(first.page);
    // The permalink follows the state once the change settles.
    await expect.poll(() => first.page.url()).toMatch(/[#&]x=0\.25(&|$)/);
    const link = first.page.url();
    expect(link).toMatch(/netSeed=3/);
    await first.page.close();
    const second = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await second.goto(link);
    await waitForNetworkSurface(second);
    await expect.poll(() => readNumber(second, 'x')).toBeCloseTo(0.25, 6);
    await expect.poll(() => values(second)).toEqual(before);
    await second.close();
  }, 300_000);

  it('with path directions the training run is drawn on the surface', async () => {
    const { page, errors } = await openPage(browser, LINK.replace('netSeed=3', 'netSeed=3&netDirections=path'));
    await waitForNetworkSurface(page);
    const drawn = () => page.evaluate(() => window.__taylorLab.scene.trainingPath.drawnIterates(0));
    await expect.poll(drawn, { timeout: 30_000 }).toBeGreaterThan(1);
    expect(Number(await page.locator('[data-testid="network"]').getAttribute('data-path'))).toBeGreaterThan(1);
    await page.screenshot({ path: 'test-results/network-path.png' });
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});

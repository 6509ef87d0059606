/**
 * The spectrum view as a user meets it: a link to the view before any network is trained says so
 * and offers the network landscape; after a small net trains there, key 5 shows its Hessian
 * spectrum: top-k and bottom-k with residuals, the trace ± its standard error, the SLQ density with
 * the exact spectrum under it (P = 25 is small), the error-vs-HVPs chart and the spectrum over training.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { inject } from 'vitest';
import { launchBrowser, openPage, readout, waitForNetworkSurface } from './harness';

/**
 * 2-6-1 tanh on the two Gaussians (P = 25), 120 Adam steps; the view asks for 3 top and 2 bottom
 * pairs, K = 40. The landscape is still the formula's: nothing trains until the view's button goes to
 * the network landscape (a link naming landscape=network trains at once, and the empty note could
 * give way to the spectrum before the test clicks its button).
 */
const LINK = 'mode=spectrum&netData=gaussians&netHidden=6&netSteps=120&netLr=0.05&netSeed=3&n=32&xmin=-1&xmax=1&ymin=-1&ymax=1&x=0&y=0&order=2&specTop=3&specBottom=2&specProbes=200&specEvery=40';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the spectrum view in a real browser', () => {
  it('asks for a trained network, then shows top-k, trace, density and the exact spectrum under them', async () => {
    const { page, errors } = await openPage(browser, LINK, { width: 1400, height: 900 });
    const view = page.locator('#view-spectrum');
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 90_000 }).toBe('empty');
    await page.locator('[data-testid="spectrum-train"]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.mode)).toBe('2d');
    await waitForNetworkSurface(page);
    // The network panel: λmax and λmin of the full Hessian, and the slice directions' lengths.
    await expect.poll(() => readout(page, 'lambdaMinFull'), { timeout: 30_000 }).toMatch(/^-?\d/);
    expect(await readout(page, 'directionNorms')).toMatch(/‖d₁‖ \d.*‖d₂‖ \d/);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('5');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.mode)).toBe('spectrum');
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    const rows = page.locator('[data-testid="spectrum-row"]');
    expect(await rows.count()).toBe(5);
    expect(await page.locator('[data-testid="spectrum-row"][data-kind="top"]').count()).toBe(3);
    // Each estimate sits on the exact eigenvalue of its index (columns: name, estimate, residual, rel., exact, error, GN).
    for (let i = 0; i < 5; i++) {
      const cells = await rows.nth(i).locator('td').allInnerTexts();
      expect(Math.abs(Number(cells[1]) - Number(cells[4]))).toBeLessThan(1e-3 * Math.max(1, Math.abs(Number(cells[4]))));
    }
    expect(await readout(page, 'spectrum-trace')).toMatch(/^tr\(H\) ≈ \S+ ± \S+ \(Hutchinson, 200 Rademacher probes.*exact \S+, off by \d+\.\d standard errors$/);
    expect(await readout(page, 'spectrum-extremes')).toMatch(/λmax \S+ \(largest algebraic\), λmin \S+ \(smallest\); stable full-batch GD rate 2\/λmax = \S+ \(parameter units\)/);
    expect(await view.getAttribute('data-exact')).toBe('25');
    const density = page.locator('[data-testid="spectrum-density"]');
    expect(Number(await density.getAttribute('data-curve-points'))).toBeGreaterThan(100);
    expect(Number(await density.getAttribute('data-histogram-bins'))).toBeGreaterThan(0);
    expect(await density.getAttribute('data-ticks')).toBe('25');
    expect((await density.getAttribute('data-markers'))?.split(',')).toHaveLength(3);
    expect(Number(await page.locator('[data-testid="spectrum-error"]').getAttribute('data-series'))).toBe(5);
    expect(await page.locator('[data-testid="spectrum-gn"]').getAttribute('data-ticks')).toBe('25');
    // Over training every K = 40 steps of 120: steps 0, 40, 80, 120.
    await expect.poll(() => view.getAttribute('data-track-samples'), { timeout: 60_000 }).toBe('4');
    await page.screenshot({ path: 'test-results/spectrum.png' });
    await view.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.screenshot({ path: 'test-results/spectrum-track.png' });
    expect(errors).toEqual([]);
    await page.close();
  }, 400_000);

  it('the flat scene compares the slice with λmax per unit length, as its caption says', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${inject('baseUrl')}#scene=network-flat`);
    const cell = page.locator('[data-readout="sliceVsFull"]');
    await expect.poll(() => cell.getAttribute('data-ratio'), { timeout: 240_000 }).not.toBeNull();
    const ratio = Number(await cell.getAttribute('data-ratio'));
    const caption = await page.evaluate(() => document.body.innerText);
    const flatter = Number(caption.match(/(\d+)× flatter than λmax/)?.[1]);
    expect(Math.round(1 / ratio)).toBe(flatter);
    expect(await cell.innerText()).toMatch(/^per unit length: slice \|λ\|max \S+ = 0\.0\d+ × λmax \(in slice units \d+\.\d+; slice GD step 1\/λ \S+ in slice units\)$/);
    expect(await readout(page, 'directionNorms')).toMatch(/^‖d₁‖ 19\.5\d*, ‖d₂‖ 19\.5\d*$/);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});

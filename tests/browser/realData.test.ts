/**
 * Real data in a real browser (issue 16): a CSV chosen through the panel's file picker (a bad one
 * first: the core's message), trained, sliced, the point moved, and f and the Hessian read at the
 * point equal to the float64 jets (and to differences of the float64 loss); its link names the
 * CSV but cannot carry it, and a fresh page says so. A tfjs Layers model written by the test and
 * loaded through the picker becomes θ*; a refused one gets the importer's message. Digits chosen
 * from the data menu trains a 64-32-10 net on seeded mini-batches and shows the test images and
 * the confusion matrix at the point, on the K-class softmax slice jets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, readNumber, readout, waitForNetworkSurface } from './harness';
import { layersModelFiles } from '../unit/support/layersModel';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const WINDOW = 'preset=network&landscape=network&n=32&xmin=-1&xmax=1&ymin=-1&ymax=1&x=0&y=0&order=2';

/** A CSV of 80 rows: two inputs and a class by the sign of x1 - 2 x2 (last column). */
function csvText(): string {
  const rows = ['x1,x2,cls'];
  for (let k = 0; k < 80; k++) {
    const x1 = Math.sin(1.3 * k);
    const x2 = Math.cos(0.7 * k);
    rows.push(`${x1.toFixed(4)},${x2.toFixed(4)},${x1 - 2 * x2 + 0.1 * Math.sin(5 * k) > 0 ? 1 : 0}`);
  }
  return `${rows.join('\n')}\n`;
}

/** Moves the point and checks f and the Hessian readouts against the float64 jets and differences of the float64 loss. */
async function checkPointAgainstJets(page: Page, x: number, y: number): Promise<void> {
  await page.evaluate(([a, b]) => window.__taylorLab.set({ x: a, y: b }), [x, y]);
  await expect.poll(() => readNumber(page, 'x')).toBeCloseTo(x, 4);
  const exact = await page.evaluate(([a, b]) => {
    const slice = window.__taylorLab.network.currentSlice!;
    const c = slice.coefficients(a, b, 2);
    const h = 1e-3;
    const v = (p: number, q: number) => slice.value(p, q);
    const diff = { hxx: (v(a + h, b) - 2 * v(a, b) + v(a - h, b)) / h ** 2, hyy: (v(a, b + h) - 2 * v(a, b) + v(a, b - h)) / h ** 2, hxy: (v(a + h, b + h) - v(a + h, b - h) - v(a - h, b + h) + v(a - h, b - h)) / (4 * h * h) };
    return { f: c[0], hxx: 2 * c[3], hxy: c[4], hyy: 2 * c[5], diff };
  }, [x, y]);
  const scale = Math.max(1, Math.abs(exact.hxx), Math.abs(exact.hyy));
  for (const key of ['hxx', 'hxy', 'hyy'] as const) {
    await expect.poll(() => readNumber(page, key)).toBeCloseTo(exact[key], 3);
    expect(Math.abs(exact.diff[key] - exact[key])).toBeLessThan(1e-4 * scale);
  }
  expect(await readNumber(page, 'f')).toBeCloseTo(exact.f, 4);
}

describe('real data in the network panel', () => {
  it('a CSV: the core’s message for a bad file, then training, the slice, f and H at the point = float64 jets, scores; its link asks for the file', async () => {
    const { page, errors } = await openPage(browser, `${WINDOW}&netData=csv&netHidden=6&netSteps=80&netSeed=2`, { width: 1280, height: 900 });
    await expect.poll(() => page.locator('#viewport').getAttribute('data-waiting')).toMatch(/your CSV, which a link cannot carry/);
    await page.locator('[data-testid="csv-file"]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n3,x\n') });
    await expect.poll(() => readout(page, 'csv-message')).toMatch(/bad\.csv: line 3, column 2 \('b'\): 'x' is not a number/);
    await page.locator('[data-testid="csv-file"]').setInputFiles({ name: 'signs.csv', mimeType: 'text/csv', buffer: Buffer.from(csvText()) });
    await expect.poll(() => readout(page, 'csv-message')).toMatch(/signs\.csv: 80 rows × 3 columns/);
    await waitForNetworkSurface(page);
    expect(await readout(page, 'train-status')).toMatch(/Trained \(80 steps\)/);
    expect(await readout(page, 'data-split')).toMatch(/64 training \/ 16 test samples \(a 20 % split seeded 2\)/);
    expect(await readout(page, 'objective')).toMatch(/full training set \(64 samples\)/);
    await expect.poll(() => readout(page, 'test-accuracy')).toMatch(/^\d+\.\d% at θ\*$/);
    const matrix = JSON.parse((await page.locator('[data-testid="confusion-matrix"]').getAttribute('data-matrix')) ?? '[]') as number[][];
    expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(16);
    await checkPointAgainstJets(page, 0.3, -0.2);
    await expect.poll(() => page.locator('[data-testid="confusion-matrix"]').getAttribute('data-at'), { timeout: 20_000 }).toBe('(a, b) = (0.300, -0.200)');
    await expect.poll(() => page.url()).toMatch(/netCsvName=signs\.csv/);
    expect(await readout(page, 'csv-limits')).toMatch(/The CSV is not in the link/);
    const link = page.url();
    await page.screenshot({ path: 'test-results/real-data-csv.png' });
    expect(errors).toEqual([]);
    await page.close();
    const again = await openPage(browser, link.split('#')[1], { width: 1280, height: 900 });
    await expect.poll(() => again.page.locator('#viewport').getAttribute('data-waiting')).toMatch(/your CSV signs\.csv \(target 'cls', classification\), which a link cannot carry/);
    await expect.poll(() => readout(again.page, 'csv-message')).toMatch(/This link names signs\.csv: choose that file/);
    await again.page.close();
  }, 400_000);

  it('a model: model.json + weights through the picker become θ* (untrained); a Conv2D model gets the importer’s message', async () => {
    const { page, errors } = await openPage(browser, `${WINDOW}&netData=chebyshev&netDegree=4`, { width: 1280, height: 900 });
    await page.locator('[data-testid="model-box"] summary').click();
    const refused = layersModelFiles([1, 8, 1], 'tanh', 'linear', 4, 'Conv2D');
    await page.locator('[data-testid="model-files"]').setInputFiles([{ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(refused.json) }, { name: refused.binName, mimeType: 'application/octet-stream', buffer: Buffer.from(refused.bin) }]);
    await expect.poll(() => readout(page, 'model-message')).toMatch(/^model\.json: .*Conv2D.*Nothing changed\.$/);
    const m = layersModelFiles([1, 8, 1], 'tanh', 'linear', 4);
    await page.locator('[data-testid="model-files"]').setInputFiles([{ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(m.json) }, { name: m.binName, mimeType: 'application/octet-stream', buffer: Buffer.from(m.bin) }]);
    await expect.poll(() => readout(page, 'model-message')).toMatch(/^model\.json: 1-8-1 tanh MLP, 25 weights, regression/);
    await expect.poll(() => readout(page, 'train-status'), { timeout: 120_000 }).toMatch(/^Loaded model\.json as θ\* \(not trained\)/);
    await waitForNetworkSurface(page);
    expect(await readNumber(page, 'params')).toBe(25);
    expect(await readout(page, 'data-split')).toMatch(/θ\* from model\.json, as loaded \(not trained\)/);
    await checkPointAgainstJets(page, -0.25, 0.4);
    await expect.poll(() => page.url()).toMatch(/netModelName=model\.json/);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('digits from the menu: a 64-32-10 net on mini-batches, the surface, f and H at the point = float64 jets, test images and confusion matrix follow the point', async () => {
    const { page, errors } = await openPage(browser, `${WINDOW}&netHidden=32&netBatch=64&netEpochs=3&netLr=0.01&netSeed=1`, { width: 1280, height: 900 });
    await page.locator('select').filter({ has: page.locator('option', { hasText: '8×8 digits' }) }).selectOption({ label: '8×8 digits (1,797, 10 classes)' });
    await waitForNetworkSurface(page);
    expect(await readout(page, 'train-status')).toMatch(/Trained \(69 steps\)/);
    expect(await readNumber(page, 'params')).toBe(64 * 32 + 32 + 32 * 10 + 10);
    await expect.poll(() => readout(page, 'test-accuracy')).toMatch(/^\d+\.\d% at θ\*$/);
    const images = page.locator('[data-testid="test-images"]');
    await expect.poll(() => images.getAttribute('data-at')).toBe('θ*');
    const before = await images.getAttribute('data-predicted');
    await checkPointAgainstJets(page, 0.8, -0.6);
    await expect.poll(() => images.getAttribute('data-at'), { timeout: 20_000 }).toBe('(a, b) = (0.800, -0.600)');
    expect((await images.getAttribute('data-predicted'))?.split(',')).toHaveLength(24);
    expect(typeof before).toBe('string');
    await page.screenshot({ path: 'test-results/real-data-digits.png' });
    await page.locator('[data-testid="network-data"]').screenshot({ path: 'test-results/real-data-digits-panel.png' });
    expect(errors).toEqual([]);
    await page.close();
  }, 400_000);
});

/**
 * Issue 21, "SVG for the 2D charts": the 1D view's error chart and curve plot download as
 * standalone SVG from their legend's SVG button (keyboard: focus and Enter), with one series group
 * per visible uPlot series and the page's legend text (the fitted slopes) in the file.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { downloadBytes, useBrowser, openLab } from './harness';

/** Presses Enter on the chart's SVG button and returns the file's name and text. */
async function downloadSvg(page: Page, testid: string): Promise<{ name: string; svg: string }> {
  const button = page.locator(`[data-testid="${testid}"] .taylor-svg-button`);
  expect(await button.getAttribute('aria-label')).toMatch(/^Download .* as SVG$/);
  await button.focus();
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  return { name: file.suggestedFilename(), svg: (await downloadBytes(file)).toString('utf8') };
}

/** Parses the SVG with the browser's XML parser: parse errors, series labels and legend texts. */
function inspect(page: Page, svg: string): Promise<{ error: string | null; root: string; series: string[]; legend: string[]; refs: number }> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const error = doc.querySelector('parsererror');
    return {
      error: error ? error.textContent : null,
      root: doc.documentElement.namespaceURI + ' ' + doc.documentElement.localName,
      series: [...doc.querySelectorAll('g.series')].map((g) => `${g.getAttribute('data-label')}:${g.querySelectorAll('path').length}`),
      legend: [...doc.querySelectorAll('text.legend-text')].map((t) => t.textContent ?? ''),
      refs: doc.querySelectorAll('[href], image, script, foreignObject').length,
    };
  }, svg);
}

describe('SVG export of the 2D charts (issue 21)', () => {
  const browser = useBrowser();

  it('the 1D error chart and curve plot download as valid SVG with their series and the legend the page shows', async () => {
    const { page, errors } = await openLab(browser(), 'scene=sin-135&n=64', { width: 1440, height: 900 });
    await page.waitForSelector('[data-testid="view1d"][data-ready="true"]');
    const rows = page.locator('[data-testid="error1d"] .taylor-legend-row');
    await expect.poll(() => rows.count()).toBe(3);
    const pageLegend = await rows.locator('.taylor-legend-text').allTextContents();
    expect(pageLegend[0]).toMatch(/^k=1 {2}slope \d\.\d\d/);

    const error = await downloadSvg(page, 'error1d');
    expect(error.name).toBe('error1d.svg');
    writeFileSync('test-results/export-error1d.svg', error.svg);
    const e = await inspect(page, error.svg);
    expect(e.error).toBeNull();
    expect(e.root).toBe('http://www.w3.org/2000/svg svg');
    expect(e.refs).toBe(0);
    // Orders 1, 3, 5: the fitted points, the round-off points and the slope guide of each, one path each.
    expect(e.series).toEqual([1, 3, 5].flatMap((k) => [`k=${k}:1`, `k=${k} round-off:1`, `k=${k} slope ${k + 1}:1`]));
    expect(e.legend).toEqual(pageLegend);

    const curve = await downloadSvg(page, 'curve1d');
    expect(curve.name).toBe('curve1d.svg');
    writeFileSync('test-results/export-curve1d.svg', curve.svg);
    const c = await inspect(page, curve.svg);
    expect(c.error).toBeNull();
    expect(c.series).toEqual(['f:1', 'T1:1', 'T3:1', 'T5:1']);
    expect(c.legend).toEqual(['f(x)', 'T₁', 'T₃', 'T₅']);
    expect(errors).toEqual([]);

    // How the files look (for the record): each drawn by the browser on a page of its own.
    const view = await browser().newPage({ viewport: { width: 1000, height: 900 } });
    for (const [name, svg] of [['error1d', error.svg], ['curve1d', curve.svg]] as const) {
      await view.setContent(svg.replace(/^<\?xml[^>]*>/, ''));
      await view.locator('svg').screenshot({ path: `test-results/export-${name}-svg.png` });
    }
    await view.close();
    await page.close();
  });
});

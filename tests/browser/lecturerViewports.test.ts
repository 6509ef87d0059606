/**
 * Issue 21 item 2, "clipped layout": at 1280×720, 1440×900 and 1920×1080 in the projector theme
 * nothing a lecturer needs is clipped or hidden. The 1D values table shows its last column (T₅)
 * without horizontal scrolling and its last row can be scrolled into view above the caption bar;
 * the implicit view's error-chart legend is not under the caption bar; formula errors wrap instead
 * of being cut at the sidebar's or the view's edge; the lecture controls are on the sidebar's first
 * screen. Each of these failed on the code before the fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, openLab, waitForIdle } from './harness';
import { waitForFrames } from './frames';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

interface Box { left: number; top: number; right: number; bottom: number }

/** The element's bounding box in viewport pixels. */
async function box(loc: Locator): Promise<Box> {
  return loc.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });
}

/** Where the caption bar starts (the viewport's height when it is hidden). */
function captionTop(page: Page): Promise<number> {
  return page.evaluate(() => {
    const bar = document.querySelector<HTMLElement>('.lecture-caption');
    return bar && !bar.hidden ? bar.getBoundingClientRect().top : innerHeight;
  });
}

/** Scrolls the element into view in its scroll containers and checks it lies inside them, the viewport and above the caption. */
async function expectReachable(page: Page, loc: Locator, what: string, size: { width: number; height: number }): Promise<void> {
  await loc.evaluate((el) => el.scrollIntoView({ block: 'end', inline: 'nearest' }));
  const b = await box(loc);
  const clip = await loc.evaluate((el) => {
    // The nearest ancestors that clip (overflow other than visible): the element must lie inside each.
    const boxes: { left: number; top: number; right: number; bottom: number }[] = [];
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
        const r = p.getBoundingClientRect();
        boxes.push({ left: r.left + p.clientLeft, top: r.top + p.clientTop, right: r.left + p.clientLeft + p.clientWidth, bottom: r.top + p.clientTop + p.clientHeight });
      }
    }
    return boxes;
  });
  const tol = 1;
  const where = `${what} at ${size.width}×${size.height}: ${JSON.stringify(b)}`;
  expect(b.right - b.left, where).toBeGreaterThan(0);
  expect(b.left, where).toBeGreaterThanOrEqual(-tol);
  expect(b.right, where).toBeLessThanOrEqual(size.width + tol);
  expect(b.bottom, where).toBeLessThanOrEqual((await captionTop(page)) + tol);
  for (const c of clip) {
    expect(b.left, `${where} inside ${JSON.stringify(c)}`).toBeGreaterThanOrEqual(c.left - tol);
    expect(b.right, `${where} inside ${JSON.stringify(c)}`).toBeLessThanOrEqual(c.right + tol);
    expect(b.top, `${where} inside ${JSON.stringify(c)}`).toBeGreaterThanOrEqual(c.top - tol);
    expect(b.bottom, `${where} inside ${JSON.stringify(c)}`).toBeLessThanOrEqual(c.bottom + tol);
  }
}

/** The error text shows whole: nothing scrolled away sideways, and inside its container's right edge. */
async function expectWholeText(loc: Locator, container: Locator, what: string): Promise<void> {
  await expect.poll(() => loc.isVisible(), { timeout: 30_000 }).toBe(true);
  const m = await loc.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, text: el.textContent ?? '' }));
  expect(m.text.length, what).toBeGreaterThan(0);
  expect(m.sw, `${what}: "${m.text}" is wider than its box`).toBeLessThanOrEqual(m.cw + 1);
  const b = await box(loc);
  const c = await box(container);
  expect(b.right, `${what}: right edge`).toBeLessThanOrEqual(c.right + 1);
}

describe('nothing a lecturer needs is clipped (issue 21 item 2)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the 1D optimizer steps tables are on the first screen beside the charts at 1920×1080, 1440×900 and 1280×720', async () => {
    // One page resized between the sizes; the runs at their last step, when the tables are longest.
    const { page, errors } = await openLab(browser, 'scene=quartic-runs-left&theme=projector-dark&n=64', SIZES[2]);
    await page.evaluate(() => (window as unknown as { __taylorLab: { set(p: object): void } }).__taylorLab.set({ runSteps: 145 }));
    const runs = page.locator('[data-testid="runs1d"] [data-run-index]:not(tr)');
    await expect.poll(() => runs.evaluateAll((boxes) => boxes.map((b) => (b as HTMLElement).dataset.shown)), { timeout: 30_000 }).toEqual(['145', '5']);
    for (const size of [...SIZES].reverse()) {
      await page.setViewportSize(size);
      // Layout follows at once; the charts resize on the next frames (ResizeObserver): wait two.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const view = await box(page.locator('#view1d'));
      expect(await page.locator('#view1d').evaluate((el) => el.scrollTop), 'the view is not scrolled').toBe(0);
      const bottom = Math.min(view.bottom, await captionTop(page));
      const where = `at ${size.width}×${size.height}`;
      for (let i = 0; i < 2; i++) {
        const b = await box(runs.nth(i));
        // The whole run: its stop sentence, the header and every row down to the last step.
        expect(b.top, `run ${i} top ${where}`).toBeGreaterThanOrEqual(view.top - 1);
        expect(b.bottom, `run ${i} bottom ${where} (fold ${bottom})`).toBeLessThanOrEqual(bottom + 1);
        expect(b.left, `run ${i} left ${where}`).toBeGreaterThanOrEqual(view.left - 1);
        expect(b.right, `run ${i} right ${where}`).toBeLessThanOrEqual(view.right + 1);
        const last = await box(runs.nth(i).locator('tr[data-k]').last());
        expect(last.bottom, `run ${i} last row ${where}`).toBeLessThanOrEqual(bottom + 1);
        expect(last.right, `run ${i} last row ${where}`).toBeLessThanOrEqual(view.right + 1);
      }
      // Beside the charts, not over them: the curve plot's cell ends left of the tables.
      const curve = await box(page.locator('[data-testid="curve1d"]'));
      const tables = await box(page.locator('[data-testid="runs1d"]'));
      expect(curve.right, `curve plot beside the tables ${where}`).toBeLessThanOrEqual((await box(runs.first())).left);
      // The f(x) plot with the dashed Newton parabolas the caption talks about is on the first
      // screen too: its whole canvas (plot area and axes) inside the viewport, above the caption
      // bar, and clear of the tables.
      const canvas = await box(page.locator('[data-testid="curve1d"] canvas'));
      const fold = await captionTop(page);
      const at = `curve canvas ${JSON.stringify(canvas)} ${where} (caption bar at ${fold})`;
      expect(canvas.bottom - canvas.top, at).toBeGreaterThan(100);
      expect(canvas.top, at).toBeGreaterThanOrEqual(Math.max(0, view.top) - 1);
      expect(canvas.left, at).toBeGreaterThanOrEqual(Math.max(0, view.left) - 1);
      expect(canvas.right, at).toBeLessThanOrEqual(Math.min(size.width, view.right) + 1);
      expect(canvas.bottom, at).toBeLessThanOrEqual(Math.min(size.height, fold) + 1);
      const apart = canvas.right <= tables.left + 1 || canvas.left >= tables.right - 1 || canvas.bottom <= tables.top + 1 || canvas.top >= tables.bottom - 1;
      expect(apart, `${at} overlaps the tables ${JSON.stringify(tables)}`).toBe(true);
      await page.screenshot({ path: `test-results/lecturer-runs1d-${size.width}.png` });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  /** Resizes the page and waits for the charts to follow (ResizeObserver, then a frame). */
  async function resize(page: Page, size: { width: number; height: number }): Promise<void> {
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await waitForFrames(page);
  }

  // One page per view, resized from the largest size to the smallest (a lecturer's window moved to
  // a smaller projector); N = 64: these views hide the 3D surface, whose grid is computed anyway.
  it('1D view (sin, orders 1, 3, 5), a 1D formula error and the lecture panel at 1920×1080, 1440×900 and 1280×720', async () => {
    const { page, errors } = await openLab(browser, 'scene=sin-135&theme=projector-dark&n=64', SIZES[2]);
    const table = page.locator('.taylor-value-table');
    const input = page.locator('[data-testid="formula1d"]');
    for (const size of [...SIZES].reverse()) {
      await resize(page, size);
      await expect.poll(() => table.locator('thead th').allTextContents()).toEqual(['x', 'f(x)', 'T1', 'T3', 'T5']);
      // The table fits its cell: no column is cut or scrolled away sideways.
      const cell = table.locator('xpath=..');
      const widths = await cell.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
      expect(widths.sw, `values table wider than its cell at ${size.width}`).toBeLessThanOrEqual(widths.cw + 1);
      await expectReachable(page, table.locator('thead th').last(), 'T5 column header', size);
      await expectReachable(page, table.locator('tbody tr').last(), 'last table row', size);
      await expectReachable(page, table.locator('tbody tr').last().locator('td').last(), 'last table cell', size);

      // The lecture controls are on the sidebar's first screen (no scrolling needed to reach them).
      const sidebar = page.locator('#sidebar');
      await sidebar.evaluate((el) => el.scrollTo(0, 0));
      const side = await box(sidebar);
      const lecture = await box(page.locator('#lecture-section'));
      const sideBottom = Math.min(side.bottom, await captionTop(page));
      expect(lecture.top, `lecture panel top at ${size.width}×${size.height}`).toBeGreaterThanOrEqual(side.top - 1);
      expect(lecture.bottom, `lecture panel bottom at ${size.width}×${size.height}`).toBeLessThanOrEqual(sideBottom + 1);

      // A 1D formula error wraps inside the view instead of running off its edge.
      await input.fill('sin(x) + zeta*x + unknownthing(x) + anotherveryunknownname');
      await input.press('Enter');
      await expectWholeText(page.locator('[data-testid="formula1d-error"]'), page.locator('#view1d'), `1D formula error at ${size.width}`);
      // Back to sin x for the next size: the table as the scene shows it, without the error.
      await input.fill('sin(x)');
      await input.press('Enter');
      await expect.poll(() => page.locator('[data-testid="formula1d-error"]').isVisible()).toBe(false);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('implicit view legend and the 2D formula error at 1920×1080, 1440×900 and 1280×720', async () => {
    const { page, errors } = await openLab(browser, 'scene=implicit-pitchfork&theme=projector-dark&n=64', SIZES[2]);
    const legend = page.locator('.implicit-error .taylor-legend').first();
    for (const size of [...SIZES].reverse()) {
      await resize(page, size);
      await expect.poll(() => legend.locator('.taylor-legend-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await expectReachable(page, legend, 'implicit error-chart legend', size);
      // The singular point's label ("…not a function here (0, 0)") lies whole inside the diagram's frame.
      const labels = await page.locator('.bifurcation-canvas').first().evaluate((c) => ({ frame: (c as HTMLElement).dataset.bbox ?? '', labels: (c as HTMLElement).dataset.labels ?? '' }));
      const [fl, ft, fw, fh] = labels.frame.split(',').map(Number);
      expect(labels.labels, `singular-point labels at ${size.width}`).not.toBe('');
      for (const l of labels.labels.split(';')) {
        const [x, y, w, h] = l.split(',').map(Number);
        expect(x >= fl - 0.5 && y >= ft - 0.5 && x + w <= fl + fw + 0.5 && y + h <= ft + fh + 0.5, `label ${l} inside frame ${labels.frame} at ${size.width}`).toBe(true);
      }
    }
    // The 2D view's formula error wraps inside the sidebar ("allowed variables x, y; co…" was cut),
    // at every size.
    await page.evaluate(() => (window as unknown as { __taylorLab: { set(p: object): void } }).__taylorLab.set({ mode: '2d' }));
    await waitForIdle(page);
    const input = page.locator('[data-testid="formula"]');
    await input.fill('x^2 + zeta*y + unknownthing(x) + anotherveryunknownname');
    await input.press('Enter');
    for (const size of [...SIZES].reverse()) {
      await resize(page, size);
      await expectWholeText(page.locator('[data-readout="formula-error"]'), page.locator('#sidebar'), `2D formula error at ${size.width}`);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

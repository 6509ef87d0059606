import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openLab, readout, waitForIdle } from './harness';
import { waitForFrames } from './frames';
import { canvasShot, changedFraction, imageStats } from './screen';

const READOUTS = ['x', 'y', 'f', 'lambda1', 'lambda2', 'class'];
const readAll = (page: Page) => Promise.all(READOUTS.map((k) => readout(page, k)));

/** Loses or restores the WebGL context of the 3D canvas (and, with `compute`, the tfjs backend's too) through WEBGL_lose_context. */
function loseContext(page: Page, action: 'loseContext' | 'restoreContext', compute = false): Promise<void> {
  return page.evaluate(
    ([act, both]) => {
      const ctx = window as unknown as { __lostExts?: WEBGL_lose_context[] };
      if (act === 'loseContext') {
        const canvas = document.querySelector('#viewport canvas') as HTMLCanvasElement;
        const gl = canvas.getContext('webgl2') as WebGL2RenderingContext;
        // A lost context offers no extensions: keep this one for the restore.
        const ext = gl.getExtension('WEBGL_lose_context');
        if (!ext) throw new Error('no WEBGL_lose_context');
        ctx.__lostExts = [ext];
        if (both) {
          const { computeContext } = (window as unknown as { __recovery: { computeContext(): WebGL2RenderingContext | null } }).__recovery;
          const tfExt = computeContext()?.getExtension('WEBGL_lose_context');
          if (!tfExt) throw new Error('tfjs runs without a WebGL context here');
          tfExt.loseContext();
          ctx.__lostExts.push(tfExt);
        }
        ext.loseContext();
      } else {
        // A GPU reset gives the contexts back; tfjs's own is replaced by the recovery, not revived.
        ctx.__lostExts?.[0].restoreContext();
      }
    },
    [action, compute] as const,
  );
}

describe('WebGL context loss', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await openLab(browser, 'v=1&n=64&x=0.7&y=-0.4&camera=2.6,-2.4,3.2,0,0,-0.1', undefined, { server: 'dev' }));
    await waitForFrames(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says so when the context is lost, clears the notice on restore and draws the same surface again', async () => {
    const before = await readAll(page);
    const shot = await canvasShot(page);
    const notice = page.locator('[data-notice="context"]');
    await loseContext(page, 'loseContext');
    await expect.poll(() => notice.textContent()).toMatch(/GPU context was lost.*waiting for it to come back/);
    await loseContext(page, 'restoreContext');
    await expect.poll(() => notice.count()).toBe(0);
    await waitForIdle(page);
    await waitForFrames(page);
    const after = await canvasShot(page);
    // Not black or blank: the re-uploaded surface, the same picture as before (point and camera kept).
    expect(imageStats(after).distinctColors).toBeGreaterThan(50);
    expect(changedFraction(shot, after)).toBeLessThan(0.02);
    expect(await readAll(page)).toEqual(before);
    expect((await page.evaluate(() => window.__taylorLab.state().camera))).toBe('2.6,-2.4,3.2,0,0,-0.1');
  });

  it('replaces a lost tfjs backend context and recomputes the grid', async () => {
    // The same module instance the app uses (Vite serves each source file at one URL); a string,
    // so the test runner does not rewrite the import.
    await page.evaluate("import('/src/compute/backendRecovery.ts').then((m) => { window.__recovery = m; })");
    const before = await readAll(page);
    const shot = await canvasShot(page);
    await loseContext(page, 'loseContext', true);
    await expect.poll(() => page.locator('[data-notice="context"]').count()).toBe(1);
    await loseContext(page, 'restoreContext');
    await expect.poll(() => page.locator('[data-notice="context"]').count()).toBe(0);
    await waitForIdle(page);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __recovery: { computeContextLost(): boolean } }).__recovery.computeContextLost()))
      .toBe(false);
    await waitForFrames(page);
    expect(changedFraction(shot, await canvasShot(page))).toBeLessThan(0.02);
    expect(await readout(page, 'backend')).toBe('webgl');
    // Later grid passes run on the new backend.
    await page.evaluate(() => window.__taylorLab.set({ n: 128 }));
    await waitForIdle(page);
    await waitForFrames(page);
    expect(await readAll(page)).toEqual(before);
    expect(imageStats(await canvasShot(page)).distinctColors).toBeGreaterThan(50);
    expect(await page.locator('[data-notice="grid"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { downloadBytes, useBrowser, openLab, waitForIdle } from './harness';
import { waitForFrames } from './frames';
import { SCENES } from '../../src/lectures/scenes';
import { imageStats } from './screen';

interface LabHook {
  scene: { canvas: HTMLCanvasElement };
}

type Rect = { x: number; y: number; w: number; h: number };

/** An rgb(...) / rgba(...) CSS colour as [r, g, b]. */
function rgb(css: string): [number, number, number] {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(css);
  if (!m) throw new Error(`not an rgb colour: ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function pixel(png: PNG, x: number, y: number): [number, number, number] {
  const i = (y * png.width + x) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
}

const near = (a: readonly number[], b: readonly number[], tol: number) => a.every((v, i) => Math.abs(v - b[i]) <= tol);

/** Fraction of the row's pixels within `tol` of `color`. */
function rowShare(png: PNG, y: number, color: readonly number[], tol = 6): number {
  let n = 0;
  for (let x = 0; x < png.width; x++) if (near(pixel(png, x, y), color, tol)) n++;
  return n / png.width;
}

/** Mean absolute difference per channel between two images over a rectangle (same coordinates in both). */
function meanDiff(a: PNG, b: PNG, r: Rect): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.max(0, r.y); y < Math.min(a.height, b.height, r.y + r.h); y++) {
    for (let x = Math.max(0, r.x); x < Math.min(a.width, b.width, r.x + r.w); x++) {
      const [p, q] = [pixel(a, x, y), pixel(b, x, y)];
      sum += Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]);
      n += 3;
    }
  }
  return sum / Math.max(1, n);
}

async function download(page: Page, key: string): Promise<PNG> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press(key)]);
  expect(file.suggestedFilename()).toBe('taylor-lab.png');
  return PNG.sync.read(await downloadBytes(file));
}

describe('PNG export for slides (issue 21 item 8)', () => {
  const browser = useBrowser();

  it('P exports the view with the colour legend where the page shows it and a band with the caption and the Taylor polynomial', async () => {
    // N = 64 (a frame in ~0.12 s in software, not ~0.33 s; the export draws the view again): the band,
    // the legend and the sizes do not depend on the grid. A scene link may carry the grid N.
    const { page, errors } = await openLab(browser(), 'scene=well-saddle&n=64', { width: 1440, height: 900 });
    expect((await page.evaluate(() => window.__taylorLab.state())).n).toBe(64);
    const camera = SCENES.find((s) => s.id === 'well-saddle')?.camera;
    expect(camera).toBeDefined();
    await expect.poll(() => page.evaluate(() => {
      const p = window.__taylorLab.scene.getCameraPose();
      return [...p.position, ...p.target].map((v) => Number(v.toFixed(3)));
    })).toEqual(camera);
    await expect.poll(() => page.locator('[data-readout="caption"]').isVisible()).toBe(true);
    await expect.poll(() => page.locator('[data-readout="live-formula"]').getAttribute('data-latex')).toMatch(/T_/);
    await waitForIdle(page);
    await waitForFrames(page, 4);
    const info = await page.evaluate(() => {
      const canvas = (window as unknown as { __taylorLab: LabHook }).__taylorLab.scene.canvas;
      const c = canvas.getBoundingClientRect();
      const legend = document.querySelector<HTMLElement>('.color-legend');
      const l = legend && !legend.hidden ? legend.getBoundingClientRect() : null;
      const caption = getComputedStyle(document.querySelector<HTMLElement>('[data-readout="caption"]') as HTMLElement);
      return {
        size: { w: canvas.width, h: canvas.height },
        css: { x: c.left, y: c.top, w: c.width, h: c.height },
        legend: l && { x: Math.round(l.left - c.left), y: Math.round(l.top - c.top), w: Math.round(l.width), h: Math.round(l.height) },
        colors: { background: caption.backgroundColor, text: caption.color, accent: caption.borderTopColor },
      };
    });
    expect(Math.abs(info.size.w - info.css.w)).toBeLessThan(1);
    expect(info.legend).not.toBeNull();
    const legend = info.legend as Rect;
    // The page as the lecturer sees it: the canvas with the legend over it.
    const shot = PNG.sync.read(await page.screenshot({ clip: { x: info.css.x, y: info.css.y, width: info.size.w, height: info.size.h } }));
    const png = await download(page, 'p');
    const bytes = PNG.sync.write(png);
    writeFileSync('test-results/export-slides-1x.png', bytes);
    expect([png.width, png.height]).toEqual([info.size.w, info.size.h]);
    // The surface itself is in the image (shaded, not a blank canvas under the band).
    expect(imageStats(bytes).distinctColors).toBeGreaterThan(500);

    // The legend area of the image shows the legend as the page does (not the surface behind it).
    const inImage = meanDiff(png, shot, legend);
    expect(inImage, 'legend area: image vs page').toBeLessThan(20);
    // ... and it is not blank: its box holds text and the colour bar.
    const colours = new Set<number>();
    for (let y = legend.y; y < legend.y + legend.h; y++) for (let x = legend.x; x < legend.x + legend.w; x++) colours.add(pixel(png, x, y).reduce((a, v) => a * 256 + v, 0));
    expect(colours.size).toBeGreaterThan(100);

    // The band across the top: the caption bar's background, text in its colour, the accent rule under it.
    const [bg, text, accent] = [rgb(info.colors.background), rgb(info.colors.text), rgb(info.colors.accent)];
    expect(rowShare(png, 2, bg)).toBeGreaterThan(0.9);
    let rule = -1;
    for (let y = 0; y < png.height / 3 && rule < 0; y++) if (rowShare(png, y, accent) > 0.95) rule = y;
    expect(rule, 'the accent rule under the band').toBeGreaterThan(20);
    let textPixels = 0;
    for (let y = 0; y < rule; y++) for (let x = 0; x < png.width; x++) if (near(pixel(png, x, y), text, 40)) textPixels++;
    expect(textPixels / (rule * png.width), 'text in the band').toBeGreaterThan(0.004);

    // With the polynomial the band holds one more line than the caption alone would: compare with
    // the band of an export where the live formula section is hidden.
    await page.evaluate(() => {
      (document.querySelector('[data-testid="live-formula"]') as HTMLElement).hidden = true;
    });
    const noFormula = await download(page, 'p');
    let ruleWithout = -1;
    for (let y = 0; y < noFormula.height / 3 && ruleWithout < 0; y++) if (rowShare(noFormula, y, accent) > 0.95) ruleWithout = y;
    expect(ruleWithout).toBeGreaterThan(0);
    expect(rule - ruleWithout, 'the formula line').toBeGreaterThan(10);

    // The lecture panel's "polynomial in PNG" switched off: P leaves the polynomial
    // out although the page shows it, so the band is the caption's alone.
    await page.evaluate(() => {
      (document.querySelector('[data-testid="live-formula"]') as HTMLElement).hidden = false;
    });
    const toggle = page.locator('#lecture-section .lil-controller', { hasText: 'polynomial in PNG' }).locator('input[type="checkbox"]');
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    const switchedOff = await download(page, 'p');
    let ruleOff = -1;
    for (let y = 0; y < switchedOff.height / 3 && ruleOff < 0; y++) if (rowShare(switchedOff, y, accent) > 0.95) ruleOff = y;
    expect(ruleOff, 'the band without the polynomial line').toBe(ruleWithout);
    await toggle.check();

    // Shift+P: twice the size, with the same band and legend scaled.
    const big = await download(page, 'Shift+P');
    writeFileSync('test-results/export-slides-2x.png', PNG.sync.write(big));
    expect([big.width, big.height]).toEqual([2 * info.size.w, 2 * info.size.h]);
    expect(rowShare(big, 4, bg)).toBeGreaterThan(0.9);
    // The view is back at its own size afterwards.
    expect(await page.evaluate(() => window.__taylorLab.scene.canvas.width)).toBe(info.size.w);
    expect(errors).toEqual([]);
    await page.close();
  });
});

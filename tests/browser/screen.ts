import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';

/** Statistics of a screenshot: how many distinct colours and how far pixels spread (a blank page has ~1). */
export function imageStats(png: Buffer): { distinctColors: number; stdDev: number } {
  const image = PNG.sync.read(png);
  const colors = new Set<number>();
  let sum = 0;
  let sumSq = 0;
  const count = image.width * image.height;
  for (let i = 0; i < image.data.length; i += 4) {
    const r = image.data[i];
    const g = image.data[i + 1];
    const b = image.data[i + 2];
    colors.add((r << 16) | (g << 8) | b);
    const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    sum += lum;
    sumSq += lum * lum;
  }
  const mean = sum / count;
  return { distinctColors: colors.size, stdDev: Math.sqrt(sumSq / count - mean * mean) };
}

/** Fraction of pixels that differ between two same-size screenshots. */
export function changedFraction(a: Buffer, b: Buffer): number {
  const ia = PNG.sync.read(a);
  const ib = PNG.sync.read(b);
  let changed = 0;
  for (let i = 0; i < ia.data.length; i += 4) {
    if (Math.abs(ia.data[i] - ib.data[i]) + Math.abs(ia.data[i + 1] - ib.data[i + 1]) + Math.abs(ia.data[i + 2] - ib.data[i + 2]) > 24) changed++;
  }
  return changed / (ia.width * ia.height);
}

/** Client coordinates of the expansion-point marker (projected from the 3D scene). */
export function markerClientPosition(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const lab = window.__taylorLab;
    const p = lab.scene.marker.position.clone().project(lab.scene.stage.camera);
    const rect = lab.scene.canvas.getBoundingClientRect();
    return { x: rect.left + ((p.x + 1) / 2) * rect.width, y: rect.top + ((1 - p.y) / 2) * rect.height };
  });
}

/** Screenshot of the 3D canvas only. */
export function canvasShot(page: Page): Promise<Buffer> {
  return page.locator('#viewport canvas').first().screenshot();
}

/** Client coordinates where the surface point (x, y, f(x, y)) is drawn. */
export function dataToClient(page: Page, x: number, y: number, f: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([px, py, pf]) => {
      interface V3 { clone(): V3; project(c: unknown): V3; x: number; y: number }
      interface Scene {
        transform: { toWorld(x: number, y: number, f: number, out: V3): V3 };
        marker: { position: V3 };
        stage: { camera: unknown };
        canvas: HTMLCanvasElement;
      }
      const scene = (window as unknown as { __taylorLab: { scene: Scene } }).__taylorLab.scene;
      const p = scene.transform.toWorld(px, py, pf, scene.marker.position.clone()).project(scene.stage.camera);
      const rect = scene.canvas.getBoundingClientRect();
      return { x: rect.left + ((p.x + 1) / 2) * rect.width, y: rect.top + ((1 - p.y) / 2) * rect.height };
    },
    [x, y, f] as const,
  );
}

import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, openLab, waitForIdle } from './harness';

/**
 * Issue 19 item 5 on the 3D surface: the tilted double well f = (x² − 1)² + y² + λx slid across its
 * fold λ* = 8/(3√3). Its critical points lie on y = 0 at the real roots of 4x³ − 4x + λ: three for
 * |λ| < λ*, one past it; at λ* the minimum at x > 0 and the saddle merge at x = 1/√3.
 */
const LAMBDA_STAR = 8 / (3 * Math.sqrt(3));

/** The real roots of 4x³ − 4x + λ in [−2, 2] (closed form, trigonometric for three roots). */
function closedFormRoots(lambda: number): number[] {
  if (Math.abs(lambda) < LAMBDA_STAR) {
    // x³ − x + λ/4 = 0: x = 2/√3 cos(θ/3 − 2πk/3) with cos θ = −(λ/4) · (3√3/2).
    const theta = Math.acos((-lambda / 4) * ((3 * Math.sqrt(3)) / 2));
    return [0, 1, 2].map((k) => (2 / Math.sqrt(3)) * Math.cos(theta / 3 - (2 * Math.PI * k) / 3)).sort((a, b) => a - b);
  }
  // One real root: Newton from the far side.
  let x = -Math.sign(lambda) * 1.5;
  for (let i = 0; i < 60; i++) x -= (4 * x ** 3 - 4 * x + lambda) / (12 * x * x - 4);
  return [x];
}

interface Drawn {
  points: { x: number; y: number; cls: string }[];
  screen: { sx: number; sy: number; inside: boolean }[];
  fold: { x: number; y: number; lambda: number } | null;
  foldScreen: { sx: number; sy: number } | null;
  notice: string;
}

async function setLambda(page: Page, lambda: number): Promise<Drawn> {
  const formula = `(x^2 - 1)^2 + y^2 + ${lambda}*x`;
  await page.evaluate((text) => {
    const lab = window.__taylorLab;
    lab.set({ preset: 'custom', landscape: 'formula', formula: text });
  }, formula);
  await page.waitForTimeout(50);
  await waitForIdle(page);
  // The markers answer the search of this formula's grid: wait until the search has drawn them.
  await page.waitForFunction((text) => {
    const lab = window.__taylorLab;
    return lab.idle() && lab.state().formula === text;
  }, formula, { timeout: 60_000 });
  return page.evaluate(() => {
    type V = { x: number; y: number; z: number; project(c: unknown): V };
    const lab = window.__taylorLab;
    const { scene } = lab;
    const rect = scene.canvas.getBoundingClientRect();
    const toScreen = (v: V) => {
      const p = v.project(scene.stage.camera);
      return { sx: rect.left + ((p.x + 1) / 2) * rect.width, sy: rect.top + ((1 - p.y) / 2) * rect.height, inside: Math.abs(p.x) <= 1 && Math.abs(p.y) <= 1 && p.z < 1 };
    };
    const m = scene.criticalMarkers;
    const fw = m.foldWorldPosition;
    return {
      points: m.points.map((p) => ({ x: p.x, y: p.y, cls: p.cls })),
      screen: m.worldPositions.map(toScreen),
      fold: m.fold ? { x: m.fold.x, y: m.fold.y, lambda: m.fold.lambda } : null,
      foldScreen: fw ? toScreen(fw) : null,
      notice: document.querySelector('[data-notice="fold"]')?.textContent ?? '',
    };
  });
}

function sortedXs(d: Drawn): number[] {
  return d.points.map((p) => p.x).sort((a, b) => a - b);
}

describe('critical points of the tilted well on the 3D surface as λ slides', () => {
  const browser = useBrowser();
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await openLab(browser()));
  });

  it('markers follow λ, match the closed-form count on both sides, and the fold is ringed where two merge', async () => {
    const lambdas = [0, 1, 1.5, 1.53, 1.55, 1.8, -1.55, -1];
    const drawn = new Map<number, Drawn>();
    for (const lambda of lambdas) {
      const d = await setLambda(page, lambda);
      drawn.set(lambda, d);
      const roots = closedFormRoots(lambda);
      // Count and places match the closed form; every marker is on y = 0 and on screen.
      expect(d.points.length, `λ = ${lambda}: ${JSON.stringify(d.points)}`).toBe(roots.length);
      sortedXs(d).forEach((x, k) => expect(Math.abs(x - roots[k]), `λ = ${lambda} root ${k}`).toBeLessThan(1e-6));
      for (const p of d.points) expect(Math.abs(p.y)).toBeLessThan(1e-6);
      for (const s of d.screen) expect(s.inside).toBe(true);
      // Classes: minimum, saddle, minimum before the fold; one minimum past it.
      const classes = [...d.points].sort((a, b) => a.x - b.x).map((p) => p.cls);
      expect(classes).toEqual(roots.length === 3 ? ['minimum', 'saddle', 'minimum'] : ['minimum']);
      // The fold ring only within the window around ±λ*, at x = ±1/√3 on y = 0.
      const near = Math.abs(Math.abs(lambda) - LAMBDA_STAR) <= 0.06;
      expect(d.fold !== null, `fold at λ = ${lambda}`).toBe(near);
      if (d.fold) {
        expect(Math.abs(d.fold.lambda - Math.sign(lambda) * LAMBDA_STAR)).toBeLessThan(1e-9);
        expect(Math.abs(d.fold.x - Math.sign(lambda) / Math.sqrt(3))).toBeLessThan(1e-9);
        expect(Math.abs(d.fold.y)).toBeLessThan(1e-9);
        expect(d.notice).toMatch(/fold.*two critical points merge/);
        expect(d.notice).toContain(`λ = ${(Math.sign(lambda) * LAMBDA_STAR).toFixed(4)}`);
        expect(d.foldScreen).not.toBeNull();
      } else {
        expect(d.notice).toBe('');
      }
    }

    // The markers move on screen as λ slides (0 → 1: every point moves).
    const a = drawn.get(0)!;
    const b = drawn.get(1)!;
    const byX = (d: Drawn) => d.points.map((p, k) => ({ x: p.x, ...d.screen[k] })).sort((u, v) => u.x - v.x);
    byX(a).forEach((p, k) => expect(Math.hypot(p.sx - byX(b)[k].sx, p.sy - byX(b)[k].sy), `marker ${k} moved`).toBeGreaterThan(2));

    // Approaching the fold, the saddle and the right-hand minimum close in on x = 1/√3 and on each other's screen position.
    const gap = (d: Drawn) => {
      const s = byX(d);
      return { data: s[2].x - s[1].x, px: Math.hypot(s[2].sx - s[1].sx, s[2].sy - s[1].sy) };
    };
    expect(gap(drawn.get(1.5)!).data).toBeLessThan(gap(drawn.get(1)!).data);
    expect(gap(drawn.get(1.53)!).data).toBeLessThan(gap(drawn.get(1.5)!).data);
    expect(gap(drawn.get(1.53)!).px).toBeLessThan(gap(drawn.get(1)!).px);
    const f153 = drawn.get(1.53)!;
    const ring = f153.foldScreen!;
    for (const p of byX(f153).slice(1)) expect(Math.hypot(p.sx - ring.sx, p.sy - ring.sy), 'merging pair near the ring').toBeLessThan(gap(drawn.get(1)!).px);
    // Past the fold the pair is gone: one marker, the left minimum.
    expect(drawn.get(1.55)!.points).toHaveLength(1);
    expect(drawn.get(1.55)!.points[0].x).toBeLessThan(0);
    expect(errors).toEqual([]);
  }, 240_000);
});

/**
 * Network work as a user meets it in the page (issue 15): from choosing the network landscape
 * (the default 2-8-8-1 net, 300 Adam steps, 64 × 64 slice) to the first drawn surface (a coarse
 * level) and to the full one, and the longest main-thread task meanwhile (PerformanceObserver
 * 'longtask'); the same for the scene "…is a quadratic bowl" and a digits-sized net if asked.
 */
import type { Browser } from 'playwright-core';

/** Runs before any page script: records every long main-thread task. */
const LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration }); })
  .observe({ type: 'longtask', buffered: true });`;

/** Figures of one switch to the network. */
export interface NetworkPageFigures {
  readonly label: string;
  readonly firstSurfaceMs: number;
  readonly firstN: number;
  readonly fullSurfaceMs: number;
  /** Until the lab is idle: the critical-point search on the slice (float64 jets, in slices between frames) done too. */
  readonly idleMs: number;
  readonly longestTaskMs: number;
  readonly longTasks: number;
  readonly computeBackend: string;
}

interface Hook {
  idle(): boolean;
  set(patch: object): void;
  app: { currentLandscape: { kind: string } | null; currentGrid: { n: number } | null };
}

/** Opens the lab on its default formula, then switches to the network with `patch` and times it. */
async function switchToNetwork(browser: Browser, base: string, label: string, patch: Record<string, unknown>): Promise<NetworkPageFigures> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.addInitScript('window.__name = (f) => f;');
    await page.addInitScript(LONG_TASKS);
    await page.goto(base);
    await page.waitForFunction(() => (window as unknown as { __taylorLab?: Hook }).__taylorLab?.idle() === true, undefined, { timeout: 120_000 });
    const computeBackend = await page.locator('[data-readout="compute-backend"]').innerText();
    return await page.evaluate(
      async ({ p, label, computeBackend }) => {
        const w = window as unknown as { __taylorLab: Hook; __longTasks: { start: number; ms: number }[] };
        const lab = w.__taylorLab;
        const t0 = performance.now();
        lab.set(p);
        let first = NaN;
        let firstN = 0;
        let full = NaN;
        const target = (p as { n: number }).n;
        await new Promise<void>((resolve) => {
          const poll = (): void => {
            const grid = lab.app.currentGrid;
            const network = lab.app.currentLandscape?.kind === 'network';
            if (Number.isNaN(first) && grid && network) {
              first = performance.now() - t0;
              firstN = grid.n;
            }
            if (Number.isNaN(full) && grid?.n === target && network) full = performance.now() - t0;
            if (lab.idle() && network) resolve();
            else requestAnimationFrame(poll);
          };
          requestAnimationFrame(poll);
        });
        const idle = performance.now() - t0;
        const during = w.__longTasks.filter((t) => t.start >= t0);
        return { label, firstSurfaceMs: first, firstN, fullSurfaceMs: full, idleMs: idle, longestTaskMs: Math.max(0, ...during.map((t) => t.ms)), longTasks: during.length, computeBackend };
      },
      { p: patch, label, computeBackend },
    );
  } finally {
    await page.close();
  }
}

/** The network switches the bench times: the menu's default network, and the bowl scene's settings. */
const SWITCHES: readonly [string, Record<string, unknown>][] = [
  ['network, default (2-8-8-1, 300 steps, N = 64)', { preset: 'network', landscape: 'network', xmin: -1, xmax: 1, ymin: -1, ymax: 1, x: 0, y: 0, n: 64 }],
  ['network, hessian directions, N = 128', { preset: 'network', landscape: 'network', netDirections: 'hessian', xmin: -1, xmax: 1, ymin: -1, ymax: 1, x: 0, y: 0, n: 128, netSeed: 2 }],
];

/** Prints the page figures, one line per switch. */
export async function runNetworkPageBench(browser: Browser, base: string): Promise<void> {
  console.log('choosing the network landscape in the page -> first drawn surface (coarse) and full surface; longest main-thread task meanwhile:');
  for (const [label, patch] of SWITCHES) {
    const f = await switchToNetwork(browser, base, label, patch);
    console.log(`  ${f.label.padEnd(48)} compute ${f.computeBackend.padEnd(16)} first surface ${f.firstSurfaceMs.toFixed(0).padStart(6)} ms (N = ${f.firstN})  full ${f.fullSurfaceMs.toFixed(0).padStart(6)} ms  critical points done ${f.idleMs.toFixed(0).padStart(6)} ms  longest task ${f.longestTaskMs.toFixed(0).padStart(5)} ms (${f.longTasks} over 50 ms)`);
  }
}

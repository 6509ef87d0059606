import { describe, expect, it } from 'vitest';
import type { Vector3 } from 'three';
import { SAMPLES_PER_STEP } from '../../src/app/optimizer/computeRuns';
import { useBrowser, openLab, waitForIdle } from './harness';
import { waitForFrames } from './frames';

interface PathsHook {
  pathPoint(i: number, k: number, out: Vector3): Vector3 | null;
  exitArrows?(i: number): Vector3[];
  drawnIterates(i: number): number;
  transform: { domain: { xmin: number; xmax: number; ymin: number; ymax: number }; toWorld(x: number, y: number, f: number, out: Vector3): Vector3 };
}
interface LabHook {
  state(): Record<string, unknown>;
  set(p: object): void;
  scene: { optimizerPaths: PathsHook; stage: { camera: { position: Vector3 } } };
}

describe('a diverging run stays inside the picture (issue 21 item 7)', () => {
  const browser = useBrowser();

  it('"diverges above 2/λmax": after the path leaves the box nothing is drawn outside it or across it, an arrow marks where it left', async () => {
    const { page, errors } = await openLab(browser(), 'scene=gd-bowl-diverge&n=64', { width: 1440, height: 900 });
    await expect.poll(() => page.locator('[data-readout="caption"]').textContent()).toContain('leaves the drawn box');
    const look = (steps: number) =>
      page.evaluate(
        ({ steps, samples }) => {
          const lab = (window as unknown as { __taylorLab: LabHook }).__taylorLab;
          lab.set({ runSteps: steps });
          const paths = lab.scene.optimizerPaths;
          const d = paths.transform.domain;
          const p = lab.scene.stage.camera.position.clone();
          const lo = paths.transform.toWorld(d.xmin, d.ymin, 0, p.clone());
          const hi = paths.transform.toWorld(d.xmax, d.ymax, 0, p.clone());
          const outside: number[][] = [];
          let drawn = 0;
          for (let k = 0; k < steps * samples && paths.pathPoint(0, k, p) !== null; k++) {
            drawn++;
            if (p.x < lo.x - 1e-5 || p.x > hi.x + 1e-5 || p.y < lo.y - 1e-5 || p.y > hi.y + 1e-5) outside.push([k, p.x, p.y]);
          }
          return { outside, drawn, iterates: paths.drawnIterates(0), arrows: paths.exitArrows?.(0).length ?? 0, state: lab.state().runSteps };
        },
        { steps, samples: SAMPLES_PER_STEP },
      );
    // Up to step 7 the path is inside [−2, 2]²; the caption says it leaves at step 8.
    const before = await look(7);
    expect(before.outside).toEqual([]);
    expect(before.drawn).toBe(7 * SAMPLES_PER_STEP);
    expect(before.arrows).toBe(0);
    await waitForIdle(page);
    // Run to the end (the run stops at step 32): the path ends on the box's edge with one arrow.
    const after = await look(40);
    expect(after.outside).toEqual([]);
    expect(after.drawn).toBeGreaterThan(7 * SAMPLES_PER_STEP);
    expect(after.drawn).toBeLessThanOrEqual(8 * SAMPLES_PER_STEP);
    expect(after.arrows).toBe(1);
    expect(after.iterates).toBe(8);
    await waitForFrames(page, 3);
    await page.screenshot({ path: 'test-results/diverging-path.png' });
    expect(errors).toEqual([]);
    await page.close();
  });
});

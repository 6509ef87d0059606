/**
 * The network edge-of-stability scenes in a real browser (issue 18, item 4): the page trains the
 * net in its worker, runs GD on the slice from the scene's start and stops as the Node test
 * (tests/unit/networkEdgeScenes.test.ts) has it: below 2/λmax converged at step 70, above it still
 * going at the step limit (a 2-cycle). Screenshots of both go to test-results/.
 */
import { describe, expect, it } from 'vitest';
import { RUN_MAX_STEPS } from '../../src/app/optimizer/computeRuns';
import { useBrowser, openLab, waitForIdle } from './harness';
import { waitForFrames } from './frames';

describe('the network edge scenes in a real browser', () => {
  const browser = useBrowser();

  it.each([
    ['network-edge-below', 'converged', 'converged after 70 steps'],
    ['network-edge-above', 'max-steps', `stopped at the step limit ${RUN_MAX_STEPS}`],
  ])('%s: the run on the trained slice stops as in Node (%s)', async (id, reason, text) => {
    const { page, errors } = await openLab(browser(), `scene=${id}`, { width: 1440, height: 900 });
    const show = (steps: number) => page.evaluate((runSteps) => (window as unknown as { __taylorLab: { set(p: object): void } }).__taylorLab.set({ runSteps }), steps);
    // The readouts name the stop once the shown step is the run's last.
    await show(RUN_MAX_STEPS);
    const run = page.locator('.optimizer-run[data-run-index="0"]');
    await expect.poll(() => run.getAttribute('data-stop'), { timeout: 120_000 }).toBe(reason);
    expect(await run.locator('[data-readout="run-stop"]').textContent()).toContain(text);
    await waitForIdle(page);
    await show(40);
    await waitForFrames(page, 3);
    await page.screenshot({ path: `test-results/${id}.png` });
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});

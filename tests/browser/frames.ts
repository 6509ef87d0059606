import type { Page } from 'playwright-core';

/**
 * Waits until the 3D view has drawn `count` more frames (the stage's data-frame counter on
 * #viewport) and the lab is idle: a negative check ("nothing changed") made after this has seen
 * every redraw a change could cause, however slow software rendering is, where a fixed sleep
 * could end before a late frame. Without a 3D view it waits for animation frames instead.
 */
export async function waitForFrames(page: Page, count = 2): Promise<void> {
  await page.evaluate(async (n) => {
    const lab = window.__taylorLab;
    const viewport = document.getElementById('viewport');
    const frame = (): number => Number(viewport?.dataset.frame ?? 0);
    const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const start = frame();
    for (let i = 0; i < 10_000; i++) {
      const drawn = lab.scene ? frame() >= start + n : i >= n;
      if (drawn && lab.idle()) return;
      lab.scene?.stage.requestRender();
      await nextFrame();
    }
    throw new Error('the lab drew no frames');
  }, count);
}

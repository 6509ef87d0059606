/**
 * The typed test hook: declares `window.__taylorLab` (src/app/exposeTestHook.ts) on Window, so a
 * test reads the running lab inside the page with no cast:
 *
 *   await page.evaluate(() => window.__taylorLab.state().x);
 *
 * page.evaluate serialises the function and runs it in the page, so it can only use `window` and
 * its arguments: labState and labSet below pass such functions.
 */
import type { Page } from 'playwright-core';
import type { TaylorLabTestHook } from '../../src/app/exposeTestHook';
import type { LabState } from '../../src/state/schema';

export type { TaylorLabTestHook } from '../../src/app/exposeTestHook';
export type { LabState } from '../../src/state/schema';

declare global {
  interface Window {
    /** The lab's test hook: there once the lab is built (absent on a production build). */
    readonly __taylorLab: TaylorLabTestHook;
  }
}

/** The lab's state, read in the page. */
export function labState(page: Page): Promise<LabState> {
  return page.evaluate(() => window.__taylorLab.state());
}

/** Changes the lab's state in the page. */
export function labSet(page: Page, patch: Partial<LabState>): Promise<void> {
  return page.evaluate((p) => window.__taylorLab.set(p), patch);
}

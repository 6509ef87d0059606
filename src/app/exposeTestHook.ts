/**
 * The browser tests and the benchmark read the running lab through `window.__taylorLab`. A
 * production page must not offer a writable handle into its state, so the hook exists only on the
 * dev server (where the tests run) or in a build made with VITE_TEST_HOOK=1, and is frozen and
 * non-writable there.
 */

/** Whether this bundle carries the test hook: the dev server, or a build with VITE_TEST_HOOK=1. */
export const TEST_HOOK_ENABLED: boolean = import.meta.env.DEV || import.meta.env.VITE_TEST_HOOK === '1';

/** Defines a frozen, read-only `window.__taylorLab` when the hook is enabled; otherwise does nothing. */
export function exposeTestHook(hook: Record<string, unknown>): void {
  if (!TEST_HOOK_ENABLED) return;
  Object.defineProperty(window, '__taylorLab', { value: Object.freeze({ ...hook }), writable: false, enumerable: false, configurable: false });
}

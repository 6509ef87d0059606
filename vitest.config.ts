import { defineConfig } from 'vitest/config';

/** Two projects: unit (Node, tfjs CPU backend) and browser (headless Chromium via playwright-core). */
export default defineConfig({
  test: {
    // Two workers for a plain `vitest run`. Vitest runs the browser project (one file at a time) in
    // a group of its own after the unit files, never beside them: `npm test` (scripts/test.mjs)
    // runs the two projects as two processes side by side instead.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // One module graph per worker: tfjs and the app load once, not once per file (import time
          // 18 s -> 6 s). A file that mocks a module re-imports after vi.resetModules(); setup.ts
          // puts tfjs back on its CPU backend after each file.
          isolate: false,
          setupFiles: ['tests/unit/setup.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // Software WebGL draws a frame in ~0.3 s on a loaded 2-core machine: polls get 10 s.
          expect: { poll: { timeout: 10_000, interval: 100 } },
        },
      },
    ],
  },
});

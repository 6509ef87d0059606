import { vi } from 'vitest';

/** A hand-driven animation clock: requestAnimationFrame callbacks run only when the test calls frame(). */
export interface FakeFrames {
  /** The fake performance.now() in ms. */
  readonly now: number;
  /** Callbacks waiting for the next frame. */
  pending(): number;
  /** Advances the clock by ms and runs the callbacks queued before this frame (as a browser does). */
  frame(ms?: number): void;
  /** Runs frames until none is queued (at most maxFrames); returns how many ran. */
  runAll(maxFrames?: number): number;
}

/**
 * Stubs requestAnimationFrame, cancelAnimationFrame and performance.now (Node has no animation
 * frames); undo with vi.unstubAllGlobals().
 */
export function installFakeFrames(frameMs = 16): FakeFrames {
  let now = 0;
  let nextId = 1;
  const queue = new Map<number, FrameRequestCallback>();
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback): number => {
    const id = nextId++;
    queue.set(id, cb);
    return id;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number): void => void queue.delete(id));
  vi.stubGlobal('performance', { now: () => now });
  const frames: FakeFrames = {
    get now() {
      return now;
    },
    pending: () => queue.size,
    frame(ms = frameMs) {
      now += ms;
      const run = [...queue.values()];
      queue.clear();
      for (const cb of run) cb(now);
    },
    runAll(maxFrames = 10_000) {
      let count = 0;
      while (queue.size > 0 && count < maxFrames) {
        frames.frame();
        count++;
      }
      return count;
    },
  };
  return frames;
}

/**
 * The frame batch every canvas view uses: store changes coalesce into one flush per animation
 * frame, only while the view is shown, with every key changed since the last flush.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameBatch } from '../../src/views/viewParts';
import { installFakeFrames, type FakeFrames } from './fakeFrames';

let frames: FakeFrames;
beforeEach(() => {
  frames = installFakeFrames();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function batch(initial: string[] = []) {
  const state = { hidden: false, flushed: [] as string[][], scheduled: 0 };
  const b: FrameBatch<string> = new FrameBatch<string>(
    initial,
    () => state.hidden,
    () => state.flushed.push([...b.take()].sort()),
    () => state.scheduled++,
  );
  return { b, state };
}

describe('FrameBatch', () => {
  it('many changes in one frame make one flush with all their keys', () => {
    const { b, state } = batch(['x']);
    b.schedule('a');
    b.schedule('b');
    b.schedule();
    expect(state.flushed).toEqual([]);
    expect(b.settled).toBe(false);
    frames.frame();
    expect(state.flushed).toEqual([['a', 'b', 'x']]);
    expect(state.scheduled).toBe(1);
    expect(b.settled).toBe(true);
    frames.frame();
    expect(state.flushed).toHaveLength(1);
  });

  it('while hidden nothing is drawn; the keys wait and the next schedule after showing flushes them', () => {
    const { b, state } = batch();
    state.hidden = true;
    b.schedule('a');
    expect(frames.pending()).toBe(0);
    frames.frame();
    expect(state.flushed).toEqual([]);
    expect(b.settled).toBe(false);
    state.hidden = false;
    b.schedule();
    frames.frame();
    expect(state.flushed).toEqual([['a']]);
  });

  it('add() filters keys and requests no frame; a change made during a flush gets the next frame', () => {
    const state = { flushes: [] as string[][] };
    const b: FrameBatch<string> = new FrameBatch<string>([], () => false, () => {
      state.flushes.push([...b.take()]);
      if (state.flushes.length === 1) b.schedule('late');
    });
    expect(b.add(['a', 'skip'], (k) => k !== 'skip')).toBe(true);
    expect(b.add(['skip'], (k) => k !== 'skip')).toBe(false);
    expect(frames.pending()).toBe(0);
    b.schedule();
    frames.frame();
    expect(b.settled).toBe(false);
    frames.frame();
    expect(state.flushes).toEqual([['a'], ['late']]);
    expect(b.settled).toBe(true);
  });

  it('dispose cancels a requested frame', () => {
    const { b, state } = batch();
    b.schedule('a');
    b.dispose();
    frames.runAll();
    expect(state.flushed).toEqual([]);
  });
});

/**
 * PermalinkSync's rules in Node with a fake page (a history stack that behaves like a browser's)
 * and fake timers: a user's change settles, then pushes one history entry; what opening a link
 * causes only replaces the current entry; Back and Forward (popstate) restore the state the entry
 * names and write nothing of their own. tests/browser/history.test.ts checks the same in Chromium.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PermalinkSync, type LinkPage } from '../../src/ui/PermalinkSync';
import { decodeState, encodeState } from '../../src/state/permalink';
import { Store } from '../../src/state/Store';

/** A page with a browser-like history: push drops the forward entries; back/forward fire popstate. */
function fakePage(initialHash = '') {
  const entries = [initialHash];
  let index = 0;
  const listeners = new Set<() => void>();
  const writes: ('push' | 'replace')[] = [];
  const location = { hash: initialHash };
  const go = (to: number): void => {
    index = to;
    location.hash = entries[index];
    for (const l of [...listeners]) l();
  };
  const page: LinkPage = {
    location,
    history: {
      state: null,
      pushState(_data, _unused, url) {
        writes.push('push');
        entries.splice(index + 1, entries.length, url);
        index++;
        location.hash = url;
      },
      replaceState(_data, _unused, url) {
        writes.push('replace');
        entries[index] = url;
        location.hash = url;
      },
    },
    addEventListener(_type, listener, { signal }) {
      listeners.add(listener);
      signal.addEventListener('abort', () => listeners.delete(listener));
    },
  };
  return {
    page,
    writes,
    entries,
    index: () => index,
    back: () => go(index - 1),
    forward: () => go(index + 1),
    /** A hash typed into the address bar: a new entry, then popstate. */
    type(hash: string) {
      entries.splice(index + 1, entries.length, hash);
      go(index + 1);
    },
  };
}

/** A lab opened on `hash`: the store holds the decoded link, as createLab does. */
function open(hash = '') {
  const fake = fakePage(hash);
  const store = new Store(decodeState(hash).state);
  const sync = new PermalinkSync(store, fake.page);
  return { ...fake, store, sync };
}

const SETTLE_MS = 400;
/** The link the lab writes for its defaults (opening it and writing it back gives the same text). */
const START = `#${encodeState(decodeState('').state)}`;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PermalinkSync: a user change pushes one entry once it settles', () => {
  it('a drag (many changes) writes nothing until 400 ms after the last, then pushes once', () => {
    const { store, writes, entries, page } = open();
    for (let i = 1; i <= 10; i++) {
      store.set({ x: i / 100 });
      vi.advanceTimersByTime(SETTLE_MS - 1);
    }
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual(['push']);
    expect(entries).toHaveLength(2);
    expect(page.location.hash).toBe(`#${encodeState(store.get())}`);
    expect(decodeState(page.location.hash).state.x).toBe(0.1);
  });

  it('two settled changes are two entries', () => {
    const { store, writes, entries } = open();
    store.set({ order: 3 });
    vi.advanceTimersByTime(SETTLE_MS);
    store.set({ showContours: false });
    vi.advanceTimersByTime(SETTLE_MS);
    expect(writes).toEqual(['push', 'push']);
    expect(entries).toHaveLength(3);
  });

  it('a change undone before it settles writes nothing: the link already says it', () => {
    const { store, writes } = open(START);
    store.set({ order: 3 });
    store.set({ order: 2 });
    vi.advanceTimersByTime(10 * SETTLE_MS);
    expect(writes).toEqual([]);
  });
});

describe('PermalinkSync: opening a link replaces, never pushes', () => {
  it('a plain visit (no hash) keeps its plain URL', () => {
    const { sync, writes, page } = open();
    sync.addLinkHandler(() => false);
    vi.advanceTimersByTime(10 * SETTLE_MS);
    expect(writes).toEqual([]);
    expect(page.location.hash).toBe('');
  });

  it('a short link is normalised to the full state in the same entry', () => {
    const { sync, writes, entries, store } = open('#order=3');
    sync.addLinkHandler(() => false);
    expect(writes).toEqual(['replace']);
    expect(entries).toEqual([`#${encodeState(store.get())}`]);
    expect(entries[0]).toContain('v=1');
  });

  it('what a handler changes while a plain visit opens is part of opening it: never pushed', () => {
    const { sync, store, writes } = open();
    sync.addLinkHandler(() => {
      store.set({ order: 3 });
      return false;
    });
    vi.advanceTimersByTime(10 * SETTLE_MS);
    expect(writes).toEqual([]);
  });

  it('a link handler (a scene link) runs at once on the current link; its state replaces the link, and is not pushed later', () => {
    const { sync, store, writes, entries } = open('#scene=s1');
    const seen: string[] = [];
    sync.addLinkHandler((hash) => {
      seen.push(hash);
      if (hash !== '#scene=s1') return false;
      store.set({ order: 5, showAxes: false });
      return true;
    });
    expect(seen).toEqual(['#scene=s1']);
    expect(writes).toEqual(['replace']);
    vi.advanceTimersByTime(10 * SETTLE_MS);
    expect(writes).toEqual(['replace']);
    expect(entries).toHaveLength(1);
    expect(decodeState(entries[0]).state).toMatchObject({ order: 5, showAxes: false, scene: 's1' });
  });
});

describe('PermalinkSync: Back and Forward', () => {
  it('restore the state each entry names and write no entry of their own', () => {
    const { store, writes, back, forward, entries } = open(START);
    const start = { ...store.get() };
    store.set({ order: 3 });
    vi.advanceTimersByTime(SETTLE_MS);
    store.set({ showContours: false });
    vi.advanceTimersByTime(SETTLE_MS);
    writes.length = 0;
    back();
    expect([store.get().order, store.get().showContours]).toEqual([3, true]);
    back();
    expect(store.get()).toEqual(start);
    forward();
    expect([store.get().order, store.get().showContours]).toEqual([3, true]);
    vi.advanceTimersByTime(10 * SETTLE_MS);
    // Nothing was pushed or replaced while applying: the forward entry is still there.
    expect(writes).toEqual([]);
    expect(entries).toHaveLength(3);
    forward();
    expect(store.get().showContours).toBe(false);
  });

  it('Back while a change is settling drops the pending write', () => {
    const { store, writes, back, forward, entries } = open(START);
    store.set({ order: 3 });
    vi.advanceTimersByTime(SETTLE_MS);
    store.set({ order: 4 });
    back();
    vi.advanceTimersByTime(10 * SETTLE_MS);
    expect(store.get().order).toBe(decodeState('').state.order);
    expect(writes).toEqual(['push']);
    expect(entries).toHaveLength(2);
    forward();
    expect(store.get().order).toBe(3);
  });

  it('Back to the plain visit (no hash) restores the defaults and writes their link in place', () => {
    const { store, writes, back, entries } = open();
    store.set({ order: 3 });
    vi.advanceTimersByTime(SETTLE_MS);
    back();
    expect(store.get()).toEqual(decodeState('').state);
    expect(writes).toEqual(['push', 'replace']);
    expect(entries).toEqual([START, `#${encodeState({ ...decodeState('').state, order: 3 })}`]);
  });

  it('link handlers run again on popstate; what they change replaces the entry', () => {
    const { sync, store, writes, type, entries, index } = open();
    sync.addLinkHandler((hash) => {
      if (hash !== '#scene=s1') return false;
      store.set({ order: 5, scene: 's1' });
      return true;
    });
    type('#scene=s1');
    expect([store.get().order, store.get().scene]).toEqual([5, 's1']);
    vi.advanceTimersByTime(10 * SETTLE_MS);
    expect(writes).toEqual(['replace']);
    expect(entries[index()]).toBe(`#${encodeState(store.get())}`);
  });

  it('a link and what its handler makes of it reach subscribers as one change: the link\'s passing defaults never', () => {
    // Shown: the 1D view at order 4. The link names a scene only, so it decodes to the defaults
    // (the 2D view, order 2) before its handler applies the scene (the 1D view again, order 5).
    const { sync, store, type } = open();
    store.set({ mode: '1d', order: 4 });
    sync.addLinkHandler((hash) => {
      if (hash !== '#scene=s1') return false;
      store.set({ mode: '1d', order: 5, scene: 's1' });
      return true;
    });
    const seen: { mode: string; changed: string[] }[] = [];
    store.subscribe((state, changed) => seen.push({ mode: state.mode, changed: [...changed].sort() }));
    type('#scene=s1');
    expect(seen).toHaveLength(1);
    expect(seen[0].mode).toBe('1d');
    expect(seen[0].changed).toContain('order');
    expect(seen[0].changed).toContain('scene');
    expect(seen[0].changed, 'the view went to 2D and back inside the link: no change').not.toContain('mode');
  });

  it('a link with a bad value keeps the last good value for that key, says why, and is normalised in place', () => {
    const fake = fakePage();
    const store = new Store(decodeState('').state);
    const heard: (readonly string[])[] = [];
    new PermalinkSync(store, fake.page, (m) => heard.push(m));
    store.set({ order: 4 });
    vi.advanceTimersByTime(SETTLE_MS);
    const bad = '#v=1&order=banana&x=0.25';
    fake.type(bad);
    // The good key is applied, the refused one keeps what the lab showed (4), not the default.
    expect(store.get()).toEqual({ ...decodeState(bad).state, order: 4 });
    expect(decodeState(bad).state.order).not.toBe(4);
    expect(heard).toEqual([["order: 'banana' is not a number, ignored"]]);
    vi.advanceTimersByTime(10 * SETTLE_MS);
    expect(fake.writes).toEqual(['push', 'replace']);
    expect(fake.entries[fake.index()]).toBe(`#${encodeState(store.get())}`);
    // A good link afterwards clears the message (an empty list is reported).
    fake.type('#v=1&order=2');
    expect(store.get().order).toBe(2);
    expect(heard.at(-1)).toEqual([]);
  });

  it('a link whose domain is inverted keeps the current domain', () => {
    const fake = fakePage();
    const store = new Store(decodeState('').state);
    new PermalinkSync(store, fake.page);
    store.set({ xmin: -3, xmax: 3 });
    fake.type('#v=1&xmin=2&xmax=1&order=5');
    expect([store.get().xmin, store.get().xmax, store.get().order]).toEqual([-3, 3, 5]);
  });

  it('dispose drops a pending write and stops following popstate', () => {
    const { store, sync, writes, type } = open();
    store.set({ order: 3 });
    sync.dispose();
    vi.advanceTimersByTime(10 * SETTLE_MS);
    type('#v=1&order=5');
    expect(writes).toEqual([]);
    expect(store.get().order).toBe(3);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { ViewHost, type LabView } from '../../src/views/ViewHost';
import { Store } from '../../src/state/Store';
import { defaultState } from '../../src/state/schema';
import type { ViewId } from '../../src/state/views';

beforeAll(() => {
  (globalThis as { document?: unknown }).document ??= { documentElement: { dataset: {} } };
});

/** A view that records every show/hide it is told. */
function fakeView(id: ViewId): LabView & { calls: boolean[] } {
  const calls: boolean[] = [];
  return { id, calls, setVisible: (v: boolean) => void calls.push(v) };
}

describe('ViewHost (fakes in Node)', () => {
  it('shows exactly the view the state names, and follows mode changes', () => {
    const store = new Store({ ...defaultState(), mode: '1d' });
    const [twoD, oneD] = [fakeView('2d'), fakeView('1d')];
    const host = new ViewHost(store, [twoD, oneD]);
    expect([twoD.calls.at(-1), oneD.calls.at(-1)]).toEqual([false, true]);
    store.set({ mode: '2d' });
    expect([twoD.calls.at(-1), oneD.calls.at(-1)]).toEqual([true, false]);
    expect(host.current).toBe('2d');
  });

  it('a view registered later is shown at once when the state names it, hidden otherwise', () => {
    const store = new Store({ ...defaultState(), mode: 'spectrum' });
    const twoD = fakeView('2d');
    new ViewHost(store, [twoD]);
    const spectrum = fakeView('spectrum');
    const gdmap = fakeView('gdmap');
    const host = new ViewHost(store, []);
    host.register(spectrum);
    host.register(gdmap);
    expect(spectrum.calls).toEqual([true]);
    expect(gdmap.calls).toEqual([false]);
    store.set({ mode: 'gdmap' });
    expect([spectrum.calls.at(-1), gdmap.calls.at(-1)]).toEqual([false, true]);
  });
});

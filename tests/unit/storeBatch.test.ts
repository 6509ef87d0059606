/** Store.batch: one notification at the end, with the keys whose value differs from before it. */
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/state/Store';
import { defaultState, type LabState } from '../../src/state/schema';

function recorded() {
  const store = new Store({ ...defaultState(), order: 2, x: 0 });
  const calls: { order: number; x: number; changed: (keyof LabState)[] }[] = [];
  store.subscribe((s, changed) => calls.push({ order: s.order, x: s.x, changed: [...changed].sort() }));
  return { store, calls };
}

describe('Store.batch', () => {
  it('notifies once, after the last set, with the final state and every key that ended different', () => {
    const { store, calls } = recorded();
    store.batch(() => {
      store.set({ order: 3 });
      expect(store.get().order, 'get() sees each set at once').toBe(3);
      store.set({ order: 5, x: 0.5 });
    });
    expect(calls).toEqual([{ order: 5, x: 0.5, changed: ['order', 'x'] }]);
  });

  it('a key set and set back inside a batch is no change; a batch that changes nothing notifies nobody', () => {
    const { store, calls } = recorded();
    store.batch(() => {
      store.set({ order: 4, x: 1 });
      store.set({ order: 2 });
    });
    expect(calls).toEqual([{ order: 2, x: 1, changed: ['x'] }]);
    store.batch(() => {
      store.set({ x: 2 });
      store.set({ x: 1 });
    });
    expect(calls).toHaveLength(1);
  });

  it('a nested batch joins the outer one; sets after it notify as usual, also when the change threw', () => {
    const { store, calls } = recorded();
    store.batch(() => {
      store.set({ order: 3 });
      store.batch(() => store.set({ x: 0.25 }));
      expect(calls).toHaveLength(0);
    });
    expect(calls).toEqual([{ order: 3, x: 0.25, changed: ['order', 'x'] }]);
    expect(() =>
      store.batch(() => {
        store.set({ order: 6 });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(calls.at(-1)).toEqual({ order: 6, x: 0.25, changed: ['order'] });
    store.set({ x: 0.75 });
    expect(calls.at(-1)).toEqual({ order: 6, x: 0.75, changed: ['x'] });
  });
});

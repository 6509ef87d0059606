import { afterAll, describe, expect, it, vi } from 'vitest';

// Today's defaults change after links were shared: order 4, another theme, another point.
vi.mock('../../src/state/schema', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/state/schema')>();
  return { ...actual, defaultState: () => ({ ...actual.defaultState(), order: 4, theme: 'projector-dark' as const, x: -1, y: 1.25 }) };
});

// The unit files share one module graph (isolate: false in vitest.config.ts): start this file's
// imports afresh so that permalink.ts is evaluated against the mocked schema.
vi.resetModules();
const { decodeState, encodeState, V1_DEFAULTS } = await import('../../src/state/permalink');
const { defaultState } = await import('../../src/state/schema');
// ... and leave none of them, mocked, to the files after this one.
afterAll(() => {
  vi.doUnmock('../../src/state/schema');
  vi.resetModules();
});

describe('links after a default changes', () => {
  it('an old link without a version opens as it did at v1, not with the new defaults', () => {
    const { state, messages } = decodeState('#preset=saddle&formula=x%5E2+-+y%5E2');
    expect(messages).toEqual([]);
    expect(state.order).toBe(2);
    expect(state.theme).toBe('default');
    expect([state.x, state.y]).toEqual([0.5, 0.5]);
    expect(state).toEqual({ ...defaultState(), ...V1_DEFAULTS, order: 2, theme: 'default', x: 0.5, y: 0.5, preset: 'saddle', formula: 'x^2 - y^2' });
  });

  it('a link written now keeps the view it was written with once read back', () => {
    const now = defaultState();
    expect(decodeState(encodeState(now)).state).toEqual(now);
    const params = new URLSearchParams(encodeState(now));
    expect(params.get('order')).toBe('4');
    expect(params.get('theme')).toBe('projector-dark'); // differs from the v1 table: written
  });

  it('an empty hash (no link) opens the current defaults', () => {
    expect(decodeState('').state.order).toBe(4);
  });
});

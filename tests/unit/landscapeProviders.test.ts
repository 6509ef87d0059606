/**
 * Landscape providers by kind (issue 20 item 3): LabApp asks the provider of the state's
 * landscape kind what to show. A formula provider parses the state (a bad formula keeps the last
 * good surface, or stands in the default at start-up); a built landscape offers its waiting text
 * until it is handed the landscape, and tells LabApp when that changes.
 */
import { describe, expect, it } from 'vitest';
import { BuiltLandscape, FormulaLandscapes } from '../../src/app/landscapeProviders';
import type { GridLandscape } from '../../src/compute/landscape/GridLandscape';
import { defaultState, type LabState } from '../../src/state/schema';

const state = (patch: Partial<LabState>): LabState => ({ ...defaultState(), ...patch });

describe('FormulaLandscapes', () => {
  it('offers the parsed formula, whose value is the closed form', () => {
    const errors: (string | null)[] = [];
    const provider = new FormulaLandscapes({ showError: (m) => errors.push(m) });
    const offer = provider.offer(state({ formula: 'x^2 + 3*y' }), false);
    if (!('landscape' in offer)) throw new Error('no landscape offered');
    expect(offer.landscape.value(2, 5)).toBe(19);
    expect(errors).toEqual([null]);
  });

  it('a bad formula shows its message and keeps what is on screen; with nothing shown, the default stands in', () => {
    const errors: (string | null)[] = [];
    const provider = new FormulaLandscapes({ showError: (m) => errors.push(m) });
    expect(provider.offer(state({ formula: 'x^^2' }), true)).toEqual({ keep: true });
    expect(errors[0]).toMatch(/\^/);
    const fallback = provider.offer(state({ formula: 'x^^2' }), false);
    if (!('landscape' in fallback)) throw new Error('no stand-in offered');
    // The default double well (x² − 1)² + y² at (0.5, 0.5): 0.5625 + 0.25.
    expect(fallback.landscape.value(0.5, 0.5)).toBeCloseTo(0.8125, 12);
    // After a good one, a bad one still keeps the screen (the last good surface stays there).
    provider.offer(state({ formula: 'x*y' }), true);
    expect(provider.offer(state({ formula: 'sin(' }), true)).toEqual({ keep: true });
  });
});

describe('BuiltLandscape', () => {
  it('offers its waiting text until it is handed a landscape, and says when either changes', () => {
    const provider = new BuiltLandscape();
    let calls = 0;
    const stop = provider.onChange(() => calls++);
    provider.setWaiting('Training the network: step 3 of 10');
    expect(provider.offer()).toEqual({ waiting: 'Training the network: step 3 of 10' });
    const landscape = { value: () => 1 } as unknown as GridLandscape;
    provider.set(landscape);
    expect(provider.offer()).toEqual({ landscape });
    // A waiting text while a landscape is there changes nothing on screen: no call.
    provider.setWaiting('ignored while built');
    expect(calls).toBe(2);
    provider.set(null);
    expect(provider.offer()).toEqual({ waiting: 'ignored while built' });
    expect(calls).toBe(3);
    stop();
    provider.set(landscape);
    expect(calls).toBe(3);
  });
});

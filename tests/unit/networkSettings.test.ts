import { describe, expect, it } from 'vitest';
import { networkSettings, parseHiddenWidths, trainingProblem } from '../../src/app/network/networkSettings';
import { defaultState } from '../../src/state/schema';

describe('the network settings read from the state', () => {
  it('turns the default state into a 2-8-8-1 tanh classifier on 200 circle samples', () => {
    const s = networkSettings(defaultState());
    if (typeof s === 'string') throw new Error(s);
    expect(s.spec.widths).toEqual([2, 8, 8, 1]);
    expect(s.spec.activation).toBe('tanh');
    expect(s.spec.task).toBe('classification');
    expect(s.data.size).toBe(200);
    expect(s.data.inputs.length).toBe(400);
  });

  it('gives the sine regression a one-input network', () => {
    const s = networkSettings({ ...defaultState(), netData: 'sine' });
    if (typeof s === 'string') throw new Error(s);
    expect(s.spec.widths).toEqual([1, 8, 8, 1]);
    expect(s.spec.task).toBe('regression');
  });

  it('keys runs by every setting that changes the trained network, so the same key means the same run', () => {
    const a = networkSettings(defaultState());
    const b = networkSettings({ ...defaultState(), netSeed: 2 });
    const c = networkSettings(defaultState());
    if (typeof a === 'string' || typeof b === 'string' || typeof c === 'string') throw new Error('settings');
    expect(a.key).toBe(c.key);
    expect(a.key).not.toBe(b.key);
  });

  it('refuses zero, fractional, too wide or missing hidden widths with a message', () => {
    expect(parseHiddenWidths('8,0')).toMatch(/whole numbers from 1 to 256/);
    expect(parseHiddenWidths('2.5')).toMatch(/whole numbers/);
    expect(parseHiddenWidths('257')).toMatch(/1 to 256/);
    expect(parseHiddenWidths('')).toMatch(/at least one/);
    expect(parseHiddenWidths('1,2,3,4,5')).toMatch(/at most 4/);
    expect(parseHiddenWidths(' 4, 3 ')).toEqual([4, 3]);
  });

  it('refuses a NaN or non-positive learning rate and 10^6 steps with a message', () => {
    expect(trainingProblem(Number.NaN, 100)).toMatch(/learning rate/);
    expect(trainingProblem(0, 100)).toMatch(/learning rate/);
    expect(trainingProblem(0.1, 1e6)).toMatch(/steps must be a whole number from 1 to 100000/);
    expect(trainingProblem(0.1, 100)).toBeNull();
    expect(networkSettings({ ...defaultState(), netHidden: '0' })).toMatch(/hidden widths/);
  });
});

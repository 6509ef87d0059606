import { describe, expect, it } from 'vitest';
import { V1_DEFAULTS, VIEW_KEYS_1D, VIEW_KEYS_2D, decodeState, encodeState } from '../../src/state/permalink';
import { defaultState, type LabState } from '../../src/state/schema';
import { domainPatch, presetPatch } from '../../src/state/actions';

describe('permalink', () => {
  it('the default state encodes its version and the keys that define the view, and decodes back to itself', () => {
    const params = new URLSearchParams(encodeState(defaultState()));
    expect(params.get('v')).toBe('1');
    for (const key of VIEW_KEYS_2D) expect(params.has(key), key).toBe(true);
    for (const key of VIEW_KEYS_1D) expect(params.has(key), key).toBe(false);
    expect(params.get('formula')).toBe(defaultState().formula);
    expect(params.get('order')).toBe('2');
    expect(params.has('theme')).toBe(false); // equal to the v1 default: left out
    expect(decodeState(encodeState(defaultState())).state).toEqual(defaultState());
    expect(decodeState('').state).toEqual(defaultState());
  });

  it('a 1D link also names the 1D function, point, range and orders', () => {
    const params = new URLSearchParams(encodeState({ ...defaultState(), mode: '1d' }));
    for (const key of [...VIEW_KEYS_2D, ...VIEW_KEYS_1D]) expect(params.has(key), key).toBe(true);
    expect(params.get('formula1d')).toBe(defaultState().formula1d);
  });

  it('the v1 defaults table is frozen and a link without a version is read against it', () => {
    expect(Object.isFrozen(V1_DEFAULTS)).toBe(true);
    for (const key of Object.keys(V1_DEFAULTS)) expect(key in defaultState(), key).toBe(true);
    expect(decodeState('#order=3').state).toEqual({ ...defaultState(), ...V1_DEFAULTS, order: 3 });
    expect(decodeState('#v=1&order=3').state).toEqual({ ...defaultState(), ...V1_DEFAULTS, order: 3 });
  });

  it('an unknown link version is read as version 1 with a message', () => {
    const { state, messages } = decodeState('v=7&order=4');
    expect(state.order).toBe(4);
    expect(messages).toEqual(["link version '7' unknown, read as version 1"]);
  });

  it('a changed state survives encode then decode unchanged', () => {
    const state: LabState = {
      ...defaultState(),
      ...presetPatch('rosenbrock'),
      x: 0.123456789,
      y: -1.5,
      order: 5,
      colorMode: 'modelError',
      showContours: false,
      theme: 'projector-dark',
      formula: 'sin(x)*cos(y) + 0.1*x^2',
      preset: 'custom',
    };
    const decoded = decodeState('#' + encodeState(state));
    expect(decoded.messages).toEqual([]);
    expect(decoded.state).toEqual(state);
  });

  it('unknown keys are ignored with a message', () => {
    const { state, messages } = decodeState('foo=1&__proto__=2&order=3');
    expect(state.order).toBe(3);
    expect(messages.some((m) => m.includes("unknown key 'foo'"))).toBe(true);
    expect(messages.some((m) => m.includes("unknown key '__proto__'"))).toBe(true);
    expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
  });

  it('huge numbers are clamped, NaN and text in number fields are dropped', () => {
    const { state, messages } = decodeState('order=99&x=NaN&y=1e400&radius=abc&n=100000');
    expect(state.order).toBe(6);
    expect(state.x).toBe(defaultState().x);
    expect(state.y).toBe(defaultState().y);
    expect(state.radius).toBe(defaultState().radius);
    expect(state.n).toBe(512);
    expect(messages.length).toBe(5);
  });

  it('a script tag in an enum field is refused and in the formula stays inert text', () => {
    const hostile = encodeURIComponent('<script>alert(1)</script>');
    const { state, messages } = decodeState(`theme=${hostile}&formula=${hostile}`);
    expect(state.theme).toBe('default');
    expect(state.formula).toBe('<script>alert(1)</script>');
    expect(messages.some((m) => m.startsWith('theme:'))).toBe(true);
  });

  it('an inverted domain falls back to the default domain with a message', () => {
    const { state, messages } = decodeState('xmin=3&xmax=1');
    expect(state.xmin).toBe(defaultState().xmin);
    expect(messages.some((m) => m.startsWith('domain'))).toBe(true);
  });
});

describe('domain changes', () => {
  it('refuse a bound that would leave min >= max and pull the point inside an accepted domain', () => {
    const s = { ...defaultState(), x: 1.5, y: -1.5 };
    expect(domainPatch(s, 'xmin', 3)).toEqual({});
    expect(domainPatch(s, 'ymax', Number.NaN)).toEqual({});
    expect(domainPatch(s, 'xmax', 1)).toEqual({ xmax: 1, x: 1, y: -1.5 });
    expect(domainPatch(s, 'ymin', -1)).toEqual({ ymin: -1, x: 1.5, y: -1 });
  });
});

describe('network links', () => {
  it('a link naming only landscape=network gets the network grid size and slice window, not the formula N', () => {
    const { state, messages } = decodeState('#landscape=network');
    expect(messages).toEqual([]);
    expect(state.landscape).toBe('network');
    expect(state.n).toBe(64);
    expect([state.xmin, state.xmax, state.ymin, state.ymax, state.x, state.y]).toEqual([-1, 1, -1, 1, 0, 0]);
  });

  it('an N the link names is kept', () => {
    expect(decodeState('#landscape=network&n=128').state.n).toBe(128);
    expect(decodeState('#n=128').state.n).toBe(128);
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../../src/state/permalink';
import { PROPERTIES, defaultState, type LabState, type PropertySpec } from '../../src/state/schema';
import { parseExpression } from '../../src/core/expr/parser';
import { FUZZ_SEED, guardCodeExecution, hostileString, timedWithin, type CodeGuard } from './support/fuzzArbitraries';

const RUNS = 400;
/** Per-link bound, far above the typical fraction of a millisecond (see timedWithin for the retry). */
const DECODE_BOUND_MS = 50;

/** Why one value breaks its row of the property table, or null when it fits. */
function specProblem(spec: PropertySpec, value: unknown): string | null {
  const bad = (why: string) => `${spec.key}=${JSON.stringify(value)?.slice(0, 60)}: ${why}`;
  switch (spec.type) {
    case 'number':
    case 'int':
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad('not a finite number');
      if (spec.type === 'int' && !Number.isInteger(value)) return bad('not an integer');
      return value >= spec.min && value <= spec.max ? null : bad(`outside [${spec.min}, ${spec.max}]`);
    case 'bool':
      return typeof value === 'boolean' ? null : bad('not a boolean');
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? null : bad('not an allowed value');
    case 'text':
      return typeof value === 'string' && value.length <= spec.maxLength ? null : bad('not a short enough string');
    case 'numbers': {
      if (typeof value !== 'string') return bad('not a string');
      if (value === '') return null;
      const parts = value.split(',').map(Number);
      const countOk = spec.count > 0 ? parts.length === spec.count : parts.length <= (spec.maxCount ?? Infinity);
      if (!countOk) return bad('wrong number of entries');
      return parts.every((v) => Number.isFinite(v) && v >= spec.min && v <= spec.max) ? null : bad('an entry out of range');
    }
  }
}

/** Every way a state can break the property table: a bad value, an extra or missing key, a foreign prototype, an empty domain. */
function stateProblems(state: LabState): string[] {
  const problems: string[] = [];
  if (Object.getPrototypeOf(state) !== Object.prototype) problems.push('state has a foreign prototype');
  const known = new Set<string>(PROPERTIES.map((s) => s.key));
  for (const key of Reflect.ownKeys(state)) if (!known.has(String(key))) problems.push(`extra key ${String(key)}`);
  for (const spec of PROPERTIES) {
    if (!Object.hasOwn(state, spec.key)) problems.push(`missing key ${spec.key}`);
    const p = specProblem(spec, state[spec.key]);
    if (p) problems.push(p);
  }
  if (!(state.xmin < state.xmax && state.ymin < state.ymax)) problems.push('empty domain');
  return problems;
}

const KEYS = PROPERTIES.map((s) => s.key as string);
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineSetter__', 'valueOf'];

/** Values a link might carry for a key: hostile text, odd numbers, lists, booleans in every spelling. */
const linkValue = fc.oneof(
  hostileString,
  fc.double().map(String),
  fc.array(fc.double().map(String), { maxLength: 8 }).map((v) => v.join(',')),
  fc.constantFrom('', '0', '1', 'true', 'false', 'yes', '-0', ' 1', '1e999', '-1e999', 'NaN', ',', ',,,', '1,2,3,4,5,6', 'custom', 'curvature'),
);

/** A link: pairs of known, hostile and random keys with such values, each pair raw or percent-encoded. */
const hostileHash = fc.oneof(
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 12 })), linkValue, fc.boolean()), { maxLength: 30 })
    .map((pairs) => '#' + pairs.map(([k, v, encode]) => (encode ? `${encodeURIComponent(k)}=${v.replace(/[&#%=+]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}` : `${k}=${v}`)).join('&')),
  hostileString,
  hostileString.map((s) => `#${s}`),
);

describe('fuzzing the permalink decoder with hostile links', () => {
  let guard: CodeGuard;
  let prototypeKeys: string[];

  beforeAll(() => {
    prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    guard = guardCodeExecution();
  });
  afterAll(() => {
    guard?.restore();
  });

  it('the validator rejects what it must (so an empty problem list below means something)', () => {
    expect(stateProblems(defaultState())).toEqual([]);
    const broken = { ...defaultState(), n: 7.5, theme: 'neon', camera: '1,2', xmax: -10, extra: 1 } as unknown as LabState;
    expect(stateProblems(broken).length).toBe(5);
  });

  it('decodeState never throws, finishes within the bound, and always returns a state that fits the property table', () => {
    fc.assert(
      fc.property(hostileHash, (hash) => {
        const { result, ms } = timedWithin(() => decodeState(hash), DECODE_BOUND_MS);
        expect(ms).toBeLessThan(DECODE_BOUND_MS);
        expect(stateProblems(result.state)).toEqual([]);
        expect(result.messages.every((m) => typeof m === 'string')).toBe(true);
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  });

  it("a decoded state's own link decodes without a message and encodes to the same link", () => {
    fc.assert(
      fc.property(hostileHash, (hash) => {
        const link = encodeState(decodeState(hash).state);
        const again = decodeState(link);
        expect(again.messages).toEqual([]);
        expect(encodeState(again.state)).toBe(link);
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  });

  it('the formulas a link carries parse to a result, never an exception', () => {
    fc.assert(
      fc.property(hostileString, (formula) => {
        const { state } = decodeState(`#formula=${encodeURIComponent(formula.replace(/[\ud800-\udfff]/g, '?'))}&formula1d=${formula.length}`);
        expect(typeof parseExpression(state.formula).ok).toBe('boolean');
        expect(typeof parseExpression(state.formula1d, ['x']).ok).toBe('boolean');
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  });

  it('no link ran code or touched Object.prototype', () => {
    expect(guard.calls()).toBe(0);
    expect((globalThis as { __fuzzSentinel?: unknown }).__fuzzSentinel).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

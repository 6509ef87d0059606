import { describe, expect, it } from 'vitest';
import { RunCache, typedArrayBytes } from '../../src/app/network/RunCache';

describe('RunCache', () => {
  it('returns what was stored and drops the least recently used past the budget', () => {
    const cache = new RunCache<string>(100);
    cache.set('a', 'A', 40);
    cache.set('b', 'B', 40);
    expect(cache.get('a')).toBe('A'); // a is now the most recent
    cache.set('c', 'C', 40);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
    expect(cache.usage).toEqual({ keys: ['a', 'c'], bytes: 80 });
  });

  it('replacing a key counts its bytes once; delete frees them; a value above the budget is not kept', () => {
    const cache = new RunCache<number>(100);
    cache.set('a', 1, 60);
    cache.set('a', 2, 70);
    expect(cache.usage.bytes).toBe(70);
    expect(cache.get('a')).toBe(2);
    cache.delete('a');
    expect(cache.usage).toEqual({ keys: [], bytes: 0 });
    cache.set('huge', 3, 101);
    expect(cache.get('huge')).toBeUndefined();
  });

  it('counts the bytes of typed arrays and lists of them', () => {
    expect(typedArrayBytes({ theta: new Float64Array(10), snapshots: [new Float64Array(5), new Float32Array(4)], loss: 1 })).toBe(80 + 40 + 16);
  });
});

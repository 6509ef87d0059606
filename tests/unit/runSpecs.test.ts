import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRunSpecs, formatRunStart, parseRunSpecs, parseRunStart, runLabel, type RunSpec } from '../../src/core/optimizers/runSpecs';
import { METHOD_PARAMS, OPTIMIZER_METHODS } from '../../src/core/optimizers/types';

/** The specs of a text that must parse. */
function specsOf(text: string): readonly RunSpec[] {
  const r = parseRunSpecs(text);
  if (!r.ok) throw new Error(`expected '${text}' to parse: ${r.message}`);
  return r.specs;
}

/** The message of a text that must not parse. */
function messageOf(text: string): string {
  const r = parseRunSpecs(text);
  if (r.ok) throw new Error(`expected '${text}' to be refused`);
  return r.message;
}

describe('parseRunSpecs', () => {
  it('reads the empty text as no runs and the issue example as GD with η = 0.05 and pure Newton', () => {
    expect(specsOf('')).toEqual([]);
    expect(specsOf('   ')).toEqual([]);
    expect(specsOf('gd:lr=0.05|newton')).toEqual([
      { method: 'gd', params: { lr: 0.05 } },
      { method: 'newton', params: {} },
    ]);
  });

  it('reads every method with its own hyperparameters, spaces allowed around the separators', () => {
    expect(specsOf(' momentum : lr=0.01 , beta=0.8 | damped-newton:mu=0.5 | adam:lr=0.1,beta1=0.8,beta2=0.99,eps=1e-6 ')).toEqual([
      { method: 'momentum', params: { lr: 0.01, beta: 0.8 } },
      { method: 'damped-newton', params: { mu: 0.5 } },
      { method: 'adam', params: { lr: 0.1, beta1: 0.8, beta2: 0.99, eps: 1e-6 } },
    ]);
    expect(specsOf('nesterov')).toEqual([{ method: 'nesterov', params: {} }]);
  });

  it('refuses more than three runs, unknown methods, foreign or malformed parameters and out-of-range values, naming the run', () => {
    expect(messageOf('gd|gd|gd|gd')).toMatch(/at most 3 runs, got 4/);
    expect(messageOf('sgd:lr=0.1')).toMatch(/run 1 .*unknown method 'sgd'/);
    expect(messageOf('gd|newton:lr=0.1')).toMatch(/run 2 .*newton takes no hyperparameters, not 'lr'/);
    expect(messageOf('gd:beta=0.5')).toMatch(/gd takes lr, not 'beta'/);
    expect(messageOf('gd:lr=fast')).toMatch(/lr needs a number, got 'fast'/);
    expect(messageOf('gd:lr')).toMatch(/lr needs a number/);
    expect(messageOf('gd:lr=-0.1')).toMatch(/lr must be positive/);
    expect(messageOf('gd:lr=1e999')).toMatch(/lr must be a finite number/);
    expect(messageOf('momentum:beta=1')).toMatch(/beta must be in \[0, 1\)/);
    expect(messageOf('damped-newton:mu=-1')).toMatch(/mu must be non-negative/);
    expect(messageOf('gd||newton')).toMatch(/run 2/);
  });

  it('formats specs back to text that parses to the same specs (property over random methods and values)', () => {
    const spec = fc.constantFrom(...OPTIMIZER_METHODS).chain((method) =>
      fc
        .record({ lr: fc.double({ min: 1e-6, max: 10, noNaN: true }), beta: fc.double({ min: 0, max: 0.99, noNaN: true }), mu: fc.double({ min: 0, max: 100, noNaN: true }) })
        .map((p) => ({ method, params: Object.fromEntries(METHOD_PARAMS[method].filter((n) => n in p).map((n) => [n, p[n as 'lr' | 'beta' | 'mu']])) })),
    );
    fc.assert(
      fc.property(fc.array(spec, { minLength: 0, maxLength: 3 }), (specs) => {
        expect(specsOf(formatRunSpecs(specs))).toEqual(specs);
      }),
      { numRuns: 200 },
    );
    expect(formatRunSpecs([{ method: 'gd', params: { lr: 0.05 } }, { method: 'newton', params: {} }])).toBe('gd:lr=0.05|newton');
  });
});

describe('parseRunStart and labels', () => {
  it("reads '' as the expansion point, 'x,y' as a point, and refuses anything else", () => {
    expect(parseRunStart('')).toEqual({ ok: true, start: null });
    expect(parseRunStart(' 0.1, 0.3 ')).toEqual({ ok: true, start: [0.1, 0.3] });
    for (const bad of ['1', '1,2,3', 'a,b', '1e999,0', ',']) expect(parseRunStart(bad).ok, bad).toBe(false);
  });

  it('formats a shift-clicked point to six significant digits that parse back to the rounded point', () => {
    expect(formatRunStart(0.123456789, -2.5)).toBe('0.123457,-2.5');
    expect(parseRunStart(formatRunStart(1 / 3, 2 / 3))).toEqual({ ok: true, start: [0.333333, 0.666667] });
  });

  it('labels runs with the method and the symbols of the given hyperparameters', () => {
    expect(runLabel({ method: 'gd', params: { lr: 0.05 } })).toBe('GD η = 0.05');
    expect(runLabel({ method: 'newton', params: {} })).toBe('Newton');
    expect(runLabel({ method: 'damped-newton', params: { mu: 1 } })).toBe('damped Newton μ = 1');
  });
});

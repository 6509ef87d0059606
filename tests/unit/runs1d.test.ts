import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/core/expr/parser';
import { cachedRuns1D, lastStep1D, runStart1D, runs1D, shownStep1D } from '../../src/app/optimizer/runs1d';

const quartic = (() => {
  const r = parseExpression('x^4 - 3*x^2 + x', ['x']);
  if (!r.ok) throw new Error(r.error.message);
  return r.expr;
})();

/** f′ and f″ of the quartic in closed form, to check every iterate independently. */
const df = (x: number) => 4 * x ** 3 - 6 * x + 1;
const d2f = (x: number) => 12 * x ** 2 - 6;

describe('the lesson’s exercise on x^4 - 3x^2 + x in the 1D view', () => {
  it('from x0 = -2: Newton needs 5 steps and GD (η = 0.01) 145 to |f′| ≤ 1e-9, both ending at -1.30084', () => {
    const runs = runs1D(quartic, 'gd:lr=0.01|newton', -2);
    if (typeof runs === 'string') throw new Error(runs);
    expect(runs.map((r) => r.steps)).toEqual([145, 5]);
    for (const r of runs) expect(r.iterates[r.iterates.length - 1].x).toBeCloseTo(-1.30084, 5);
    expect(runs[1].parabolas).toBe(true);
    expect(runs[0].parabolas).toBe(false);
  });

  it('from x0 = 2: GD needs 223 steps and Newton 6, both ending at 1.13090', () => {
    const runs = runs1D(quartic, 'gd:lr=0.01|newton', 2);
    if (typeof runs === 'string') throw new Error(runs);
    expect(runs.map((r) => r.steps)).toEqual([223, 6]);
    for (const r of runs) expect(r.iterates[r.iterates.length - 1].x).toBeCloseTo(1.1309, 4);
  });

  it('carries f′ and f″ at every iterate, and each Newton step lands on the vertex of the previous parabola', () => {
    const runs = runs1D(quartic, 'newton', -2);
    if (typeof runs === 'string') throw new Error(runs);
    const it = runs[0].iterates;
    expect(it[1].x).toBeCloseTo(-2 + 19 / 42, 12); // the lecture caption's first Newton step
    for (let k = 0; k + 1 < it.length; k++) {
      expect(it[k].df).toBeCloseTo(df(it[k].x), 10);
      expect(it[k].d2f).toBeCloseTo(d2f(it[k].x), 10);
      expect(it[k + 1].x).toBeCloseTo(it[k].x - it[k].df / it[k].d2f, 12);
    }
  });

  it('starts at runStart’s first number, else at x0, and explains bad run text', () => {
    expect(runStart1D('2', -1)).toBe(2);
    expect(runStart1D('-2,0', 1)).toBe(-2);
    expect(runStart1D('', 0.5)).toBe(0.5);
    expect(runStart1D('abc', 0.5)).toBe(0.5);
    expect(runs1D(quartic, 'sgd:lr=1', 0)).toMatch(/sgd/);
  });
});

describe('stepping the 1D runs (runSteps, the N key)', () => {
  it('shows the start at step 0, one more iterate per step, and stays at the last iterate of a run that stopped', () => {
    const runs = runs1D(quartic, 'gd:lr=0.01|newton', -2);
    if (typeof runs === 'string') throw new Error(runs);
    const [gd, newton] = runs;
    expect([0, 1, 5, 6, 145, 146, 10_000].map((n) => [shownStep1D(gd, n), shownStep1D(newton, n)])).toEqual([
      [0, 0],
      [1, 1],
      [5, 5],
      [6, 5],
      [145, 5],
      [145, 5],
      [145, 5],
    ]);
    expect(lastStep1D(runs)).toBe(145);
    expect(lastStep1D('bad text')).toBe(0);
    expect(lastStep1D([])).toBe(0);
  });

  it('reruns only when the formula, the specs or the start change', () => {
    const runs = cachedRuns1D();
    const first = runs(quartic, 'newton', -2);
    expect(runs(quartic, 'newton', -2)).toBe(first);
    expect(runs(quartic, 'newton', 2)).not.toBe(first);
    const fromTwo = runs(quartic, 'newton', 2);
    if (typeof fromTwo === 'string') throw new Error(fromTwo);
    expect(fromTwo[0].steps).toBe(6);
  });
});

describe('the exercise scenes', () => {
  it('state the step counts that runs1D computes for their start', async () => {
    const { SCENES } = await import('../../src/lectures/scenes');
    for (const [id, x0] of [['quartic-runs-left', -2], ['quartic-runs-right', 2]] as const) {
      const scene = SCENES.find((s) => s.id === id);
      expect(scene, id).toBeDefined();
      const runs = runs1D(quartic, String(scene?.state.runs), runStart1D(String(scene?.state.runStart), 0));
      if (typeof runs === 'string') throw new Error(runs);
      expect(runStart1D(String(scene?.state.runStart), 0)).toBe(x0);
      for (const r of runs) expect(scene?.caption).toContain(`${r.steps} steps`);
    }
  });
});

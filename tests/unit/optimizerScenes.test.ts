import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/core/expr/parser';
import { formulaLandscape } from '../../src/core/landscape/formulaLandscape';
import { parseRunSpecs, parseRunStart } from '../../src/core/optimizers/runSpecs';
import { computeRuns } from '../../src/app/optimizer/computeRuns';
import { SCENES } from '../../src/lectures/scenes';
import { resolveScene, validateScenes } from '../../src/lectures/validateScene';
import { defaultState } from '../../src/state/schema';

/** The runs a scene starts, computed as the page computes them (same step limit, tolerance, bounds). */
function runsOf(id: string) {
  const scene = SCENES.find((s) => s.id === id);
  if (!scene) throw new Error(`no scene ${id}`);
  const s = { ...defaultState(), ...resolveScene(scene) };
  const parsed = parseExpression(s.formula);
  const specs = parseRunSpecs(s.runs);
  const start = parseRunStart(s.runStart);
  if (!parsed.ok || !specs.ok || !start.ok || start.start === null) throw new Error(`scene ${id} has bad runs`);
  const computed = computeRuns(formulaLandscape(parsed.expr, s.formula), specs.specs, start.start, s);
  return { caption: scene.caption, state: s, computed, runs: computed.runs };
}

describe('the optimizer scenes say what the core computes', () => {
  it('GD at η = 1/λmax = 0.1 on the κ = 10 bowl: y zeroed in one step, rate 0.9, 175 steps to 1e-8', () => {
    const { caption, computed, runs, state } = runsOf('gd-bowl-lr-inverse');
    expect(state.runSteps).toBe(0);
    expect(computed.startMarks.inverse).toBe(0.1);
    const [gd] = runs;
    expect(gd.run.iterates[1].y).toBe(0);
    expect(gd.run.iterates[1].x).toBeCloseTo(0.9, 15);
    expect(gd.measured).toBeCloseTo(0.9, 2);
    expect(gd.toTolerance[2]).toBe(175);
    expect(caption).toMatch(/η = 1\/λmax = 0\.1 .*×0\.9 per step.*1e-8 after 175 steps/);
  });

  it('η = 0.21 on the same bowl: the divergence sentence, the step the path leaves the drawn box and the step the run stops', () => {
    const { caption, computed, runs, state } = runsOf('gd-bowl-diverge');
    expect(computed.startMarks.stabilityLimit).toBe(0.2);
    expect(runs[0].divergence).toBe('η = 0.21 > 2/λmax = 0.2: along v2 each step multiplies the error by |1 - ηλ| = 1.1');
    expect(caption).toContain(runs[0].divergence ?? '');
    const { run } = runs[0];
    expect(run.stop.reason).toBe('diverged');
    // The drawn box is the scene's domain; the first iterate outside it is where the picture loses the path.
    const box = [state.xmin, state.xmax, state.ymin, state.ymax];
    const leaves = run.iterates.findIndex((it) => it.x < state.xmin || it.x > state.xmax || it.y < state.ymin || it.y > state.ymax);
    expect(leaves).toBeGreaterThan(0);
    const span = (lo: number, hi: number) => `[${String(lo).replace('-', '−')}, ${hi}]`;
    expect(box[0] === box[2] && box[1] === box[3]).toBe(true);
    expect(caption).toContain(`leaves the drawn box ${span(state.xmin, state.xmax)}² at step ${leaves} `);
    // The run stops where the core's divergence bound is passed: the bound and the step from the core.
    const bound = /\|([xy])\| = \S+ passed the bound (\S+)/.exec(run.stop.message);
    expect(bound).not.toBeNull();
    expect(caption).toContain(`the run stops at step ${run.steps}, when |${bound?.[1]}| passes ${bound?.[2]}`);
    // The page takes the scene (a caption over 200 characters is skipped).
    expect(validateScenes(SCENES).errors).toEqual([]);
  });

  it('the quartic from x0 = -2: Newton in 5 steps, GD (η = 0.01) in 130, both at x ≈ -1.30, on y = 0', () => {
    const { caption, runs } = runsOf('newton-vs-gd-quartic-runs');
    const [gd, newton] = runs;
    expect([newton.toTolerance[2], gd.toTolerance[2]]).toEqual([5, 130]);
    for (const r of runs) {
      expect(r.run.final.x.toFixed(2)).toBe('-1.30');
      expect(r.run.iterates.every((it) => it.y === 0)).toBe(true);
    }
    expect(caption).toMatch(/Newton reaches .* in 5 steps, GD with η = 0\.01 in 130, both at x ≈ −1\.30/);
  });

  it('the double well from (0.1, 0.3): eigenvalues -3.88 and 2, Newton to the saddle in 3 steps, GD to (1, 0) in 170', () => {
    const { caption, runs } = runsOf('newton-finds-saddle');
    const [gd, newton] = runs;
    expect(newton.run.iterates[0].model.eigenvalues.map((l) => Number(l.toPrecision(3)))).toEqual([-3.88, 2]);
    expect(newton.run.iterates[0].model.kind === 'quadratic' && newton.run.iterates[0].model.stationaryType).toBe('saddle');
    expect(newton.run.stop.message).toMatch(/saddle of f near \(0, 0\)/);
    expect(newton.run.steps).toBe(3);
    expect(Math.abs(gd.run.final.x - 1) + Math.abs(gd.run.final.y)).toBeLessThan(1e-8);
    expect(gd.run.steps).toBe(170);
    expect(caption).toMatch(/−3\.88 and 2.*\(0, 0\) in 3 steps.*\(1, 0\) in 170/);
  });

  it('scenes without runs clear the runs of the scene before (the baseline resets them)', () => {
    const scene = SCENES.find((s) => s.id === 'well-saddle');
    expect(scene && resolveScene(scene)).toMatchObject({ runs: '', runStart: '', runSteps: 0 });
  });
});

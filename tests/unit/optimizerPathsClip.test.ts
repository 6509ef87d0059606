import { describe, expect, it } from 'vitest';
import { Vector3 } from 'three';
import { parseExpression } from '../../src/core/expr/parser';
import { formulaLandscape } from '../../src/core/landscape/formulaLandscape';
import { computeRuns, SAMPLES_PER_STEP } from '../../src/app/optimizer/computeRuns';
import { OptimizerPaths, type PathRunData } from '../../src/scene/OptimizerPaths';
import { SurfaceTransform } from '../../src/scene/SurfaceTransform';
import { analyticGrid } from './sceneFixtures';

// The scene 'gd-bowl-diverge': GD at η = 0.21 on f = (x² + 10 y²)/2 from (1, 1); y flips and grows ×1.1 a step.
const DOMAIN = { xmin: -2, xmax: 2, ymin: -2, ymax: 2 };
const bowl = (x: number, y: number) => 0.5 * (x * x + 10 * y * y);
const parsed = parseExpression('0.5*(x^2 + 10*y^2)');
if (!parsed.ok) throw new Error('the bowl parses');
const transform = SurfaceTransform.fromGrid(analyticGrid(33, DOMAIN, bowl));
const computed = computeRuns(formulaLandscape(parsed.expr, '0.5*(x^2 + 10*y^2)'), [{ method: 'gd', params: { lr: 0.21 } }], [1, 1], DOMAIN);
const run = computed.runs[0];
const leaves = run.run.iterates.findIndex((it) => Math.abs(it.y) > 2);

function data(shown: number): PathRunData[] {
  return [{ color: run.color, path: run.path, samplesPerStep: SAMPLES_PER_STEP, iterates: run.iterates, shown, model: null }];
}

/** The world box of the domain (x, y only), with float32 slack. */
function inWorldBox(p: Vector3): boolean {
  const lo = transform.toWorld(DOMAIN.xmin, DOMAIN.ymin, 0, new Vector3());
  const hi = transform.toWorld(DOMAIN.xmax, DOMAIN.ymax, 0, new Vector3());
  const eps = 1e-5;
  return p.x >= lo.x - eps && p.x <= hi.x + eps && p.y >= lo.y - eps && p.y <= hi.y + eps;
}

describe('OptimizerPaths clips a diverging run to the drawn box', () => {
  it('the run diverges: it leaves [-2, 2]² at step 8 and stops at step 32', () => {
    expect(run.run.stop.reason).toBe('diverged');
    expect([leaves, run.run.steps]).toEqual([8, 32]);
  });

  it('draws no path point outside the box at any step, and no segment crossing the view', () => {
    const paths = new OptimizerPaths();
    paths.setTransform(transform);
    const p = new Vector3();
    for (let shown = 0; shown <= run.run.steps; shown++) {
      paths.update(data(shown));
      for (let k = 0; k < shown * SAMPLES_PER_STEP && paths.pathPoint(0, k, p) !== null; k++) expect(inWorldBox(p), `step ${shown}, sample ${k}: ${p.toArray().join(', ')}`).toBe(true);
    }
    for (let shown = 0; shown <= run.run.steps; shown++) {
      paths.update(data(shown));
      for (const [a, b] of paths.drawnSegments(0)) expect(inWorldBox(a) && inWorldBox(b)).toBe(true);
    }
    // After it left the box the path gets no more segments: the later steps jump from one side of
    // the box to the other (|y| > 2 at both ends) and would cross the whole view.
    paths.update(data(leaves));
    const atExit = paths.drawnSegments(0).length;
    expect(atExit).toBeGreaterThan((leaves - 1) * SAMPLES_PER_STEP);
    expect(atExit).toBeLessThanOrEqual(leaves * SAMPLES_PER_STEP);
    paths.update(data(run.run.steps));
    expect(paths.drawnSegments(0).length).toBe(atExit);
  });

  it('draws iterates only inside the box, and an arrow on its edge once the path has left it', () => {
    const paths = new OptimizerPaths();
    paths.setTransform(transform);
    paths.update(data(leaves - 1));
    expect(paths.drawnIterates(0)).toBe(leaves);
    expect(paths.exitArrows(0)).toEqual([]);
    paths.update(data(leaves));
    expect(paths.drawnIterates(0)).toBe(leaves);
    const arrows = paths.exitArrows(0);
    expect(arrows.length).toBe(1);
    // On the box's edge |y| = 2 (y_8 = 1.1^8 > 2 leaves at the top).
    const edge = transform.toWorld(0, 2, 0, new Vector3());
    expect(arrows[0].y).toBeCloseTo(edge.y, 5);
    paths.update(data(run.run.steps));
    expect(paths.drawnIterates(0)).toBe(leaves);
    expect(paths.exitArrows(0)).toEqual(arrows);
  });
});

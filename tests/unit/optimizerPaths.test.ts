import { describe, expect, it } from 'vitest';
import { Vector3, type EventDispatcher, type Material, type Mesh, type Object3D } from 'three';
import { parseExpression } from '../../src/core/expr/parser';
import { formulaLandscape } from '../../src/core/landscape/formulaLandscape';
import { computeRuns, SAMPLES_PER_STEP } from '../../src/app/optimizer/computeRuns';
import { modelData } from '../../src/app/optimizer/OptimizerController';
import { modelValue } from '../../src/scene/IterateModel';
import { OptimizerPaths, PATH_LIFT, type PathRunData } from '../../src/scene/OptimizerPaths';
import { SurfaceTransform } from '../../src/scene/SurfaceTransform';
import { analyticGrid } from './sceneFixtures';

type Disposable = EventDispatcher<{ dispose: object }>;

const DOMAIN = { xmin: -2, xmax: 2, ymin: -2, ymax: 2 };
const well = (x: number, y: number) => (x * x - 1) ** 2 + y * y;
const parsed = parseExpression('(x^2 - 1)^2 + y^2');
if (!parsed.ok) throw new Error('the double well parses');
const landscape = formulaLandscape(parsed.expr, '(x^2 - 1)^2 + y^2');
const transform = SurfaceTransform.fromGrid(analyticGrid(33, DOMAIN, well));
const runs = computeRuns(landscape, [{ method: 'gd', params: { lr: 0.05 } }, { method: 'newton', params: {} }], [0.1, 0.3], DOMAIN);

function data(shown: number): PathRunData[] {
  return runs.runs.map((r) => ({ color: r.color, path: r.path, samplesPerStep: SAMPLES_PER_STEP, iterates: r.iterates, shown: Math.min(shown, r.run.steps), model: modelData(r.run.iterates[Math.min(shown, r.run.steps)], DOMAIN) }));
}

/** Every geometry and material reachable from the group. */
function resources(root: Object3D): Disposable[] {
  const found = new Set<Disposable>();
  root.traverse((o) => {
    const m = o as Mesh;
    if (m.geometry) found.add(m.geometry as unknown as Disposable);
    for (const mat of m.material ? ([] as Material[]).concat(m.material) : []) found.add(mat as unknown as Disposable);
  });
  return [...found];
}

describe('OptimizerPaths', () => {
  it('dispose frees every geometry and material it drew (lines, markers, ghosts, model patches)', () => {
    const paths = new OptimizerPaths();
    paths.setTransform(transform);
    paths.update(data(5));
    const all = resources(paths);
    // Two runs: path line + ghost share a geometry; markers, patch, model line and marker, sphere...
    expect(all.length).toBeGreaterThan(12);
    const fired = new Set<Disposable>();
    for (const r of all) r.addEventListener('dispose', () => fired.add(r));
    paths.dispose();
    expect(all.filter((r) => !fired.has(r))).toEqual([]);
  });

  it('puts every path sample PATH_LIFT above the surface f(x, y) of the closed form (float32, 1e-5)', () => {
    const paths = new OptimizerPaths();
    paths.setTransform(transform);
    paths.update(data(4));
    const r = runs.runs[0];
    const p = new Vector3();
    const expected = new Vector3();
    for (let k = 0; k < 4 * SAMPLES_PER_STEP; k++) {
      const [x, y] = [r.path[3 * k], r.path[3 * k + 1]];
      expect(paths.pathPoint(0, k, p), `sample ${k}`).not.toBeNull();
      transform.toWorld(x, y, well(x, y), expected);
      expect(Math.abs(p.x - expected.x) + Math.abs(p.y - expected.y)).toBeLessThan(1e-5);
      expect(p.z - expected.z).toBeCloseTo(PATH_LIFT, 5);
    }
    // The samples between iterates lie on the straight step in (x, y).
    const mid = SAMPLES_PER_STEP / 2;
    expect(r.path[3 * mid]).toBeCloseTo((r.run.iterates[0].x + r.run.iterates[1].x) / 2, 12);
  });

  it('a step draws one more iterate without rebuilding any geometry', () => {
    const paths = new OptimizerPaths();
    paths.setTransform(transform);
    paths.update(data(2));
    const before = resources(paths).map((r) => (r as unknown as { uuid: string }).uuid).sort();
    expect(paths.drawnIterates(0)).toBe(3);
    paths.update(data(3));
    expect(paths.drawnIterates(0)).toBe(4);
    expect(resources(paths).map((r) => (r as unknown as { uuid: string }).uuid).sort()).toEqual(before);
    paths.update([]);
    expect(paths.drawnIterates(0)).toBe(0);
  });

  it("draws Newton's model as the quadratic through the iterate and GD's as the tangent plane", () => {
    const newton = modelData(runs.runs[1].run.iterates[0], DOMAIN);
    const gd = modelData(runs.runs[0].run.iterates[0], DOMAIN);
    // At (0.1, 0.3): f = 0.9801 + 0.09, ∇f = (4x³ - 4x, 2y), H = diag(12x² - 4, 2).
    const [x, y, h] = [0.1, 0.3, 0.05];
    const f = well(x, y);
    const [gx, gy] = [4 * x ** 3 - 4 * x, 2 * y];
    expect(modelValue(gd, x + h, y - h)).toBeCloseTo(f + gx * h - gy * h, 12);
    expect(modelValue(newton, x + h, y - h)).toBeCloseTo(f + gx * h - gy * h + 0.5 * ((12 * x * x - 4) * h * h + 2 * h * h), 12);
    // Newton's target is the model's stationary point x - H⁻¹∇f; GD's the end of -η∇f.
    expect(newton.target?.[0]).toBeCloseTo(x - gx / (12 * x * x - 4), 12);
    expect(newton.target?.[1]).toBeCloseTo(0, 12);
    expect(gd.target?.[0]).toBeCloseTo(x - 0.05 * gx, 12);
  });
});

import { describe, expect, it } from 'vitest';
import type { EventDispatcher, Material, Mesh } from 'three';
import { CriticalMarkers, sampleGrid } from '../../src/scene/CriticalMarkers';
import { SurfaceTransform } from '../../src/scene/SurfaceTransform';
import { familyInstance, foldNear } from '../../src/app/surfaceFold';
import { paraboloid } from './sceneFixtures';

type Disposable = EventDispatcher<{ dispose: object }>;

const grid = paraboloid(17);
const transform = SurfaceTransform.fromGrid(grid);
const LAMBDA_STAR = 8 / (3 * Math.sqrt(3));
const domain = { xmin: -2, xmax: 2, ymin: -2, ymax: 2 };

describe('CriticalMarkers', () => {
  it('draws one sphere per point, on the surface, and frees every geometry and material', () => {
    const markers = new CriticalMarkers();
    markers.update([{ x: 0, y: 0, cls: 'minimum', f: 0 }, { x: 0.5, y: -0.5, cls: 'saddle' }, { x: 0.2, y: 0.1, cls: 'maximum' }], transform, grid);
    markers.setFold({ x: 0.1, y: 0.1, f: 0.02, lambda: 1 }, transform);
    expect(markers.points).toHaveLength(3);
    expect(markers.points[1].f).toBeCloseTo(sampleGrid(grid, 0.5, -0.5), 12);
    expect(markers.foldWorldPosition).not.toBeNull();
    const found = new Set<Disposable>();
    markers.traverse((o) => {
      const m = o as Mesh;
      if (!(m as unknown as { isMesh?: boolean }).isMesh) return;
      if (m.geometry) found.add(m.geometry as unknown as Disposable);
      if (m.material) for (const mat of ([] as Material[]).concat(m.material)) found.add(mat as unknown as Disposable);
    });
    expect(found.size).toBeGreaterThanOrEqual(2 + 2 * 3 + 2);
    const fired = new Set<Disposable>();
    for (const r of found) r.addEventListener('dispose', () => fired.add(r));
    markers.dispose();
    expect([...found].filter((r) => !fired.has(r))).toEqual([]);
  });

  it('hides everything without a grid', () => {
    const markers = new CriticalMarkers();
    markers.update([{ x: 0, y: 0, cls: 'minimum' }], null, null);
    markers.setFold({ x: 0, y: 0, f: 0, lambda: 0 }, null);
    expect(markers.points).toHaveLength(0);
    expect(markers.foldWorldPosition).toBeNull();
    markers.dispose();
  });
});

describe('surface folds of a family', () => {
  it('recognises the tilted well with λ as a number', () => {
    expect(familyInstance('(x^2 - 1)^2 + y^2 + 1.5*x')).toMatchObject({ lambda: 1.5 });
    expect(familyInstance('(x^2-1)^2 + y^2 + -0.25*x')).toMatchObject({ lambda: -0.25 });
    expect(familyInstance('(x^2 - 1)^2 + y^2 + (-2)*x')).toMatchObject({ lambda: -2 });
    expect(familyInstance('(x^2 - 1)^2 + y^2')).toBeNull();
  });

  it('rings the fold only near λ* = ±8/(3√3), at x = ∓1/√3', () => {
    const plus = foldNear(`(x^2 - 1)^2 + y^2 + ${LAMBDA_STAR - 0.01}*x`, domain);
    expect(plus?.lambda).toBeCloseTo(LAMBDA_STAR, 10);
    expect(plus?.x).toBeCloseTo(1 / Math.sqrt(3), 10);
    expect(plus?.y).toBeCloseTo(0, 10);
    const minus = foldNear(`(x^2 - 1)^2 + y^2 + ${-LAMBDA_STAR - 0.02}*x`, domain);
    expect(minus?.lambda).toBeCloseTo(-LAMBDA_STAR, 10);
    expect(minus?.x).toBeCloseTo(-1 / Math.sqrt(3), 10);
    expect(foldNear('(x^2 - 1)^2 + y^2 + 1*x', domain)).toBeNull();
    expect(foldNear('(x^2 - 1)^2 + y^2 + 0*x', domain)).toBeNull();
  });
});

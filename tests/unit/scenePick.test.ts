import { describe, expect, it } from 'vitest';
import { Vector3 } from 'three';
import type { GridField } from '../../src/core/types';
import { bilinearHeight, pickHeightField } from '../../src/scene/pickHeightField';
import { SurfaceTransform } from '../../src/scene/SurfaceTransform';
import { analyticGrid, paraboloid } from './sceneFixtures';

/** Deterministic uniform numbers in [0, 1) (LCG), so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** World ray from an eye offset (world units) towards the surface point above data (x, y). */
function rayTo(t: SurfaceTransform, x: number, y: number, f: number, eyeOffset: Vector3) {
  const target = t.toWorld(x, y, f, new Vector3());
  const origin = target.clone().add(eyeOffset);
  return { origin, direction: target.clone().sub(origin).normalize() };
}

const square = { xmin: -2, xmax: 2, ymin: -2, ymax: 2 };

describe('pickHeightField', () => {
  const n = 129;
  const grid = paraboloid(n, square);
  const t = SurfaceTransform.fromGrid(grid);
  const cell = 4 / (n - 1);

  it('recovers the data point of rays aimed at a paraboloid to within one grid cell', () => {
    const rand = rng(1);
    for (let k = 0; k < 200; k++) {
      const x = -1.2 + 2.4 * rand();
      const y = -1.2 + 2.4 * rand();
      // Steep rays from above: the bowl cannot hide the target behind its rim.
      const eye = new Vector3(0.6 * (rand() - 0.5), 0.6 * (rand() - 0.5), 3);
      const hit = pickHeightField(rayTo(t, x, y, x * x + y * y, eye), grid, t);
      expect(hit).not.toBeNull();
      expect(Math.hypot(hit!.x - x, hit!.y - y)).toBeLessThan(cell);
    }
  });

  it('finds a grazing hit from the side (the first crossing, in front)', () => {
    // Looking along +x from outside the domain at height f = 1: the first surface point at f = 1
    // on the line y = 0 is x = -1 (the near wall of the bowl).
    const origin = t.toWorld(-5, 0, 1, new Vector3());
    const direction = t.toWorld(5, 0, 1, new Vector3()).sub(origin).normalize();
    const hit = pickHeightField({ origin, direction }, grid, t);
    expect(hit).not.toBeNull();
    expect(Math.abs(hit!.x + 1)).toBeLessThan(cell);
    expect(Math.abs(hit!.y)).toBeLessThan(1e-9);
  });

  it('returns null for rays that miss: pointing up, or passing beside the domain', () => {
    const up = { origin: t.toWorld(0, 0, 20, new Vector3()), direction: new Vector3(0, 0, 1) };
    expect(pickHeightField(up, grid, t)).toBeNull();
    const beside = { origin: t.toWorld(3, 3, 5, new Vector3()), direction: new Vector3(0, 0, -1) };
    expect(pickHeightField(beside, grid, t)).toBeNull();
    const above = { origin: t.toWorld(-5, 0, 50, new Vector3()), direction: new Vector3(1, 0, 0) };
    expect(pickHeightField(above, grid, t)).toBeNull();
  });

  it('handles a vertical ray (no horizontal motion)', () => {
    const ray = { origin: t.toWorld(0.3, -0.7, 40, new Vector3()), direction: new Vector3(0, 0, -1) };
    const hit = pickHeightField(ray, grid, t);
    expect(hit).not.toBeNull();
    expect(hit!.x).toBeCloseTo(0.3, 9);
    expect(hit!.y).toBeCloseTo(-0.7, 9);
  });

  it('passes through NaN gaps: no hit inside a hole, hits behind it still found', () => {
    const holed: GridField = { ...grid, f: grid.f.slice() };
    const inHole = (x: number, y: number): boolean => Math.hypot(x - 0.5, y + 0.3) < 0.4;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        if (inHole(-2 + i * cell, -2 + j * cell)) holed.f[j * n + i] = Number.NaN;
      }
    }
    const th = SurfaceTransform.fromGrid(holed);
    // Straight down into the hole: nothing below it.
    const down = { origin: th.toWorld(0.5, -0.3, 40, new Vector3()), direction: new Vector3(0, 0, -1) };
    expect(pickHeightField(down, holed, th)).toBeNull();
    // A ray aimed at a point outside the hole still lands there.
    const hit = pickHeightField(rayTo(th, -0.6, 0.4, 0.52, new Vector3(0.1, 0.1, 3)), holed, th);
    expect(hit).not.toBeNull();
    expect(Math.hypot(hit!.x + 0.6, hit!.y - 0.4)).toBeLessThan(cell);
    // Random steep rays never report a point inside the hole (allowing one cell of its rim).
    const rand = rng(7);
    for (let k = 0; k < 200; k++) {
      const x = -1.2 + 2.4 * rand();
      const y = -1.2 + 2.4 * rand();
      const h = pickHeightField(rayTo(th, x, y, x * x + y * y, new Vector3(0.2, -0.2, 3)), holed, th);
      if (h !== null) expect(Math.hypot(h.x - 0.5, h.y + 0.3)).toBeGreaterThan(0.4 - cell);
    }
  });

  it('lets rays that skim just above a 512 x 512 surface miss it (the worst case of the march; its cost is in npm run bench)', () => {
    const big = paraboloid(512, square);
    const tb = SurfaceTransform.fromGrid(big);
    // Rays that skim just above the surface across the whole domain and miss it (along y ~ 0,
    // f(x, y) <= 4.01 < 4.5), so the march visits ~2 n samples each.
    for (let k = 0; k < 200; k++) {
      const origin = tb.toWorld(-2.5, 0.0001 * k, 4.5, new Vector3());
      const direction = tb.toWorld(2.5, 0.0001 * k, 4.5, new Vector3()).sub(origin).normalize();
      expect(pickHeightField({ origin, direction }, big, tb)).toBeNull();
    }
  });
});

describe('bilinearHeight', () => {
  it('is exact for a bilinear function and NaN outside the domain', () => {
    const domain = { xmin: -1, xmax: 3, ymin: 0, ymax: 2 };
    const f = (x: number, y: number): number => 1 + 2 * x - 3 * y + 0.5 * x * y;
    const g = analyticGrid(9, domain, f);
    const rand = rng(3);
    for (let k = 0; k < 100; k++) {
      const x = -1 + 4 * rand();
      const y = 2 * rand();
      expect(bilinearHeight(g, x, y)).toBeCloseTo(f(x, y), 5);
    }
    expect(bilinearHeight(g, 3, 2)).toBeCloseTo(f(3, 2), 5);
    expect(bilinearHeight(g, -1.01, 1)).toBeNaN();
    expect(bilinearHeight(g, 0, 2.01)).toBeNaN();
  });
});

describe('SurfaceTransform', () => {
  const domains = [
    square,
    { xmin: -2, xmax: 2, ymin: -1, ymax: 3 },
    { xmin: 10, xmax: 11, ymin: -100, ymax: 100 },
  ];

  it('round-trips toWorld / toData to 1e-9', () => {
    const rand = rng(11);
    for (const domain of domains) {
      const t = new SurfaceTransform({ domain, fLow: -3, fHigh: 2500 });
      const w = new Vector3();
      const d = new Vector3();
      for (let k = 0; k < 100; k++) {
        const x = domain.xmin + (domain.xmax - domain.xmin) * rand();
        const y = domain.ymin + (domain.ymax - domain.ymin) * rand();
        const f = -10 + 3000 * rand();
        t.toData(t.toWorld(x, y, f, w), d);
        expect(Math.abs(d.x - x)).toBeLessThan(1e-9 * Math.max(1, Math.abs(x)));
        expect(Math.abs(d.y - y)).toBeLessThan(1e-9 * Math.max(1, Math.abs(y)));
        expect(Math.abs(d.z - f)).toBeLessThan(1e-9 * Math.max(1, Math.abs(f)));
      }
    }
  });

  it('maps the longer side to [-1, 1] and caps the aspect ratio at 3', () => {
    const t = new SurfaceTransform({ domain: domains[1], fLow: 0, fHigh: 1 });
    expect(t.toWorld(-2, -1, 0, new Vector3()).toArray().slice(0, 2)).toEqual([-1, -1]);
    expect(t.toWorld(2, 3, 0, new Vector3()).toArray().slice(0, 2)).toEqual([1, 1]);
    const thin = new SurfaceTransform({ domain: domains[2], fLow: 0, fHigh: 1 });
    expect((domains[2].ymax - domains[2].ymin) * thin.sy).toBeCloseTo(2, 12);
    expect((domains[2].xmax - domains[2].xmin) * thin.sx).toBeCloseTo(2 / 3, 12);
  });

  it('scales heights by the 2nd..98th percentiles, so a few huge values do not flatten the rest', () => {
    const g = paraboloid(65);
    g.f[0] = 1e9; // one spike
    const t = SurfaceTransform.fromGrid(g);
    expect(t.fMax).toBe(1e9);
    expect(t.fHigh).toBeLessThan(8.01);
    expect((t.fHigh - t.fLow) * t.zScale).toBeCloseTo(0.8, 12);
    expect(t.toWorld(0, 0, t.fLow, new Vector3()).z).toBeCloseTo(-0.4, 12);
    expect(t.visibleHeightRange()[1]).toBeLessThan(1e9);
  });

  it('gives a finite scale for a constant or all-NaN grid', () => {
    const flat = analyticGrid(5, square, () => 3);
    const t = SurfaceTransform.fromGrid(flat);
    expect(Number.isFinite(t.zScale) && t.zScale > 0).toBe(true);
    expect(t.toWorld(0, 0, 3, new Vector3()).z).toBe(0);
    const empty = analyticGrid(5, square, () => Number.NaN);
    expect(Number.isFinite(SurfaceTransform.fromGrid(empty).zScale)).toBe(true);
  });

  it('has world normals perpendicular to every world tangent', () => {
    const t = new SurfaceTransform({ domain: domains[1], fLow: -3, fHigh: 40 });
    const rand = rng(5);
    const nrm = new Vector3();
    const tan = new Vector3();
    for (let k = 0; k < 50; k++) {
      const gx = 20 * (rand() - 0.5);
      const gy = 20 * (rand() - 0.5);
      t.worldNormal(gx, gy, nrm);
      expect(nrm.length()).toBeCloseTo(1, 12);
      expect(nrm.z).toBeGreaterThan(0);
      t.worldTangent(rand() - 0.5, rand() - 0.5, gx, gy, tan);
      expect(Math.abs(nrm.dot(tan))).toBeLessThan(1e-12);
    }
  });
});

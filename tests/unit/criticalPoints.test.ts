import { describe, expect, it } from 'vitest';
import { findCriticalPoints, seedsFromGrid, type CriticalPoint } from '../../src/core/criticalPoints';
import type { Domain, GridField, PointDerivatives } from '../../src/core/types';
import { expectNear } from './support/expectNear';
import { CLOSED_FORMS } from './support/presetClosedForms';

type Derivs = (x: number, y: number) => PointDerivatives;

// Hand-differentiated closed forms, shared with the grid tests.
const doubleWell: Derivs = (x, y) => CLOSED_FORMS['double-well'](x, y, 0);
const himmelblau: Derivs = (x, y) => CLOSED_FORMS.himmelblau(x, y, 0);

/** Himmelblau with every operation of the gradient rounded to float32, as tfjs would compute it. */
const himmelblauFloat32: Derivs = (x0, y0) => {
  const r = Math.fround;
  const [x, y] = [r(x0), r(y0)];
  const a = r(r(r(x * x) + y) - 11);
  const b = r(r(x + r(y * y)) - 7);
  const exact = himmelblau(x, y);
  return {
    f: r(r(a * a) + r(b * b)),
    gx: r(r(4 * r(x * a)) + r(2 * b)),
    gy: r(r(2 * a) + r(4 * r(y * b))),
    hxx: r(exact.hxx),
    hxy: r(exact.hxy),
    hyy: r(exact.hyy),
  };
};

const saddle: Derivs = (x, y) => ({ f: x * x - y * y, gx: 2 * x, gy: -2 * y, hxx: 2, hxy: 0, hyy: -2 });

const square = (r: number): Domain => ({ xmin: -r, xmax: r, ymin: -r, ymax: r });

/** An m x m lattice of seeds covering the domain, edges included. */
function latticeSeeds(domain: Domain, m: number): Array<[number, number]> {
  const seeds: Array<[number, number]> = [];
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) {
      const x = domain.xmin + ((domain.xmax - domain.xmin) * i) / (m - 1);
      seeds.push([x, domain.ymin + ((domain.ymax - domain.ymin) * j) / (m - 1)]);
    }
  }
  return seeds;
}

/** Samples closed-form derivatives on an n x n grid in the GridField layout (x fastest). */
function sampleGrid(derivs: Derivs, domain: Domain, n: number): GridField {
  const fields = ['f', 'gx', 'gy', 'hxx', 'hxy', 'hyy'] as const;
  const arrays = Object.fromEntries(fields.map((k) => [k, new Float32Array(n * n)])) as Record<(typeof fields)[number], Float32Array>;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const d = derivs(domain.xmin + ((domain.xmax - domain.xmin) * i) / (n - 1), domain.ymin + ((domain.ymax - domain.ymin) * j) / (n - 1));
      for (const k of fields) arrays[k][j * n + i] = d[k];
    }
  }
  return { n, domain, ...arrays };
}

/** Asserts the list holds exactly the expected (x, y, class) triples in order, coordinates within tol. */
function expectPoints(points: CriticalPoint[], expected: Array<[number, number, string]>, tol: number): void {
  expect(points.map((p) => p.cls)).toEqual(expected.map((e) => e[2]));
  expected.forEach(([x, y], k) => {
    expectNear(points[k].x, x, tol, `x of point ${k}`);
    expectNear(points[k].y, y, tol, `y of point ${k}`);
  });
}

const HIMMELBLAU_POINTS: Array<[number, number, string]> = [
  [-3.77931, -3.283186, 'minimum'],
  [-2.805118, 3.131312, 'minimum'],
  [3, 2, 'minimum'],
  [3.584428, -1.848126, 'minimum'],
  [-3.073026, -0.081353, 'saddle'],
  [-0.127961, -1.953715, 'saddle'],
  [0.086678, 2.884255, 'saddle'],
  [3.385154, 0.073852, 'saddle'],
  [-0.270845, -0.923039, 'maximum'],
];

describe('findCriticalPoints', () => {
  it('finds exactly the double-well minima (±1, 0) and saddle (0, 0), to 1e-12', () => {
    const points = findCriticalPoints(doubleWell, square(2), latticeSeeds(square(2), 5));
    expectPoints(points, [[-1, 0, 'minimum'], [1, 0, 'minimum'], [0, 0, 'saddle']], 1e-12);
    expect(points[2].eigen.lambda1).toBe(-4);
    expect(points[2].eigen.lambda2).toBe(2);
  });

  it('finds Himmelblau\'s 4 minima, 4 saddles and 1 maximum on [-5, 5]^2, to 1e-5', () => {
    const points = findCriticalPoints(himmelblau, square(5), latticeSeeds(square(5), 11));
    expectPoints(points, HIMMELBLAU_POINTS, 1e-5);
    for (const p of points) expect(Math.hypot(p.derivs.gx, p.derivs.gy)).toBeLessThan(1e-10);
  });

  it('still finds Himmelblau\'s 9 points to 1e-5 when the gradient is rounded to float32 at every operation', () => {
    const points = findCriticalPoints(himmelblauFloat32, square(5), latticeSeeds(square(5), 11));
    expectPoints(points, HIMMELBLAU_POINTS, 1e-5);
  });

  it('finds the single saddle of x^2 - y^2 from anywhere', () => {
    const points = findCriticalPoints(saddle, square(2), latticeSeeds(square(2), 4));
    expectPoints(points, [[0, 0, 'saddle']], 1e-12);
  });

  it('lists the same points in the same order whatever the order of the seeds', () => {
    const seeds = latticeSeeds(square(5), 11);
    const forward = findCriticalPoints(himmelblau, square(5), seeds);
    const backward = findCriticalPoints(himmelblau, square(5), [...seeds].reverse());
    expectPoints(backward, forward.map((p) => [p.x, p.y, p.cls]), 1e-9);
  });

  it('drops critical points outside the domain', () => {
    const domain = { xmin: 0.5, xmax: 2, ymin: -1, ymax: 1 };
    const points = findCriticalPoints(doubleWell, domain, latticeSeeds(domain, 5));
    expectPoints(points, [[1, 0, 'minimum']], 1e-12);
  });

  it('merges seeds that creep into the degenerate minimum of x^4 + y^2 from both sides into one point', () => {
    const quartic: Derivs = (x, y) => ({ f: x ** 4 + y * y, gx: 4 * x ** 3, gy: 2 * y, hxx: 12 * x * x, hxy: 0, hyy: 2 });
    const points = findCriticalPoints(quartic, square(1), [[0.5, 0.5], [-0.5, -0.5], [0.7, -0.2]]);
    expect(points.map((p) => p.cls)).toEqual(['degenerate']);
    // Newton on 4x^3 shrinks x by 2/3 per step until the x-curvature 12x^2 falls below 1e-12 of the
    // y-curvature 2 and counts as singular, at |x| ~ 4e-7: a degenerate point is only this sharp.
    expectNear(points[0].x, 0, 1e-6, 'x');
    expectNear(points[0].y, 0, 1e-12, 'y');
  });

  it('finds the monkey saddle x^3 - 3xy^2 at 0 and calls it degenerate', () => {
    const monkey: Derivs = (x, y) => ({ f: x ** 3 - 3 * x * y * y, gx: 3 * x * x - 3 * y * y, gy: -6 * x * y, hxx: 6 * x, hxy: -6 * y, hyy: -6 * x });
    const points = findCriticalPoints(monkey, square(1), [[0.5, 0.3], [-0.4, 0.6]]);
    expect(points.map((p) => p.cls)).toEqual(['degenerate']);
    expectNear(Math.hypot(points[0].x, points[0].y), 0, 1e-9, 'distance from 0');
  });

  it('skips seeds where f is undefined and never converges into the undefined region', () => {
    const cut: Derivs = (x, y) => (x < -0.5 ? { f: NaN, gx: NaN, gy: NaN, hxx: NaN, hxy: NaN, hyy: NaN } : doubleWell(x, y));
    const points = findCriticalPoints(cut, square(2), latticeSeeds(square(2), 9));
    expectPoints(points, [[1, 0, 'minimum'], [0, 0, 'saddle']], 1e-12);
  });

  it('returns nothing for a function without critical points', () => {
    const plane: Derivs = (x, y) => ({ f: x + 2 * y, gx: 1, gy: 2, hxx: 0, hxy: 0, hyy: 0 });
    expect(findCriticalPoints(plane, square(1), latticeSeeds(square(1), 3))).toEqual([]);
  });

  it('gives up a seed that slides into a minimum of |∇f|² where ∇f ≠ 0, and still finds the true points beside it', () => {
    // f = x³/3 + x + y²: ∂f/∂x = x² + 1 ≥ 1, so |∇f|² has a minimum of 1 on x = 0 and f no critical
    // point; Newton's step from near x = 0 is huge and its line search needs many halvings per step.
    // These 3 seeds cost 594 evaluations before the stall rule and 162 with it. On a network slice each
    // is a pass over the data: network-flat's search took 11.7 s (12,000 evaluations), now 3.0 s
    // (3,100) for the same five points.
    let evaluations = 0;
    const noZero: Derivs = (x, y) => {
      evaluations++;
      return { f: x ** 3 / 3 + x + y * y, gx: x * x + 1, gy: 2 * y, hxx: 2 * x, hxy: 0, hyy: 2 };
    };
    expect(findCriticalPoints(noZero, square(1), [[0.3, 0.2], [-0.7, -0.4], [0.55, 0.9]])).toEqual([]);
    expect(evaluations).toBeLessThan(250);
    // The double well, where every seed reaches a critical point, is found to the same 1e-12.
    const points = findCriticalPoints(doubleWell, square(2), latticeSeeds(square(2), 9));
    expectPoints(points, [[-1, 0, 'minimum'], [1, 0, 'minimum'], [0, 0, 'saddle']], 1e-12);
    for (const p of points) expect(Math.hypot(p.derivs.gx, p.derivs.gy), `residual at (${p.x}, ${p.y})`).toBeLessThan(1e-12);
  });
});

describe('seedsFromGrid', () => {
  it('puts a seed within one grid spacing of each double-well critical point', () => {
    const grid = sampleGrid(doubleWell, square(2), 41);
    const seeds = seedsFromGrid(grid);
    for (const [cx, cy] of [[-1, 0], [1, 0], [0, 0]]) {
      const nearest = Math.min(...seeds.map(([x, y]) => Math.hypot(x - cx, y - cy)));
      expect(nearest, `seed near (${cx}, ${cy})`).toBeLessThanOrEqual(0.1 + 1e-9);
    }
  });

  it('orders seeds by |grad f|^2 and honours maxSeeds', () => {
    const grid = sampleGrid(himmelblau, square(5), 40);
    const all = seedsFromGrid(grid);
    const gradSquared = ([x, y]: [number, number]): number => {
      const d = himmelblau(x, y);
      return d.gx * d.gx + d.gy * d.gy;
    };
    // Compared on closed-form values, so allow float32 sampling error of 1e-3 relative.
    for (let k = 1; k < all.length; k++) expect(gradSquared(all[k])).toBeGreaterThanOrEqual(gradSquared(all[k - 1]) * (1 - 1e-3));
    expect(seedsFromGrid(grid, 3)).toEqual(all.slice(0, 3));
  });

  it('skips non-finite grid points and still seeds around them', () => {
    const grid = sampleGrid(doubleWell, square(2), 41);
    // Poison a block around (-1, 0): columns 5..15, all rows.
    for (let j = 0; j < 41; j++) for (let i = 5; i <= 15; i++) grid.gx[j * 41 + i] = NaN;
    const seeds = seedsFromGrid(grid);
    for (const [x] of seeds) expect(x < -1.5 + 1e-9 || x > -0.5 - 1e-9, `seed x ${x} outside the hole`).toBe(true);
    expect(seeds.some(([x, y]) => Math.hypot(x - 1, y) <= 0.1 + 1e-9)).toBe(true);
  });

  it('gives one seed, not hundreds, for a constant function', () => {
    const flat: Derivs = () => ({ f: 1, gx: 0, gy: 0, hxx: 0, hxy: 0, hyy: 0 });
    expect(seedsFromGrid(sampleGrid(flat, square(1), 20))).toEqual([[-1, -1]]);
  });

  it('feeds findCriticalPoints well enough to recover all 9 Himmelblau points from a 64 x 64 grid', () => {
    const grid = sampleGrid(himmelblau, square(5), 64);
    const points = findCriticalPoints(himmelblau, square(5), seedsFromGrid(grid));
    expectPoints(points, HIMMELBLAU_POINTS, 1e-5);
  });
});

/** Hand-differentiated f, gradient and Hessian of every 2D preset, shared by the CPU and WebGL grid tests. */
import type { GridField, PointDerivatives } from '../../../src/core/types';

/** The six fields of a grid pass. */
export const FIELDS = ['f', 'gx', 'gy', 'hxx', 'hxy', 'hyy'] as const;

/** Closed form of one preset at (x, y) for its parameter. */
export type ClosedForm = (x: number, y: number, param: number) => PointDerivatives;

/** f, gradient and Hessian of every preset, differentiated by hand. */
export const CLOSED_FORMS: Record<string, ClosedForm> = {
  'double-well': (x, y) => ({
    f: (x * x - 1) ** 2 + y * y,
    gx: 4 * x * (x * x - 1),
    gy: 2 * y,
    hxx: 12 * x * x - 4,
    hxy: 0,
    hyy: 2,
  }),
  rosenbrock: (x, y) => ({
    f: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    gx: -2 * (1 - x) - 400 * x * (y - x * x),
    gy: 200 * (y - x * x),
    hxx: 2 - 400 * y + 1200 * x * x,
    hxy: -400 * x,
    hyy: 200,
  }),
  himmelblau: (x, y) => {
    const a = x * x + y - 11;
    const b = x + y * y - 7;
    return {
      f: a * a + b * b,
      gx: 4 * x * a + 2 * b,
      gy: 2 * a + 4 * y * b,
      hxx: 12 * x * x + 4 * y - 42,
      hxy: 4 * x + 4 * y,
      hyy: 4 * x + 12 * y * y - 26,
    };
  },
  saddle: (x, y) => ({ f: x * x - y * y, gx: 2 * x, gy: -2 * y, hxx: 2, hxy: 0, hyy: -2 }),
  'monkey-saddle': (x, y) => ({
    f: x ** 3 - 3 * x * y * y,
    gx: 3 * x * x - 3 * y * y,
    gy: -6 * x * y,
    hxx: 6 * x,
    hxy: -6 * y,
    hyy: -6 * x,
  }),
  'sin-cos': (x, y) => ({
    f: Math.sin(x) * Math.cos(y),
    gx: Math.cos(x) * Math.cos(y),
    gy: -Math.sin(x) * Math.sin(y),
    hxx: -Math.sin(x) * Math.cos(y),
    hxy: -Math.cos(x) * Math.sin(y),
    hyy: -Math.sin(x) * Math.cos(y),
  }),
  bowl: (x, y, kappa) => ({ f: 0.5 * (x * x + kappa * y * y), gx: x, gy: kappa * y, hxx: 1, hxy: 0, hyy: kappa }),
  camel: (x, y) => ({
    f: 4 * x ** 2 - 2.1 * x ** 4 + x ** 6 / 3 + x * y - 4 * y ** 2 + 4 * y ** 4,
    gx: 8 * x - 8.4 * x ** 3 + 2 * x ** 5 + y,
    gy: x - 8 * y + 16 * y ** 3,
    hxx: 8 - 25.2 * x ** 2 + 10 * x ** 4,
    hxy: 1,
    hyy: -8 + 48 * y ** 2,
  }),
};

/** Grid coordinate i of n over [lo, hi], as the float32 value the tensors hold. */
export function coordinate(lo: number, hi: number, i: number, n: number): number {
  return Math.fround(lo + (i * (hi - lo)) / (n - 1));
}

/** Largest |grid - exact| of one field, relative to the largest |exact| of it on the grid (>= 1). */
export function relativeFieldError(
  grid: GridField,
  field: (typeof FIELDS)[number],
  exact: (x: number, y: number) => number,
): number {
  const { n, domain } = grid;
  let maxError = 0;
  let scale = 1;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const value = exact(coordinate(domain.xmin, domain.xmax, i, n), coordinate(domain.ymin, domain.ymax, j, n));
      maxError = Math.max(maxError, Math.abs(grid[field][j * n + i] - value));
      scale = Math.max(scale, Math.abs(value));
    }
  }
  return maxError / scale;
}


import type { Domain } from './types';

/** A ready-made landscape: its formula in the lab's expression language, a domain and a start point. */
export interface Preset {
  readonly id: string;
  readonly label: string;
  /** Formula text; for presets with a parameter, built by `formula(param)`. */
  readonly formula: (param: number) => string;
  readonly domain: Domain;
  readonly point: readonly [number, number];
  /** Name and default of the preset's one adjustable parameter, if it has one. */
  readonly param?: { readonly name: string; readonly value: number; readonly min: number; readonly max: number };
}

const square = (r: number): Domain => ({ xmin: -r, xmax: r, ymin: -r, ymax: r });

/** The 2D landscapes of the lab; the first is the default at start-up (the seed's double well). */
export const PRESETS_2D: readonly Preset[] = [
  {
    id: 'double-well',
    label: 'Double well (x²−1)² + y²',
    formula: () => '(x^2 - 1)^2 + y^2',
    domain: square(2),
    point: [0.5, 0.5],
  },
  {
    id: 'rosenbrock',
    label: 'Rosenbrock',
    formula: () => '(1 - x)^2 + 100*(y - x^2)^2',
    domain: { xmin: -2, xmax: 2, ymin: -1, ymax: 3 },
    point: [1, 1],
  },
  {
    id: 'himmelblau',
    label: 'Himmelblau',
    formula: () => '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
    domain: square(5),
    point: [3, 2],
  },
  {
    id: 'saddle',
    label: 'Saddle x² − y²',
    formula: () => 'x^2 - y^2',
    domain: square(2),
    point: [0.5, 0.5],
  },
  {
    id: 'monkey-saddle',
    label: 'Monkey saddle x³ − 3xy²',
    formula: () => 'x^3 - 3*x*y^2',
    domain: square(1.5),
    point: [0.5, 0.3],
  },
  {
    id: 'sin-cos',
    label: 'sin(x) cos(y)',
    formula: () => 'sin(x)*cos(y)',
    domain: square(Math.PI),
    point: [0.5, 0.5],
  },
  {
    id: 'bowl',
    label: 'Quadratic bowl ½(x² + κy²)',
    formula: (kappa) => `0.5*(x^2 + ${kappa}*y^2)`,
    domain: square(2),
    point: [1, 1],
    param: { name: 'κ (condition number)', value: 10, min: 1, max: 100 },
  },
  {
    id: 'camel',
    label: 'Six-hump camel',
    formula: () => '(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2',
    domain: { xmin: -2, xmax: 2, ymin: -1.1, ymax: 1.1 },
    point: [0.5, 0.5],
  },
];

/** Looks a preset up by id. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS_2D.find((p) => p.id === id);
}

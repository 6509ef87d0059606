/** A ready-made 1D function with the lesson's expansion point, orders, range and table points. */
export interface Preset1D {
  readonly id: string;
  readonly label: string;
  readonly formula: string;
  readonly x0: number;
  readonly orders: readonly number[];
  readonly range: readonly [number, number];
  readonly points: readonly number[];
}

/** The 1D examples; the first three are the lessons' built-in examples. */
export const PRESETS_1D: readonly Preset1D[] = [
  {
    id: 'day42-cubic',
    label: 'Day 42: x³ at x₀ = 1 (orders 1, 2)',
    formula: 'x^3',
    x0: 1,
    orders: [1, 2],
    range: [0, 2],
    points: [0.5, 0.75, 1, 1.25, 1.5],
  },
  {
    id: 'sin-135',
    label: 'sin x at 0 (orders 1, 3, 5)',
    formula: 'sin(x)',
    x0: 0,
    orders: [1, 3, 5],
    range: [-2 * Math.PI, 2 * Math.PI],
    points: [-3, -2, -1, 0, 1, 2, 3],
  },
  {
    id: 'quartic',
    label: 'x⁴ at x₀ = 1',
    formula: 'x^4',
    x0: 1,
    orders: [1, 2, 3],
    range: [-0.5, 2.5],
    points: [0, 0.5, 1, 1.5, 2],
  },
  {
    id: 'newton-quartic',
    label: 'x⁴ − 3x² + x (Newton vs GD)',
    formula: 'x^4 - 3*x^2 + x',
    x0: -2,
    orders: [1, 2],
    range: [-2.5, 2.5],
    points: [-2, -1.5, -1, 0, 1, 1.5],
  },
  {
    id: 'exp',
    label: 'exp x at 0',
    formula: 'exp(x)',
    x0: 0,
    orders: [1, 2, 3, 4],
    range: [-3, 3],
    points: [-2, -1, 0, 1, 2],
  },
  {
    id: 'log1p',
    label: 'log(1 + x) at 0',
    formula: 'log(1 + x)',
    x0: 0,
    orders: [1, 2, 3, 4, 5],
    range: [-0.95, 2],
    points: [-0.5, 0, 0.5, 1, 1.5],
  },
];

/** Looks a 1D preset up by id. */
export function findPreset1D(id: string): Preset1D | undefined {
  return PRESETS_1D.find((p) => p.id === id);
}

/** The 1D view's state fields for a preset (formula, point, orders, range, table points as text). */
export function preset1DFields(preset: Preset1D): {
  formula1d: string;
  x1d: number;
  orders1d: string;
  x1min: number;
  x1max: number;
  points1d: string;
} {
  return {
    formula1d: preset.formula,
    x1d: preset.x0,
    orders1d: preset.orders.join(','),
    x1min: preset.range[0],
    x1max: preset.range[1],
    points1d: preset.points.join(','),
  };
}

import { PRESETS_2D } from '../core/presets';
import { MAX_ORDER_2D } from '../core/taylorLayout';

/** Surface colour modes. */
export const COLOR_MODES = ['height', 'gradient', 'lambdaMin', 'lambdaMax', 'curvature', 'modelError'] as const;
/** One surface colour mode. */
export type ColorMode = (typeof COLOR_MODES)[number];

/** Visual themes: the desk default and two high-contrast projector themes. */
export const THEMES = ['default', 'projector-dark', 'projector-light'] as const;
/** One theme. */
export type Theme = (typeof THEMES)[number];

/** Grid sizes the GUI offers. */
export const GRID_SIZES = [64, 128, 256, 512] as const;

/** Everything a view of the lab is: the single source of truth, serialisable to a permalink. */
export interface LabState {
  preset: string;
  formula: string;
  param: number;
  xmin: number;
  xmax: number;
  ymin: number;
  ymax: number;
  n: number;
  x: number;
  y: number;
  order: number;
  radius: number;
  colorMode: ColorMode;
  showModel: boolean;
  showGradient: boolean;
  showAxes: boolean;
  showContours: boolean;
  showRings: boolean;
  tolerance: number;
  theme: Theme;
}

/** How one state property is validated and serialised (after tensorflow/playground's table). */
export type PropertySpec =
  | { readonly key: keyof LabState; readonly type: 'number'; readonly min: number; readonly max: number }
  | { readonly key: keyof LabState; readonly type: 'int'; readonly min: number; readonly max: number }
  | { readonly key: keyof LabState; readonly type: 'bool' }
  | { readonly key: keyof LabState; readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly key: keyof LabState; readonly type: 'text'; readonly maxLength: number };

const BIG = 1e6;

/** The property table: every key of LabState with its type and allowed range. */
export const PROPERTIES: readonly PropertySpec[] = [
  { key: 'preset', type: 'enum', values: [...PRESETS_2D.map((p) => p.id), 'custom'] },
  { key: 'formula', type: 'text', maxLength: 500 },
  { key: 'param', type: 'number', min: 1, max: 100 },
  { key: 'xmin', type: 'number', min: -BIG, max: BIG },
  { key: 'xmax', type: 'number', min: -BIG, max: BIG },
  { key: 'ymin', type: 'number', min: -BIG, max: BIG },
  { key: 'ymax', type: 'number', min: -BIG, max: BIG },
  { key: 'n', type: 'int', min: 16, max: 512 },
  { key: 'x', type: 'number', min: -BIG, max: BIG },
  { key: 'y', type: 'number', min: -BIG, max: BIG },
  { key: 'order', type: 'int', min: 0, max: MAX_ORDER_2D },
  { key: 'radius', type: 'number', min: 1e-3, max: BIG },
  { key: 'colorMode', type: 'enum', values: COLOR_MODES },
  { key: 'showModel', type: 'bool' },
  { key: 'showGradient', type: 'bool' },
  { key: 'showAxes', type: 'bool' },
  { key: 'showContours', type: 'bool' },
  { key: 'showRings', type: 'bool' },
  { key: 'tolerance', type: 'number', min: 1e-6, max: 1 },
  { key: 'theme', type: 'enum', values: THEMES },
];

/** The state at start-up: the seed's double well, order 2, N = 256. */
export function defaultState(): LabState {
  const p = PRESETS_2D[0];
  return {
    preset: p.id,
    formula: p.formula(0),
    param: 10,
    ...p.domain,
    n: 256,
    x: p.point[0],
    y: p.point[1],
    order: 2,
    radius: 0.6,
    colorMode: 'height',
    showModel: true,
    showGradient: true,
    showAxes: true,
    showContours: true,
    showRings: false,
    tolerance: 0.05,
    theme: 'default',
  };
}

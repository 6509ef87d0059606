import { PRESETS_2D } from '../core/presets';
import { PRESETS_1D, preset1DFields } from '../core/presets1d';
import { MAX_ORDER_1D, MAX_ORDER_2D } from '../core/taylorLayout';
import { VIEW_IDS, type ViewId } from './views';
import { DATASET_KINDS, type DatasetKind } from '../core/network/datasets';
import { DATA_SOURCES, type DataSourceName } from '../core/data/catalog';
import { ACTIVATIONS, type Activation } from '../core/network/types';

/** Surface colour modes. */
export const COLOR_MODES = ['height', 'gradient', 'lambdaMin', 'lambdaMax', 'curvature', 'modelError'] as const;
/** One surface colour mode. */
export type ColorMode = (typeof COLOR_MODES)[number];

/** Visual themes: the desk default and two high-contrast projector themes. */
export const THEMES = ['default', 'projector-dark', 'projector-light'] as const;
/** One theme. */
export type Theme = (typeof THEMES)[number];

/** The views (see views.ts: the registry): the 3D landscape, the 1D curve, the implicit-function view. */
export const MODES = VIEW_IDS;
/** One view mode. */
export type Mode = ViewId;

/** Directions the error-vs-step study can step along from the point (2D). */
export const DIRECTIONS = ['gradient', 'eigen1', 'eigen2', 'angle'] as const;
/** One step direction. */
export type Direction = (typeof DIRECTIONS)[number];

/** Arithmetic the error chart emulates: float32 as on the GPU grid, or float64. */
export const PRECISIONS = ['float32', 'float64'] as const;
/** One precision. */
export type PrecisionName = (typeof PRECISIONS)[number];

/** The kinds of landscape the 2D view can show. */
export const LANDSCAPE_CHOICES = ['formula', 'network'] as const;
/** One landscape kind. */
export type LandscapeChoice = (typeof LANDSCAPE_CHOICES)[number];

/** Optimizers that train the network (momentum: heavy ball, μ = 0.9). */
export const NET_OPTIMIZERS = ['gd', 'momentum', 'adam'] as const;
/** One network optimizer. */
export type NetOptimizer = (typeof NET_OPTIMIZERS)[number];

/** Data a network trains on: the synthetic sets, the real ones (issue 16) and the user's CSV (held in the page only). */
export const NET_DATA_CHOICES = [...DATASET_KINDS, ...DATA_SOURCES, 'csv'] as const;
/** One data choice. */
export type NetDataChoice = DatasetKind | DataSourceName | 'csv';

/** Tasks a user's CSV target can be read for. */
export const NET_CSV_TASKS = ['classification', 'regression'] as const;

/** Slice directions of the network landscape: filter-normalised random, top Hessian eigenvectors, training-path PCA. */
export const NET_DIRECTIONS = ['filter', 'hessian', 'path'] as const;
/** One choice of slice directions. */
export type NetDirections = (typeof NET_DIRECTIONS)[number];

/**
 * tfjs backends a link can ask for ('auto': WebGPU, then WebGL, then CPU); the same list as
 * compute/backend's BACKEND_PREFERENCES, repeated because state does not import compute.
 */
export const BACKENDS = ['auto', 'webgpu', 'webgl', 'cpu'] as const;
/** One backend choice. */
export type BackendName = (typeof BACKENDS)[number];

/** Implicit view's dynamics: 'auto' is the preset's own convention (ẋ = −F for a typed F). */
export const IMPLICIT_DYNAMICS = ['auto', 'gradient', 'flow', 'gd-map'] as const;
/** One of IMPLICIT_DYNAMICS. */
export type ImplicitDynamicsChoice = (typeof IMPLICIT_DYNAMICS)[number];

/** GD-map view's panels: the bifurcation diagram of the GD map, or the edge-of-stability run. */
export const GDMAP_PANELS = ['map', 'eos'] as const;
/** One of GDMAP_PANELS. */
export type GdmapPanel = (typeof GDMAP_PANELS)[number];

/** Edge-of-stability problems: the tanh MLP on T₆, or the small-initialisation deep linear net (worker/edgeOfStability.ts). */
export const EOS_PRESET_CHOICES = ['tanh', 'deep-linear'] as const;
/** One of EOS_PRESET_CHOICES. */
export type EosPresetChoice = (typeof EOS_PRESET_CHOICES)[number];

/** GD-map view's cases: a typed f(x), or the 2D quadratic ½(λ₁u² + λ₂v²). */
export const GDMAP_CASES = ['1d', 'quadratic'] as const;
/** One of GDMAP_CASES. */
export type GdmapCase = (typeof GDMAP_CASES)[number];

/** HVP engines of the spectrum view: exact float64 products in plain JS, or float32 tfjs autodiff. */
export const SPECTRUM_ENGINES = ['float64', 'tfjs'] as const;
/** One spectrum engine. */
export type SpectrumEngine = (typeof SPECTRUM_ENGINES)[number];

/** Grid sizes the GUI offers. */
export const GRID_SIZES = [32, 64, 128, 256, 512] as const;

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
  mode: Mode;
  /** Error chart: step direction, angle in degrees (for 'angle'), precision, shown or not. */
  direction: Direction;
  angle: number;
  precision: PrecisionName;
  showChart: boolean;
  /** 1D view: preset, formula f(x), expansion point, orders shown ("1,2"), x-range, table points. */
  preset1d: string;
  formula1d: string;
  x1d: number;
  orders1d: string;
  x1min: number;
  x1max: number;
  points1d: string;
  /** Which kind of landscape the 2D view shows: a typed formula or a trained network's loss slice. */
  landscape: LandscapeChoice;
  /** Network landscape: data set, its noise and size, hidden widths ("8,8"), activation, L2 weight decay. */
  netData: NetDataChoice;
  netNoise: number;
  netSamples: number;
  netHidden: string;
  netActivation: Activation;
  netWeightDecay: number;
  /** Network training: optimizer, learning rate, steps, seed; slice directions. */
  netOptimizer: NetOptimizer;
  netLr: number;
  netSteps: number;
  netSeed: number;
  netDirections: NetDirections;
  /** Track λmax of the full Hessian while training (the edge of stability, with full-batch GD). */
  netSharpness: boolean;
  /**
   * Real data (issue 16): Chebyshev degree k of T_k; samples per mini-batch (0: full batch); epochs
   * (0: train netSteps steps); the slice/curvature objective's seeded subset size (0: the whole
   * training set); the CSV's file name, target column and task (the file itself stays in the page);
   * the imported model's file name ('' = none; its weights stay in the page) and whether it trains further.
   */
  netDegree: number;
  netBatch: number;
  netEpochs: number;
  netObjective: number;
  netCsvName: string;
  netCsvTarget: string;
  netCsvTask: (typeof NET_CSV_TASKS)[number];
  netModelName: string;
  netModelTrain: boolean;
  /**
   * Optimizer runs on the landscape (issue 9): up to three "method:param=value,..." specs joined by
   * "|" (e.g. "gd:lr=0.05|newton"), their start ("x,y"; '' = the expansion point), the number of
   * steps taken so far, and whether the paths are drawn.
   */
  runs: string;
  runStart: string;
  runSteps: number;
  showRuns: boolean;
  /**
   * Implicit-function view (issue 10): F(x, λ) preset and formula, the point (λ0, x0) on a branch,
   * the branch polynomial orders shown, the (λ, x) window, and the λ of the linked slice panel.
   */
  implicitPreset: string;
  implicitFormula: string;
  lam0: number;
  xi0: number;
  implicitOrders: string;
  lamMin: number;
  lamMax: number;
  xiMin: number;
  xiMax: number;
  lamSlider: number;
  /** Implicit view (issue 19): the dynamics stability refers to, and the unfolding parameter μ. */
  implicitDynamics: ImplicitDynamicsChoice;
  implicitMu: number;
  /**
   * GD-map view (issue 18): the panel shown, the case (f(x) or the 2D quadratic), f and its x window,
   * λ₁ and λ₂ of the quadratic, and the η picked on the diagram (0: none).
   */
  gdmapPanel: GdmapPanel;
  gdmapCase: GdmapCase;
  gdmapFormula: string;
  gdmapXMin: number;
  gdmapXMax: number;
  gdmapLambda1: number;
  gdmapLambda2: number;
  gdmapEta: number;
  /** Edge-of-stability run (issue 18): GD rate on the MSE loss, steps, seed, λmax every K steps. */
  eosLr: number;
  eosSteps: number;
  eosSeed: number;
  eosEvery: number;
  /** Edge-of-stability problem: 'tanh' (T₆, 1-30-20-1) or 'deep-linear' (5-10-10-10-1, small init). */
  eosPreset: EosPresetChoice;
  /** Lecture scene id ('' when none) and camera pose "px,py,pz,tx,ty,tz" ('' = default view). */
  scene: string;
  camera: string;
  /** tfjs backend to start with (read once at start-up; a change reloads the page). */
  backend: BackendName;
  /**
   * Spectrum view (issue 17): top-k and bottom-k eigenpairs, Hutchinson and SLQ probes, the exact
   * spectrum where P is small, the HVP engine, and K (track the spectrum every K training steps; 0 = off).
   */
  specTop: number;
  specBottom: number;
  specProbes: number;
  specDensityProbes: number;
  specExact: boolean;
  specEngine: SpectrumEngine;
  specEvery: number;
}

/** How one state property is validated and serialised (after tensorflow/playground's table). */
export type PropertySpec =
  | { readonly key: keyof LabState; readonly type: 'number'; readonly min: number; readonly max: number }
  | { readonly key: keyof LabState; readonly type: 'int'; readonly min: number; readonly max: number }
  | { readonly key: keyof LabState; readonly type: 'bool' }
  | { readonly key: keyof LabState; readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly key: keyof LabState; readonly type: 'text'; readonly maxLength: number }
  | { readonly key: keyof LabState; readonly type: 'numbers'; readonly count: number; readonly min: number; readonly max: number; readonly maxCount?: number };

const BIG = 1e6;

/** The property table: every key of LabState with its type and allowed range. */
export const PROPERTIES: readonly PropertySpec[] = [
  { key: 'preset', type: 'enum', values: [...PRESETS_2D.map((p) => p.id), 'network', 'custom'] },
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
  { key: 'mode', type: 'enum', values: MODES },
  { key: 'direction', type: 'enum', values: DIRECTIONS },
  { key: 'angle', type: 'number', min: -360, max: 360 },
  { key: 'precision', type: 'enum', values: PRECISIONS },
  { key: 'showChart', type: 'bool' },
  { key: 'preset1d', type: 'enum', values: [...PRESETS_1D.map((p) => p.id), 'custom'] },
  { key: 'formula1d', type: 'text', maxLength: 500 },
  { key: 'x1d', type: 'number', min: -BIG, max: BIG },
  { key: 'orders1d', type: 'numbers', count: 0, maxCount: MAX_ORDER_1D + 1, min: 0, max: MAX_ORDER_1D },
  { key: 'x1min', type: 'number', min: -BIG, max: BIG },
  { key: 'x1max', type: 'number', min: -BIG, max: BIG },
  { key: 'points1d', type: 'numbers', count: 0, maxCount: 20, min: -BIG, max: BIG },
  { key: 'landscape', type: 'enum', values: LANDSCAPE_CHOICES },
  { key: 'netData', type: 'enum', values: NET_DATA_CHOICES },
  { key: 'netNoise', type: 'number', min: 0, max: 2 },
  { key: 'netSamples', type: 'int', min: 10, max: 2000 },
  { key: 'netHidden', type: 'numbers', count: 0, maxCount: 4, min: 1, max: 256 },
  { key: 'netActivation', type: 'enum', values: ACTIVATIONS },
  { key: 'netWeightDecay', type: 'number', min: 0, max: 10 },
  { key: 'netOptimizer', type: 'enum', values: NET_OPTIMIZERS },
  { key: 'netLr', type: 'number', min: 1e-6, max: 10 },
  { key: 'netSteps', type: 'int', min: 1, max: 100_000 },
  { key: 'netSeed', type: 'int', min: 0, max: 1_000_000 },
  { key: 'netDirections', type: 'enum', values: NET_DIRECTIONS },
  { key: 'backend', type: 'enum', values: BACKENDS },
  { key: 'netSharpness', type: 'bool' },
  { key: 'netDegree', type: 'int', min: 3, max: 6 },
  { key: 'netBatch', type: 'int', min: 0, max: 20_000 },
  { key: 'netEpochs', type: 'int', min: 0, max: 1000 },
  { key: 'netObjective', type: 'int', min: 0, max: 20_000 },
  { key: 'netCsvName', type: 'text', maxLength: 120 },
  { key: 'netCsvTarget', type: 'text', maxLength: 120 },
  { key: 'netCsvTask', type: 'enum', values: NET_CSV_TASKS },
  { key: 'netModelName', type: 'text', maxLength: 120 },
  { key: 'netModelTrain', type: 'bool' },
  { key: 'runs', type: 'text', maxLength: 200 },
  { key: 'runStart', type: 'text', maxLength: 60 },
  { key: 'runSteps', type: 'int', min: 0, max: 10_000 },
  { key: 'showRuns', type: 'bool' },
  { key: 'implicitPreset', type: 'text', maxLength: 40 },
  { key: 'implicitFormula', type: 'text', maxLength: 500 },
  { key: 'lam0', type: 'number', min: -BIG, max: BIG },
  { key: 'xi0', type: 'number', min: -BIG, max: BIG },
  { key: 'implicitOrders', type: 'numbers', count: 0, maxCount: 7, min: 0, max: 6 },
  { key: 'lamMin', type: 'number', min: -BIG, max: BIG },
  { key: 'lamMax', type: 'number', min: -BIG, max: BIG },
  { key: 'xiMin', type: 'number', min: -BIG, max: BIG },
  { key: 'xiMax', type: 'number', min: -BIG, max: BIG },
  { key: 'lamSlider', type: 'number', min: -BIG, max: BIG },
  { key: 'implicitDynamics', type: 'enum', values: IMPLICIT_DYNAMICS },
  { key: 'implicitMu', type: 'number', min: -BIG, max: BIG },
  { key: 'gdmapPanel', type: 'enum', values: GDMAP_PANELS },
  { key: 'gdmapCase', type: 'enum', values: GDMAP_CASES },
  { key: 'gdmapFormula', type: 'text', maxLength: 500 },
  { key: 'gdmapXMin', type: 'number', min: -BIG, max: BIG },
  { key: 'gdmapXMax', type: 'number', min: -BIG, max: BIG },
  { key: 'gdmapLambda1', type: 'number', min: -BIG, max: BIG },
  { key: 'gdmapLambda2', type: 'number', min: -BIG, max: BIG },
  { key: 'gdmapEta', type: 'number', min: 0, max: BIG },
  { key: 'eosLr', type: 'number', min: 1e-6, max: 10 },
  { key: 'eosSteps', type: 'int', min: 1, max: 20_000 },
  { key: 'eosSeed', type: 'int', min: 0, max: 1_000_000 },
  { key: 'eosEvery', type: 'int', min: 1, max: 1000 },
  { key: 'eosPreset', type: 'enum', values: EOS_PRESET_CHOICES },
  { key: 'scene', type: 'text', maxLength: 60 },
  { key: 'camera', type: 'numbers', count: 6, min: -1e4, max: 1e4 },
  { key: 'specTop', type: 'int', min: 1, max: 20 },
  { key: 'specBottom', type: 'int', min: 1, max: 10 },
  { key: 'specProbes', type: 'int', min: 2, max: 1000 },
  { key: 'specDensityProbes', type: 'int', min: 1, max: 50 },
  { key: 'specExact', type: 'bool' },
  { key: 'specEngine', type: 'enum', values: SPECTRUM_ENGINES },
  { key: 'specEvery', type: 'int', min: 0, max: 10_000 },
];

/** The state at start-up: the seed's double well, order 2, N = 256. */
export function defaultState(): LabState {
  const p = PRESETS_2D[0];
  const q = PRESETS_1D[0];
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
    mode: '2d',
    direction: 'gradient',
    angle: 0,
    precision: 'float64',
    showChart: true,
    preset1d: q.id,
    ...preset1DFields(q),
    landscape: 'formula',
    netData: 'circles',
    netNoise: 0.1,
    netSamples: 200,
    netHidden: '8,8',
    netActivation: 'tanh',
    netWeightDecay: 0,
    netOptimizer: 'adam',
    netLr: 0.05,
    netSteps: 300,
    netSeed: 1,
    netDirections: 'filter',
    netSharpness: false,
    netDegree: 4,
    netBatch: 0,
    netEpochs: 0,
    netObjective: 0,
    netCsvName: '',
    netCsvTarget: '-1',
    netCsvTask: 'classification',
    netModelName: '',
    netModelTrain: false,
    runs: '',
    runStart: '',
    runSteps: 0,
    showRuns: true,
    implicitPreset: 'pitchfork',
    implicitFormula: 'x^3 - lambda*x',
    lam0: 1,
    xi0: 1,
    implicitOrders: '1,2',
    lamMin: -1,
    lamMax: 2,
    xiMin: -1.5,
    xiMax: 1.5,
    lamSlider: 1,
    implicitDynamics: 'auto',
    implicitMu: 0,
    gdmapPanel: 'map',
    gdmapCase: '1d',
    gdmapFormula: 'x^4 - 3*x^2 + x',
    gdmapXMin: -2.5,
    gdmapXMax: 2.5,
    gdmapLambda1: 4,
    gdmapLambda2: 1,
    gdmapEta: 0,
    eosLr: 0.1,
    eosSteps: 2000,
    eosSeed: 2,
    eosEvery: 10,
    eosPreset: 'tanh',
    scene: '',
    camera: '',
    backend: 'auto',
    specTop: 5,
    specBottom: 2,
    specProbes: 100,
    specDensityProbes: 10,
    specExact: true,
    specEngine: 'float64',
    specEvery: 0,
  };
}

import { Vector3 } from 'three';

/**
 * Colours shared by the shaders, the 3D helpers and the legends, so a legend drawn in the DOM
 * always matches what the GPU paints. All colours are sRGB hex strings.
 */

/**
 * Classes painted by the 'curvature' colour mode, with their legend colours: four of Okabe and
 * Ito's colours (vermillion, blue, yellow, grey), chosen so that every pair stays at least 20 CIE76
 * ΔE apart under simulated deuteranopia, protanopia and tritanopia (tests/unit/palette.test.ts); the
 * earlier red/green pair fell to 10 under deuteranopia. Bowl warm, cap cool, saddle in between.
 */
export const CURVATURE_COLORS = {
  /** Both Hessian eigenvalues > 0 (bowl). */
  convex: '#d55e00',
  /** Both Hessian eigenvalues < 0 (cap). */
  concave: '#0072b2',
  /** Eigenvalues of opposite sign. */
  saddle: '#f0e442',
  /** Both eigenvalues negligible compared with the grid's typical curvature. */
  flat: '#bbbbbb',
} as const;

/** Stops of the diverging map used for signed eigenvalues: negative, zero, positive. */
export const DIVERGING_COLORS = {
  negative: '#2166ac',
  zero: '#f7f7f7',
  positive: '#b2182b',
} as const;

/** Colours of the 3D overlays. */
export const OVERLAY_COLORS = {
  /** Translucent Taylor model patch. */
  patch: '#ff8c1a',
  /** Gradient arrow. */
  gradient: '#ff3df2',
  /** Eigen axis with a positive eigenvalue. */
  axisPositive: '#e8413a',
  /** Eigen axis with a negative eigenvalue. */
  axisNegative: '#3a8ee8',
  /** Eigen axis with an eigenvalue near zero. */
  axisFlat: '#9e9e9e',
  /** Expansion point marker. */
  marker: '#ffffff',
  /** Expansion point marker under the pointer. */
  markerHover: '#ffe066',
  /** Trust-region outline in the model-error mode. */
  trustRegion: '#00e5ff',
  /** Step-size rings. */
  rings: '#ffffff',
  /** Axis box and tick marks. */
  axes: '#8a8f98',
  /** Canvas background. */
  background: '#1e2127',
} as const;

/** Visual themes of the 3D view (same names as the app's themes). */
export type SceneTheme = 'default' | 'projector-dark' | 'projector-light';

/** Per-theme background, axis-line colour and overlay thickness multiplier. */
export const SCENE_THEMES: Record<SceneTheme, { background: string; axes: string; thickness: number }> = {
  default: { background: OVERLAY_COLORS.background, axes: OVERLAY_COLORS.axes, thickness: 1 },
  'projector-dark': { background: '#000000', axes: '#c8c8c8', thickness: 1.5 },
  'projector-light': { background: '#ffffff', axes: '#404040', thickness: 1.5 },
};

/** Fraction of the grid's typical |lambda| below which a curvature counts as flat. */
export const FLAT_CURVATURE_FRACTION = 0.02;

/** Decades of relative model error painted by the 'modelError' mode: [low, high] of log10. */
export const ERROR_DECADES: readonly [number, number] = [-6, 0];

type Rgb = [number, number, number];

const VIRIDIS: readonly Rgb[] = [
  [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
  [0.1050930431085774, 1.404613529898575, 1.384590162594685],
  [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
  [-4.634230498983486, -5.799100973351585, -19.33244095627987],
  [6.228269936347081, 14.17993336680509, 56.69055260068105],
  [4.776384997670288, -13.74514537774601, -65.35303263337234],
  [-5.435455855934631, 4.645852612178535, 26.3124352495832],
];

const MAGMA: readonly Rgb[] = [
  [-0.002136485053939582, -0.000749655052795221, -0.005386127855323933],
  [0.2516605407371642, 0.6775232436837668, 2.494026599312351],
  [8.353717279216625, -3.577719514958484, 0.3144679030132573],
  [-27.66873308576866, 14.26473078096533, -13.64921318813922],
  [52.17613981234068, -27.94360607168351, 12.94416944238394],
  [-50.76852536473588, 29.04658282127291, 4.23415299384598],
  [18.65570506591883, -11.48977351997711, -5.601961508734096],
];

function polynomialColor(c: readonly Rgb[], t: number): Rgb {
  const x = Math.min(1, Math.max(0, t));
  const out: Rgb = [0, 0, 0];
  for (let k = 0; k < 3; k++) {
    let v = 0;
    for (let p = c.length - 1; p >= 0; p--) v = v * x + c[p][k];
    out[k] = Math.min(1, Math.max(0, v));
  }
  return out;
}

/**
 * sRGB colour of t in [0, 1] on viridis (Matt Zucker's public-domain polynomial fit), the same
 * polynomial as shaders/colormaps.glsl: for legends.
 */
export function viridis(t: number): Rgb {
  return polynomialColor(VIRIDIS, t);
}

/** sRGB colour of t in [0, 1] on magma (polynomial fit, as in the shader): for legends. */
export function magma(t: number): Rgb {
  return polynomialColor(MAGMA, t);
}

/** CSS linear-gradient of a colormap (left = 0, right = 1), for a legend bar. */
export function colormapCss(map: 'viridis' | 'magma', stops = 16): string {
  const f = map === 'viridis' ? viridis : magma;
  const parts: string[] = [];
  for (let k = 0; k <= stops; k++) {
    const [r, g, b] = f(k / stops);
    parts.push(`rgb(${Math.round(r * 255)} ${Math.round(g * 255)} ${Math.round(b * 255)})`);
  }
  return `linear-gradient(to right, ${parts.join(', ')})`;
}

/** The sRGB triple of a '#rrggbb' colour as written, for shader uniforms (shaders linearise it). */
export function srgbTriple(hex: string): Vector3 {
  const v = Number.parseInt(hex.slice(1), 16);
  return new Vector3(((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255);
}

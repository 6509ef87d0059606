import { describe, expect, it } from 'vitest';
import { CURVATURE_COLORS } from '../../src/scene/palette';
import { ORDER_COLORS } from '../../src/plots/orderColors';

/**
 * Colour-vision-deficiency simulation after Machado, Oliveira and Fernandes (2009), severity 1.0,
 * applied to linear RGB; distances are CIE76 ΔE in CIELAB (D65). ΔE ≈ 2.3 is a just-noticeable
 * difference; 20 is "obviously another colour" even for a small legend swatch.
 */
type Matrix = readonly [readonly number[], readonly number[], readonly number[]];
type Rgb = readonly [number, number, number];

const MACHADO: Record<'normal' | 'deuteranopia' | 'protanopia' | 'tritanopia', Matrix> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

type Vision = keyof typeof MACHADO;

/** Minimum CIE76 ΔE between curvature classes, in every lighting the test checks. */
const CLASS_MIN_DELTA_E = 20;

function linear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** '#rrggbb' -> linear RGB in [0, 1]. */
function linearRgb(hex: string): Rgb {
  const v = Number.parseInt(hex.slice(1), 16);
  return [linear(((v >> 16) & 255) / 255), linear(((v >> 8) & 255) / 255), linear((v & 255) / 255)];
}

function simulate(vision: Vision, c: Rgb): Rgb {
  const m = MACHADO[vision];
  const row = (r: readonly number[]) => Math.min(1, Math.max(0, r[0] * c[0] + r[1] * c[1] + r[2] * c[2]));
  return [row(m[0]), row(m[1]), row(m[2])];
}

/** Linear sRGB -> CIELAB with the D65 white point. */
function lab([r, g, b]: Rgb): Rgb {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** ΔE (CIE76) between two colours as seen with the given vision, both lit at `light` (1 = full). */
function deltaE(vision: Vision, a: string, b: string, light = 1): number {
  const la = lab(simulate(vision, linearRgb(a).map((v) => v * light) as unknown as Rgb));
  const lb = lab(simulate(vision, linearRgb(b).map((v) => v * light) as unknown as Rgb));
  return Math.hypot(la[0] - lb[0], la[1] - lb[1], la[2] - lb[2]);
}

/** The closest pair of a palette under one vision, for a readable failure message. */
function closestPair(vision: Vision, colors: readonly string[], light = 1): { pair: string; deltaE: number } {
  let best = { pair: '', deltaE: Infinity };
  for (let i = 0; i < colors.length; i++) {
    for (let j = i + 1; j < colors.length; j++) {
      const d = deltaE(vision, colors[i], colors[j], light);
      if (d < best.deltaE) best = { pair: `${colors[i]}/${colors[j]}`, deltaE: d };
    }
  }
  return best;
}

describe('the colour-vision simulation itself', () => {
  it('leaves greys grey under every simulated deficiency (each Machado row sums to 1)', () => {
    for (const vision of Object.keys(MACHADO) as Vision[]) {
      expect(deltaE('normal', '#808080', '#808080')).toBe(0);
      // A grey seen with the deficiency matches the same grey seen normally to well within a JND.
      const g = lab(simulate(vision, linearRgb('#808080')));
      const n = lab(linearRgb('#808080'));
      expect(Math.hypot(g[0] - n[0], g[1] - n[1], g[2] - n[2])).toBeLessThan(0.5);
    }
  });

  it('collapses pure red and green under deuteranopia far more than under normal vision', () => {
    const normal = deltaE('normal', '#ff0000', '#00ff00');
    const deut = deltaE('deuteranopia', '#ff0000', '#00ff00');
    expect(normal).toBeGreaterThan(150);
    expect(deut).toBeLessThan(normal / 3);
  });

  it('would reject the earlier red/green curvature palette under deuteranopia', () => {
    const previous = ['#d6604d', '#4393c3', '#5aae61', '#bdbdbd'];
    expect(closestPair('deuteranopia', previous).deltaE).toBeLessThan(CLASS_MIN_DELTA_E);
  });
});

describe('the curvature-class colours', () => {
  const classes = Object.values(CURVATURE_COLORS);

  it('are four different colours', () => {
    expect(new Set(classes.map((c) => c.toLowerCase())).size).toBe(4);
  });

  for (const vision of ['normal', 'deuteranopia', 'protanopia'] as const) {
    for (const light of [1, 0.6]) {
      it(`stay at least ΔE ${CLASS_MIN_DELTA_E} apart pairwise under ${vision}, lit at ${light * 100}%`, () => {
        const worst = closestPair(vision, classes, light);
        expect(worst.deltaE, worst.pair).toBeGreaterThanOrEqual(CLASS_MIN_DELTA_E);
      });
    }
  }

  it(`stay at least ΔE ${CLASS_MIN_DELTA_E} apart pairwise under tritanopia at full light`, () => {
    const worst = closestPair('tritanopia', classes);
    expect(worst.deltaE, worst.pair).toBeGreaterThanOrEqual(CLASS_MIN_DELTA_E);
  });
});

describe('the Taylor-order colours', () => {
  // Eleven hues in one luminance band cannot all be 20 apart for a dichromat; the charts also name
  // each curve. What the palette does promise: every pair distinct, neighbouring orders clearly so.
  const ALL_PAIRS_MIN = 15;
  const NEIGHBOURS_MIN = 25;

  for (const vision of ['normal', 'deuteranopia', 'protanopia'] as const) {
    it(`keep every pair of orders 0..10 at least ΔE ${ALL_PAIRS_MIN} apart under ${vision}`, () => {
      const worst = closestPair(vision, ORDER_COLORS);
      expect(worst.deltaE, worst.pair).toBeGreaterThanOrEqual(ALL_PAIRS_MIN);
    });

    it(`keep neighbouring orders k, k+1 at least ΔE ${NEIGHBOURS_MIN} apart under ${vision}`, () => {
      for (let k = 0; k + 1 < ORDER_COLORS.length; k++) {
        expect(deltaE(vision, ORDER_COLORS[k], ORDER_COLORS[k + 1]), `orders ${k}, ${k + 1}`).toBeGreaterThanOrEqual(NEIGHBOURS_MIN);
      }
    });
  }
});

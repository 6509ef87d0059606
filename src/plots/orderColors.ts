/**
 * Colours of the Taylor orders 0..10 and of the true function, shared by every chart and the 3D
 * scene. All twelve sit in one luminance band (relative luminance 0.13..0.29), so each has at
 * least 3:1 contrast against both white and #121212: the same palette works on a projector in a
 * lit room (light theme) and a dark one. Within the band the hues were chosen by a max-min search
 * over CIELAB distances under normal vision and simulated deuteranopia, protanopia and tritanopia
 * (Machado 2009), then ordered greedily so that every prefix 0..k is as well separated as
 * possible: low orders, shown most often, are the most distinct. Eleven hues cannot all be safe for
 * every viewer, so charts also label each curve by name rather than by colour alone.
 */

/** Colours of orders 0..10 (worst pair of neighbouring orders is still ~17 ΔE under deuteranopia). */
export const ORDER_COLORS: readonly string[] = [
  '#C08800', // 0 ochre
  '#0090F8', // 1 sky blue
  '#D00818', // 2 red
  '#00A858', // 3 green
  '#9840C0', // 4 purple
  '#E06048', // 5 salmon
  '#0060F0', // 6 deep blue
  '#B82890', // 7 magenta
  '#407820', // 8 olive
  '#A878C8', // 9 lavender
  '#C02860', // 10 crimson
];

/** Colour of the true function f: a neutral mid grey, readable on dark and light backgrounds. */
export const TRUE_FUNCTION_COLOR = '#909090';

/** Colour of Taylor order k; orders outside 0..10 wrap around the palette. */
export function orderColor(k: number): string {
  const n = ORDER_COLORS.length;
  const i = Math.trunc(Number.isFinite(k) ? k : 0);
  return ORDER_COLORS[((i % n) + n) % n];
}

/** The colour as rgba() with the given opacity, for faded variants (round-off points, guides). */
export function withAlpha(hex: string, alpha: number): string {
  const v = parseInt(hex.slice(1, 7), 16);
  const a = Math.min(1, Math.max(0, alpha));
  return `rgba(${(v >> 16) & 255}, ${(v >> 8) & 255}, ${v & 255}, ${a})`;
}

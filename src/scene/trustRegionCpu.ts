import type { GridField } from '../core/types';
import { evaluateTaylor } from '../core/taylorPolynomial';
import { bilinearHeight } from './pickHeightField';

/** Samples along the segment from the point, as TRUST_SAMPLES in shaders/surface.vert.glsl. */
export const TRUST_SAMPLES = 16;

/**
 * CPU mirror of the trust-region test of shaders/surface.vert.glsl (segmentError): a grid vertex is
 * inside when |f - T_k| / scale stays <= tol at the vertex and at 15 evenly spaced points of the
 * segment from the expansion point, f read bilinearly from the grid. Used by the unit tests only,
 * to prove that the outline drawn on the surface matches a direct evaluation of the model error.
 */
export function trustRegionMirror(
  grid: GridField,
  coeffs: ArrayLike<number>,
  order: number,
  point: { x: number; y: number },
  scale: number,
  tol: number,
): Uint8Array {
  const { n, domain } = grid;
  const inside = new Uint8Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const x = domain.xmin + ((domain.xmax - domain.xmin) * i) / (n - 1);
      const y = domain.ymin + ((domain.ymax - domain.ymin) * j) / (n - 1);
      let worst = Math.abs(grid.f[j * n + i] - evaluateTaylor(coeffs, order, x - point.x, y - point.y)) / scale;
      for (let k = 1; k < TRUST_SAMPLES && worst <= tol; k++) {
        const dx = ((x - point.x) * k) / TRUST_SAMPLES;
        const dy = ((y - point.y) * k) / TRUST_SAMPLES;
        const f = bilinearHeight(grid, point.x + dx, point.y + dy);
        worst = Number.isFinite(f) ? Math.max(worst, Math.abs(f - evaluateTaylor(coeffs, order, dx, dy)) / scale) : Infinity;
      }
      inside[j * n + i] = worst <= tol ? 1 : 0;
    }
  }
  return inside;
}

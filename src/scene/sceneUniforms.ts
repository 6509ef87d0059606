import { Vector2, Vector4 } from 'three';
import { MAX_ORDER_2D, coefficientCount } from '../core/taylorLayout';

/** Number of Taylor coefficients the shaders hold (total degree <= MAX_ORDER_2D). */
export const TAYLOR_COEFFICIENTS = coefficientCount(MAX_ORDER_2D);

/** Uniforms of shaders/transform.glsl: the data -> world mapping of SurfaceTransform. */
export interface TransformUniforms {
  [name: string]: { value: unknown };
  uCenter: { value: Vector2 };
  uXYScale: { value: Vector2 };
  uFMid: { value: number };
  uZScale: { value: number };
  uZLimit: { value: number };
  uDomain: { value: Vector4 };
}

/** Uniforms of the generated taylorEval GLSL (taylorGlsl.ts): coefficients, order and expansion point. */
export interface TaylorUniforms {
  [name: string]: { value: unknown };
  uCoeffs: { value: Float32Array };
  uOrder: { value: number };
  uPoint: { value: Vector2 };
}

/** Fresh transform uniforms set to the identity-like mapping of the square [-1, 1]^2. */
export function createTransformUniforms(): TransformUniforms {
  return {
    uCenter: { value: new Vector2(0, 0) },
    uXYScale: { value: new Vector2(1, 1) },
    uFMid: { value: 0 },
    uZScale: { value: 1 },
    uZLimit: { value: 1 },
    uDomain: { value: new Vector4(-1, -1, 1, 1) },
  };
}

/** Fresh Taylor uniforms: order 0, all coefficients 0, point at the origin. */
export function createTaylorUniforms(): TaylorUniforms {
  return {
    uCoeffs: { value: new Float32Array(TAYLOR_COEFFICIENTS) },
    uOrder: { value: 0 },
    uPoint: { value: new Vector2(0, 0) },
  };
}

/**
 * Writes a Taylor model into its uniforms in place (no allocation): coefficients of degree above
 * `order` are zeroed, the order is clamped to 0..MAX_ORDER_2D, non-finite coefficients become 0.
 */
export function writeTaylorUniforms(
  u: TaylorUniforms,
  x0: number,
  y0: number,
  coeffs: ArrayLike<number>,
  order: number,
): void {
  const k = Math.max(0, Math.min(MAX_ORDER_2D, Math.floor(order)));
  const used = Math.min(coefficientCount(k), coeffs.length);
  const target = u.uCoeffs.value;
  for (let c = 0; c < target.length; c++) {
    const v = c < used ? coeffs[c] : 0;
    target[c] = Number.isFinite(v) ? v : 0;
  }
  u.uOrder.value = k;
  u.uPoint.value.set(x0, y0);
}

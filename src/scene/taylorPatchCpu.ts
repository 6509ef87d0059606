import { MAX_ORDER_2D } from '../core/taylorLayout';

/**
 * CPU port, line by line, of taylorEval() in shaders/taylorEval.glsl (same loops, same index
 * arithmetic, float32 rounding after every operation), so unit tests can check the GPU loop
 * against src/core/taylorLayout.ts; the app itself never calls it.
 */
export function taylorEvalMirror(
  coeffs: ArrayLike<number>,
  order: number,
  dx: number,
  dy: number,
  grad: { x: number; y: number },
): number {
  const f = Math.fround;
  const x = f(dx);
  const y = f(dy);
  const px = new Float32Array(MAX_ORDER_2D + 1);
  const py = new Float32Array(MAX_ORDER_2D + 1);
  px[0] = 1.0;
  py[0] = 1.0;
  for (let k = 1; k < 7; k++) {
    px[k] = px[k - 1] * x;
    py[k] = py[k - 1] * y;
  }
  let value = 0.0;
  grad.x = 0;
  grad.y = 0;
  for (let deg = 0; deg < 7; deg++) {
    if (deg > order) break;
    const base = (deg * (deg + 1)) / 2;
    for (let j = 0; j <= deg; j++) {
      const i = deg - j;
      const c = f(coeffs[base + j]);
      value = f(value + f(f(c * px[i]) * py[j]));
      grad.x = f(grad.x + f(f(f(c * i) * px[Math.max(i - 1, 0)]) * py[j]));
      grad.y = f(grad.y + f(f(f(c * j) * px[i]) * py[Math.max(j - 1, 0)]));
    }
  }
  return value;
}

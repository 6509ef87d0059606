import { TAYLOR_TERMS } from './taylorGlsl';

/**
 * CPU mirror of the generated taylorEval() GLSL (src/scene/taylorGlsl.ts): the same term table,
 * powers built by repeated multiplication, terms gated by degree <= order, and float32 rounding
 * after every operation, so unit tests can check the GPU code path against taylorLayout; the app
 * itself never calls it.
 */
export function taylorEvalMirror(
  coeffs: ArrayLike<number>,
  order: number,
  dx: number,
  dy: number,
  grad: { x: number; y: number },
): number {
  const f = Math.fround;
  const xp = [1, f(dx)];
  const yp = [1, f(dy)];
  for (let p = 2; p <= 6; p++) {
    xp.push(f(xp[p - 1] * xp[1]));
    yp.push(f(yp[p - 1] * yp[1]));
  }
  // GLSL multiplies left to right: c * x_i * y_j is (c * x_i) * y_j, and a factor x_0 or y_0 is
  // not written; mirror that order so the float32 roundings match.
  const term = (scale: number, c: number, i: number, j: number): number => {
    let p = scale === 1 ? c : f(scale * c);
    if (i > 0) p = f(p * xp[i]);
    if (j > 0) p = f(p * yp[j]);
    return p;
  };
  let v = f(coeffs[0]);
  let gx = 0;
  let gy = 0;
  for (const t of TAYLOR_TERMS) {
    if (t.degree === 0 || t.degree > order) continue;
    const c = f(coeffs[t.index]);
    v = f(v + term(1, c, t.i, t.j));
    if (t.i > 0) gx = f(gx + term(t.i, c, t.i - 1, t.j));
    if (t.j > 0) gy = f(gy + term(t.j, c, t.i, t.j - 1));
  }
  grad.x = gx;
  grad.y = gy;
  return v;
}

/**
 * The λ-slider panel: F(·, λ) at one λ over the x window, its real roots (the equilibria of
 * dx/dt = -F, stable where F_x > 0) and the potential V with V' = F, whose minima they are.
 */
import type { Expr } from '../expr/ast';
import { evaluateExpr, taylorCoefficients } from '../jet';

/** A root of F(·, λ) with its slope; stable for dx/dt = -F when F_x > 0. */
export interface SliceRoot {
  readonly x: number;
  readonly Fx: number;
  readonly stable: boolean;
}

/** Bisection on a bracket [a, b] with F(a) F(b) < 0, to the last bit. */
function bisect(f: (x: number) => number, a: number, b: number): number {
  let [lo, hi, flo] = [a, b, f(a)];
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    const fm = f(mid);
    if (fm === 0) return mid;
    if (Math.sign(fm) === Math.sign(flo)) [lo, flo] = [mid, fm];
    else hi = mid;
  }
  return Math.abs(f(lo)) <= Math.abs(f(hi)) ? lo : hi;
}

/** Newton from x on F(·, λ) (at most 100 steps: a double root converges only linearly); the end. */
function newtonRoot(F: Expr, lambda: number, start: number): number {
  let x = start;
  for (let k = 0; k < 100; k++) {
    const c = taylorCoefficients(F, x, lambda, 1);
    const dx = -c[0] / c[1];
    if (!Number.isFinite(dx) || dx === 0) break;
    x += dx;
  }
  return x;
}

/**
 * All real roots of F(·, λ) on [xMin, xMax] found on `samples` points: each sign change bisected to
 * full precision, and each local minimum of |F| polished by Newton and kept when |F| <= tol there
 * (a double root such as x² at λ = 0 touches 0 without a sign change). Sorted, duplicates merged.
 */
export function rootsAt(F: Expr, lambda: number, xMin: number, xMax: number, samples = 400, tol = 1e-12): SliceRoot[] {
  const f = (x: number) => evaluateExpr(F, x, lambda);
  const xs = Array.from({ length: samples }, (_, k) => xMin + (k * (xMax - xMin)) / (samples - 1));
  const fs = xs.map(f);
  const roots: number[] = [];
  for (let k = 0; k < samples; k++) {
    if (fs[k] === 0) roots.push(xs[k]);
    else if (k > 0 && fs[k - 1] !== 0 && fs[k] * fs[k - 1] < 0) roots.push(bisect(f, xs[k - 1], xs[k]));
    else if (k > 0 && k < samples - 1 && Math.abs(fs[k]) <= Math.abs(fs[k - 1]) && Math.abs(fs[k]) <= Math.abs(fs[k + 1])) {
      const x = newtonRoot(F, lambda, xs[k]);
      if (Math.abs(f(x)) <= tol && x >= xMin && x <= xMax) roots.push(x);
    }
  }
  roots.sort((a, b) => a - b);
  const merged = roots.filter((x, k) => k === 0 || x - roots[k - 1] > 1e-9 * (xMax - xMin));
  return merged.map((x) => {
    const Fx = taylorCoefficients(F, x, lambda, 1)[1];
    return { x, Fx, stable: Fx > 0 };
  });
}

/** Nodes and weights of 5-point Gauss-Legendre on [-1, 1]: exact for polynomials to degree 9. */
const GAUSS_NODES = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
const GAUSS_WEIGHTS = [0.5688888888888889, 0.47862867049936647, 0.47862867049936647, 0.23692688505618908, 0.23692688505618908];

/**
 * The potential V(x) = ∫_{xs[0]}^{x} F(s, λ) ds at each of the ascending points xs (V(xs[0]) = 0),
 * by 5-point Gauss-Legendre on each interval, so that V' = F and dx/dt = -F runs downhill in V.
 */
export function potentialAt(F: Expr, lambda: number, xs: readonly number[]): number[] {
  const V = new Array<number>(xs.length).fill(0);
  for (let k = 1; k < xs.length; k++) {
    const half = 0.5 * (xs[k] - xs[k - 1]);
    const mid = 0.5 * (xs[k] + xs[k - 1]);
    let sum = 0;
    for (let q = 0; q < GAUSS_NODES.length; q++) sum += GAUSS_WEIGHTS[q] * evaluateExpr(F, mid + half * GAUSS_NODES[q], lambda);
    V[k] = V[k - 1] + half * sum;
  }
  return V;
}

/** F(x, λ) at each x, for the panel's curve. */
export function sliceValues(F: Expr, lambda: number, xs: readonly number[]): number[] {
  return xs.map((x) => evaluateExpr(F, x, lambda));
}

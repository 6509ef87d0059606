/**
 * The local models behind each step: the tangent plane that gradient methods follow and the
 * quadratic model whose stationary point Newton jumps to, with the type of that point read from the
 * eigenvalues of H, so the page can say when Newton is heading for a saddle or a maximum.
 */
import { symmetricEigen2 } from '../eigen2';
import type { PointDerivatives } from '../types';
import type { QuadraticModel, Spectrum, StationaryType, TangentModel } from './types';

/** Below this ratio |λ|min / |λ|max a matrix is treated as singular: its inverse is round-off. */
export const SINGULAR_RATIO = 1e-14;

/** Eigenvalues (ascending) and unit eigenvectors of H; in 1D only hxx along x counts. */
export function hessianSpectrum(d: Pick<PointDerivatives, 'hxx' | 'hxy' | 'hyy'>, dimension: 1 | 2): Spectrum {
  if (dimension === 1) return { eigenvalues: [d.hxx], eigenvectors: [[1, 0]] };
  const e = symmetricEigen2(d.hxx, d.hxy, d.hyy);
  return { eigenvalues: [e.lambda1, e.lambda2], eigenvectors: [e.v1, e.v2] };
}

/** Minimum, maximum or saddle by the eigenvalues' signs; singular when one is (relatively) zero. */
export function stationaryTypeOf(eigenvalues: readonly number[]): StationaryType {
  const scale = Math.max(...eigenvalues.map(Math.abs));
  if (!(scale > 0) || !Number.isFinite(scale)) return 'singular';
  if (eigenvalues.some((l) => Math.abs(l) <= SINGULAR_RATIO * scale)) return 'singular';
  if (eigenvalues.every((l) => l > 0)) return 'minimum';
  if (eigenvalues.every((l) => l < 0)) return 'maximum';
  return 'saddle';
}

/**
 * The solution d of (H + μI) d = -∇f, or null when H + μI is singular (relative to its size). In 1D
 * the y row is dropped: d = (-gx / (hxx + μ), 0).
 */
export function newtonStep(d: PointDerivatives, mu: number, dimension: 1 | 2): [number, number] | null {
  const a = d.hxx + mu;
  if (dimension === 1) {
    return stationaryTypeOf([a]) === 'singular' ? null : [-d.gx / a, 0];
  }
  const c = d.hyy + mu;
  const b = d.hxy;
  const shifted = symmetricEigen2(a, b, c);
  if (stationaryTypeOf([shifted.lambda1, shifted.lambda2]) === 'singular') return null;
  // Solve through the eigenbasis: d = -sum_i (v_i . g / λ_i) v_i, stable for any well-posed H.
  let dx = 0;
  let dy = 0;
  for (const [lambda, v] of [
    [shifted.lambda1, shifted.v1],
    [shifted.lambda2, shifted.v2],
  ] as const) {
    const coeff = -(v[0] * d.gx + v[1] * d.gy) / lambda;
    dx += coeff * v[0];
    dy += coeff * v[1];
  }
  return [dx, dy];
}

/** The tangent plane at a point and plain GD's step -η∇f from it. */
export function tangentModel(d: PointDerivatives, lr: number, dimension: 1 | 2): TangentModel {
  const gy = dimension === 1 ? 0 : d.gy;
  return {
    kind: 'tangent',
    f: d.f,
    gx: d.gx,
    gy,
    gradientStep: [-lr * d.gx, -lr * gy],
    tangentValueAtStep: d.f - lr * (d.gx * d.gx + gy * gy),
    ...hessianSpectrum(d, dimension),
  };
}

/**
 * The quadratic model at (x, y): its stationary point x - H⁻¹∇f (where pure Newton goes), that
 * point's type for the model, the model's value there, and a sentence for the page.
 */
export function quadraticModel(d: PointDerivatives, x: number, y: number, mu: number, dimension: 1 | 2): QuadraticModel {
  const spectrum = hessianSpectrum(d, dimension);
  const type = stationaryTypeOf(spectrum.eigenvalues);
  const step = type === 'singular' ? null : newtonStep(d, 0, dimension);
  const gy = dimension === 1 ? 0 : d.gy;
  const stationaryValue = step === null ? NaN : d.f + 0.5 * (d.gx * step[0] + gy * step[1]);
  return {
    kind: 'quadratic',
    f: d.f,
    gx: d.gx,
    gy,
    hxx: d.hxx,
    hxy: dimension === 1 ? 0 : d.hxy,
    hyy: dimension === 1 ? 0 : d.hyy,
    stationary: step === null ? null : [x + step[0], y + step[1]],
    stationaryType: type,
    stationaryValue,
    damping: mu,
    description: describeTarget(type, spectrum.eigenvalues, mu),
    ...spectrum,
  };
}

/** "Newton's target is a saddle of the model here (H has eigenvalues -3.88 and 2)", and the like. */
function describeTarget(type: StationaryType, eigenvalues: readonly number[], mu: number): string {
  const values = `H has ${eigenvalues.length === 1 ? 'curvature' : 'eigenvalues'} ${eigenvalues.map(formatNumber).join(' and ')}`;
  const damped = mu > 0 ? `; the damped step solves (H + ${formatNumber(mu)}I) d = -∇f instead` : '';
  switch (type) {
    case 'minimum':
      return `Newton's target is the minimum of the model here (${values})${damped}`;
    case 'maximum':
      return `Newton's target is a maximum of the model here (${values}): pure Newton climbs${damped}`;
    case 'saddle':
      return `Newton's target is a saddle of the model here (${values}): pure Newton is drawn to it${damped}`;
    case 'singular':
      return `the model has no single stationary point here (${values}: H is singular)${damped}`;
  }
}

/** Three significant digits without trailing zeros (0.2, 1.1, -3.88, 1e+6), for sentences. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(3)));
}

import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/core/expr/parser';
import type { VariableName } from '../../src/core/expr/ast';
import type { Landscape } from '../../src/core/landscape/Landscape';
import { formulaLandscape } from '../../src/core/landscape/formulaLandscape';
import { gradientDescent1D, newton1D } from '../../src/core/optimizers';
import {
  convergenceOrders,
  divergenceExplanation,
  errorNorms,
  gdRate,
  gradientNorms,
  heavyBallRate,
  iterationsToTolerance,
  lrMarks,
  measuredLinearRate,
  nesterovRate,
  predictedIterations,
  predictedRate,
} from '../../src/core/optimizers/rates';
import { runOptimizer, runOptimizer1D } from '../../src/core/optimizers/runOptimizer';
import type { OptimizerState } from '../../src/core/optimizers/stepOnce';
import { createOptimizerState, resolveConfig, stepOnce } from '../../src/core/optimizers/stepOnce';
import type { Iterate } from '../../src/core/optimizers/types';
import { expectNear, seededRandom } from './support/expectNear';

/** The formula's landscape; throws if the text does not parse. */
function landscapeOf(text: string, variables: VariableName[] = ['x', 'y']): Landscape {
  const parsed = parseExpression(text, variables);
  if (!parsed.ok) throw new Error(`test formula does not parse: ${text}`);
  return formulaLandscape(parsed.expr, text);
}

/** A quadratic bowl ½ (p - c)ᵀ H (p - c) with H = R(θ) diag(l1, l2) R(θ)ᵀ, its formula and closed forms. */
function bowl(l1: number, l2: number, theta: number, center: [number, number]) {
  const [c, s] = [Math.cos(theta), Math.sin(theta)];
  const v1: [number, number] = [c, s];
  const v2: [number, number] = [-s, c];
  const a = l1 * c * c + l2 * s * s;
  const b = (l1 - l2) * c * s;
  const d = l1 * s * s + l2 * c * c;
  const [dx, dy] = [`(x-(${center[0]}))`, `(y-(${center[1]}))`];
  const text = `0.5*((${a})*${dx}^2 + 2*(${b})*${dx}*${dy} + (${d})*${dy}^2)`;
  const apply = (p: readonly number[]): [number, number] => [a * p[0] + b * p[1], b * p[0] + d * p[1]];
  return { landscape: landscapeOf(text), H: { a, b, d }, v1, v2, eigenvalues: [l1, l2], center, apply };
}

/** Asserts each iterate's (x, y) matches the expected sequence to an absolute tolerance. */
function expectPath(iterates: readonly Iterate[], expected: readonly (readonly number[])[], tol: number): void {
  expect(iterates.length).toBeGreaterThanOrEqual(expected.length);
  expected.forEach((p, k) => {
    expectNear(iterates[k].x, p[0], tol, `x_${k}`);
    expectNear(iterates[k].y, p[1], tol, `y_${k}`);
  });
}

const BOWL = bowl(1, 10, 0.4, [0.5, -0.3]);
const START: [number, number] = [2, 1];

describe('gradient descent on a quadratic bowl', () => {
  it('has iterates equal to (I - ηH)^k (x0 - x*) + x* to 1e-12, the power taken through the eigenbasis', () => {
    const eta = 0.15;
    const run = runOptimizer(BOWL.landscape, { method: 'gd', params: { lr: eta }, from: START, maxSteps: 60, tol: 1e-300 });
    const e0 = [START[0] - BOWL.center[0], START[1] - BOWL.center[1]];
    const expected = Array.from({ length: 61 }, (_, k) => {
      const p = [0, 0];
      for (const [lambda, v] of [
        [1, BOWL.v1],
        [10, BOWL.v2],
      ] as const) {
        const weight = (1 - eta * lambda) ** k * (v[0] * e0[0] + v[1] * e0[1]);
        p[0] += weight * v[0];
        p[1] += weight * v[1];
      }
      return [p[0] + BOWL.center[0], p[1] + BOWL.center[1]];
    });
    expect(run.stop.reason).toBe('max-steps');
    expectPath(run.iterates, expected, 1e-12);
  });

  it('draws the tangent-plane model and the step -η∇f at every iterate, and takes exactly that step', () => {
    const run = runOptimizer(BOWL.landscape, { method: 'gd', params: { lr: 0.1 }, from: START, maxSteps: 5 });
    for (const it of run.iterates.slice(0, -1)) {
      if (it.model.kind !== 'tangent') throw new Error('GD should carry a tangent model');
      const [gx, gy] = BOWL.apply([it.x - BOWL.center[0], it.y - BOWL.center[1]]);
      expectNear(it.model.gradientStep[0], -0.1 * gx, 1e-13, 'step x');
      expectNear(it.model.gradientStep[1], -0.1 * gy, 1e-13, 'step y');
      expectNear(it.model.tangentValueAtStep, it.f - 0.1 * (gx * gx + gy * gy), 1e-13, 'tangent value');
      expect(it.step).toEqual(it.model.gradientStep);
    }
  });

  it('reports divergence at η = 1.01·2/λmax and convergence at 0.99·2/λmax, saying why in numbers', () => {
    const limit = 2 / 10;
    const above = runOptimizer(BOWL.landscape, { method: 'gd', params: { lr: 1.01 * limit }, from: START, maxSteps: 5000 });
    const below = runOptimizer(BOWL.landscape, { method: 'gd', params: { lr: 0.99 * limit }, from: START, maxSteps: 5000 });
    expect(above.stop.reason).toBe('diverged');
    expect(above.stop.message).toContain('η = 0.202 > 2/λmax = 0.2: along v2 each step multiplies the error by |1 - ηλ| = 1.02');
    expect(below.stop.reason).toBe('converged');
  });

  it("has a measured linear rate within 1 percent of max|1 - ηλᵢ| (|x - x*| and |∇f| alike)", () => {
    const eta = 0.15;
    const run = runOptimizer(BOWL.landscape, { method: 'gd', params: { lr: eta }, from: START, maxSteps: 2000, tol: 1e-13 });
    const predicted = gdRate(eta, BOWL.eigenvalues);
    expectNear(predicted, 0.85, 1e-15, 'max|1 - ηλ|');
    expectNear(measuredLinearRate(errorNorms(run.iterates, BOWL.center)) / predicted, 1, 0.01, 'rate from |x - x*|');
    expectNear(measuredLinearRate(gradientNorms(run.iterates)) / predicted, 1, 0.01, 'rate from |∇f|');
  });
});

/** The heavy-ball or Nesterov recurrence on the bowl, written out: returns x_0 .. x_steps. */
function linearRecurrence(kind: 'momentum' | 'nesterov', eta: number, beta: number, steps: number): number[][] {
  const c = BOWL.center;
  const xs = [START.slice()];
  let previous = START.slice();
  for (let k = 0; k < steps; k++) {
    const x = xs[k];
    const push = [beta * (x[0] - previous[0]), beta * (x[1] - previous[1])];
    // Heavy ball: the gradient where we are; Nesterov: where the push would take us.
    const at = kind === 'momentum' ? x : [x[0] + push[0], x[1] + push[1]];
    const g = BOWL.apply([at[0] - c[0], at[1] - c[1]]);
    previous = x;
    xs.push([x[0] + push[0] - eta * g[0], x[1] + push[1] - eta * g[1]]);
  }
  return xs;
}

describe('momentum and Nesterov on a quadratic bowl', () => {
  it.each(['momentum', 'nesterov'] as const)('%s follows its linear recurrence to 1e-12 over 80 steps', (method) => {
    const run = runOptimizer(BOWL.landscape, { method, params: { lr: 0.05, beta: 0.7 }, from: START, maxSteps: 80, tol: 1e-300 });
    expectPath(run.iterates, linearRecurrence(method, 0.05, 0.7, 80), 1e-12);
  });

  it.each([
    // The larger root at λ = 1 by the quadratic formula: z² - 1.25 z + 0.3 and z² - 1.235 z + 0.285.
    ['momentum', heavyBallRate, (1.25 + Math.sqrt(1.25 ** 2 - 1.2)) / 2],
    ['nesterov', nesterovRate, (1.235 + Math.sqrt(1.235 ** 2 - 1.14)) / 2],
  ] as const)('%s has a measured rate within 1 percent of its characteristic roots (η = 0.05, β = 0.3)', (method, rate, root) => {
    const predicted = rate(0.05, 0.3, BOWL.eigenvalues);
    expectNear(predicted, root, 1e-14, 'spectral radius');
    const run = runOptimizer(BOWL.landscape, { method, params: { lr: 0.05, beta: 0.3 }, from: START, maxSteps: 3000, tol: 1e-13 });
    expectNear(measuredLinearRate(errorNorms(run.iterates, BOWL.center)) / predicted, 1, 0.01, 'measured / predicted');
  });

  it("gives heavy ball Polyak's rate (√κ - 1)/(√κ + 1) at its tuned η and β", () => {
    const [m, L] = [1, 100];
    const eta = 4 / (Math.sqrt(L) + Math.sqrt(m)) ** 2;
    const beta = ((Math.sqrt(L / m) - 1) / (Math.sqrt(L / m) + 1)) ** 2;
    // At the tuned point the discriminant at λmin and λmax is zero: a rounding of 1e-16 there moves
    // the double root by its square root, so 1e-7 is the honest tolerance.
    expectNear(heavyBallRate(eta, beta, [m, 30, L]), 9 / 11, 1e-7, 'rate');
  });
});

describe("Newton's method", () => {
  it('reaches the minimum of any positive-definite quadratic in one step (40 random bowls)', () => {
    const random = seededRandom(9);
    for (let n = 0; n < 40; n++) {
      const l1 = 0.1 + 10 * random();
      const l2 = l1 * (1 + 100 * random());
      const center: [number, number] = [4 * random() - 2, 4 * random() - 2];
      const b = bowl(l1, l2, Math.PI * random(), center);
      const from: [number, number] = [4 * random() - 2, 4 * random() - 2];
      const run = runOptimizer(b.landscape, { method: 'newton', from, tol: 1e-8 * l2 });
      expect(run.steps, `bowl ${n}`).toBe(1);
      expect(run.stop.reason).toBe('converged');
      expectNear(run.final.x, center[0], 1e-10, `x* of bowl ${n}`);
      expectNear(run.final.y, center[1], 1e-10, `y* of bowl ${n}`);
    }
  });

  it('damped by μ moves the error by μ (H + μI)⁻¹ in one step, the 2x2 inverse written out', () => {
    const mu = 3;
    const run = runOptimizer(BOWL.landscape, { method: 'damped-newton', params: { mu }, from: START, maxSteps: 1 });
    const { a, b, d } = BOWL.H;
    const det = (a + mu) * (d + mu) - b * b;
    const e0 = [START[0] - BOWL.center[0], START[1] - BOWL.center[1]];
    const e1 = [(mu * ((d + mu) * e0[0] - b * e0[1])) / det, (mu * (-b * e0[0] + (a + mu) * e0[1])) / det];
    expectPath(run.iterates, [START, [BOWL.center[0] + e1[0], BOWL.center[1] + e1[1]]], 1e-13);
  });

  it('on the double well from (0.1, 0.3) is drawn to the saddle (0, 0), while GD with η = 0.05 reaches (1, 0)', () => {
    const well = landscapeOf('(x^2-1)^2+y^2');
    const newton = runOptimizer(well, { method: 'newton', from: [0.1, 0.3] });
    const gd = runOptimizer(well, { method: 'gd', params: { lr: 0.05 }, from: [0.1, 0.3], maxSteps: 1000 });
    const first = newton.iterates[0].model;
    if (first.kind !== 'quadratic') throw new Error('Newton should carry a quadratic model');
    // At (0.1, 0.3): gx = 4x(x² - 1) = -0.396, hxx = 12x² - 4 = -3.88, gy = 0.6, hyy = 2.
    expect(first.stationaryType).toBe('saddle');
    expect(first.description).toContain("Newton's target is a saddle of the model here");
    expectNear(first.stationary?.[0] ?? NaN, 0.1 - -0.396 / -3.88, 1e-15, 'model stationary x');
    expectNear(first.stationary?.[1] ?? NaN, 0, 1e-15, 'model stationary y');
    expect(newton.stop.reason).toBe('converged');
    expectNear(newton.final.x, 0, 1e-12, 'Newton x');
    expectNear(newton.final.y, 0, 1e-12, 'Newton y');
    expect(newton.stop.message).toContain('at a saddle of f');
    expect(gd.stop.reason).toBe('converged');
    expectNear(gd.final.x, 1, 1e-9, 'GD x');
    expectNear(gd.final.y, 0, 1e-9, 'GD y');
    expect(gd.stop.message).toContain('at a minimum of f');
  });

  it('says the target is a maximum when H is negative definite, and goes there', () => {
    const run = runOptimizer(landscapeOf('-(x^2 + 3*y^2)'), { method: 'newton', from: [1, 1] });
    const model = run.iterates[0].model;
    expect(model.kind === 'quadratic' && model.stationaryType).toBe('maximum');
    expect(run.steps).toBe(1);
    expect(run.stop.message).toContain('at a maximum of f');
  });

  it('stops as singular on f(x) treated as 2D, where ∂²f/∂y² = 0, but runs in the 1D entry', () => {
    const quartic = landscapeOf('x^4-3*x^2+x', ['x']);
    const flat = runOptimizer(quartic, { method: 'newton', from: [-2, 0] });
    expect(flat.stop.reason).toBe('singular');
    expect(flat.steps).toBe(0);
    expect(flat.stop.message).toContain('H is singular');
    expect(runOptimizer1D(quartic, { method: 'newton', from: -2 }).stop.reason).toBe('converged');
  });

  it('converges quadratically on the quartic: the estimated order climbs to about 2', () => {
    const quartic = landscapeOf('x^4-3*x^2+x', ['x']);
    const xStar = -1.3008395659415772;
    const run = runOptimizer1D(quartic, { method: 'newton', from: -2, tol: 1e-15, maxSteps: 6 });
    const errors = errorNorms(run.iterates, [xStar, 0]).filter((e) => e > 1e-14);
    const orders = convergenceOrders(errors);
    expectNear(orders[orders.length - 1], 2, 0.1, 'last order');
    expect(predictedRate('newton', {}, [14.3]).kind).toBe('quadratic');
  });
});

/** Index of the first iterate with |f'(x)| <= tol, from the existing 1D functions (an independent count). */
const legacySteps = (iterates: number[], tol: number): number =>
  iterates.findIndex((x) => Math.abs(4 * x ** 3 - 6 * x + 1) <= tol);

describe("the lesson's quartic x^4 - 3x^2 + x in 1D", () => {
  const quartic = landscapeOf('x^4-3*x^2+x', ['x']);
  const df = (x: number) => 4 * x ** 3 - 6 * x + 1;
  const d2f = (x: number) => 12 * x * x - 6;

  it.each([
    [-2, 145, 5, -1.3008395659415772],
    [2, 223, 6, 1.130901122629998],
  ])('from x0 = %d needs %d GD steps (η = 0.01) and %d Newton steps to |f\'| <= 1e-9', (x0, gdSteps, newtonSteps, xStar) => {
    const gd = runOptimizer1D(quartic, { method: 'gd', params: { lr: 0.01 }, from: x0, maxSteps: 10000, tol: 1e-9 });
    const newton = runOptimizer1D(quartic, { method: 'newton', from: x0, tol: 1e-9 });
    expect([gd.steps, newton.steps]).toEqual([gdSteps, newtonSteps]);
    expect(gd.steps).toBe(legacySteps(gradientDescent1D(df, x0, 0.01, 10000), 1e-9));
    expect(newton.steps).toBe(legacySteps(newton1D(df, d2f, x0, 100), 1e-9));
    for (const run of [gd, newton]) {
      expect(run.stop.reason).toBe('converged');
      expectNear(run.final.x, xStar, 1e-9, 'x*');
      expect(run.final.y).toBe(0);
    }
    expectNear(newton.iterates[1].x, x0 - df(x0) / d2f(x0), 1e-15, 'first Newton step');
    expectNear(gd.iterates[1].x, x0 - 0.01 * df(x0), 1e-15, 'first GD step');
  });
});

describe('Adam', () => {
  it('takes a first step of -η g / (|g| + ε) per coordinate and reaches the bowl minimum', () => {
    const run = runOptimizer(BOWL.landscape, { method: 'adam', params: { lr: 0.05 }, from: START, maxSteps: 5000, tol: 1e-7 });
    const [gx, gy] = BOWL.apply([START[0] - BOWL.center[0], START[1] - BOWL.center[1]]);
    expectNear(run.iterates[1].x - START[0], (-0.05 * gx) / (Math.abs(gx) + 1e-8), 1e-15, 'dx');
    expectNear(run.iterates[1].y - START[1], (-0.05 * gy) / (Math.abs(gy) + 1e-8), 1e-15, 'dy');
    expect(run.stop.reason).toBe('converged');
    expectNear(run.final.x, BOWL.center[0], 1e-6, 'x*');
  });
});

describe('learning rate against curvature', () => {
  it('marks 1/λmax, 2/λmax and 2/(λmin + λmax) for H = diag(2, 20)', () => {
    const marks = lrMarks({ hxx: 2, hxy: 0, hyy: 20 });
    expect([marks.lambdaMax, marks.inverse, marks.stabilityLimit, marks.optimal]).toEqual([20, 1 / 20, 2 / 20, 2 / 22]);
    expect(lrMarks({ hxx: -2, hxy: 0, hyy: -1 }).stabilityLimit).toBe(Infinity);
    expect(lrMarks({ hxx: 4, hxy: 0, hyy: 50 }, 1).stabilityLimit).toBe(0.5);
  });

  it('explains divergence, a stable η and negative curvature in numbers', () => {
    const spectrum = { eigenvalues: [1, 10], eigenvectors: [BOWL.v1, BOWL.v2] };
    expect(divergenceExplanation(0.21, spectrum)).toBe('η = 0.21 > 2/λmax = 0.2: along v2 each step multiplies the error by |1 - ηλ| = 1.1');
    expect(divergenceExplanation(0.1, spectrum)).toBe('η = 0.1 <= 2/λmax = 0.2: every direction shrinks, the slowest (along v1) by |1 - ηλ| = 0.9 per step');
    expect(divergenceExplanation(0.1, { eigenvalues: [-2, 1], eigenvectors: [BOWL.v1, BOWL.v2] })).toContain('along v1 the curvature λ = -2 is negative');
  });

  it('predicts damped Newton at max|μ/(λ + μ)| and counts iterations to tolerance for a geometric sequence', () => {
    const damped = predictedRate('damped-newton', { mu: 2 }, [2, 6]);
    expect(damped.kind === 'linear' && damped.rate).toBe(0.5);
    const values = Array.from({ length: 200 }, (_, k) => 3 * 0.8 ** k);
    expect(iterationsToTolerance(values, 1e-6)).toBe(predictedIterations(0.8, 3, 1e-6));
    expect(iterationsToTolerance(values, 1e-6)).toBe(Math.ceil(Math.log(1e-6 / 3) / Math.log(0.8)));
    expectNear(measuredLinearRate(values), 0.8, 1e-12, 'rate of a geometric sequence');
    expect(iterationsToTolerance([1, 0.5], 0.1)).toBeNull();
  });
});

describe('stepOnce', () => {
  it('reproduces runOptimizer step by step, survives a JSON round trip, and ignores steps after a stop', () => {
    const well = landscapeOf('(x^2-1)^2+y^2');
    const config = { method: 'nesterov' as const, params: { lr: 0.05, beta: 0.5 }, from: [0.1, 0.3], maxSteps: 500 };
    const run = runOptimizer(well, config);
    let state: OptimizerState = createOptimizerState(well, config);
    for (let k = 0; k < run.steps; k++) {
      if (k === 7) state = JSON.parse(JSON.stringify(state)) as OptimizerState; // a permalink in the middle
      state = stepOnce(well, state);
    }
    expect(state.current).toEqual(run.final);
    expect(state.stop).toEqual(run.stop);
    expect(stepOnce(well, state)).toBe(state);
  });

  it.each([
    ['gd', 1],
    ['newton', 1],
    ['nesterov', 2],
  ] as const)('costs %s one point update per step (%d coefficient evaluations)', (method, calls) => {
    const base = landscapeOf('(x^2-1)^2+y^2');
    let count = 0;
    const counting: Landscape = { ...base, coefficients: (x, y, order) => (count++, base.coefficients(x, y, order)) };
    let state = createOptimizerState(counting, { method, from: [1.5, 0.5], params: { lr: 0.05 } });
    state = stepOnce(counting, state); // Nesterov's first step has no velocity to look ahead along
    count = 0;
    stepOnce(counting, state);
    expect(count).toBe(calls);
  });
});

describe('stop reasons', () => {
  it('reports non-finite values and custom bounds as divergence, and the step limit as max-steps', () => {
    const steep = landscapeOf('x^4 + y^2');
    const toInfinity = runOptimizer(steep, { method: 'gd', params: { lr: 1 }, from: [3, 0], bounds: { maxAbsCoordinate: Infinity, maxAbsValue: Infinity } });
    expect(toInfinity.stop.reason).toBe('diverged');
    expect(toInfinity.stop.message).toMatch(/became (-?Infinity|NaN)/);
    const tight = runOptimizer(BOWL.landscape, { method: 'gd', params: { lr: 0.3 }, from: START, bounds: { maxAbsCoordinate: 10 } });
    expect(tight.stop.reason).toBe('diverged');
    expect(Math.max(Math.abs(tight.final.x), Math.abs(tight.final.y))).toBeGreaterThan(10);
    expect(Math.max(...tight.iterates.slice(0, -1).map((it) => Math.max(Math.abs(it.x), Math.abs(it.y))))).toBeLessThanOrEqual(10);
    const limited = runOptimizer(BOWL.landscape, { method: 'gd', params: { lr: 0.01 }, from: START, maxSteps: 3 });
    expect([limited.stop.reason, limited.steps]).toEqual(['max-steps', 3]);
  });

  it('refuses hyperparameters it cannot use with a RangeError naming them', () => {
    expect(() => resolveConfig({ method: 'gd', params: { lr: 0 }, from: [0, 0] })).toThrow('lr must be positive');
    expect(() => resolveConfig({ method: 'momentum', params: { beta: 1 }, from: [0, 0] })).toThrow('beta must be in [0, 1)');
    expect(() => resolveConfig({ method: 'damped-newton', params: { mu: -1 }, from: [0, 0] })).toThrow('mu must be non-negative');
  });
});

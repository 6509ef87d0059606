import { describe, expect, it } from 'vitest';
import { branchBreakdown, continueBranch, projectOntoBranch, trustedRadius } from '../../src/core/implicit/branchContinuation';
import { implicitExpr } from '../../src/core/implicit/presets';
import { expectNear } from './support/expectNear';

const PITCHFORK = implicitExpr('x^3 - lambda*x');
const CIRCLE = implicitExpr('x^2 + lambda^2 - 1');

describe('continuation of the true branch', () => {
  it('follows x = √λ from (1, 1) on both sides to 1e-13', () => {
    const steps = [0.05, 0.3, 0.9, 1.5, -0.05, -0.5, -0.9, -0.999];
    const x = continueBranch(PITCHFORK, { lambda: 1, x: 1 }, steps);
    x.forEach((v, k) => expectNear(v, Math.sqrt(1 + steps[k]), 1e-13, `h = ${steps[k]}`));
  });

  it('ends at the pitchfork instead of jumping onto the branch x = 0: NaN past λ = 0', () => {
    const x = continueBranch(PITCHFORK, { lambda: 1, x: 1 }, [-1.1, -1.5]);
    expect(x.every(Number.isNaN)).toBe(true);
  });

  it('follows the circle up to its turning point at λ = 1 and ends there (NaN beyond)', () => {
    const steps = [0.3, 0.39, 0.41, 0.6, -1.5];
    const x = continueBranch(CIRCLE, { lambda: 0.6, x: 0.8 }, steps);
    expectNear(x[0], Math.sqrt(1 - 0.81), 1e-13, 'λ = 0.9');
    expectNear(x[1], Math.sqrt(1 - 0.99 * 0.99), 1e-13, 'λ = 0.99');
    expect(Number.isNaN(x[2]) && Number.isNaN(x[3])).toBe(true);
    expectNear(x[4], Math.sqrt(1 - 0.81), 1e-13, 'λ = -0.9');
  });

  it('projects a point off the curve onto it along x: (λ, x) = (1, 1.1) goes to (1, 1)', () => {
    const p = projectOntoBranch(PITCHFORK, { lambda: 1, x: 1.1 });
    expect(p).not.toBeNull();
    expectNear(p?.x ?? NaN, 1, 1e-15, 'x');
    expect(p?.lambda).toBe(1);
  });
});

describe('error of the branch Taylor polynomials against the true branch', () => {
  it('has log-log slopes k + 1 for orders 1..4 at (1, 1) on the pitchfork (within 0.1)', () => {
    const b = branchBreakdown(PITCHFORK, { lambda: 1, x: 1 }, { orders: [1, 2, 3, 4], hMax: 0.5, tol: 1e-3 });
    b.slopes.forEach((s, k) => expectNear(s ?? NaN, k + 2, 0.1, `order ${k + 1}`));
    // A higher order is trusted further at the same tolerance.
    const steps = b.breakdown.map((s) => s ?? 0);
    expect(steps.every((s, k) => k === 0 || s > steps[k - 1])).toBe(true);
  });

  it('compares against √(1 - h) on the side towards the bifurcation: errors equal |√(1-h) - T_2(-h)| (1e-13)', () => {
    const b = branchBreakdown(PITCHFORK, { lambda: 1, x: 1 }, { orders: [2], hMax: 0.5, tol: 1e-3, direction: -1, count: 5 });
    b.h.forEach((h, k) => expectNear(b.errors[0][k], Math.abs(Math.sqrt(1 - h) - (1 - h / 2 - h * h / 8)), 1e-13, `h = ${h}`));
  });

  it('trusted radius shrinks with λ0 → 0 on x = √λ, roughly ∝ λ0, and is 0 right at the bifurcation', () => {
    const radii = [1, 0.1, 0.01].map((l) => trustedRadius(PITCHFORK, { lambda: l, x: Math.sqrt(l) }, 2, 1e-3, 1));
    expect(radii[0]).toBeGreaterThan(radii[1]);
    expect(radii[1]).toBeGreaterThan(radii[2]);
    // √(λ0 + h) = √λ0 √(1 + h/λ0): the relative error depends on h/λ0 only, so the radius scales with λ0.
    for (let k = 1; k < 3; k++) expect(radii[k - 1] / radii[k]).toBeGreaterThan(7);
    for (let k = 1; k < 3; k++) expect(radii[k - 1] / radii[k]).toBeLessThan(14);
    expect(trustedRadius(PITCHFORK, { lambda: 1e-6, x: 1e-3 }, 2, 1e-3, 1)).toBe(0);
  });
});

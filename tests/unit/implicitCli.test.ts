import { describe, expect, it } from 'vitest';
import { runCli, USAGE } from '../../src/cli/taylorLab';
import { expectNear } from './support/expectNear';

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(...s.split('\n')) });
  const stdout = out.join('\n');
  return { code, stderr: err, json: code === 0 ? JSON.parse(stdout) : null };
}

describe('taylor-lab implicit', () => {
  it('prints the pitchfork branch at (λ, x) = (1, 1) to order 4: x′ = 0.5, x″ = -0.25, x‴ = 0.375, x⁗ = -0.9375', () => {
    const r = run('implicit', 'x^3 - lambda*x', '--at', '1,1', '--order', '4');
    expect(r.code).toBe(0);
    expect(r.json.F).toBe('x^3 - lambda*x');
    expect(r.json.at).toEqual({ lambda: 1, x: 1 });
    expect([r.json.Fx, r.json.Flambda]).toEqual([2, -1]);
    [0.5, -0.25, 0.375, -0.9375].forEach((d, k) => expectNear(r.json.derivatives[k], d, 1e-12, `derivative ${k + 1}`));
    [1, 0.5, -0.125, 0.0625, -0.0390625].forEach((a, k) => expectNear(r.json.coefficients[k], a, 1e-12, `a${k}`));
    expect(r.json.trustedRadius).toBeGreaterThan(0.1);
    expect(r.json.trustedRadius).toBeLessThan(1);
  });

  it('takes λ as the parameter name too, and reads --at as λ first: the circle at λ = 0.6, x = 0.8 has x′ = -0.75', () => {
    const r = run('implicit', 'x^2 + λ^2 - 1', '--at', '0.6,0.8', '--order', '1');
    expect(r.code).toBe(0);
    expectNear(r.json.derivatives[0], -0.75, 1e-12, "x'");
  });

  it('moves a point off the curve onto the branch along x and says so', () => {
    const r = run('implicit', 'x^3 - lambda*x', '--at', '1,1.1');
    expect(r.code).toBe(0);
    expectNear(r.json.at.x, 1, 1e-15, 'x');
    expect(r.json.projected).toMatch(/moved to x = 1/);
  });

  it('exits 2 with one line at a singular point, where ∂F/∂x = 0', () => {
    const r = run('implicit', 'x^3 - lambda*x', '--at', '0,0');
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/dF\/dx = 0 .*not a function here/);
  });

  it('exits 2 for --at with one number, an order past 6 and a missing --at', () => {
    expect(run('implicit', 'x^3 - lambda*x', '--at', '1').code).toBe(2);
    expect(run('implicit', 'x^3 - lambda*x', '--at', '1,1', '--order', '7').code).toBe(2);
    expect(run('implicit', 'x^3 - lambda*x').code).toBe(2);
  });

  it('lists the singular points with --singular: the subcritical pitchfork has (0, 0) and folds at λ = -1/4, x = ±1/√2', () => {
    const r = run('implicit', 'lambda*x + x^3 - x^5', '--singular', '--domain', '-0.5,0.5,-1.3,1.3');
    expect(r.code).toBe(0);
    expect(r.json).toHaveLength(3);
    expectNear(r.json[0].lambda, -0.25, 1e-10, 'λ');
    expectNear(r.json[0].x, -Math.SQRT1_2, 1e-10, 'x');
    expect(r.json.map((p: { kind: string }) => p.kind)).toEqual(['fold/turning point', 'fold/turning point', 'pitchfork/transcritical']);
    expect(r.json[2].label).toBe('∂F/∂x = 0: x(λ) is not a function here');
  });

  it('refuses y in F(x, λ) with a caret under it, and documents the command with --at λ first', () => {
    const r = run('implicit', 'x + y', '--at', '1,1');
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toMatch(/cannot parse F\(x, lambda\): unknown name 'y'/);
    expect(USAGE).toMatch(/taylor-lab implicit/);
    expect(USAGE).toMatch(/--at is lambda first/);
  });
});

import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/taylorLab';
import { expectNear } from './support/expectNear';

/** What one in-process run printed, with stdout parsed as JSON when the exit status is 0. */
function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(...s.split('\n')) });
  const stdout = out.join('\n');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the report's shape is what the tests check
  const json: any = code === 0 ? JSON.parse(stdout) : null;
  return { code, stdout, stderr: err, json };
}

const DOUBLE_WELL = '(x^2-1)^2+y^2';

describe('taylor-lab optimize with --method', () => {
  it('runs Newton on the double well from (0.1, 0.3) into the saddle (0, 0), every model target a saddle', () => {
    const { code, json } = run('optimize', DOUBLE_WELL, '--method', 'newton', '--from', '0.1,0.3');
    expect(code).toBe(0);
    expect(json.method).toBe('newton');
    expect(json.from).toEqual([0.1, 0.3]);
    expect(json.stop.reason).toBe('converged');
    expect(json.stop.message).toContain('saddle');
    expect(json.iterates).toHaveLength(json.steps + 1);
    expect(json.iterates[0]).toEqual([0.1, 0.3, (0.01 - 1) ** 2 + 0.09]);
    // First Newton step: x - gx/hxx with gx = 4x(x² - 1), hxx = 12x² - 4; y - 2y/2 = 0.
    expectNear(json.iterates[1][0], 0.1 - (0.4 * -0.99) / -3.88, 1e-15, 'x1');
    expect(json.iterates[1][1]).toBe(0);
    expectNear(json.final.x, 0, 1e-12, 'final x');
    expect(json.final.grad).toHaveLength(2);
    expect(json.modelTargets.every((t: string) => t === 'saddle')).toBe(true);
  });

  it('runs GD with --lr 0.05 from the same start to the minimum (1, 0) with the final gradient under --tol', () => {
    const { json } = run('optimize', DOUBLE_WELL, '--method', 'gd', '--lr', '0.05', '--from', '0.1,0.3', '--tol', '1e-10');
    expect(json.params).toEqual({ lr: 0.05 });
    expect(json.stop.reason).toBe('converged');
    expectNear(json.final.x, 1, 1e-10, 'final x');
    expect(Math.hypot(...(json.final.grad as number[]))).toBeLessThanOrEqual(1e-10);
    const [x0, y0] = [0.1, 0.3];
    expectNear(json.iterates[1][0], x0 - 0.05 * 4 * x0 * (x0 * x0 - 1), 1e-15, 'x1');
    expectNear(json.iterates[1][1], y0 - 0.05 * 2 * y0, 1e-15, 'y1');
  });

  it('reports divergence above 2/λmax with the numbers, and lists 1/λmax and 2/λmax at the start', () => {
    const { json } = run('optimize', 'x^2+10*y^2', '--method', 'gd', '--lr', '0.11', '--from', '1,1');
    expect(json.stop.reason).toBe('diverged');
    expect(json.stop.message).toContain('η = 0.11 > 2/λmax = 0.1');
    expect(json.start).toEqual({ eigenvalues: [2, 20], oneOverLambdaMax: 0.05, twoOverLambdaMax: 0.1 });
  });

  it('stops at --steps with reason max-steps, and as singular where Newton meets a singular H', () => {
    const limited = run('optimize', DOUBLE_WELL, '--method', 'momentum', '--from', '2,1', '--steps', '3');
    expect([limited.json.stop.reason, limited.json.steps, limited.json.iterates.length]).toEqual(['max-steps', 3, 4]);
    expect(limited.json.params).toEqual({ lr: 0.01, beta: 0.9 });
    const singular = run('optimize', 'x^2 + 0*y', '--method', 'newton', '--from', '1,1');
    expect(singular.json.stop.reason).toBe('singular');
    expect(singular.json.modelTargets).toEqual(['singular']);
  });

  it('runs a 1D formula with --method newton from 2 to the local minimum near 1.1309 in 6 steps', () => {
    const { json } = run('optimize', 'x^4 - 3*x^2 + x', '--method', 'newton', '--from', '2');
    expect([json.dimension, json.steps, json.stop.reason]).toEqual([1, 6, 'converged']);
    expect(json.from).toEqual([2]);
    expectNear(4 * json.final.x ** 3 - 6 * json.final.x + 1, 0, 1e-9, "f'(x*)");
    expect(json.stop.message).toContain("|f'|");
  });

  it.each([
    ['nesterov', ['--lr', '0.05', '--beta', '0.5'], { lr: 0.05, beta: 0.5 }],
    ['damped-newton', ['--mu', '0.5'], { mu: 0.5 }],
    ['adam', ['--lr', '0.05'], { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8 }],
  ])('runs %s on the double well from (1.5, 0.5) to (1, 0), reporting its hyperparameters', (method, extra, params) => {
    const { json } = run('optimize', DOUBLE_WELL, '--method', method, '--from', '1.5,0.5', '--steps', '20000', '--tol', '1e-8', ...extra);
    expect(json.params).toEqual(params);
    expect(json.stop.reason).toBe('converged');
    expectNear(json.final.x, 1, 1e-8, 'final x');
  });

  it('keeps the 1D race when called without --method', () => {
    const { json } = run('optimize', 'x^4 - 3*x^2 + x', '--from', '2', '--lr', '0.01');
    expect(Object.keys(json)).toEqual(['formula', 'from', 'tolerance', 'gradientDescent', 'newton']);
    expect([json.gradientDescent.stepsToTolerance, json.newton.stepsToTolerance]).toEqual([223, 6]);
  });
});

describe('taylor-lab optimize bad input', () => {
  it.each([
    ['an unknown method', ['--method', 'sgd', '--from', '0,0'], "unknown --method 'sgd'"],
    ['a parameter the method does not take', ['--method', 'gd', '--mu', '1', '--from', '0,0'], '--mu does not apply to --method gd'],
    ['a parameter the race does not take', ['--beta', '0.5', '--from', '0'], '--beta does not apply to the GD-vs-Newton race'],
    ['beta of 1', ['--method', 'momentum', '--beta', '1', '--from', '0,0'], '--beta must be in [0, 1)'],
    ['a negative learning rate', ['--method', 'adam', '--lr', '-1', '--from', '0,0'], '--lr must be positive'],
    ['a negative damping', ['--method', 'damped-newton', '--mu', '-1', '--from', '0,0'], '--mu must be non-negative'],
    ['three coordinates', ['--method', 'gd', '--from', '1,2,3'], '--from takes one number'],
    ['a zero tolerance', ['--method', 'gd', '--from', '1,2', '--tol', '0'], '--tol must be positive'],
    ['a missing start', ['--method', 'gd'], 'optimize needs --from'],
    ['a non-number start', ['--method', 'gd', '--from', '1,a'], "bad number 'a' in --from"],
  ])('exits 2 with one stderr line for %s', (_, extra, message) => {
    const r = run('optimize', DOUBLE_WELL, ...extra);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/^taylor-lab: /);
    expect(r.stderr[0]).toContain(message);
  });

  it('refuses y in a formula started from one number, on the first stderr line', () => {
    const r = run('optimize', DOUBLE_WELL, '--method', 'gd', '--from', '0.5');
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toContain("cannot parse f: unknown name 'y'");
    expect(r.stderr[r.stderr.length - 1]).toContain('write --from x,y for f(x, y)');
  });
});

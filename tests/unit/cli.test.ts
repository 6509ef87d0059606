import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { COMMANDS, runCli, USAGE } from '../../src/cli/taylorLab';
import { expectNear } from './support/expectNear';

/** What one in-process run printed, with stdout parsed as JSON when there is any. */
interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the report's shape is what the tests check
  readonly json: any;
}

function run(...argv: string[]): CliRun {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(...s.split('\n')) });
  const stdout = out.join('\n');
  return { code, stdout, stderr: err, json: code === 0 && /^[[{]/.test(stdout) ? JSON.parse(stdout) : null };
}

/** Asserts each array entry is within tol of the expected one (absolute). */
function expectAllNear(actual: readonly number[], expected: readonly number[], tol: number, what: string): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, k) => expectNear(a, expected[k], tol, `${what}[${k}]`));
}

const DOUBLE_WELL = '(x^2-1)^2+y^2';
const ROSENBROCK = '(1-x)^2+100*(y-x^2)^2';

describe('taylor-lab expand in 1D', () => {
  it('reproduces the Day-42 table of x^3 about 1: f, order 1 and order 2 at five points (1e-12)', () => {
    const r = run('expand', 'x^3', '--at', '1', '--order', '2', '--eval', '0.5,0.75,1,1.25,1.5');
    expect(r.code).toBe(0);
    expect(r.json.dimension).toBe(1);
    expect(r.json.eval.points).toEqual([0.5, 0.75, 1, 1.25, 1.5]);
    expectAllNear(r.json.eval.f, [0.125, 0.421875, 1, 1.953125, 3.375], 1e-12, 'f');
    expectAllNear(r.json.eval.orders['0'], [1, 1, 1, 1, 1], 1e-12, 'order 0');
    expectAllNear(r.json.eval.orders['1'], [-0.5, 0.25, 1, 1.75, 2.5], 1e-12, 'order 1');
    expectAllNear(r.json.eval.orders['2'], [0.25, 0.4375, 1, 1.9375, 3.25], 1e-12, 'order 2');
    expect(r.json.firstDerivative).toBe(3);
    expect(r.json.secondDerivative).toBe(6);
  });

  it('gives sin(x) at 0 the coefficients 1, -1/6, 1/120 at odd n and 0 at even n (1e-15)', () => {
    const r = run('expand', 'sin(x)', '--at', '0', '--order', '5');
    expect(r.code).toBe(0);
    const coefficients = r.json.coefficients as { n: number; coefficient: number; derivative: number }[];
    expect(coefficients.map((c) => c.n)).toEqual([0, 1, 2, 3, 4, 5]);
    expectAllNear(coefficients.map((c) => c.coefficient), [0, 1, 0, -1 / 6, 0, 1 / 120], 1e-15, 'coefficient');
    expectAllNear(coefficients.map((c) => c.derivative), [0, 1, 0, -1, 0, 1], 1e-15, 'derivative');
  });

  it('prints every number with full double precision: sin(0.5) comes back bit for bit', () => {
    const r = run('expand', 'sin(x)', '--at', '0.5', '--order', '1');
    expect(Object.is(r.json.value, Math.sin(0.5))).toBe(true);
    expect(Object.is(r.json.firstDerivative, Math.cos(0.5))).toBe(true);
  });

  it('reads the point type and the stable step 1/f\'\' from f\' and f\'\'', () => {
    expect(run('expand', 'x^2-2*x', '--at', '1').json).toMatchObject({ class: 'minimum', stableStep: 0.5 });
    expect(run('expand', '-x^2', '--at', '0').json.class).toBe('maximum');
    expect(run('expand', 'x^3', '--at', '0').json.class).toBe('degenerate');
  });

  it('measures error-vs-step slopes k + 1 for exp(x) at 0 along +x (within 0.05)', () => {
    const r = run('expand', 'exp(x)', '--at', '0', '--order', '3', '--steps');
    expect(r.json.steps.direction).toEqual([1]);
    expect(r.json.steps.h[0]).toBe(1e-3);
    expect(r.json.steps.h.at(-1)).toBe(1);
    for (const k of [0, 1, 2, 3]) expectNear(r.json.steps.slopes[String(k)], k + 1, 0.05, `slope of order ${k}`);
  });

  it('accepts orders 0 to 10 and defaults to 2', () => {
    expect(run('expand', 'x', '--at', '1').json.order).toBe(2);
    expect(run('expand', 'exp(x)', '--at', '1', '--order', '10').json.coefficients).toHaveLength(11);
    expect(run('expand', 'x', '--at', '1', '--order', '11').code).toBe(2);
  });
});

describe('taylor-lab expand in 2D', () => {
  it('finds the double well\'s minimum at (1, 0): Hessian [[8,0],[0,2]], stable step 1/8 (1e-12)', () => {
    const r = run('expand', DOUBLE_WELL, '--at', '1,0');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ dimension: 2, point: { x: 1, y: 0 }, class: 'minimum' });
    expectAllNear(r.json.hessian.flat(), [8, 0, 0, 2], 1e-12, 'Hessian');
    expectAllNear(r.json.eigenvalues, [2, 8], 1e-12, 'eigenvalues');
    expectNear(r.json.stableStep, 0.125, 1e-12, 'stable step');
    expectNear(r.json.conditionNumber, 4, 1e-12, 'condition number');
  });

  it('takes negative coordinates after --at: the other minimum at (-1, 0)', () => {
    expect(run('expand', DOUBLE_WELL, '--at', '-1,0').json.class).toBe('minimum');
  });

  it('calls the double well\'s origin a saddle with eigenvalues -4 and 2 (1e-12)', () => {
    const r = run('expand', DOUBLE_WELL, '--at', '0,0');
    expect(r.json.class).toBe('saddle');
    expectAllNear(r.json.eigenvalues, [-4, 2], 1e-12, 'eigenvalues');
    expectAllNear(r.json.eigenvectors.flat(), [1, 0, 0, 1], 1e-12, 'eigenvectors');
  });

  it('gives Rosenbrock at (1, 1) the Hessian [[802,-400],[-400,200]] (1e-9)', () => {
    const r = run('expand', ROSENBROCK, '--at', '1,1');
    expectAllNear(r.json.hessian.flat(), [802, -400, -400, 200], 1e-9, 'Hessian');
    expect(r.json.class).toBe('minimum');
    expectAllNear(r.json.gradient, [0, 0], 1e-12, 'gradient');
  });

  it('lists coefficients {i, j, coefficient, derivative} for i + j <= k, and x*y is exact at order 2 (1e-12)', () => {
    const r = run('expand', 'x*y', '--at', '1,2', '--order', '2', '--eval', '1.5:2.5,0.9:-0.1');
    expect(r.json.coefficients).toHaveLength(6);
    expect(r.json.coefficients[4]).toEqual({ i: 1, j: 1, coefficient: 1, derivative: 1 });
    expect(r.json.eval.points).toEqual([
      [1.5, 2.5],
      [0.9, -0.1],
    ]);
    expectAllNear(r.json.eval.f, [3.75, -0.09], 1e-12, 'f');
    expectAllNear(r.json.eval.orders['2'], [3.75, -0.09], 1e-12, 'order 2');
    expectAllNear(r.json.eval.orders['0'], [2, 2], 1e-12, 'order 0');
  });

  it('steps along the gradient away from a critical point, along the first eigenvector at one', () => {
    const regular = run('expand', '3*x+4*y+x*y', '--at', '0,0', '--order', '1', '--steps').json.steps;
    expectAllNear(regular.direction, [0.6, 0.8], 1e-12, 'gradient direction');
    expectNear(regular.slopes['1'], 2, 0.05, 'order-1 slope');
    const saddle = run('expand', DOUBLE_WELL, '--at', '0,0', '--order', '3', '--steps').json.steps;
    expectAllNear(saddle.direction, [1, 0], 1e-12, 'first eigenvector');
    // Along x the double well is (x^2 - 1)^2 = 1 - 2x^2 + x^4: orders 0 and 1 err by ~2h^2, 2 and 3 by h^4.
    expectAllNear([0, 1, 2, 3].map((k) => saddle.slopes[String(k)]), [2, 2, 4, 4], 0.05, 'slopes');
  });

  it('accepts orders 0 to 6 in 2D', () => {
    expect(run('expand', 'x*y', '--at', '1,1', '--order', '6').json.coefficients).toHaveLength(28);
    expect(run('expand', 'x*y', '--at', '1,1', '--order', '7').code).toBe(2);
  });
});

describe('taylor-lab expand with undefined values', () => {
  it('writes NaN and Infinity as null and lists each under "warnings"', () => {
    const r = run('expand', 'log(x)', '--at', '0', '--order', '1', '--eval', '0,1');
    expect(r.code).toBe(0);
    expect(r.json.value).toBeNull();
    expect(r.json.warnings).toContain('value is NaN, written as null');
    expect(r.json.eval.f).toEqual([null, 0]);
    expect(r.json.warnings).toContain('eval.f[0] is -Infinity, written as null');
    expect(r.json.warnings).toContain("eval.orders['1'][0] is NaN, written as null");
    // run() has parsed stdout with JSON.parse, which would have thrown on a bare NaN or Infinity.
  });

  it('explains an infinite stable step at a maximum', () => {
    const r = run('expand', '-(x^2+y^2)', '--at', '0,0');
    expect(r.json.stableStep).toBeNull();
    expect(r.json.warnings).toContain('stableStep is Infinity, written as null (no upward curvature limits the step)');
  });
});

describe('taylor-lab critical', () => {
  it('finds the double well\'s two minima (±1, 0) and its saddle (0, 0), nothing else (1e-8)', () => {
    const r = run('critical', DOUBLE_WELL, '--domain', '-2,2,-2,2');
    expect(r.code).toBe(0);
    const points = r.json as { x: number; y: number; f: number; class: string; eigenvalues: number[] }[];
    expect(points.map((p) => p.class)).toEqual(['minimum', 'minimum', 'saddle']);
    const expected = [
      { x: -1, y: 0, f: 0, eigenvalues: [2, 8] },
      { x: 1, y: 0, f: 0, eigenvalues: [2, 8] },
      { x: 0, y: 0, f: 1, eigenvalues: [-4, 2] },
    ];
    expected.forEach((e, k) => {
      expectAllNear([points[k].x, points[k].y, points[k].f], [e.x, e.y, e.f], 1e-8, `point ${k}`);
      expectAllNear(points[k].eigenvalues, e.eigenvalues, 1e-6, `eigenvalues ${k}`);
    });
  });

  it('refuses a domain that is not four increasing bounds', () => {
    for (const domain of ['-2,2,-2', '2,-2,-2,2', '-2,2,x,2']) {
      const r = run('critical', DOUBLE_WELL, '--domain', domain);
      expect(r.code, domain).toBe(2);
      expect(r.stderr, domain).toHaveLength(1);
    }
  });
});

describe('taylor-lab optimize', () => {
  it('reproduces the lesson: Newton reaches the minimum of x^4 - 3x^2 + x from -2 in far fewer steps than GD', () => {
    const { code, json } = run('optimize', 'x^4 - 3*x^2 + x', '--from', '-2', '--lr', '0.01');
    expect(code).toBe(0);
    // The minimum: f'(x*) = 4x^3 - 6x + 1 = 0 near -1.3008, with f''(x*) = 12x^2 - 6 > 0.
    const xStar = json.newton.x;
    expectNear(4 * xStar ** 3 - 6 * xStar + 1, 0, 1e-9, "f'(x*)");
    expectNear(xStar, -1.30083956594, 1e-10, 'x*');
    expectNear(json.gradientDescent.x, xStar, 1e-9, 'GD end');
    // First Newton step from -2: x - f'(x)/f''(x) = -2 - (-19)/42.
    expectNear(json.newton.firstIterates[1], -2 + 19 / 42, 1e-15, 'first Newton step');
    expectNear(json.gradientDescent.firstIterates[1], -2 + 0.01 * 19, 1e-15, 'first GD step');
    expect(json.newton.stepsToTolerance).toBeLessThanOrEqual(6);
    expect(json.gradientDescent.stepsToTolerance).toBeGreaterThan(100);
  });

  it('refuses a non-positive learning rate with exit 2', () => {
    const { code, stdout, stderr } = run('optimize', 'x^2', '--from', '1', '--lr', '0');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr[0]).toContain('--lr must be positive');
  });
});

describe('taylor-lab bad input', () => {
  const oneLineCases: [string, string[]][] = [
    ['a non-number point', ['expand', 'x', '--at', 'abc']],
    ['an order out of range', ['expand', 'x', '--at', '1', '--order', '99']],
    ['a fractional order', ['expand', 'x', '--at', '1', '--order', '1.5']],
    ['a malformed --eval', ['expand', 'x', '--at', '1', '--eval', '1:2:3']],
    ['a 1D --eval in 2D', ['expand', 'x', '--at', '1,2', '--eval', '1,2']],
    ['three coordinates', ['expand', 'x', '--at', '1,2,3']],
    ['a missing --at', ['expand', 'x']],
    ['a missing value', ['expand', 'x', '--at']],
    ['an unknown option', ['expand', 'x', '--at', '1', '--colour', 'red']],
    ['a second formula', ['expand', 'x', 'y', '--at', '1']],
    ['an unknown command', ['differentiate', 'x']],
    ['no command', []],
  ];
  it.each(oneLineCases)('exits 2 with one stderr line and nothing on stdout for %s', (_, argv) => {
    const r = run(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/^taylor-lab: \S/);
  });

  const parseCases: [string, string][] = [
    ['implicit multiplication', '2x'],
    ['an unknown name', 'constructor'],
    ['a prototype name', '__proto__'],
    ['y in a 1D formula', 'x*y'],
    ['unbalanced parentheses', 'sin(x'],
  ];
  it.each(parseCases)('reports %s as one message line, then the formula and a caret', (_, formula) => {
    const r = run('expand', formula, '--at', '1');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr[0]).toMatch(/^taylor-lab: cannot parse f: /);
    expect(r.stderr[1]).toBe(`  ${formula}`);
    expect(r.stderr[2]).toMatch(/^ {2} *\^$/);
  });

  it('refuses text written to run code, and runs none of it', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    try {
      for (const formula of ['process.exit(0)', "require('fs')", 'globalThis', 'this.constructor', 'x;process.exit(1)']) {
        const r = run('expand', formula, '--at', '1');
        expect(r.code, formula).toBe(2);
        expect(r.stdout, formula).toBe('');
        expect(r.stderr[0], formula).toMatch(/^taylor-lab: cannot parse f: /);
      }
      expect(exit).not.toHaveBeenCalled();
    } finally {
      exit.mockRestore();
    }
  });
});

describe('taylor-lab --help', () => {
  it('prints the usage on stdout and exits 0', () => {
    for (const argv of [['--help'], ['-h'], ['expand', '--help']]) {
      const r = run(...argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(USAGE);
      expect(r.stderr).toEqual([]);
    }
  });
});

describe('bin/taylor-lab.mjs', () => {
  it('runs the TypeScript CLI through tsx and prints parseable JSON', () => {
    const bin = fileURLToPath(new URL('../../bin/taylor-lab.mjs', import.meta.url));
    const child = spawnSync(process.execPath, [bin, 'expand', 'x^3', '--at', '1', '--order', '2'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const report = JSON.parse(child.stdout);
    expect(report).toMatchObject({ formula: 'x^3', value: 1, firstDerivative: 3, secondDerivative: 6 });
  });

  it('exits 2 on bad input, with the message on stderr', () => {
    const bin = fileURLToPath(new URL('../../bin/taylor-lab.mjs', import.meta.url));
    const child = spawnSync(process.execPath, [bin, 'expand', '2x', '--at', '1'], { encoding: 'utf8', timeout: 20_000 });
    expect(child.status).toBe(2);
    expect(child.stdout).toBe('');
    expect(child.stderr.split('\n')[0]).toBe('taylor-lab: cannot parse f: implicit multiplication is not supported: write 2*x');
  });
});

describe('command names in messages', () => {
  it('an unknown or missing command lists every command the CLI has', () => {
    for (const argv of [['frobnicate'], []]) {
      const err: string[] = [];
      const status = runCli(argv, { out: () => undefined, err: (t) => err.push(t) });
      expect(status).toBe(2);
      for (const name of COMMANDS) expect(err.join('\n')).toContain(name);
    }
    expect(COMMANDS).toEqual(expect.arrayContaining(['slice', 'spectrum', 'continue', 'flip', 'network']));
  });
});

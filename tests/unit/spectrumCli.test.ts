import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, USAGE } from '../../src/cli/taylorLab';
import { expectNear, expectRelNear } from './support/expectNear';

/** What one in-process run printed, with stdout parsed as JSON on success. */
interface CliRun {
  readonly code: number;
  readonly stderr: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the report's shape is what the tests check
  readonly json: any;
}

async function run(command: string, ...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCliAsync([command, ...argv], { out: (s) => out.push(s), err: (s) => err.push(...s.split('\n')) });
  return { code, stderr: err, json: code === 0 ? JSON.parse(out.join('\n')) : null };
}

const dir = mkdtempSync(path.join(tmpdir(), 'taylor-lab-spectrum-'));
const file = path.join(dir, 'run.json');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  // The run: its explicit Hessian ends 0.2729, 0.3340, 0.9504.
  const saved = await run('network', '--data', 'xor', '--hidden', '5', '--activation', 'softplus', '--steps', '300', '--seed', '11', '--save', file);
  expect(saved.code).toBe(0);
}, 60_000);

describe('taylor-lab spectrum', () => {
  it('is listed in --help', async () => {
    const out: string[] = [];
    expect(await runCliAsync(['spectrum', '--help'], { out: (s) => out.push(s), err: () => {} })).toBe(0);
    expect(out.join('\n')).toBe(USAGE);
    expect(USAGE).toContain('taylor-lab spectrum <run.json>');
  });

  it('prints eigenpairs with residuals, trace ± SE, a density and the exact spectrum of H and G that agree with each other', async () => {
    const r = await run('spectrum', file, '--top', '3', '--bottom', '2', '--trace', '--density', '--exact', '--gauss-newton');
    expect(r.code).toBe(0);
    const s = r.json;
    expect(s).toMatchObject({ format: 'taylor-lab-spectrum/1', widths: [2, 5, 1], activation: 'softplus', parameters: 21, samples: 200 });
    const { eigenpairs, exact } = s;
    expect(eigenpairs.converged).toBe(true);
    [0.9504, 0.334, 0.2729].forEach((v, i) => expectNear(eigenpairs.top[i].value, v, 1e-4, `λ${i + 1}`));
    for (const p of [...eigenpairs.top, ...eigenpairs.bottom]) expect(p.residual).toBeLessThanOrEqual(eigenpairs.tol * eigenpairs.scale);
    eigenpairs.top.forEach((p: { value: number }, i: number) => expectNear(p.value, exact.top[i], 1e-3 * exact.top[0], `top ${i}`));
    eigenpairs.bottom.forEach((p: { value: number }, i: number) => expectNear(p.value, exact.bottom[i], 1e-3 * exact.top[0], `bottom ${i}`));
    expect(s.lambdaMax).toBe(eigenpairs.top[0].value);
    expect(s.lambdaMin).toBe(eigenpairs.bottom[0].value);
    expectRelNear(s.stableLearningRate, 2 / s.lambdaMax, 1e-12, '2/λmax');
    expect(exact.eigenvalues).toHaveLength(21);
    expect([...exact.eigenvalues].sort((a, b) => a - b)).toEqual(exact.eigenvalues);
    expect(Math.abs(s.trace.estimate - exact.trace)).toBeLessThanOrEqual(4 * s.trace.standardError);
    const { grid, density } = s.density;
    const h = grid[1] - grid[0];
    expectNear(density.reduce((sum: number, d: number, k: number) => sum + (k === 0 || k === density.length - 1 ? h / 2 : h) * d, 0), 1, 1e-9, '∫ density');
    expect(s.hvps).toBe(eigenpairs.hvps + s.trace.hvps + s.density.hvps);
    expect(s.gaussNewton.exact.eigenvalues[0]).toBeGreaterThanOrEqual(-1e-12);
    expectNear(s.gaussNewton.top[0].value, s.gaussNewton.exact.top[0], 1e-9, 'G λ1');
  });

  it('by default gives the top 5 and bottom 1 only, and skips the exact spectrum above --exact-max', async () => {
    const r = await run('spectrum', file, '--exact', '--exact-max', '10');
    expect(r.code).toBe(0);
    expect(r.json.eigenpairs.top).toHaveLength(5);
    expect(r.json.eigenpairs.bottom).toHaveLength(1);
    expect(r.json).toMatchObject({ trace: null, density: null, gaussNewton: null, exact: { skipped: 'P = 21 parameters is above the exact limit of 10' } });
  });

  it('reports bad input as a usage error (status 2, one line)', async () => {
    const notRun = path.join(dir, 'other.json');
    writeFileSync(notRun, '{"format": "something-else"}');
    for (const argv of [[path.join(dir, 'missing.json')], [notRun], [file, '--top', '0'], [file, '--top', '20', '--bottom', '5'], [file, '--tol', '2'], [file, file], [file, '--nope', '1']]) {
      const r = await run('spectrum', ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr[0]).toMatch(/^taylor-lab: /);
    }
  });
});

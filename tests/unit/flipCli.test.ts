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

describe('taylor-lab flip', () => {
  it('prints the quartic’s two minima, their flip points 2/f″(x*), the 2-cycles past them and the period-4 onsets', () => {
    const r = run('flip', 'x^4 - 3*x^2 + x');
    expect(r.code).toBe(0);
    expect(r.json.f).toBe('x^4 - 3*x^2 + x');
    expect(r.json.domain).toEqual([-3, 3]);
    expect(r.json.minima).toHaveLength(2);
    const [left, right] = r.json.minima;
    expectNear(left.x, -1.300839565941577, 1e-12, 'left x*');
    expectNear(right.x, 1.1309011226299859, 1e-12, 'right x*');
    for (const m of [left, right]) {
      expectNear(m.d2f, 12 * m.x * m.x - 6, 1e-10, 'f″');
      expectNear(m.flipEta, 2 / m.d2f, 1e-15, 'flip point');
      expect(m.normalForm.supercritical).toBe(true);
      expectNear(m.periodTwo.eta, m.flipEta * 1.001, 1e-15, 'near-flip η');
      expect(m.periodTwo.points[0]).toBeLessThan(m.x);
      expect(m.periodTwo.points[1]).toBeGreaterThan(m.x);
      expect(m.periodTwo.relativeError).toBeLessThan(1e-3);
      expectNear(m.periodFourOnset.multiplier, -1, 1e-9, 'multiplier at the period-4 onset');
    }
    expectNear(left.flipEta, 0.13979949898425775, 1e-12, 'left flip');
    expectNear(right.flipEta, 0.21396671612314616, 1e-12, 'right flip');
    expectNear(right.periodTwo.amplitude, 0.0162396710818, 1e-10, 'right amplitude');
    expectNear(right.periodTwo.predictedAmplitude, 0.0162482235650, 1e-10, 'right predicted amplitude');
    expectNear(right.periodFourOnset.eta, 0.264141755343, 1e-9, 'right period-4 onset');
    expect(r.json.warnings).toBeUndefined();
  });

  it('takes --domain and --offset: only the right minimum in [0, 3], its 2-cycle 10x nearer the flip with a 10x smaller error', () => {
    const near = run('flip', 'x^4 - 3*x^2 + x', '--domain', '0,3');
    const nearer = run('flip', 'x^4 - 3*x^2 + x', '--domain', '0,3', '--offset', '1e-4');
    expect(near.json.minima).toHaveLength(1);
    const ratio = near.json.minima[0].periodTwo.relativeError / nearer.json.minima[0].periodTwo.relativeError;
    expect(ratio).toBeGreaterThan(7);
    expect(ratio).toBeLessThan(14);
  });

  it('says so when there is no minimum, and gives a flat minimum no flip point', () => {
    const none = run('flip', 'x^3', '--domain', '-1,1');
    expect(none.code).toBe(0);
    expect(none.json.minima).toEqual([]);
    expect(none.json.note).toMatch(/no local minimum/);
    const flat = run('flip', 'x^4', '--domain', '-1,1.3');
    expect(flat.json.minima[0].flipEta).toBeNull();
    expect(flat.json.minima[0].note).toMatch(/never flips/);
  });

  it('exits 2 with a message for a bad formula, a y in f, a bad domain or offset, a missing formula', () => {
    const bad = run('flip', 'x^4 - 3*x^2 +');
    expect(bad.code).toBe(2);
    expect(bad.stderr[0]).toMatch(/^taylor-lab: cannot parse f:/);
    expect(bad.stderr.some((line) => line.includes('^'))).toBe(true);
    expect(run('flip', 'x^2 + y').stderr[0]).toMatch(/unknown name 'y'/);
    expect(run('flip', 'x^2', '--domain', '1,0').stderr[0]).toMatch(/xmin < xmax/);
    expect(run('flip', 'x^2', '--domain', '1').code).toBe(2);
    expect(run('flip', 'x^2', '--offset', '0.7').stderr[0]).toMatch(/--offset/);
    expect(run('flip').code).toBe(2);
    expect(run('flip', 'x^2', '--lr', '0.1').stderr[0]).toMatch(/unknown option '--lr'/);
  });

  it('is in the usage text', () => {
    expect(USAGE).toMatch(/taylor-lab flip "<f\(x\)>" \[--domain <xmin>,<xmax>\]/);
  });
});

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

interface Vertex {
  lambda: number;
  x: number;
  stability: string;
  arclength: number;
}

describe('taylor-lab continue', () => {
  it('prints the pitchfork diagram: a BP at (0, 0), the parabola and the axis, with stabilities for dx/dt = −F', () => {
    const r = run('continue', 'x^3 - lambda*x', '--from', '1,1', '--window', '-1,2,-1.5,1.5');
    expect(r.code).toBe(0);
    expect(r.json.dynamics).toBe('gradient');
    expect(r.json.start).toEqual({ lambda: 1, x: 1 });
    expect(r.json.specialPoints).toHaveLength(1);
    expect(r.json.specialPoints[0].type).toBe('BP');
    expectNear(r.json.specialPoints[0].lambda, 0, 1e-10, 'BP λ');
    expect(r.json.branches).toHaveLength(2);
    const axis: Vertex[] = r.json.branches[1].points;
    for (const p of axis) expect(p.stability).toBe(p.x !== 0 ? 'bad' : p.lambda < 0 ? 'stable' : p.lambda > 0 ? 'unstable' : 'neutral');
    const parabola: Vertex[] = r.json.branches[0].points;
    expect(parabola.filter((p) => p.stability !== 'stable').map((p) => p.stability)).toEqual(['neutral']);
    for (let k = 1; k < parabola.length; k++) expect(parabola[k].arclength).toBeGreaterThan(parabola[k - 1].arclength);
  });

  it('uses a preset’s own dynamics by default (the saddle-node λ + x² is Strogatz’s dx/dt = F) and --dynamics overrides it', () => {
    const r = run('continue', 'lambda + x^2', '--from', '-1,1');
    expect(r.code).toBe(0);
    expect(r.json.dynamics).toBe('flow');
    expect(r.json.specialPoints.map((p: { type: string }) => p.type)).toEqual(['LP']);
    const upper = r.json.branches[0].points.filter((p: Vertex) => p.x > 0.01);
    expect(upper.every((p: Vertex) => p.stability === 'unstable')).toBe(true);
    const gradient = run('continue', 'lambda + x^2', '--from', '-1,1', '--dynamics', 'gradient');
    expect(gradient.json.branches[0].points.filter((p: Vertex) => p.x > 0.01).every((p: Vertex) => p.stability === 'stable')).toBe(true);
  });

  it('corrects a start off the curve along x at its λ', () => {
    const r = run('continue', 'x^2 + lambda^2 - 1', '--from', '0.6,0.9', '--window', '-1.5,1.5,-1.5,1.5');
    expect(r.code).toBe(0);
    expectNear(r.json.start.x, 0.8, 1e-14, 'x');
    expect(r.json.start.lambda).toBe(0.6);
    expect(r.json.branches[0].closed).toBe(true);
  });

  it('with mu in F adds the fold curve in (λ, μ) along the cusp 4λ³ = 27μ² and its cusp point CP', () => {
    const r = run('continue', 'x^3 - lambda*x + mu', '--from', '1,1', '--mu', '0.1', '--window', '-1,2,-1.5,1.5');
    expect(r.code).toBe(0);
    expect(r.json.mu).toBe(0.1);
    expect(r.json.specialPoints.map((p: { type: string }) => p.type)).toEqual(['LP']);
    expect(r.json.foldCurves).toHaveLength(1);
    for (const p of r.json.foldCurves[0].points) expect(Math.abs(4 * p.lambda ** 3 - 27 * p.mu ** 2)).toBeLessThanOrEqual(1e-8);
    expect(r.json.foldCurves[0].cusps).toEqual([{ type: 'CP', lambda: expect.closeTo(0, 10), mu: expect.closeTo(0, 10), x: expect.closeTo(0, 10) }]);
  });

  it('exits 2 for a missing --from, a bad --dynamics, --mu without mu in F, a start outside the window and a formula that does not parse', () => {
    expect(run('continue', 'x^3 - lambda*x').code).toBe(2);
    const up = run('continue', 'x^3 - lambda*x', '--from', '1,1', '--dynamics', 'up');
    expect(up.code).toBe(2);
    // The message names every accepted choice, gd-map included.
    expect(up.stderr.join('\n')).toMatch(/gradient .*flow .*gd-map/);
    expect(run('continue', 'x^3 - lambda*x', '--from', '1,1', '--mu', '0.1').code).toBe(2);
    expect(run('continue', 'x^3 - lambda*x', '--from', '5,1', '--window', '-1,2,-1.5,1.5').code).toBe(2);
    const bad = run('continue', 'x^3 - lambda*', '--from', '1,1');
    expect(bad.code).toBe(2);
    expect(bad.stderr[0]).toMatch(/cannot parse F/);
  });

  it('is in the usage text', () => {
    expect(USAGE).toMatch(/taylor-lab continue "<F\(x,lambda\)>" --from/);
  });
});

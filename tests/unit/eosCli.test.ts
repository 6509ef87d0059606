/**
 * `taylor-lab network … --track-sharpness K` (issue 18): λmax with its residual at step 0 and every
 * K steps beside the loss and 2/η, on the edge-of-stability preset's problem; the tfjs-trained run
 * (float32) agrees with the float64 run of the view's worker job at the same steps.
 */
import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../../src/cli/taylorLab';
import { EOS_PRESET, runEdgeOfStability } from '../../src/worker/edgeOfStability';

async function run(...argv: string[]): Promise<{ code: number; stderr: string; json: Record<string, unknown> | null }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCliAsync(['network', ...argv], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, stderr: err.join('\n'), json: code === 0 ? JSON.parse(out.join('\n')) : null };
}

interface Track {
  every: number;
  stabilityLine: number;
  loss: string;
  firstStepAtLine: number | null;
  samples: { step: number; loss: number; lambdaMax: number; residual: number }[];
}

describe('taylor-lab network --track-sharpness', () => {
  it('prints λmax and its residual at steps 0, K, 2K beside the loss and 2/η = 20, as the float64 run has them', async () => {
    const preset = ['--data', 'chebyshev', '--degree', '6', '--hidden', '30,20', '--activation', 'tanh', '--optimizer', 'gd', '--lr', '0.1', '--seed', '2'];
    const r = await run(...preset, '--steps', '200', '--track-sharpness', '100');
    expect(r.code, r.stderr).toBe(0);
    const track = r.json!.sharpness as Track;
    expect(track.every).toBe(100);
    expect(track.stabilityLine).toBe(20);
    expect(track.loss).toContain('½·MSE');
    expect(track.firstStepAtLine).toBeNull();
    expect(track.samples.map((s) => s.step)).toEqual([0, 100, 200]);
    const ref = await runEdgeOfStability({ ...EOS_PRESET, steps: 200, every: 100 });
    track.samples.forEach((s, i) => {
      expect(s.residual).toBeLessThan(1e-4);
      if (i < ref.samples.lambdaMax.length) expect(Math.abs(s.lambdaMax - ref.samples.lambdaMax[i])).toBeLessThan(1e-3);
      if (s.step < 200) expect(Math.abs(s.loss - ref.steps.loss[s.step])).toBeLessThan(1e-5);
    });
  }, 60_000);

  it('rejects a K that is not a whole number >= 1', async () => {
    const r = await run('--data', 'sine', '--steps', '10', '--track-sharpness', '0');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--track-sharpness');
  });
});

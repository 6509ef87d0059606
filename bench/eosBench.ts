/**
 * The GD map's figures for `npm run bench` (issue 18): the bifurcation diagram at its default
 * resolution (bench/gdmapBench.ts, run on import) and the edge-of-stability preset (T₆ on 20 points,
 * tanh 1-30-20-1, full-batch GD η = 0.1 on MSE, float64 as the worker runs it) in steps/s with the
 * sharpness track (λmax by Lanczos every 10 steps) and without it (every step's ΔL predictions
 * and the top-eigenvector component still computed), and the small-initialisation deep linear preset
 * (5-10-10-10-1, GD η = 0.2 on MSE, λmax every 2 steps). Also `npx tsx bench/eosBench.ts`.
 */
import { EOS_DEEP_LINEAR_PRESET, EOS_PRESET, firstCrossing, runEdgeOfStability } from '../src/worker/edgeOfStability';

/** Steps per second of one run of the preset with λmax every `every` steps, and where it crossed 2/η. */
async function stepsPerSecond(every: number, steps: number): Promise<{ rate: number; crossing: number | null; hvps: number }> {
  const t0 = performance.now();
  const run = await runEdgeOfStability({ ...EOS_PRESET, steps, every });
  const seconds = (performance.now() - t0) / 1000;
  return { rate: run.done / seconds, crossing: firstCrossing(run.samples, run.limit), hvps: run.samples.hvps.reduce((a, b) => a + b, 0) };
}

/** Prints the GD-map diagram timing and the edge-of-stability steps/s with and without the sharpness track. */
export async function runEosBench(): Promise<void> {
  await import('./gdmapBench');
  const steps = EOS_PRESET.steps;
  const on = await stepsPerSecond(EOS_PRESET.every, steps);
  const off = await stepsPerSecond(10 * steps, steps);
  console.log(`Edge of stability, preset (T₆, tanh 1-30-20-1, GD η = ${EOS_PRESET.lr} on MSE, ${steps} steps, float64, this process)`);
  console.log(`  with λmax every ${EOS_PRESET.every} steps: ${on.rate.toFixed(0)} steps/s (${on.hvps} HVPs in all; λmax reached 2/η at step ${on.crossing ?? '—'})`);
  console.log(`  without the sharpness track: ${off.rate.toFixed(0)} steps/s (ΔL predictions and the top-eigenvector component every step)`);
  const p = EOS_DEEP_LINEAR_PRESET;
  const t0 = performance.now();
  const deep = await runEdgeOfStability(p);
  const seconds = (performance.now() - t0) / 1000;
  const s = deep.samples.lambdaMax;
  console.log(
    `Edge of stability, deep linear preset (5-10-10-10-1, init N(0, 0.05²), GD η = ${p.lr} on MSE, λmax every ${p.every}): ${p.steps} steps in ${seconds.toFixed(2)} s; ` +
      `λmax ${s[0].toFixed(2)} → ${s[s.length - 1].toFixed(2)}, 0.9·2/η at step ${firstCrossing(deep.samples, deep.limit, 0.9) ?? '—'}`,
  );
}

if (process.argv[1]?.endsWith('eosBench.ts')) void runEosBench();

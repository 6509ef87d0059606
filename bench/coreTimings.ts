/**
 * CPU timings that used to be asserted in unit tests (timing assertions belong here, not in tests
 * on shared machines): order-6 jets on a 20-node tree, and the height-field pick's worst case at
 * n = 512. Run: npx tsx bench/coreTimings.ts (npm run bench runs it too).
 */
import { Vector3 } from 'three';
import { parseExpression } from '../src/core/expr/parser';
import { taylorCoefficients } from '../src/core/jet';
import { pickHeightField } from '../src/scene/pickHeightField';
import { SurfaceTransform } from '../src/scene/SurfaceTransform';
import { paraboloid } from '../tests/unit/sceneFixtures';

/** Mean milliseconds per call of fn over `runs` calls after a warm-up. */
function meanMs(runs: number, fn: (k: number) => void): number {
  for (let k = 0; k < Math.min(50, runs); k++) fn(k);
  const t0 = performance.now();
  for (let k = 0; k < runs; k++) fn(k);
  return (performance.now() - t0) / runs;
}

/** Prints the core timings as lines of text. */
export function coreTimings(): string[] {
  const parsed = parseExpression('exp(-(x^2+y^2))*sin(3*x) + log(1+x^2) + 0.1*y^2 + tanh(x*y)');
  if (!parsed.ok) throw new Error('bench formula must parse');
  const jet = meanMs(500, (k) => taylorCoefficients(parsed.expr, 0.3 + k * 1e-4, 0.8, 6));
  const big = paraboloid(512, { xmin: -2, xmax: 2, ymin: -2, ymax: 2 });
  const tb = SurfaceTransform.fromGrid(big);
  const rays = Array.from({ length: 200 }, (_, k) => {
    const origin = tb.toWorld(-2.5, 0.0001 * k, 4.5, new Vector3());
    return { origin, direction: tb.toWorld(2.5, 0.0001 * k, 4.5, new Vector3()).sub(origin).normalize() };
  });
  const pick = meanMs(200, (k) => pickHeightField(rays[k % rays.length], big, tb));
  return [`jets to order 6, 20-node tree: ${jet.toFixed(3)} ms per point (target < 0.5)`, `height-field pick, worst case at n = 512: ${pick.toFixed(3)} ms per pick (target < 1)`];
}

if (process.argv[1]?.endsWith('coreTimings.ts')) for (const line of coreTimings()) console.log(line);

/**
 * Time of the GD-map bifurcation diagram at its default resolution for the lessons' quartic
 * x⁴ − 3x² + x (and of the flip analysis: minima, 2-cycles, period-4 onsets), on the CPU in float64.
 * Run with `npx tsx bench/gdmapBench.ts`.
 */
import { parseExpression } from '../src/core/expr/parser';
import { DEFAULT_RESOLUTION, gdMapDiagram } from '../src/core/gdmap/diagram';
import { analyzeFlips } from '../src/core/gdmap/flipAnalysis';
import { DEFAULT_SAMPLING } from '../src/core/gdmap/orbitSampling';
import { compileSlope, jetOfExpr } from '../src/core/gdmap/univariateJet';

const FORMULA = 'x^4 - 3*x^2 + x';
const WINDOW = { xMin: -3, xMax: 3 };
const REPEATS = 5;

/** The median of a few timings of fn, in milliseconds. */
function medianMs(fn: () => void): number {
  const times: number[] = [];
  for (let k = 0; k < REPEATS; k++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)];
}

const parsed = parseExpression(FORMULA, ['x']);
if (!parsed.ok) throw new Error(parsed.error.message);
const expr = parsed.expr;
const jet = jetOfExpr(expr);
const slope = compileSlope(expr);
let flips = analyzeFlips(jet, WINDOW);
const flipMs = medianMs(() => {
  flips = analyzeFlips(jet, WINDOW);
});
const minima = flips.map((f) => f.minimum);
let columns = 0;
const diagramMs = medianMs(() => {
  columns = gdMapDiagram(slope, minima, WINDOW).columns.length;
});
const steps = columns * minima.length * (DEFAULT_SAMPLING.transient + DEFAULT_SAMPLING.keep);
console.log(`GD map of ${FORMULA} on [${WINDOW.xMin}, ${WINDOW.xMax}] (median of ${REPEATS})`);
console.log(`  flip analysis (2 minima, 2-cycles, period-4 onsets): ${flipMs.toFixed(1)} ms`);
console.log(
  `  bifurcation diagram, ${DEFAULT_RESOLUTION} η × ${minima.length} starts × ${DEFAULT_SAMPLING.transient + DEFAULT_SAMPLING.keep} steps: ` +
    `${diagramMs.toFixed(1)} ms (${((steps / diagramMs) * 1e-3).toFixed(1)} M steps/s, plus the default-range scan)`,
);

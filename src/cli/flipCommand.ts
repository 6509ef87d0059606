/**
 * `taylor-lab flip`: gradient descent on f(x) as a map with parameter η. For each local minimum x*
 * in the domain: f″(x*), the flip point η = 2/f″(x*), the 2-cycle just past it against the
 * normal-form amplitude, and the period-4 onset. Float64 jets, no tfjs.
 */
import { analyzeFlips, type MinimumFlip } from '../core/gdmap/flipAnalysis';
import { jetOfExpr } from '../core/gdmap/univariateJet';
import type { ParsedArgs } from './cliArgs';
import { CliError, parseFormula, parseNumber, parseNumberList } from './cliArgs';
import type { ReportValue } from './jsonOutput';

/** Valued options of `flip`. */
export const FLIP_OPTIONS = ['domain', 'offset'] as const;

/** Window searched for minima when `--domain` is not given. */
const DEFAULT_DOMAIN: readonly [number, number] = [-3, 3];
/** The near-flip 2-cycle is solved at η_flip (1 ± offset) when `--offset` is not given. */
const DEFAULT_OFFSET = 1e-3;

/** Runs `flip` on parsed arguments: the report of every local minimum's flip. */
export function flipCommand(args: ParsedArgs): ReportValue {
  if (args.positionals.length !== 1) throw new CliError('flip takes exactly one formula f(x) (quote it)');
  const text = args.positionals[0];
  const expr = parseFormula(text, ['x']);
  const [xMin, xMax] = parseDomain(args.values.get('domain'));
  const offset = parseOffset(args.values.get('offset'));
  const flips = analyzeFlips(jetOfExpr(expr), { xMin, xMax }, offset);
  return {
    f: text,
    domain: [xMin, xMax],
    offset,
    minima: flips.map(minimumReport),
    ...(flips.length === 0 ? { note: `f′ does not go from negative to positive anywhere in [${xMin}, ${xMax}]: no local minimum, nothing to flip` } : {}),
  };
}

/** `--domain a,b`: two numbers, a < b. */
function parseDomain(text: string | undefined): [number, number] {
  if (text === undefined) return [DEFAULT_DOMAIN[0], DEFAULT_DOMAIN[1]];
  const v = parseNumberList(text, '--domain');
  if (v.length !== 2) throw new CliError(`--domain takes two numbers xmin,xmax, got ${v.length}`);
  if (!(v[0] < v[1])) throw new CliError(`--domain needs xmin < xmax, got '${text}'`);
  return [v[0], v[1]];
}

/** `--offset r`: 0 < r < 0.5, the relative distance of the near-flip orbit from the flip. */
function parseOffset(text: string | undefined): number {
  if (text === undefined) return DEFAULT_OFFSET;
  const value = parseNumber(text, '--offset');
  if (!(value > 0 && value < 0.5)) throw new CliError(`--offset must lie in (0, 0.5), got '${text}'`);
  return value;
}

/** One minimum's part of the report. */
function minimumReport(flip: MinimumFlip): ReportValue {
  const { minimum: m, normalForm: nf, nearFlip, periodFour } = flip;
  const base = { x: m.x, f: m.f, d2f: m.f2, d3f: m.f3, d4f: m.f4 };
  if (nf === null) return { ...base, flipEta: null, note: 'f″(x*) = 0: a flat minimum never flips (g′(x*) = 1 for every η)' };
  return {
    ...base,
    flipEta: m.flipEta,
    normalForm: { b: nf.quadratic, c: nf.cubic, 'b^2+c': nf.coefficient, supercritical: nf.supercritical },
    periodTwo: nearFlip && {
      eta: nearFlip.orbit.eta,
      points: [...nearFlip.orbit.points],
      amplitude: nearFlip.orbit.amplitude,
      predictedAmplitude: nearFlip.predictedAmplitude,
      relativeError: nearFlip.relativeError,
      multiplier: nearFlip.orbit.multiplier,
    },
    periodFourOnset: periodFour && { eta: periodFour.eta, points: [...periodFour.points], multiplier: periodFour.multiplier },
  };
}

/**
 * `taylor-lab continue`: the bifurcation diagram of F(x, λ) = 0 by pseudo-arclength continuation
 * from a start point (corrected onto F = 0), both ways to the window's edges or around a closed
 * curve, with its folds (LP) and branch points (BP) located to 1e-10, the other branches followed
 * out of every BP, each point's stability for the chosen dynamics, and with an unfolding parameter
 * μ in F the fold curve in (λ, μ). Float64 jets, no tfjs. Layout: docs/formats/continuation.md.
 */
import { bifurcationDiagram } from '../core/continuation/bifurcationDiagram';
import type { BifurcationDiagram, ContinuedBranch } from '../core/continuation/bifurcationDiagram';
import { DYNAMICS_LABEL, parseDynamics } from '../core/continuation/dynamics';
import type { Dynamics } from '../core/continuation/dynamics';
import { foldCurvesThrough, parseUnfolding, unfoldingAt } from '../core/continuation/foldCurve';
import type { FoldCurve } from '../core/continuation/foldCurve';
import type { Trivariate } from '../core/continuation/trivariate';
import { formatParseError } from '../core/expr/parser';
import { IMPLICIT_PRESETS } from '../core/implicit/presets';
import type { ImplicitWindow, LambdaX } from '../core/implicit/types';
import type { ParsedArgs } from './cliArgs';
import { CliError, parseNumber, parseNumberList } from './cliArgs';
import type { ReportValue } from './jsonOutput';

/** Valued options of `continue`. */
export const CONTINUE_OPTIONS = ['from', 'window', 'mu', 'mu-range', 'dynamics', 'max-branches'] as const;
/** Boolean flags of `continue`. */
export const CONTINUE_FLAGS = ['no-switch'] as const;

/** Half-width of the default window around the start, in λ and in x. */
const DEFAULT_HALF_WIDTH = 2;

/** Runs `continue` on parsed arguments: the diagram report. */
export function continueCommand(args: ParsedArgs): ReportValue {
  if (args.positionals.length !== 1) throw new CliError('continue takes exactly one formula F(x, lambda) (quote it)');
  const text = args.positionals[0];
  const F = parseFormula(text);
  const fromText = args.values.get('from');
  if (fromText === undefined) throw new CliError('continue needs --from lambda,x (lambda first)');
  const start = pairOf(fromText, '--from');
  const window = windowOf(args.values.get('window'), start);
  const usesMu = F.third.size > 0;
  const mu = args.values.has('mu') ? parseNumber(args.values.get('mu') as string, '--mu') : 0;
  if (!usesMu && (args.values.has('mu') || args.values.has('mu-range'))) throw new CliError('--mu is given but F does not use mu (write mu or μ in F)');
  const dynamics = dynamicsOf(args.values.get('dynamics'), text);
  const maxBranches = args.values.has('max-branches') ? Math.round(parseNumber(args.values.get('max-branches') as string, '--max-branches')) : 8;
  const diagram = bifurcationDiagram(unfoldingAt(F, mu), start, { window, dynamics, switchBranches: !args.flags.has('no-switch'), maxBranches });
  if (!diagram) throw new CliError(`no branch of F = 0 near (lambda, x) = (${start.lambda}, ${start.x}): Newton from there does not converge`);
  return {
    F: text,
    dynamics,
    equation: DYNAMICS_LABEL[dynamics],
    ...(usesMu ? { mu } : {}),
    window: { ...window },
    start: startReport(diagram),
    branches: diagram.branches.map(branchReport),
    specialPoints: diagram.specialPoints.map((p) => ({ type: p.type, lambda: p.lambda, x: p.x, branch: p.branch })),
    ...(usesMu ? { foldCurves: foldCurves(F, diagram, mu, window, muRange(args.values.get('mu-range'), mu)).map(foldReport) } : {}),
  };
}

/** F(x, λ, μ) with λ written lambda or λ and μ written mu or μ, or a CliError with the caret lines. */
function parseFormula(text: string): Trivariate {
  const result = parseUnfolding(text);
  if (result.ok) return result.value;
  const [message, ...caretLines] = formatParseError(text, result.error).split('\n');
  throw new CliError(`cannot parse F(x, lambda): ${message}`, caretLines.map((line) => `  ${line}`));
}

/** `lambda,x`: two numbers, λ first as in the (λ, x) diagram. */
function pairOf(text: string, option: string): LambdaX {
  const v = parseNumberList(text, option);
  if (v.length !== 2) throw new CliError(`${option} takes two numbers lambda,x (lambda first), got ${v.length}`);
  return { lambda: v[0], x: v[1] };
}

/** `--window lmin,lmax,xmin,xmax`, by default ±2 around the start in both λ and x. */
function windowOf(text: string | undefined, start: LambdaX): ImplicitWindow {
  if (text === undefined) {
    const h = DEFAULT_HALF_WIDTH;
    return { lambdaMin: start.lambda - h, lambdaMax: start.lambda + h, xMin: start.x - h, xMax: start.x + h };
  }
  const v = parseNumberList(text, '--window');
  if (v.length !== 4) throw new CliError(`--window takes four numbers lambdamin,lambdamax,xmin,xmax, got ${v.length}`);
  const w = { lambdaMin: v[0], lambdaMax: v[1], xMin: v[2], xMax: v[3] };
  if (!(w.lambdaMin < w.lambdaMax && w.xMin < w.xMax)) throw new CliError(`--window needs lambdamin < lambdamax and xmin < xmax, got '${text}'`);
  if (!(start.lambda >= w.lambdaMin && start.lambda <= w.lambdaMax && start.x >= w.xMin && start.x <= w.xMax)) {
    throw new CliError(`--from (${start.lambda}, ${start.x}) is outside the window '${text}'`);
  }
  return w;
}

/** `--dynamics gradient|flow|gd-map`; by default a preset's own convention, else the gradient one (dx/dt = -F). */
function dynamicsOf(text: string | undefined, formula: string): Dynamics {
  if (text === undefined) {
    const compact = (s: string) => s.replace(/\s+/g, '');
    return IMPLICIT_PRESETS.find((p) => compact(p.formula) === compact(formula))?.dynamics ?? 'gradient';
  }
  const dynamics = parseDynamics(text);
  if (!dynamics) throw new CliError(`--dynamics must be gradient (dx/dt = -F), flow (dx/dt = F) or gd-map (x <- x - lambda F), got '${text}'`);
  return dynamics;
}

/** `--mu-range mumin,mumax`, by default μ0 ± max(1, |μ0|). */
function muRange(text: string | undefined, mu: number): [number, number] {
  if (text === undefined) return [mu - Math.max(1, Math.abs(mu)), mu + Math.max(1, Math.abs(mu))];
  const v = parseNumberList(text, '--mu-range');
  if (v.length !== 2 || !(v[0] <= mu && mu <= v[1] && v[0] < v[1])) throw new CliError(`--mu-range takes mumin,mumax around --mu, got '${text}'`);
  return [v[0], v[1]];
}

/** The corrected start: the point at arclength 0 of the first branch. */
function startReport(diagram: BifurcationDiagram): ReportValue {
  const p = diagram.branches[0].points.find((v) => v.arclength === 0) ?? diagram.branches[0].points[0];
  return { lambda: p.lambda, x: p.x };
}

function branchReport(branch: ContinuedBranch): ReportValue {
  return {
    closed: branch.closed,
    points: branch.points.map((p) => ({
      lambda: p.lambda,
      x: p.x,
      stability: p.special ? 'neutral' : p.stable ? 'stable' : 'unstable',
      arclength: p.arclength,
    })),
  };
}

/** The fold curves through the diagram's LP and BP at μ, in the window and μ range. */
function foldCurves(F: Trivariate, diagram: BifurcationDiagram, mu: number, w: ImplicitWindow, [muMin, muMax]: [number, number]): FoldCurve[] {
  const starts = diagram.specialPoints.map((p): [number, number, number] => [p.x, p.lambda, mu]);
  return foldCurvesThrough(F, starts, { ...w, muMin, muMax });
}

function foldReport(curve: FoldCurve): ReportValue {
  return {
    closed: curve.closed,
    points: curve.points.map((p) => ({ lambda: p.lambda, mu: p.mu, x: p.x, arclength: p.arclength })),
    cusps: curve.cusps.map((c) => ({ type: 'CP', lambda: c.lambda, mu: c.mu, x: c.x })),
  };
}

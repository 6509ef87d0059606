/**
 * `taylor-lab implicit`: the branch x(λ) of F(x, λ) = 0 through a point by implicit
 * differentiation (derivatives, series coefficients, trusted radius), or with `--singular` the
 * points of a window where ∂F/∂x = 0 and the implicit function theorem fails. Float64, no tfjs.
 */
import type { Expr } from '../core/expr/ast';
import { formatParseError } from '../core/expr/parser';
import { branchSeries, MAX_BRANCH_ORDER } from '../core/implicit/branchSeries';
import { projectOntoBranch, trustedRadius } from '../core/implicit/branchContinuation';
import { parseImplicit } from '../core/implicit/presets';
import { findSingularPoints } from '../core/implicit/singularPoints';
import type { ImplicitWindow, LambdaX } from '../core/implicit/types';
import type { ParsedArgs } from './cliArgs';
import { CliError, parseIntegerInRange, parseNumber, parseNumberList } from './cliArgs';
import type { ReportValue } from './jsonOutput';

/** Valued options of `implicit`. */
export const IMPLICIT_OPTIONS = ['at', 'order', 'tol', 'radius', 'domain'] as const;
/** Boolean flags of `implicit`. */
export const IMPLICIT_FLAGS = ['singular'] as const;

/** Order when `--order` is not given: slope and curvature of the branch. */
const DEFAULT_ORDER = 2;
/** Relative tolerance of the trusted radius when `--tol` is not given. */
const DEFAULT_TOL = 1e-3;
/** Largest |h| the trusted radius looks at when `--radius` is not given. */
const DEFAULT_RADIUS = 1;
/** |F| at or below this times (1 + |x|) counts as on the curve: no projection. */
const ON_CURVE = 1e-12;

/** Runs `implicit` on parsed arguments: the branch report, or the singular points with --singular. */
export function implicitCommand(args: ParsedArgs): ReportValue {
  if (args.positionals.length !== 1) throw new CliError('implicit takes exactly one formula F(x, lambda) (quote it)');
  const text = args.positionals[0];
  const F = parseImplicitFormula(text);
  if (args.flags.has('singular')) return singularReport(F, args);
  const atText = args.values.get('at');
  if (atText === undefined) throw new CliError('implicit needs --at lambda,x (or --singular --domain ...)');
  const at = parsePoint(atText);
  const order = args.values.has('order')
    ? parseIntegerInRange(args.values.get('order') as string, '--order', 1, MAX_BRANCH_ORDER, 'for the branch x(lambda)')
    : DEFAULT_ORDER;
  const tol = positiveOption(args, 'tol', DEFAULT_TOL);
  const radius = positiveOption(args, 'radius', DEFAULT_RADIUS);
  const { point, note } = ontoCurve(F, at);
  const series = branchSeries(F, point, order);
  if (!(Math.abs(series.Fx) > 1e-12 * Math.max(1, Math.abs(series.Flambda))) || !series.regular) {
    throw new CliError(
      `dF/dx = 0 at (lambda, x) = (${point.lambda}, ${point.x}): x(lambda) is not a function here (the implicit function theorem fails; see --singular)`,
    );
  }
  return {
    F: text,
    at: { lambda: point.lambda, x: point.x },
    ...(note === null ? {} : { projected: note }),
    Fx: series.Fx,
    Flambda: series.Flambda,
    derivatives: series.derivatives,
    coefficients: series.coefficients,
    trustedRadius: trustedRadius(F, point, order, tol, radius),
    tol,
  };
}

/** F(x, λ) with λ written lambda or λ, or a CliError with the caret lines. */
function parseImplicitFormula(text: string): Expr {
  const result = parseImplicit(text);
  if (result.ok) return result.expr;
  const [message, ...caretLines] = formatParseError(text, result.error).split('\n');
  throw new CliError(`cannot parse F(x, lambda): ${message}`, caretLines.map((line) => `  ${line}`));
}

/** `--at lambda,x`: two numbers, λ first as in the (λ, x) diagram. */
function parsePoint(text: string): LambdaX {
  const values = parseNumberList(text, '--at');
  if (values.length !== 2) throw new CliError(`--at takes two numbers lambda,x (lambda first), got ${values.length}`);
  return { lambda: values[0], x: values[1] };
}

function positiveOption(args: ParsedArgs, name: string, fallback: number): number {
  const text = args.values.get(name);
  if (text === undefined) return fallback;
  const value = parseNumber(text, `--${name}`);
  if (!(value > 0)) throw new CliError(`--${name} must be positive, got '${text}'`);
  return value;
}

/** The point itself when F = 0 there, else its projection along x onto the curve with a note saying so. */
function ontoCurve(F: Expr, at: LambdaX): { point: LambdaX; note: string | null } {
  const value = branchSeries(F, at, 0).F;
  if (!Number.isFinite(value)) throw new CliError(`F is undefined at (lambda, x) = (${at.lambda}, ${at.x})`);
  if (Math.abs(value) <= ON_CURVE * (1 + Math.abs(at.x))) return { point: at, note: null };
  const point = projectOntoBranch(F, at);
  if (!point) {
    throw new CliError(`F(${at.x}, ${at.lambda}) = ${value} is not 0 and Newton in x at lambda = ${at.lambda} finds no branch nearby`);
  }
  return { point, note: `F = ${value} at x = ${at.x}, not 0: moved to x = ${point.x} on the branch (Newton in x at this lambda)` };
}

/** `--singular --domain lmin,lmax,xmin,xmax`: the list of singular points. */
function singularReport(F: Expr, args: ParsedArgs): ReportValue[] {
  const text = args.values.get('domain');
  if (text === undefined) throw new CliError('implicit --singular needs --domain lambdamin,lambdamax,xmin,xmax');
  const v = parseNumberList(text, '--domain');
  if (v.length !== 4) throw new CliError(`--domain takes four numbers lambdamin,lambdamax,xmin,xmax, got ${v.length}`);
  const w: ImplicitWindow = { lambdaMin: v[0], lambdaMax: v[1], xMin: v[2], xMax: v[3] };
  if (!(w.lambdaMin < w.lambdaMax && w.xMin < w.xMax)) throw new CliError(`--domain needs lambdamin < lambdamax and xmin < xmax, got '${text}'`);
  return findSingularPoints(F, w).map((p) => ({
    lambda: p.lambda,
    x: p.x,
    Flambda: p.Flambda,
    Fxx: p.Fxx,
    kind: p.kind,
    label: p.label,
  }));
}

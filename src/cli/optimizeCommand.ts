/**
 * `taylor-lab optimize`: without --method on a 1D f, the lesson's race — gradient descent (follows
 * the first-order model) against Newton's method (jumps to the stationary point of the second-order
 * model) from the same start, with how many steps each needs to bring |f'| under a tolerance. With
 * --method (or a 2D start --from x,y) one run of any method, its iterates and why it stopped.
 */
import { gradientDescent1D, newton1D } from '../core/optimizers';
import { taylorCoefficients } from '../core/jet';
import { formulaLandscape } from '../core/landscape/formulaLandscape';
import { lrMarks } from '../core/optimizers/rates';
import { runOptimizer } from '../core/optimizers/runOptimizer';
import { paramProblem } from '../core/optimizers/stepOnce';
import type { OptimizerMethod, OptimizerParams, OptimizerRun, ParamName } from '../core/optimizers/types';
import { METHOD_PARAMS, OPTIMIZER_METHODS } from '../core/optimizers/types';
import type { Expr } from '../core/expr/ast';
import type { ParsedArgs } from './cliArgs';
import { CliError, parseFormula, parseIntegerInRange, parseNumber, parseNumberList } from './cliArgs';
import type { ReportValue } from './jsonOutput';

/** Hyperparameter options, named as the core names them. */
const PARAM_OPTIONS: readonly ParamName[] = ['lr', 'beta', 'mu', 'beta1', 'beta2', 'eps'];

/** Valued options of `optimize`. */
export const OPTIMIZE_OPTIONS = ['from', 'steps', 'tol', 'method', ...PARAM_OPTIONS] as const;

/** Runs `optimize` on parsed arguments; throws CliError for bad input. */
export function optimizeCommand(args: ParsedArgs): ReportValue {
  if (args.positionals.length !== 1) throw new CliError('optimize takes exactly one formula (quote it): of x with --from x0, of x and y with --from x,y');
  const fromText = args.values.get('from');
  if (fromText === undefined) throw new CliError('optimize needs --from <x0> (1D) or --from <x0>,<y0> (2D)');
  const from = parseNumberList(fromText, '--from');
  if (from.length > 2) throw new CliError(`--from takes one number (1D) or two, x,y (2D), got ${from.length}`);
  const methodText = args.values.get('method');
  const method = methodText === undefined ? 'gd' : parseMethod(methodText);
  const params = parseParams(args, method, methodText === undefined);
  const steps = parseIntegerInRange(args.values.get('steps') ?? '1000', '--steps', 1, 100000, 'a step budget');
  const tol = parseNumber(args.values.get('tol') ?? '1e-9', '--tol');
  if (!(tol > 0)) throw new CliError('--tol must be positive');
  const expr = parseFormulaFor(args.positionals[0], from.length);
  if (methodText === undefined && from.length === 1) return raceReport(args.positionals[0], expr, from[0], params.lr ?? 0.01, steps, tol);
  const run = runOptimizer(formulaLandscape(expr, args.positionals[0]), { method, params, from, maxSteps: steps, tol });
  return runReport(args.positionals[0], run, tol);
}

/** The formula over x (a 1D start) or x and y; the hint about y names --from, not expand's --at. */
function parseFormulaFor(text: string, dimension: number): Expr {
  try {
    return parseFormula(text, dimension === 1 ? ['x'] : ['x', 'y']);
  } catch (e) {
    if (!(e instanceof CliError) || !/unknown name 'y'/.test(e.message)) throw e;
    const detail = e.detail.filter((line) => !line.includes('--at'));
    throw new CliError(e.message, [...detail, '  (one number after --from means a function of x alone; write --from x,y for f(x, y))']);
  }
}

/** One of the method names, or a CliError listing them. */
function parseMethod(text: string): OptimizerMethod {
  const method = OPTIMIZER_METHODS.find((m) => m === text);
  if (method === undefined) throw new CliError(`unknown --method '${text}': expected ${OPTIMIZER_METHODS.join(', ')}`);
  return method;
}

/**
 * The hyperparameters given on the command line, each checked: a number, meant for this method,
 * in its range. The race (no --method) takes --lr only.
 */
function parseParams(args: ParsedArgs, method: OptimizerMethod, race: boolean): OptimizerParams {
  const params: Partial<Record<ParamName, number>> = {};
  const accepted = METHOD_PARAMS[method];
  for (const name of PARAM_OPTIONS) {
    const text = args.values.get(name);
    if (text === undefined) continue;
    if (!accepted.includes(name)) {
      const takes = accepted.length === 0 ? 'no hyperparameters' : accepted.map((n) => `--${n}`).join(', ');
      const which = race ? 'the GD-vs-Newton race (no --method)' : `--method ${method}`;
      throw new CliError(`--${name} does not apply to ${which}, which takes ${takes}`);
    }
    params[name] = parseNumber(text, `--${name}`);
  }
  const problem = paramProblem({ method, params, from: [0, 0] });
  if (problem !== null) throw new CliError(`--${problem}`);
  return params;
}

/** One run as JSON: iterates as [x, y, f], the stop reason and message, the end point, the η marks at the start. */
function runReport(formula: string, run: OptimizerRun, tol: number): ReportValue {
  const start = run.iterates[0];
  const marks = lrMarks(start, run.dimension);
  const report: Record<string, ReportValue> = {
    formula,
    method: run.method,
    params: { ...run.params },
    dimension: run.dimension,
    from: run.dimension === 1 ? [run.from[0]] : [...run.from],
    tolerance: tol,
    iterates: run.iterates.map((it) => [it.x, it.y, it.f]),
    stop: { reason: run.stop.reason, message: run.stop.message },
    steps: run.steps,
    final: { x: run.final.x, y: run.final.y, f: run.final.f, grad: [run.final.gx, run.final.gy] },
    start: { eigenvalues: [...start.model.eigenvalues], oneOverLambdaMax: marks.inverse, twoOverLambdaMax: marks.stabilityLimit },
  };
  if (run.method === 'newton' || run.method === 'damped-newton') {
    // What each iterate's quadratic model has at its stationary point: minimum, saddle, maximum or singular.
    report.modelTargets = run.iterates.map((it) => (it.model.kind === 'quadratic' ? it.model.stationaryType : 'none'));
  }
  return report;
}

/** The lesson's 1D race, unchanged: GD with η against Newton from x0. */
function raceReport(formula: string, expr: Expr, x0: number, lr: number, steps: number, tol: number): ReportValue {
  // f' and f'' from the same float64 jets as every other number of the lab.
  const df = (x: number) => taylorCoefficients(expr, x, 0, 1)[1];
  const d2f = (x: number) => 2 * taylorCoefficients(expr, x, 0, 2)[3];
  const report = (iterates: number[]) => {
    const reached = iterates.findIndex((x) => Math.abs(df(x)) <= tol);
    const end = iterates[reached >= 0 ? reached : iterates.length - 1];
    return { stepsToTolerance: reached >= 0 ? reached : null, x: end, gradient: df(end), curvature: d2f(end), firstIterates: iterates.slice(0, 8) };
  };
  return {
    formula,
    from: x0,
    tolerance: tol,
    gradientDescent: { lr, ...report(gradientDescent1D(df, x0, lr, steps)) },
    newton: report(newton1D(df, d2f, x0, Math.min(steps, 100))),
  };
}

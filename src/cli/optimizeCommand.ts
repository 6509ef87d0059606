/**
 * `taylor-lab optimize`: the lesson's race on a 1D f — gradient descent (follows the first-order
 * model) against Newton's method (jumps to the stationary point of the second-order model) from the
 * same start, with how many steps each needs to bring |f'| under a tolerance.
 */
import { gradientDescent1D, newton1D } from '../core/optimizers';
import { taylorCoefficients } from '../core/jet';
import type { ParsedArgs } from './cliArgs';
import { CliError, parseFormula, parseIntegerInRange, parseNumber } from './cliArgs';
import type { ReportValue } from './jsonOutput';

/** Valued options of `optimize`. */
export const OPTIMIZE_OPTIONS = ['from', 'lr', 'steps', 'tol'] as const;

/** Runs `optimize` on parsed arguments; throws CliError for bad input. */
export function optimizeCommand(args: ParsedArgs): ReportValue {
  if (args.positionals.length !== 1) throw new CliError('optimize takes exactly one formula of x (quote it)');
  const expr = parseFormula(args.positionals[0], ['x']);
  const fromText = args.values.get('from');
  if (fromText === undefined) throw new CliError('optimize needs --from <x0>');
  const x0 = parseNumber(fromText, '--from');
  const lr = parseNumber(args.values.get('lr') ?? '0.01', '--lr');
  if (!(lr > 0)) throw new CliError('--lr must be positive');
  const steps = parseIntegerInRange(args.values.get('steps') ?? '1000', '--steps', 1, 100000, 'a step budget');
  const tol = parseNumber(args.values.get('tol') ?? '1e-9', '--tol');
  if (!(tol > 0)) throw new CliError('--tol must be positive');
  // f' and f'' from the same float64 jets as every other number of the lab.
  const df = (x: number) => taylorCoefficients(expr, x, 0, 1)[1];
  const d2f = (x: number) => 2 * taylorCoefficients(expr, x, 0, 2)[3];
  const report = (iterates: number[]) => {
    const reached = iterates.findIndex((x) => Math.abs(df(x)) <= tol);
    const end = iterates[reached >= 0 ? reached : iterates.length - 1];
    return { stepsToTolerance: reached >= 0 ? reached : null, x: end, gradient: df(end), curvature: d2f(end), firstIterates: iterates.slice(0, 8) };
  };
  return {
    formula: args.positionals[0],
    from: x0,
    tolerance: tol,
    gradientDescent: { lr, ...report(gradientDescent1D(df, x0, lr, steps)) },
    newton: report(newton1D(df, d2f, x0, Math.min(steps, 100))),
  };
}

/**
 * `taylor-lab critical`: the critical points of f(x, y) in a domain, by damped Newton seeded from a
 * CPU grid of f and its derivatives (float64 jets, no tfjs).
 */
import type { Expr } from '../core/expr/ast';
import { findCriticalPoints, seedsFromGrid } from '../core/criticalPoints';
import { pointDerivatives } from '../core/jet';
import type { Domain, GridField } from '../core/types';
import type { ParsedArgs } from './cliArgs';
import { CliError, parseFormula, parseNumberList } from './cliArgs';
import type { ReportValue } from './jsonOutput';

/** Grid points per side for the seeds: fine enough to separate basins a few hundredths of the domain apart. */
export const CRITICAL_GRID_SIZE = 128;
/** Valued options of `critical`. */
export const CRITICAL_OPTIONS = ['domain'] as const;

/** Runs `critical` on parsed arguments: a list of {x, y, f, class, eigenvalues}; throws CliError for bad input. */
export function criticalCommand(args: ParsedArgs): ReportValue[] {
  if (args.positionals.length !== 1) throw new CliError('critical takes exactly one formula (quote it)');
  const domainText = args.values.get('domain');
  if (domainText === undefined) throw new CliError('critical needs --domain xmin,xmax,ymin,ymax');
  const domain = parseDomain(domainText);
  const expr = parseFormula(args.positionals[0], ['x', 'y']);
  const derivsAt = (x: number, y: number) => pointDerivatives(expr, x, y);
  const seeds = seedsFromGrid(sampleGrid(expr, domain, CRITICAL_GRID_SIZE));
  return findCriticalPoints(derivsAt, domain, seeds).map((p) => ({
    x: p.x,
    y: p.y,
    f: p.derivs.f,
    class: p.cls,
    eigenvalues: [p.eigen.lambda1, p.eigen.lambda2],
  }));
}

/** Four numbers xmin,xmax,ymin,ymax with xmin < xmax and ymin < ymax. */
function parseDomain(text: string): Domain {
  const values = parseNumberList(text, '--domain');
  if (values.length !== 4) throw new CliError(`--domain takes four numbers xmin,xmax,ymin,ymax, got ${values.length}`);
  const [xmin, xmax, ymin, ymax] = values;
  if (!(xmin < xmax && ymin < ymax)) throw new CliError(`--domain needs xmin < xmax and ymin < ymax, got '${text}'`);
  return { xmin, xmax, ymin, ymax };
}

/** f, gradient and Hessian on an n x n grid over the domain, in the GridField layout (x fastest). */
export function sampleGrid(expr: Expr, domain: Domain, n: number): GridField {
  const fields = ['f', 'gx', 'gy', 'hxx', 'hxy', 'hyy'] as const;
  const arrays = Object.fromEntries(fields.map((name) => [name, new Float32Array(n * n)])) as Record<
    (typeof fields)[number],
    Float32Array
  >;
  for (let j = 0; j < n; j++) {
    const y = domain.ymin + (j * (domain.ymax - domain.ymin)) / (n - 1);
    for (let i = 0; i < n; i++) {
      const x = domain.xmin + (i * (domain.xmax - domain.xmin)) / (n - 1);
      const d = pointDerivatives(expr, x, y);
      for (const name of fields) arrays[name][j * n + i] = d[name];
    }
  }
  return { n, domain, ...arrays };
}

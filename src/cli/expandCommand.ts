/**
 * `taylor-lab expand`: value, derivatives, curvature and Taylor coefficients of f at one point, and
 * optionally the Taylor polynomials at chosen points (`--eval`) and the error-vs-step table (`--steps`).
 */
import type { Expr } from '../core/expr/ast';
import { exprToString } from '../core/expr/print';
import { classifyPoint, conditionNumber, stableStep } from '../core/classify';
import { symmetricEigen2 } from '../core/eigen2';
import { evaluateExpr, partialDerivative, pointDerivatives, taylorCoefficients } from '../core/jet';
import { coefficientIndex, MAX_ORDER_1D, MAX_ORDER_2D } from '../core/taylorLayout';
import { evaluateTaylor, evaluateTaylor1D } from '../core/taylorPolynomial';
import type { ParsedArgs } from './cliArgs';
import { CliError, parseEvalPoints, parseFormula, parseIntegerInRange, parseNumberList } from './cliArgs';
import type { ReportValue } from './jsonOutput';
import { stepTable } from './stepTable';

/** Order used when `--order` is not given: enough for gradient and curvature. */
export const DEFAULT_ORDER = 2;
/** Valued options of `expand`. */
export const EXPAND_OPTIONS = ['at', 'order', 'eval'] as const;
/** Boolean flags of `expand`. */
export const EXPAND_FLAGS = ['steps'] as const;

/** A checked `expand` command line. */
interface ExpandRequest {
  readonly expr: Expr;
  readonly dimension: 1 | 2;
  /** (x0, y0); y0 is 0 and unused in 1D. */
  readonly point: readonly [number, number];
  readonly order: number;
  readonly evalPoints: number[][] | null;
  readonly steps: boolean;
}

/** Runs `expand` on parsed arguments and returns its report; throws CliError for bad input. */
export function expandCommand(args: ParsedArgs): Record<string, ReportValue> {
  const req = checkExpandArgs(args);
  const [x0, y0] = req.point;
  // Gradient and Hessian need order 2 even when fewer coefficients are printed; higher terms are ignored below.
  const coeffs = taylorCoefficients(req.expr, x0, y0, Math.max(req.order, 2));
  const head: Record<string, ReportValue> = {
    formula: exprToString(req.expr),
    dimension: req.dimension,
    point: req.dimension === 1 ? { x: x0 } : { x: x0, y: y0 },
    order: req.order,
  };
  const body = req.dimension === 1 ? pointReport1D(req, coeffs) : pointReport2D(req, coeffs);
  const report: Record<string, ReportValue> = { ...head, ...body };
  if (req.evalPoints) report.eval = evalTable(req, coeffs, req.evalPoints);
  if (req.steps) {
    const direction = stepDirection(req);
    const table = stepTable(req.expr, req.point, direction, coeffs, req.order);
    report.steps = { direction: req.dimension === 1 ? [direction[0]] : [...direction], ...table };
  }
  return report;
}

/** Checks the positional formula and the options, in the order that decides how to read the next. */
function checkExpandArgs(args: ParsedArgs): ExpandRequest {
  if (args.positionals.length !== 1) {
    const got = args.positionals.length === 0 ? 'none' : args.positionals.map((p) => `'${p}'`).join(', ');
    throw new CliError(`expand takes exactly one formula (quote it), got ${got}`);
  }
  const atText = args.values.get('at');
  if (atText === undefined) throw new CliError('expand needs --at x (1D) or --at x,y (2D)');
  const at = parseNumberList(atText, '--at');
  if (at.length > 2) throw new CliError(`--at takes one number (1D) or two (2D), got ${at.length}`);
  const dimension = at.length === 1 ? 1 : 2;
  const maxOrder = dimension === 1 ? MAX_ORDER_1D : MAX_ORDER_2D;
  const orderText = args.values.get('order');
  const order =
    orderText === undefined ? DEFAULT_ORDER : parseIntegerInRange(orderText, '--order', 0, maxOrder, `in ${dimension}D`);
  const expr = parseFormula(args.positionals[0], dimension === 1 ? ['x'] : ['x', 'y']);
  const evalText = args.values.get('eval');
  const evalPoints = evalText === undefined ? null : parseEvalPoints(evalText, dimension);
  return { expr, dimension, point: [at[0], at[1] ?? 0], order, evalPoints, steps: args.flags.has('steps') };
}

/** Gradient, Hessian, its eigen-decomposition and the point's type, for f(x, y). */
function pointReport2D(req: ExpandRequest, coeffs: Float64Array): Record<string, ReportValue> {
  const d = pointDerivatives(req.expr, req.point[0], req.point[1]);
  const e = symmetricEigen2(d.hxx, d.hxy, d.hyy);
  const coefficients: ReportValue[] = [];
  for (let degree = 0; degree <= req.order; degree++) {
    for (let j = 0; j <= degree; j++) {
      const i = degree - j;
      const coefficient = coeffs[coefficientIndex(i, j)];
      coefficients.push({ i, j, coefficient, derivative: partialDerivative(coeffs, i, j) });
    }
  }
  return {
    value: d.f,
    gradient: [d.gx, d.gy],
    hessian: [
      [d.hxx, d.hxy],
      [d.hxy, d.hyy],
    ],
    eigenvalues: [e.lambda1, e.lambda2],
    eigenvectors: [[...e.v1], [...e.v2]],
    class: classifyPoint(d),
    conditionNumber: conditionNumber(e),
    stableStep: stableStep(e),
    coefficients,
  };
}

/** f', f'', the point's type and the stable step 1/f'', for f(x). */
function pointReport1D(req: ExpandRequest, coeffs: Float64Array): Record<string, ReportValue> {
  const d = pointDerivatives(req.expr, req.point[0], 0);
  // f'' on both axes turns the 2D rules into the 1D ones: min for f'' > 0, max for f'' < 0, degenerate for 0.
  const curvature = { ...d, gy: 0, hxy: 0, hyy: d.hxx };
  const coefficients: ReportValue[] = [];
  for (let n = 0; n <= req.order; n++) {
    coefficients.push({ n, coefficient: coeffs[coefficientIndex(n, 0)], derivative: partialDerivative(coeffs, n, 0) });
  }
  return {
    value: d.f,
    firstDerivative: d.gx,
    secondDerivative: d.hxx,
    class: classifyPoint(curvature),
    stableStep: stableStep(symmetricEigen2(d.hxx, 0, d.hxx)),
    coefficients,
  };
}

/** f and each order's Taylor polynomial at the `--eval` points. */
function evalTable(req: ExpandRequest, coeffs: Float64Array, points: number[][]): Record<string, ReportValue> {
  const [x0, y0] = req.point;
  const at = (p: number[], k: number): number =>
    req.dimension === 1 ? evaluateTaylor1D(coeffs, k, p[0] - x0) : evaluateTaylor(coeffs, k, p[0] - x0, p[1] - y0);
  const orders: Record<string, ReportValue> = {};
  for (let k = 0; k <= req.order; k++) orders[String(k)] = points.map((p) => at(p, k));
  return {
    points: req.dimension === 1 ? points.map((p) => p[0]) : points,
    f: points.map((p) => evaluateExpr(req.expr, p[0], req.dimension === 1 ? 0 : p[1])),
    orders,
  };
}

/**
 * Direction of the `--steps` table: +x in 1D; in 2D the gradient direction, or the first (lowest
 * curvature) eigenvector at a critical point, where the gradient has no direction.
 */
function stepDirection(req: ExpandRequest): [number, number] {
  if (req.dimension === 1) return [1, 0];
  const d = pointDerivatives(req.expr, req.point[0], req.point[1]);
  const norm = Math.hypot(d.gx, d.gy);
  if (classifyPoint(d) === 'regular' && norm > 0) return [d.gx / norm, d.gy / norm];
  const { v1 } = symmetricEigen2(d.hxx, d.hxy, d.hyy);
  return [v1[0], v1[1]];
}

/**
 * Command-line parsing for taylor-lab: options, numbers and point lists, each checked strictly so a
 * typo is reported as a usage error instead of turning into NaN somewhere in the output.
 */
import type { Expr, VariableName } from '../core/expr/ast';
import { formatParseError, parseExpression } from '../core/expr/parser';

/** A usage error: the CLI prints `taylor-lab: <message>` (then any detail lines) and exits with status 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly detail: readonly string[] = [],
  ) {
    super(message);
  }
}

/** Positional arguments and `--name value` options of one command line. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly values: Map<string, string>;
  readonly flags: Set<string>;
}

/**
 * Splits argv into positionals, valued options (`--at 1,0` or `--at=1,0`) and boolean flags. The
 * word after a valued option is always its value, so `--at -1,0` works; `--` ends the options.
 * Throws CliError for an option not in either list, a repeated option or a missing value.
 */
export function parseArgv(argv: readonly string[], valued: readonly string[], booleans: readonly string[]): ParsedArgs {
  const result: ParsedArgs = { positionals: [], values: new Map(), flags: new Set() };
  let k = 0;
  while (k < argv.length) {
    const arg = argv[k++];
    if (arg === '--') {
      result.positionals.push(...argv.slice(k));
      break;
    }
    if (!arg.startsWith('--')) {
      result.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (booleans.includes(name) && eq < 0) {
      result.flags.add(name);
      continue;
    }
    if (!valued.includes(name)) throw new CliError(`unknown option '--${name}' (try taylor-lab --help)`);
    if (result.values.has(name)) throw new CliError(`option '--${name}' is given twice`);
    if (eq < 0 && k >= argv.length) throw new CliError(`option '--${name}' needs a value`);
    result.values.set(name, eq < 0 ? argv[k++] : arg.slice(eq + 1));
  }
  return result;
}

// Plain decimals only: Number() alone would also take '', ' ', '0x1f', 'Infinity' and '1_0'-like surprises.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite decimal number, or a CliError naming the option it came from. */
export function parseNumber(text: string, option: string): number {
  const value = Number(text);
  if (!DECIMAL.test(text.trim()) || !Number.isFinite(value)) {
    throw new CliError(`bad number '${text}' in ${option}: expected a decimal such as 1, -0.5 or 2e-3`);
  }
  return value;
}

/** Comma-separated finite numbers (at least one), each checked by `parseNumber`. */
export function parseNumberList(text: string, option: string): number[] {
  return text.split(',').map((part) => parseNumber(part, option));
}

/** An integer in [min, max], or a CliError saying which range is allowed. */
export function parseIntegerInRange(text: string, option: string, min: number, max: number, why: string): number {
  const value = parseNumber(text, option);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CliError(`${option} must be an integer from ${min} to ${max} ${why}, got '${text}'`);
  }
  return value;
}

/**
 * Evaluation points of `--eval`: numbers separated by commas in 1D, `x:y` pairs separated by commas
 * in 2D; each point is an array of `dimension` numbers.
 */
export function parseEvalPoints(text: string, dimension: 1 | 2): number[][] {
  return text.split(',').map((part) => {
    const coords = part.split(':');
    if (coords.length !== dimension) {
      const expected = dimension === 1 ? 'numbers separated by commas, e.g. 0.5,1,1.5' : 'x:y pairs separated by commas, e.g. 1.1:0.2,0.9:-0.1';
      throw new CliError(`malformed point '${part}' in --eval: in ${dimension}D write ${expected}`);
    }
    return coords.map((c) => parseNumber(c, '--eval'));
  });
}

/**
 * The formula parsed over the given variables, or a CliError whose detail lines show the text with
 * a caret under the error, as `formatParseError` lays them out.
 */
export function parseFormula(text: string, variables: readonly VariableName[]): Expr {
  const result = parseExpression(text, variables);
  if (result.ok) return result.expr;
  const [message, ...caretLines] = formatParseError(text, result.error).split('\n');
  const detail = caretLines.map((line) => `  ${line}`);
  if (variables.length === 1 && /^unknown name 'y'/.test(message)) {
    detail.push('  (one number after --at means a function of x alone; write --at x,y for f(x, y))');
  }
  throw new CliError(`cannot parse f: ${message}`, detail);
}

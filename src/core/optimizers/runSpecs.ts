/**
 * The text form of the optimizer runs in the state and the permalink: up to three
 * "method:param=value,..." specs joined by "|" ("gd:lr=0.05|newton"), and the start "x,y". Parsing
 * checks every method and hyperparameter against the core's tables and ranges, so a bad link gives
 * a sentence and the caller keeps its last good runs.
 */
import { paramProblem } from './stepOnce';
import type { OptimizerMethod, OptimizerParams, ParamName } from './types';
import { METHOD_PARAMS, OPTIMIZER_METHODS } from './types';

/** How many runs the lab draws at once. */
export const MAX_RUNS = 3;

/** One run as the state describes it: a method and the hyperparameters given (defaults fill the rest). */
export interface RunSpec {
  readonly method: OptimizerMethod;
  readonly params: OptimizerParams;
}

/** A parse result: the specs, or one sentence saying what is wrong. */
export type RunSpecsResult = { readonly ok: true; readonly specs: readonly RunSpec[] } | { readonly ok: false; readonly message: string };

/** A start result: null for "the expansion point", or the point, or a sentence. */
export type RunStartResult = { readonly ok: true; readonly start: readonly [number, number] | null } | { readonly ok: false; readonly message: string };

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Parses the `runs` text; '' (or only spaces) is no runs. */
export function parseRunSpecs(text: string): RunSpecsResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, specs: [] };
  const parts = trimmed.split('|');
  if (parts.length > MAX_RUNS) return { ok: false, message: `at most ${MAX_RUNS} runs, got ${parts.length}` };
  const specs: RunSpec[] = [];
  for (const [i, part] of parts.entries()) {
    const spec = parseOne(part.trim());
    if (typeof spec === 'string') return { ok: false, message: `run ${i + 1} ('${part.trim().slice(0, 40)}'): ${spec}` };
    specs.push(spec);
  }
  return { ok: true, specs };
}

/** One spec, or the sentence saying why it is not one. */
function parseOne(text: string): RunSpec | string {
  const colon = text.indexOf(':');
  const name = (colon < 0 ? text : text.slice(0, colon)).trim();
  const method = OPTIMIZER_METHODS.find((m) => m === name);
  if (method === undefined) return `unknown method '${name.slice(0, 20)}': expected ${OPTIMIZER_METHODS.join(', ')}`;
  const params: Partial<Record<ParamName, number>> = {};
  const rest = colon < 0 ? '' : text.slice(colon + 1).trim();
  for (const item of rest === '' ? [] : rest.split(',')) {
    const eq = item.indexOf('=');
    const key = (eq < 0 ? item : item.slice(0, eq)).trim();
    const value = eq < 0 ? '' : item.slice(eq + 1).trim();
    const accepted = METHOD_PARAMS[method];
    const param = accepted.find((p) => p === key);
    if (param === undefined) {
      return `${method} takes ${accepted.length === 0 ? 'no hyperparameters' : accepted.join(', ')}, not '${key.slice(0, 20)}'`;
    }
    if (!NUMBER.test(value)) return `${key} needs a number, got '${value.slice(0, 20)}'`;
    params[param] = Number(value);
  }
  const problem = paramProblem({ method, params, from: [0, 0] });
  return problem === null ? { method, params } : problem;
}

/** The `runs` text of a list of specs, the inverse of parseRunSpecs (parameters in the method's order). */
export function formatRunSpecs(specs: readonly RunSpec[]): string {
  return specs
    .map((s) => {
      const params = METHOD_PARAMS[s.method].filter((p) => s.params[p] !== undefined).map((p) => `${p}=${String(s.params[p])}`);
      return params.length === 0 ? s.method : `${s.method}:${params.join(',')}`;
    })
    .join('|');
}

/** Parses `runStart`: '' is the expansion point, else two finite numbers "x,y". */
export function parseRunStart(text: string): RunStartResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, start: null };
  const parts = trimmed.split(',').map((p) => p.trim());
  if (parts.length !== 2 || !parts.every((p) => NUMBER.test(p) && Number.isFinite(Number(p)))) return { ok: false, message: `the start must be two numbers "x,y", got '${trimmed.slice(0, 30)}'` };
  return { ok: true, start: [Number(parts[0]), Number(parts[1])] };
}

/** The `runStart` text of a point, rounded to 6 significant digits so a shift-click gives a short link. */
export function formatRunStart(x: number, y: number): string {
  return `${Number(x.toPrecision(6))},${Number(y.toPrecision(6))}`;
}

/** A short label of a spec for legends: "GD η = 0.05", "Newton", "damped Newton μ = 1". */
export function runLabel(spec: RunSpec): string {
  const names: Record<OptimizerMethod, string> = {
    gd: 'GD',
    momentum: 'heavy ball',
    nesterov: 'Nesterov',
    newton: 'Newton',
    'damped-newton': 'damped Newton',
    adam: 'Adam',
  };
  const symbols: Record<ParamName, string> = { lr: 'η', beta: 'β', mu: 'μ', beta1: 'β₁', beta2: 'β₂', eps: 'ε' };
  const params = METHOD_PARAMS[spec.method].filter((p) => spec.params[p] !== undefined).map((p) => `${symbols[p]} = ${String(spec.params[p])}`);
  return [names[spec.method], ...params].join(' ');
}

/**
 * Hostile inputs for the fuzz tests (fast-check arbitraries) and a guard that notices any attempt
 * to turn text into code while the fuzzed functions run.
 */
import fc from 'fast-check';
import { UNARY_FUNCTIONS } from '../../../src/core/expr/ast';

/** The seed every fuzz test uses, so a failure reproduces exactly. */
export const FUZZ_SEED = 20_251_111;

/** Fragments that look like code, templates, prototype keys, odd numbers and odd Unicode. */
const FRAGMENTS = [
  'x', 'y', '(', ')', '+', '-', '*', '/', '^', ',', '.', ' ', '\t', '\n', '\u0000', '\u202e', '\ufeff',
  ...UNARY_FUNCTIONS, 'pi', 'e', 'PI', 'Sin', 'ｘ', '𝑥', '١', 'é', '🙂', '\ud800',
  '0', '1', '2.5', '.5', '5.', '1e308', '1e309', '1e-400', '-0', '0x1F', '0b11', '1_000', '9'.repeat(40), 'NaN', 'Infinity',
  '__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__',
  'eval', 'Function', 'globalThis', 'window', 'process', 'require', 'import', 'alert(1)',
  '${', '}', '`', '{{', '}}', '<script>', '</script>', '"', "'", ';', '=', '=>', '[', ']', '{', '}',
  'globalThis.__fuzzSentinel=1', '${globalThis.__fuzzSentinel=1}', 'constructor.constructor("globalThis.__fuzzSentinel=1")()',
  '%', '%00', '%2e%2e', '%E0%A4%A', '%F0%9F%99%82', '%25', '&', '#', '?', '+',
] as const;

/** Strings glued from hostile fragments. */
const fragmentSoup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));

/** Very deep or very long nesting, near and beyond the parser's 500-character limit. */
const deepNesting = fc
  .tuple(fc.integer({ min: 1, max: 400 }), fc.constantFrom('paren', 'call', 'neg', 'pow', 'open', 'close'))
  .map(([n, kind]) => {
    switch (kind) {
      case 'paren':
        return '('.repeat(n) + 'x' + ')'.repeat(n);
      case 'call':
        return 'sin('.repeat(n) + 'x' + ')'.repeat(n);
      case 'neg':
        return '-'.repeat(n) + 'x';
      case 'pow':
        return Array.from({ length: n }, () => 'x').join('^');
      case 'open':
        return '('.repeat(n);
      default:
        return ')'.repeat(n) + 'x';
    }
  });

/** Numbers written every way JavaScript can print one, and a few it cannot parse. */
const oddNumbers = fc.oneof(
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 400n), max: 10n ** 400n }).map(String),
  fc.integer({ min: -400, max: 400 }).map((k) => `1e${k}`),
);

/** Any text at all (all of Unicode, lone surrogates included), JSON-looking text, URL-encoded junk. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fragmentSoup,
  deepNesting,
  oddNumbers,
  fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
  // Percent-encoded UTF-16 code units: mostly broken UTF-8, as a hand-mangled link would be.
  fragmentSoup.map((s) => s.replace(/[^A-Za-z0-9]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)),
  fc.string({ unit: 'binary', maxLength: 600 }),
);

const LEAVES = ['x', 'y', 'pi', 'e', '0', '1', '2.5', '1e308', '1e-320', '1024', '0.5'] as const;
const OPERATORS = ['+', '-', '*', '/', '^'] as const;

/** Balanced trees of every node kind, a few levels deep. */
const validTree = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'medium', maxDepth: 10 },
    fc.constantFrom(...LEAVES),
    fc.tuple(tie('expr'), fc.constantFrom(...OPERATORS), tie('expr')).map(([a, op, b]) => `(${a})${op}(${b})`),
    fc.tuple(fc.constantFrom(...UNARY_FUNCTIONS), tie('expr')).map(([f, a]) => `${f}(${a})`),
    tie('expr').map((a) => `-(${a})`),
  ),
})).expr;

/** Long chains (each step wraps the formula so far), reaching the parser's 500-character limit and nesting 90 deep. */
const validChain = fc
  .tuple(fc.constantFrom(...LEAVES), fc.array(fc.tuple(fc.nat(3), fc.constantFrom(...OPERATORS), fc.constantFrom(...UNARY_FUNCTIONS), fc.constantFrom(...LEAVES)), { maxLength: 90, size: 'max' }))
  .map(([first, steps]) =>
    steps.reduce((acc, [kind, op, fn, leaf]) => [`(${acc})${op}${leaf}`, `${leaf}${op}(${acc})`, `${fn}(${acc})`, `-(${acc})`][kind], first as string),
  );

/** Syntactically valid expressions over x and y, from a few characters to beyond 500. */
export const validExpression: fc.Arbitrary<string> = fc.oneof(validTree, validChain);

/** What the code-execution guard saw. */
export interface CodeGuard {
  /** Number of calls of eval, Function (as a call or with new) and Function.prototype.constructor. */
  calls(): number;
  /** Puts the original eval and Function back. */
  restore(): void;
}

/**
 * Replaces globalThis.eval, globalThis.Function and Function.prototype.constructor with counting
 * proxies (the originals still run, so a real attempt is counted, not hidden).
 */
export function guardCodeExecution(): CodeGuard {
  const g = globalThis as unknown as Record<string, unknown>;
  const originalEval = g.eval as (code: string) => unknown;
  const originalFunction = Function;
  let count = 0;
  const countingFunction: FunctionConstructor = new Proxy(originalFunction, {
    apply: (target, thisArg, args) => {
      count++;
      return Reflect.apply(target, thisArg, args);
    },
    construct: (target, args, newTarget): object => {
      count++;
      return Reflect.construct(target, args, newTarget === countingFunction ? target : newTarget);
    },
  });
  g.eval = (code: string) => {
    count++;
    return originalEval(code);
  };
  g.Function = countingFunction;
  Object.defineProperty(originalFunction.prototype, 'constructor', { value: countingFunction, writable: true, configurable: true });
  return {
    calls: () => count,
    restore: () => {
      g.eval = originalEval;
      g.Function = originalFunction;
      Object.defineProperty(originalFunction.prototype, 'constructor', { value: originalFunction, writable: true, configurable: true });
    },
  };
}

/**
 * Runs `work` and returns its time in ms; if it overshoots `boundMs` it is timed once more and the
 * faster run counts, so a scheduler hiccup on a busy machine is not mistaken for a slow input
 * (a really slow input is slow twice).
 */
export function timedWithin<T>(work: () => T, boundMs: number): { result: T; ms: number } {
  let t0 = performance.now();
  let result = work();
  let ms = performance.now() - t0;
  if (ms > boundMs) {
    t0 = performance.now();
    result = work();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { result, ms };
}

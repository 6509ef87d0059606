import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/compute/tf';
import { initBackend } from '../../src/compute/backend';
import { compileExpr } from '../../src/compute/compileExpr';
import { parseExpression } from '../../src/core/expr/parser';
import { UNARY_FUNCTIONS, type Expr } from '../../src/core/expr/ast';
import { FUZZ_SEED, guardCodeExecution, hostileString, timedWithin, validExpression, type CodeGuard } from './support/fuzzArbitraries';

/** Runs per property: enough to reach the deep and odd corners, cheap on a shared 2-core machine. */
const RUNS = 400;
/** Per-input bound, ~100x the typical time: catches exponential backtracking, not a busy machine. */
const PARSE_BOUND_MS = 50;
/** Kernels a compiled formula may run per character of its text (x^1024 is 6 characters, ~20 kernels). */
const KERNELS_PER_CHAR = 8;

const NODE_KEYS: Record<Expr['kind'], readonly string[]> = {
  num: ['kind', 'value'],
  var: ['kind', 'name'],
  neg: ['kind', 'arg'],
  binary: ['kind', 'op', 'left', 'right'],
  call: ['kind', 'fn', 'arg'],
};

/** Problems with a parsed tree: any node kind, key, name or prototype outside the allow-list. */
function treeProblems(node: Expr, problems: string[] = []): string[] {
  const keys = NODE_KEYS[node.kind as Expr['kind']];
  if (!Object.hasOwn(NODE_KEYS, node.kind)) return [...problems, `kind ${String(node.kind)}`];
  if (Object.getPrototypeOf(node) !== Object.prototype) problems.push(`prototype of ${node.kind}`);
  if (Object.keys(node).sort().join() !== [...keys].sort().join()) problems.push(`keys ${Object.keys(node).join()}`);
  switch (node.kind) {
    case 'num':
      if (typeof node.value !== 'number') problems.push('num is not a number');
      break;
    case 'var':
      if (node.name !== 'x' && node.name !== 'y') problems.push(`var ${node.name}`);
      break;
    case 'neg':
      treeProblems(node.arg, problems);
      break;
    case 'binary':
      if (!['+', '-', '*', '/', '^'].includes(node.op)) problems.push(`op ${node.op}`);
      treeProblems(node.left, problems);
      treeProblems(node.right, problems);
      break;
    case 'call':
      if (!(UNARY_FUNCTIONS as readonly string[]).includes(node.fn)) problems.push(`fn ${node.fn}`);
      treeProblems(node.arg, problems);
      break;
  }
  return problems;
}

/** Checks one parse of `text`: a result object, never an exception; an allowed tree or an error with a position. */
function checkParse(text: string): void {
  const { result, ms } = timedWithin(() => parseExpression(text), PARSE_BOUND_MS);
  expect(ms).toBeLessThan(PARSE_BOUND_MS);
  if (result.ok) {
    expect(treeProblems(result.expr)).toEqual([]);
  } else {
    expect(typeof result.error.message).toBe('string');
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(Number.isInteger(result.error.pos) && result.error.pos >= 0 && result.error.pos <= text.length).toBe(true);
  }
}

/** Compiles and runs a parsed formula on a 2 x 3 grid; checks shape, leaks and the kernel count. */
async function checkCompileAndRun(text: string, expr: Expr): Promise<void> {
  const before = tf.memory().numTensors;
  const fn = compileExpr(expr);
  const x = tf.tensor2d([-1, 0, 0.5, 2, -1e-3, 3], [2, 3]);
  const y = tf.tensor2d([0.25, -2, 1, 0, 7, -0.5], [2, 3]);
  const profile = await tf.profile(() => tf.tidy(() => fn(x, y)));
  const result = profile.result as tf.Tensor;
  expect(result.shape).toEqual([2, 3]);
  expect((await result.data()).length).toBe(6);
  expect(profile.kernels.length).toBeLessThanOrEqual(KERNELS_PER_CHAR * text.length + 4);
  tf.dispose([result, x, y]);
  expect(tf.memory().numTensors).toBe(before);
}

describe('the code-execution guard', () => {
  it('the code guard itself notices eval and new Function (so a zero below means something)', () => {
    const probe = guardCodeExecution();
    try {
      // The probe must call what it watches; the lint rules against both are right everywhere else.
      // eslint-disable-next-line no-eval
      globalThis.eval('1 + 1');
      new (globalThis.Function as FunctionConstructor)('return 1')();
      expect(probe.calls()).toBe(2);
    } finally {
      probe.restore();
    }
  });
});

describe('fuzzing the formula parser and compiler with hostile text', () => {
  let guard: CodeGuard;
  const g = globalThis as unknown as { __fuzzSentinel?: unknown };
  let prototypeKeys: string[];

  beforeAll(async () => {
    await initBackend('cpu');
    prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    guard = guardCodeExecution();
  });
  afterAll(() => {
    guard?.restore();
  });

  it('parseExpression returns a result for any string, never throws, and builds only allowed nodes', () => {
    fc.assert(fc.property(hostileString, (text) => checkParse(text)), { seed: FUZZ_SEED, numRuns: RUNS });
  });

  it('parseExpression accepts every generated valid formula of at most 500 characters', () => {
    fc.assert(
      fc.property(validExpression, (text) => {
        checkParse(text);
        if (text.length <= 500) expect(parseExpression(text).ok).toBe(true);
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  });

  it('compiled formulas run on a small grid on the CPU backend without throwing or leaking tensors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(validExpression, hostileString), async (text) => {
        const parsed = parseExpression(text);
        if (parsed.ok) await checkCompileAndRun(text, parsed.expr);
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  });

  it('no input ran code: eval and Function never called, the sentinel never set, Object.prototype untouched', () => {
    expect(guard.calls()).toBe(0);
    expect(g.__fuzzSentinel).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  });
});

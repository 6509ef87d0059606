import { describe, expect, it } from 'vitest';
import { UNARY_FUNCTIONS } from '../../src/core/expr/ast';
import type { Expr, ParseError } from '../../src/core/expr/ast';
import { formatParseError, parseExpression } from '../../src/core/expr/parser';
import { exprToLatex, exprToString } from '../../src/core/expr/print';
import { evaluateExpr } from '../../src/core/jet';

function parsed(text: string, variables: readonly ('x' | 'y')[] = ['x', 'y']): Expr {
  const r = parseExpression(text, variables);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${formatParseError(text, r.error)}`);
  return r.expr;
}

function failure(text: string, variables: readonly ('x' | 'y')[] = ['x', 'y']): ParseError {
  const r = parseExpression(text, variables);
  if (r.ok) throw new Error(`expected ${text} to be refused, got ${exprToString(r.expr)}`);
  return r.error;
}

const value = (text: string, x = 0.3, y = -0.7): number => evaluateExpr(parsed(text), x, y);

describe('parseExpression accepts the lab language', () => {
  const cases: [string, (x: number, y: number) => number][] = [
    ['(x^2-1)^2 + y^2', (x, y) => (x * x - 1) ** 2 + y * y],
    ['sin(x)*cos(y)', (x, y) => Math.sin(x) * Math.cos(y)],
    ['exp(-(x^2+y^2))', (x, y) => Math.exp(-(x * x + y * y))],
    ['log(1+x^2) + 0.1*y^2', (x, y) => Math.log(1 + x * x) + 0.1 * y * y],
    ['sqrt(x^2+y^2+1)', (x, y) => Math.sqrt(x * x + y * y + 1)],
    ['tanh(x*y)', (x, y) => Math.tanh(x * y)],
    ['abs(x) + atan(y)', (x, y) => Math.abs(x) + Math.atan(y)],
    ['sinh(x) - cosh(y)', (x, y) => Math.sinh(x) - Math.cosh(y)],
    ['sigmoid(x) + softplus(y) + tan(x)', (x, y) => 1 / (1 + Math.exp(-x)) + Math.log(1 + Math.exp(y)) + Math.tan(x)],
    ['pi*x + e', (x) => Math.PI * x + Math.E],
    ['x**2 + 1e-3*y - .5 + 2.5E+1', (x, y) => x * x + 1e-3 * y - 0.5 + 25],
  ];
  for (const [text, f] of cases) {
    it(`evaluates ${text} like the same formula written in TypeScript (to 1e-14)`, () => {
      for (const [x, y] of [[0.3, -0.7], [1.1, 0.4], [-0.9, 2.0]]) {
        expect(evaluateExpr(parsed(text), x, y)).toBeCloseTo(f(x, y), 14);
      }
    });
  }

  it('parses every allowed function by name', () => {
    for (const fn of UNARY_FUNCTIONS) expect(parsed(`${fn}(x)`)).toEqual({ kind: 'call', fn, arg: { kind: 'var', name: 'x' } });
  });

  it('folds pi and e to numbers', () => {
    expect(parsed('pi')).toEqual({ kind: 'num', value: Math.PI });
    expect(parsed('e')).toEqual({ kind: 'num', value: Math.E });
  });

  it('binds ^ tighter than unary minus, so -x^2 is -(x^2)', () => {
    expect(value('-x^2', 3)).toBe(-9);
    expect(parsed('-x^2')).toEqual(parsed('-(x^2)'));
  });

  it('makes ^ right-associative: 2^3^2 = 2^9', () => {
    expect(value('2^3^2')).toBe(512);
  });

  it('accepts a negative exponent without parentheses: 2^-1 = 0.5', () => {
    expect(value('2^-1')).toBe(0.5);
    expect(value('2^-x^2', 2)).toBe(2 ** -4);
  });

  it('gives * and / the same precedence, left to right: 8/2*4 = 16', () => {
    expect(value('8/2*4')).toBe(16);
    expect(value('8-2-1')).toBe(5);
  });

  it('ignores whitespace, including tabs and newlines', () => {
    expect(parsed(' \tx \n+\r y ')).toEqual(parsed('x+y'));
  });

  it('accepts x alone in 1D mode', () => {
    expect(parsed('x^3', ['x'])).toEqual(parsed('x^3'));
  });
});

describe('parseExpression refuses bad input with a message and position', () => {
  it('refuses 2x as implicit multiplication at position 1', () => {
    const error = failure('2x');
    expect(error.message).toContain('implicit multiplication is not supported: write 2*x');
    expect(error.pos).toBe(1);
  });

  it('refuses the other forms of implicit multiplication where the second operand starts', () => {
    expect(failure('2(x+1)')).toEqual({ message: 'implicit multiplication is not supported: write 2*(...)', pos: 1 });
    expect(failure('x y')).toEqual({ message: 'implicit multiplication is not supported: write x*y', pos: 2 });
    expect(failure('(x+1)(x-1)').pos).toBe(5);
    expect(failure('(x+1)(x-1)').message).toContain('implicit multiplication');
    expect(failure('sin(2x)').pos).toBe(5);
  });

  it('refuses empty and blank input', () => {
    expect(failure('')).toEqual({ message: 'empty input', pos: 0 });
    expect(failure('   ').message).toBe('empty input');
  });

  it('points at the unmatched parenthesis', () => {
    expect(failure('(x+1').pos).toBe(0);
    expect(failure('(x+1').message).toContain('unbalanced parentheses');
    expect(failure('x+1)').pos).toBe(3);
    expect(failure('x+1)').message).toContain('unbalanced parentheses');
    expect(failure('sin((x)').pos).toBe(3);
  });

  it('refuses unexpected characters at their position', () => {
    for (const [text, pos] of [['x;', 1], ['y=x', 1], ['"x"', 0], ['`x`', 0], ['x[0]', 1], ['{x}', 0], ['x!', 1], ['#', 0]] as const) {
      const error = failure(text);
      expect(error.message).toMatch(/^unexpected character/);
      expect(error.pos).toBe(pos);
    }
  });

  it('lists the allowed names when a name is unknown', () => {
    const error = failure('foo(x) + 1');
    expect(error.pos).toBe(0);
    expect(error.message).toContain("unknown name 'foo'");
    expect(error.message).toContain('allowed variables x, y; constants pi, e; functions sin, cos');
    for (const fn of UNARY_FUNCTIONS) expect(error.message).toContain(fn);
  });

  it('treats y as unknown in 1D mode and lists only x as a variable', () => {
    const error = failure('x + y', ['x']);
    expect(error.pos).toBe(4);
    expect(error.message).toContain("unknown name 'y': allowed variable x; constants pi, e");
  });

  it('refuses a function name without parentheses', () => {
    expect(failure('sin x')).toEqual({ message: "function 'sin' needs parentheses: write sin(...)", pos: 0 });
    expect(failure('1 + exp').pos).toBe(4);
  });

  it('refuses a function called with two arguments or none', () => {
    expect(failure('atan(y, x)').message).toContain('takes exactly one argument');
    expect(failure('sin()').pos).toBe(4);
  });

  it('refuses a dangling operator at the end of the text', () => {
    expect(failure('x +').pos).toBe(3);
  });

  it('refuses input longer than 500 characters', () => {
    const text = 'x+'.repeat(250) + 'x';
    expect(text.length).toBe(501);
    expect(failure(text).message).toContain('too long');
    expect(parseExpression('x+'.repeat(249) + 'x').ok).toBe(true);
  });

  it('refuses names that exist on Object.prototype or in a browser', () => {
    const hostile = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'this', 'window', 'alert(1)'];
    hostile.push('x.constructor', "fetch('x')", 'globalThis.x', 'Function("1")', 'valueOf(x)', 'eval(x)');
    for (const text of hostile) {
      const r = parseExpression(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/unknown name|unexpected character/);
    }
  });

  it('survives deep nesting without throwing', () => {
    expect(parseExpression('('.repeat(249) + 'x' + ')'.repeat(249)).ok).toBe(true);
    expect(parseExpression('-'.repeat(499) + 'x').ok).toBe(true);
    expect(parseExpression('('.repeat(400)).ok).toBe(false);
  });
});

describe('formatParseError', () => {
  it('gives the message, the text and a caret under the position', () => {
    const text = 'x + 2x';
    const error = failure(text);
    expect(formatParseError(text, error)).toBe(`${error.message}\nx + 2x\n     ^`);
  });

  it('keeps the caret aligned when the text has a tab', () => {
    expect(formatParseError('\t2x', { message: 'm', pos: 2 })).toBe('m\n 2x\n  ^');
  });
});

describe('exprToString and exprToLatex', () => {
  const texts = [
    '(x^2-1)^2 + y^2',
    '(1 - x)^2 + 100*(y - x^2)^2',
    'x - (y - 1) + -x',
    'x*(y*2)/(x/y)',
    '-(-x) - -(x*y)',
    '(-2)^x + 2^-x^2 + (x^2)^3 + 2^3^x',
    'sin(x)^2 + sqrt(abs(x))^3 - e^(-x)',
    'pi*x/e + 1e-7 + 123456789.123 + 0.1',
    'sigmoid(x)/softplus(y) * atan(x - y) + tanh(sinh(x)*cosh(y)) + tan(log(exp(x)))',
  ];
  for (const text of texts) {
    it(`prints ${text} as text that parses back to the same tree`, () => {
      const tree = parsed(text);
      const printed = exprToString(tree);
      expect(parsed(printed)).toEqual(tree);
      expect(exprToString(parsed(printed))).toBe(printed);
      for (const [x, y] of [[0.3, 0.7], [1.2, -0.4]]) {
        expect(evaluateExpr(parsed(printed), x, y)).toBe(evaluateExpr(tree, x, y));
      }
    });
  }

  it('uses minimal parentheses', () => {
    expect(exprToString(parsed('((x)) + ((y*2))'))).toBe('x + y*2');
    expect(exprToString(parsed('(x^2)-(1)'))).toBe('x^2 - 1');
    expect(exprToString(parsed('(-x)^2'))).toBe('(-x)^2');
  });

  it('prints numbers with enough digits to round-trip', () => {
    const tree: Expr = { kind: 'num', value: 0.1 + 0.2 };
    expect(parsed(exprToString(tree))).toEqual(tree);
    expect(exprToString({ kind: 'num', value: Math.PI })).toBe('pi');
  });

  it('writes LaTeX for KaTeX with \\frac, \\sqrt, ^{} and \\operatorname', () => {
    expect(exprToLatex(parsed('sin(x)/sqrt(y)'))).toBe('\\frac{\\sin\\left(x\\right)}{\\sqrt{y}}');
    expect(exprToLatex(parsed('(x^2-1)^2'))).toBe('\\left(x^{2} - 1\\right)^{2}');
    expect(exprToLatex(parsed('sigmoid(x)'))).toBe('\\operatorname{sigmoid}\\left(x\\right)');
    expect(exprToLatex(parsed('100*(y - x^2)^2'))).toBe('100 \\left(y - x^{2}\\right)^{2}');
    expect(exprToLatex(parsed('abs(x)*pi'))).toBe('\\left|x\\right| \\cdot \\pi');
    expect(exprToLatex(parsed('2^-1'))).toBe('2^{-1}');
    expect(exprToLatex(parsed('2*x + 2*3 + 2*(1/x)'))).toBe('2 x + 2 \\cdot 3 + 2 \\cdot \\frac{1}{x}');
  });
});

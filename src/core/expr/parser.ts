/**
 * Recursive-descent parser from user text to an `Expr` tree, against an allow-list of variables,
 * constants and functions. It never throws and never looks names up on plain objects, so text such
 * as `constructor` or `__proto__` is just an unknown name.
 *
 * Grammar (`^` is right-associative and binds tighter than unary minus: -x^2 = -(x^2)):
 *   sum      := product (('+' | '-') product)*
 *   product  := unary (('*' | '/') unary)*
 *   unary    := ('-' | '+') unary | power
 *   power    := primary ('^' unary)?
 *   primary  := number | variable | constant | function '(' sum ')' | '(' sum ')'
 */
import { CONSTANTS, UNARY_FUNCTIONS } from './ast';
import type { Expr, ParseError, ParseResult, UnaryFunction, VariableName } from './ast';
import { tokenize } from './lexer';
import type { Token } from './lexer';

const FUNCTIONS: ReadonlyMap<string, UnaryFunction> = new Map(UNARY_FUNCTIONS.map((f) => [f, f] as const));
const CONSTANT_VALUES: ReadonlyMap<string, number> = new Map(Object.entries(CONSTANTS));

/** Thrown only inside this module to unwind the recursion; `parseExpression` turns it into a result. */
class ParseFailure extends Error {
  constructor(readonly error: ParseError) {
    super(error.message);
  }
}

function fail(message: string, pos: number): never {
  throw new ParseFailure({ message, pos });
}

/** The allow-list as people read it, for "unknown name" messages. */
function allowedNames(variables: readonly string[]): string {
  const vars = `${variables.length === 1 ? 'variable' : 'variables'} ${variables.join(', ')}`;
  const consts = [...CONSTANT_VALUES.keys()].join(', ');
  return `allowed ${vars}; constants ${consts}; functions ${UNARY_FUNCTIONS.join(', ')}`;
}

/** How a token reads on one side of a suggested `*`: a group is shown as `(...)`. */
function operandText(t: Token): string {
  return t.kind === 'lparen' || t.kind === 'rparen' ? '(...)' : t.text;
}

/**
 * Extra names a caller allows: `aliases` spell a variable another way (the implicit view parses
 * F(x, λ) with { lambda: 'y', λ: 'y' }, so λ is the tree's y), `constants` are folded to numbers
 * like pi (a family f(x, y; λ) is parsed once per λ with { lambda: value, λ: value }).
 */
export interface ParseOptions {
  readonly aliases?: Readonly<Record<string, VariableName>>;
  readonly constants?: Readonly<Record<string, number>>;
}

class Parser {
  private index = 0;
  private readonly aliases: ReadonlyMap<string, VariableName>;
  private readonly constants: ReadonlyMap<string, number>;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly variables: readonly VariableName[],
    options: ParseOptions,
  ) {
    // Maps, not the option objects, so that a name such as 'constructor' is never looked up on a prototype.
    this.aliases = new Map(Object.entries(options.aliases ?? {}));
    this.constants = new Map(Object.entries(options.constants ?? {}));
  }

  /** Parses the whole input and checks that nothing is left over. */
  parseAll(): Expr {
    const expr = this.sum();
    const next = this.peek();
    if (next.kind === 'rparen') fail("unbalanced parentheses: this ')' has no matching '('", next.pos);
    this.expectNoJuxtaposition();
    if (next.kind !== 'end') fail(`unexpected '${next.text}'`, next.pos);
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private advance(): Token {
    const t = this.tokens[this.index];
    if (t.kind !== 'end') this.index++;
    return t;
  }

  private isOp(ops: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && ops.includes(t.text);
  }

  /** Two operands side by side (`2x`, `x y`, `)(`) mean the user expected implicit multiplication. */
  private expectNoJuxtaposition(): void {
    const next = this.peek();
    if (next.kind === 'num' || next.kind === 'name' || next.kind === 'lparen') {
      const prev = this.tokens[this.index - 1];
      const hint = `${operandText(prev)}*${operandText(next)}`;
      fail(`implicit multiplication is not supported: write ${hint}`, next.pos);
    }
  }

  private sum(): Expr {
    let left = this.product();
    while (this.isOp('+-')) {
      const op = this.advance().text as '+' | '-';
      left = { kind: 'binary', op, left, right: this.product() };
    }
    return left;
  }

  private product(): Expr {
    let left = this.unary();
    while (this.isOp('*/')) {
      const op = this.advance().text as '*' | '/';
      left = { kind: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      this.advance();
      return { kind: 'neg', arg: this.unary() };
    }
    if (this.isOp('+')) {
      this.advance();
      return this.unary();
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.primary();
    if (!this.isOp('^')) return base;
    this.advance();
    // The exponent is a unary so that 2^-1 works; recursion through power makes ^ right-associative.
    return { kind: 'binary', op: '^', left: base, right: this.unary() };
  }

  private primary(): Expr {
    const t = this.advance();
    switch (t.kind) {
      case 'num':
        return { kind: 'num', value: t.value };
      case 'name':
        return this.name(t);
      case 'lparen': {
        const inner = this.sum();
        this.closeParen(t, null);
        return inner;
      }
      case 'end':
        if (this.index === 0) return fail('empty input', 0);
        return fail('expression ends too early: a value is missing', t.pos);
      default:
        return fail(`expected a number, a variable, a function or '(' but found '${t.text}'`, t.pos);
    }
  }

  private name(t: Token): Expr {
    const variable = this.variables.find((v) => v === t.text) ?? this.aliases.get(t.text);
    if (variable !== undefined) return { kind: 'var', name: variable };
    const constant = CONSTANT_VALUES.get(t.text) ?? this.constants.get(t.text);
    if (constant !== undefined) return { kind: 'num', value: constant };
    const fn = FUNCTIONS.get(t.text);
    if (fn === undefined) {
      const lower = t.text.toLowerCase();
      const hint = FUNCTIONS.has(lower) || CONSTANT_VALUES.has(lower) ? ' (names are lower-case)' : '';
      fail(`unknown name '${t.text}'${hint}: ${allowedNames([...this.variables, ...this.aliases.keys(), ...this.constants.keys()])}`, t.pos);
    }
    const open = this.peek();
    if (open.kind !== 'lparen') fail(`function '${fn}' needs parentheses: write ${fn}(...)`, t.pos);
    this.advance();
    const arg = this.sum();
    this.closeParen(open, fn);
    return { kind: 'call', fn, arg };
  }

  /** Consumes the ')' matching `open`, or explains what stands in its place. */
  private closeParen(open: Token, fn: UnaryFunction | null): void {
    const next = this.peek();
    if (next.kind === 'rparen') {
      this.advance();
      return;
    }
    if (next.kind === 'comma' && fn !== null) fail(`function '${fn}' takes exactly one argument`, next.pos);
    this.expectNoJuxtaposition();
    if (next.kind === 'end') fail(`unbalanced parentheses: this '(' is never closed`, open.pos);
    fail(`expected ')' but found '${next.text}'`, next.pos);
  }
}

/** Parses user text into an expression tree over the given variables (and options' names), or explains the first error. */
export function parseExpression(
  text: string,
  variables: readonly VariableName[] = ['x', 'y'],
  options: ParseOptions = {},
): ParseResult {
  const lexed = tokenize(text);
  if (!lexed.ok) return lexed;
  try {
    return { ok: true, expr: new Parser(lexed.tokens, variables, options).parseAll() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    // Deep nesting is bounded by the length limit, but stay total even if the engine's stack is tiny.
    if (e instanceof RangeError) return { ok: false, error: { message: 'expression is nested too deeply', pos: 0 } };
    throw e;
  }
}

/** Formats a parse error as three lines: the message, the text, and a caret under the position. */
export function formatParseError(text: string, error: ParseError): string {
  // Tabs and newlines would break the caret's alignment, so they are shown as spaces.
  const shown = text.replace(/[\t\n\r]/g, ' ');
  const pos = Math.max(0, Math.min(error.pos, shown.length));
  return `${error.message}\n${shown}\n${' '.repeat(pos)}^`;
}

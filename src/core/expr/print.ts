/**
 * Printing expression trees: canonical text that the parser reads back into the same tree, and
 * LaTeX for KaTeX. Parentheses are added only where precedence requires them, plus around a
 * negation that is the right operand of + - * / (x - (-1) reads better than x - -1).
 */
import type { Expr, UnaryFunction } from './ast';

// Binding strength of each node as printed; a child needs parentheses when it binds more loosely.
const SUM = 1;
const PRODUCT = 2;
const NEG = 3;
const POWER = 4;
const ATOM = 5;

function isNegative(value: number): boolean {
  return value < 0 || Object.is(value, -0);
}

function precedence(e: Expr): number {
  switch (e.kind) {
    case 'num':
      return isNegative(e.value) ? NEG : ATOM;
    case 'var':
    case 'call':
      return ATOM;
    case 'neg':
      return NEG;
    case 'binary':
      return e.op === '^' ? POWER : e.op === '*' || e.op === '/' ? PRODUCT : SUM;
  }
}

/** Lowest precedence the left operand of `op` may have without parentheses. */
function leftMin(op: string): number {
  return op === '^' ? ATOM : op === '+' || op === '-' ? SUM : PRODUCT;
}

/** Whether the right operand of `op`, of precedence `p`, needs parentheses to come back as the same tree. */
function rightNeedsParens(op: string, p: number): boolean {
  if (op === '^') return p < NEG; // the exponent may itself be a negation or a power: 2^-x, 2^3^2
  return p === NEG || p <= (op === '+' || op === '-' ? SUM : PRODUCT);
}

/** Shortest decimal that reads back to the same float64; pi and e keep their names. */
function numberText(value: number): string {
  if (value === Math.PI) return 'pi';
  if (value === Math.E) return 'e';
  if (Number.isNaN(value)) return '(0/0)';
  if (!Number.isFinite(value)) return value > 0 ? '(1/0)' : '(-1/0)';
  return Object.is(value, -0) ? '-0' : String(value);
}

/** Prints an expression as canonical text that `parseExpression` reads back into the same tree. */
export function exprToString(expr: Expr): string {
  const wrap = (e: Expr, parens: boolean): string => (parens ? `(${exprToString(e)})` : exprToString(e));
  switch (expr.kind) {
    case 'num':
      return numberText(expr.value);
    case 'var':
      return expr.name;
    case 'neg':
      // -(-x) and -(a*b) keep their parentheses so the same tree comes back.
      return `-${wrap(expr.arg, precedence(expr.arg) <= NEG)}`;
    case 'call':
      return `${expr.fn}(${exprToString(expr.arg)})`;
    case 'binary': {
      const left = wrap(expr.left, precedence(expr.left) < leftMin(expr.op));
      const right = wrap(expr.right, rightNeedsParens(expr.op, precedence(expr.right)));
      const spaced = expr.op === '+' || expr.op === '-';
      return spaced ? `${left} ${expr.op} ${right}` : `${left}${expr.op}${right}`;
    }
  }
}

const LATEX_FUNCTIONS: ReadonlyMap<UnaryFunction, string> = new Map<UnaryFunction, string>([
  ['sin', '\\sin'],
  ['cos', '\\cos'],
  ['tan', '\\tan'],
  ['exp', '\\exp'],
  ['log', '\\ln'],
  ['atan', '\\arctan'],
  ['sinh', '\\sinh'],
  ['cosh', '\\cosh'],
  ['tanh', '\\tanh'],
  ['sigmoid', '\\operatorname{sigmoid}'],
  ['softplus', '\\operatorname{softplus}'],
]);

function latexNumber(value: number): string {
  if (value === Math.PI) return '\\pi';
  if (value === Math.E) return 'e';
  if (Number.isNaN(value)) return '\\mathrm{NaN}';
  if (!Number.isFinite(value)) return value > 0 ? '\\infty' : '-\\infty';
  const text = String(value);
  const [mantissa, exponent] = text.split('e');
  if (exponent === undefined) return text;
  return `${mantissa} \\times 10^{${Number(exponent)}}`;
}

const paren = (s: string): string => `\\left(${s}\\right)`;

/** Whether `2 <right>` reads as a product when written side by side: not before a digit, a sign or a \frac. */
function canJuxtapose(right: string): boolean {
  return !/^([0-9.+-]|\\frac)/.test(right);
}

/** Precedence as typeset: a \frac is a self-contained block. */
function latexPrecedence(e: Expr): number {
  return e.kind === 'binary' && e.op === '/' ? ATOM : precedence(e);
}

/** Whether a power's base can go without parentheses: x^{2}, 3^{x}, \sqrt{x}^{3}, but (\sin x)^{2}. */
function bareBase(e: Expr): boolean {
  if (e.kind === 'var') return true;
  if (e.kind === 'num') return !isNegative(e.value) && !latexNumber(e.value).includes('times');
  return e.kind === 'call' && (e.fn === 'sqrt' || e.fn === 'abs');
}

function latexBinary(e: Extract<Expr, { kind: 'binary' }>): string {
  if (e.op === '/') return `\\frac{${exprToLatex(e.left)}}{${exprToLatex(e.right)}}`;
  const leftText = exprToLatex(e.left);
  if (e.op === '^') return `${bareBase(e.left) ? leftText : paren(leftText)}^{${exprToLatex(e.right)}}`;
  const left = latexPrecedence(e.left) < leftMin(e.op) ? paren(leftText) : leftText;
  const rightText = exprToLatex(e.right);
  const right = rightNeedsParens(e.op, latexPrecedence(e.right)) ? paren(rightText) : rightText;
  if (e.op !== '*') return `${left} ${e.op} ${right}`;
  const juxtapose = e.left.kind === 'num' && !isNegative(e.left.value) && canJuxtapose(right);
  return juxtapose ? `${left} ${right}` : `${left} \\cdot ${right}`;
}

/** Prints an expression as LaTeX for KaTeX (\frac for division, ^{} for powers, \sqrt, |.|). */
export function exprToLatex(expr: Expr): string {
  switch (expr.kind) {
    case 'num':
      return latexNumber(expr.value);
    case 'var':
      return expr.name;
    case 'neg': {
      const arg = exprToLatex(expr.arg);
      return `-${latexPrecedence(expr.arg) <= NEG ? paren(arg) : arg}`;
    }
    case 'call': {
      const arg = exprToLatex(expr.arg);
      if (expr.fn === 'sqrt') return `\\sqrt{${arg}}`;
      if (expr.fn === 'abs') return `\\left|${arg}\\right|`;
      return `${LATEX_FUNCTIONS.get(expr.fn) ?? expr.fn}${paren(arg)}`;
    }
    case 'binary':
      return latexBinary(expr);
  }
}

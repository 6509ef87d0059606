/**
 * Lexer for the lab's expression language. It only recognises numbers, names, the five operators
 * (with `**` as a spelling of `^`), parentheses and commas; every other character is an error with
 * its position, so hostile text (quotes, dots, brackets, `=`) is refused before parsing.
 */
import type { ParseError } from './ast';

/** Longest expression accepted, in characters: keeps recursion depth and work bounded. */
export const MAX_EXPRESSION_LENGTH = 500;

/** Kind of a lexical token. */
export type TokenKind = 'num' | 'name' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end';

/** One token: its kind, its source text, its 0-based start position and, for numbers, its value. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly pos: number;
  readonly value: number;
}

/** Result of lexing: the tokens (ending with an `end` token) or the first error. */
export type LexResult =
  | { readonly ok: true; readonly tokens: readonly Token[] }
  | { readonly ok: false; readonly error: ParseError };

const SINGLE_CHAR: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  ['+', 'op'],
  ['-', 'op'],
  ['*', 'op'],
  ['/', 'op'],
  ['^', 'op'],
  ['(', 'lparen'],
  [')', 'rparen'],
  [',', 'comma'],
]);

/** Hints for characters people often type by habit from other notations. */
const CHARACTER_HINTS: ReadonlyMap<string, string> = new Map([
  ['²', ' (write ^2)'],
  ['³', ' (write ^3)'],
  ['·', ' (write *)'],
  ['×', ' (write *)'],
  ['−', ' (write -)'],
  ['[', ' (use parentheses)'],
  ['{', ' (use parentheses)'],
  ['=', ' (type only the right-hand side of f(x, y) = ...)'],
  ['.', " (a '.' belongs inside a number such as 0.5)"],
  ['"', ' (there are no strings)'],
  ["'", ' (there are no strings)'],
  ['`', ' (there are no strings)'],
]);

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
// λ and μ (Greek mu, and the micro sign a keyboard may type for it) are letters of names so that
// the implicit view's parameter and unfolding parameter can be written as in the lesson.
const GREEK_LETTERS = new Set(['λ', 'μ', 'µ']);
const isNameStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || GREEK_LETTERS.has(c);
const isNamePart = (c: string): boolean => isNameStart(c) || isDigit(c);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function token(kind: TokenKind, text: string, pos: number, value = Number.NaN): Token {
  return { kind, text, pos, value };
}

/** Length of the number starting at `start` (0 if none): digits, optional fraction, optional exponent. */
function scanNumber(text: string, start: number): number {
  let i = start;
  while (i < text.length && isDigit(text[i])) i++;
  const intDigits = i - start;
  if (text[i] === '.') {
    i++;
    const fracStart = i;
    while (i < text.length && isDigit(text[i])) i++;
    if (intDigits === 0 && i === fracStart) return 0; // a lone '.' is not a number
  } else if (intDigits === 0) {
    return 0;
  }
  // The exponent is only taken when digits follow, so `2e` stays `2` then the constant `e`.
  if (text[i] === 'e' || text[i] === 'E') {
    let j = i + 1;
    if (text[j] === '+' || text[j] === '-') j++;
    if (isDigit(text[j] ?? '')) {
      while (j < text.length && isDigit(text[j])) j++;
      i = j;
    }
  }
  return i - start;
}

function describeChar(c: string): string {
  const shown = c === "'" ? '"\'"' : `'${c}'`;
  return `unexpected character ${shown}${CHARACTER_HINTS.get(c) ?? ''}`;
}

/** Splits expression text into tokens; never throws. */
export function tokenize(text: string): LexResult {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    const message = `expression is too long (${text.length} characters; at most ${MAX_EXPRESSION_LENGTH})`;
    return { ok: false, error: { message, pos: MAX_EXPRESSION_LENGTH } };
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
    } else if (c === '*' && text[i + 1] === '*') {
      tokens.push(token('op', '^', i));
      i += 2;
    } else if (SINGLE_CHAR.has(c)) {
      tokens.push(token(SINGLE_CHAR.get(c) as TokenKind, c, i));
      i++;
    } else if (isDigit(c) || c === '.') {
      const length = scanNumber(text, i);
      if (length === 0) return { ok: false, error: { message: describeChar(c), pos: i } };
      const numText = text.slice(i, i + length);
      const value = Number(numText);
      if (!Number.isFinite(value)) {
        return { ok: false, error: { message: `number ${numText} is too large`, pos: i } };
      }
      tokens.push(token('num', numText, i, value));
      i += length;
    } else if (isNameStart(c)) {
      let j = i + 1;
      while (j < text.length && isNamePart(text[j])) j++;
      tokens.push(token('name', text.slice(i, j), i));
      i = j;
    } else {
      // Report a whole surrogate pair (an emoji, say) rather than half of it.
      const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
      return { ok: false, error: { message: describeChar(ch), pos: i } };
    }
  }
  tokens.push(token('end', '', text.length));
  return { ok: true, tokens };
}

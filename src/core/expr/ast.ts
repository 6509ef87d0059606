/**
 * The expression tree that user text is parsed into. Only the node kinds and names listed here
 * exist: the parser accepts an allow-list, and every consumer (tfjs compiler, jet evaluator,
 * printer) switches over these kinds exhaustively.
 */

/** Functions of one argument that a user may call. */
export const UNARY_FUNCTIONS = [
  'sin',
  'cos',
  'tan',
  'exp',
  'log',
  'sqrt',
  'abs',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'sigmoid',
  'softplus',
] as const;

/** Name of an allowed one-argument function. */
export type UnaryFunction = (typeof UNARY_FUNCTIONS)[number];

/** Named constants a user may write; they are folded to numbers by the parser. */
export const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };

/** Variables an expression may use: x and y in 2D, x alone in 1D. */
export type VariableName = 'x' | 'y';

/** Binary operators, with `^` meaning power. */
export type BinaryOp = '+' | '-' | '*' | '/' | '^';

/** One node of the expression tree. */
export type Expr =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'var'; readonly name: VariableName }
  | { readonly kind: 'neg'; readonly arg: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'call'; readonly fn: UnaryFunction; readonly arg: Expr };

/** A parse failure: a message for people and the 0-based character position it refers to. */
export interface ParseError {
  readonly message: string;
  readonly pos: number;
}

/** Result of parsing: either a tree or an error, never an exception. */
export type ParseResult =
  | { readonly ok: true; readonly expr: Expr }
  | { readonly ok: false; readonly error: ParseError };

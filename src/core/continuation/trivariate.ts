/**
 * Exact partials of an expression in three symbols (F(x, λ, μ), or a family f(x, y; λ)) from the
 * two-variable jets: the text is parsed with the third symbol folded to a number, twice (0 and 1),
 * and the number nodes that differ are that symbol's places. Substituting an affine map of the two
 * jet variables for x, y and the third symbol gives the jet of the restriction to any plane through
 * a point, so F_μ, F_xμ or f_xyλ (by polarization along x + y) come without a step size.
 */
import type { Expr, ParseResult, VariableName } from '../expr/ast';
import { parseExpression } from '../expr/parser';
import type { ParseOptions } from '../expr/parser';
import { taylorCoefficients } from '../jet';

/** A point or direction (x, y, z) of the three symbols; z is the third. */
export type Vector3 = readonly [number, number, number];

/** An expression in three symbols: the tree with x, y as variables and the third's number nodes marked. */
export interface Trivariate {
  readonly expr: Expr;
  readonly third: ReadonlySet<Expr>;
}

/** Marks the nodes of a (third = 0) whose twin in b (third = 1) differs: the third symbol's places. */
function markThird(a: Expr, b: Expr, out: Set<Expr>): void {
  if (a.kind === 'num' && b.kind === 'num') {
    if (a.value !== b.value) out.add(a);
  } else if (a.kind === 'neg' && b.kind === 'neg') markThird(a.arg, b.arg, out);
  else if (a.kind === 'call' && b.kind === 'call') markThird(a.arg, b.arg, out);
  else if (a.kind === 'binary' && b.kind === 'binary') {
    markThird(a.left, b.left, out);
    markThird(a.right, b.right, out);
  }
}

/**
 * Parses text in x, y (variables and aliases as `options` say) and a third symbol spelled by any
 * of `thirdNames`; the parser's own allow-list checks the text, so errors read as they always do.
 */
export function parseTrivariate(text: string, variables: readonly VariableName[], thirdNames: readonly string[], options: ParseOptions = {}): { ok: true; value: Trivariate } | Extract<ParseResult, { ok: false }> {
  const at = (value: number) => parseExpression(text, variables, { ...options, constants: { ...options.constants, ...Object.fromEntries(thirdNames.map((n) => [n, value])) } });
  const zero = at(0);
  const one = at(1);
  if (!zero.ok) return zero;
  if (!one.ok) return one;
  const third = new Set<Expr>();
  markThird(zero.expr, one.expr, third);
  return { ok: true, value: { expr: zero.expr, third } };
}

/** The Expr c + a·x + b·y with zero terms left out. */
function affine(c: number, a: number, b: number): Expr {
  let e: Expr = { kind: 'num', value: c };
  const add = (k: number, name: VariableName) => {
    if (k === 0) return;
    const term: Expr = { kind: 'binary', op: '*', left: { kind: 'num', value: k }, right: { kind: 'var', name } };
    e = { kind: 'binary', op: '+', left: e, right: term };
  };
  add(a, 'x');
  add(b, 'y');
  return e;
}

/** The tree with x, y and the third symbol replaced by the given expressions. */
function substitute(t: Trivariate, x: Expr, y: Expr, z: Expr): Expr {
  const walk = (e: Expr): Expr => {
    if (t.third.has(e)) return z;
    switch (e.kind) {
      case 'num':
        return e;
      case 'var':
        return e.name === 'x' ? x : y;
      case 'neg':
        return { kind: 'neg', arg: walk(e.arg) };
      case 'call':
        return { kind: 'call', fn: e.fn, arg: walk(e.arg) };
      case 'binary':
        return { kind: 'binary', op: e.op, left: walk(e.left), right: walk(e.right) };
    }
  };
  return walk(t.expr);
}

/** The two-variable Expr of f with the third symbol held at a value: F(x, λ) at one μ. */
export function bindThird(t: Trivariate, value: number): Expr {
  return substitute(t, { kind: 'var', name: 'x' }, { kind: 'var', name: 'y' }, { kind: 'num', value });
}

/**
 * The jet (taylorLayout, to `order`) of g(s, r) = f(p + s u + r v) at s = r = 0: with u, v unit
 * axes its coefficients are f's own partials in those two symbols at p, the third held fixed.
 */
export function planeJet(t: Trivariate, p: Vector3, u: Vector3, v: Vector3, order: number): Float64Array {
  const expr = substitute(t, affine(p[0], u[0], v[0]), affine(p[1], u[1], v[1]), affine(p[2], u[2], v[2]));
  return taylorCoefficients(expr, 0, 0, order);
}

/** Unit axes of (x, y, z). */
export const AXIS_X: Vector3 = [1, 0, 0];
/** Unit y axis. */
export const AXIS_Y: Vector3 = [0, 1, 0];
/** Unit axis of the third symbol. */
export const AXIS_Z: Vector3 = [0, 0, 1];

/**
 * The GD map g(x) = x − η f′(x) as a zero set of the implicit view. Since
 *   g(g(x)) − x = −η [f′(x) + f′(x − η f′(x))],
 * H(x, η) = f′(x) + f′(x − η f′(x)) vanishes on the fixed points (the lines x = x*, f′(x*) = 0) and
 * on the period-2 orbits, and g∘g is exactly the map x ← x − η H(x, η). Its multiplier at a zero of H
 * is therefore 1 − η H_x, which for a fixed point is (1 − η f″(x*))² since H_x = f″(x*)(2 − η f″(x*))
 * there. H_x = H_η = 0 at (2/f″(x*), x*): the branch point where the period-2 branch is born (the
 * flip). With λ written for η, H is a formula the implicit view parses.
 */
import type { Expr } from '../expr/ast';
import { formatParseError, parseExpression } from '../expr/parser';
import { exprToString } from '../expr/print';
import { findLocalMinima } from '../gdmap/minima';
import type { XWindow } from '../gdmap/types';
import { jetOfExpr } from '../gdmap/univariateJet';
import { evaluateExpr, taylorCoefficients } from '../jet';
import { add, derivativeExpr, mul, sub, substituteX } from './symbolicDerivative';
import type { ImplicitWindow, LambdaX } from './types';

/** A generated formula, or a message that says what was wrong with the text it came from. */
export type GdFormulaResult = { readonly ok: true; readonly formula: string } | { readonly ok: false; readonly error: string };

/** The longest formula the implicit view's state keeps (LabState's implicitFormula). */
export const MAX_IMPLICIT_FORMULA = 500;

/** H(x, λ) = f′(x) + f′(x − λ f′(x)) as a tree, y standing for λ (as parseImplicit stores it). */
export function gdPeriodTwoExpr(fPrime: Expr): Expr {
  const g: Expr = sub({ kind: 'var', name: 'x' }, mul({ kind: 'var', name: 'y' }, fPrime));
  return add(fPrime, substituteX(fPrime, g));
}

/** Prints a tree over x and y with y written as `lambda`, text the implicit parser reads back. */
function implicitText(e: Expr): string {
  // The printer's letters are x, y, function names and pi/e; none of the names contains a y.
  return exprToString(e).replace(/y/g, 'lambda');
}

/**
 * F(x, λ) = f′(x) + f′(x − λ f′(x)) for the implicit view from the text of f′(x) (in x only): the
 * zero set of fixed points and period-2 points of x ← x − λ f′(x). A malformed or empty text gives
 * the parser's message with a caret, never an exception.
 */
export function gdPeriodTwoFormula(fPrimeText: string): GdFormulaResult {
  const text = fPrimeText.trim();
  if (text === '') return { ok: false, error: "f′(x) is empty: type the slope of f, e.g. '4*x^3 - 6*x + 1'" };
  const parsed = parseExpression(text, ['x']);
  if (!parsed.ok) return { ok: false, error: `f′(x) does not parse: ${formatParseError(text, parsed.error)}` };
  return { ok: true, formula: implicitText(gdPeriodTwoExpr(parsed.expr)) };
}

/** f′(x) of a typed f(x) as text (symbolic derivative, simplified), or the parser's message. */
export function slopeText(fText: string): GdFormulaResult {
  const parsed = parseExpression(fText.trim(), ['x']);
  if (!parsed.ok) return { ok: false, error: `f(x) does not parse: ${formatParseError(fText.trim(), parsed.error)}` };
  return { ok: true, formula: exprToString(derivativeExpr(parsed.expr)) };
}

/** The implicit formula of a typed f: f′ by symbolic differentiation, then gdPeriodTwoFormula; too long a result is an error. */
export function gdPeriodTwoFormulaOfF(fText: string): GdFormulaResult {
  const slope = slopeText(fText);
  if (!slope.ok) return slope;
  const result = gdPeriodTwoFormula(slope.formula);
  if (result.ok && result.formula.length > MAX_IMPLICIT_FORMULA) {
    return { ok: false, error: `F(x, λ) for f′ = ${slope.formula} has ${result.formula.length} characters, more than the implicit view keeps (${MAX_IMPLICIT_FORMULA})` };
  }
  return result;
}

/** The multiplier of g∘g at a zero of H: (g∘g)′ = 1 − λ H_x (stable iff its modulus is below 1). */
export function gdMultiplier(Fx: number, lambda: number): number {
  return 1 - lambda * Fx;
}

/** What a point of H = 0 is for the map: a fixed point of g (f′(x) = 0) or a point of a period-2 orbit. */
export type GdPointKind = 'fixed point' | 'period 2';

/**
 * Which a point (λ, x) of H = 0 is: H(x, 0) = 2 f′(x), so it is a fixed point iff H(x, 0) = 0,
 * tested as |H(x, 0)| <= tol (default 1e-7; a period-2 point that close to x* is within ~1e-7 of the flip).
 */
export function gdPointKind(F: Expr, x: number, tol = 1e-7): GdPointKind {
  return Math.abs(evaluateExpr(F, x, 0)) <= tol ? 'fixed point' : 'period 2';
}

/** What the readouts say about a point (λ, x) of H = 0 read as the GD map at rate η = λ. */
export interface GdPointInfo {
  readonly kind: GdPointKind;
  /** The other point of the orbit, g(x) = x − λ f′(x) with f′(x) = H(x, 0)/2 (x itself for a fixed point). */
  readonly partner: number;
  /** (g∘g)′(x) = 1 − λ H_x: (1 − λ f″(x*))² at a fixed point, g′(x) g′(g(x)) on a 2-cycle. */
  readonly multiplier: number;
  readonly stable: boolean;
}

/** The point's kind, orbit partner, multiplier and stability, from H alone. */
export function gdPointInfo(F: Expr, lambda: number, x: number): GdPointInfo {
  const Hx = taylorCoefficients(F, x, lambda, 1)[1];
  const multiplier = gdMultiplier(Hx, lambda);
  const kind = gdPointKind(F, x);
  const partner = kind === 'fixed point' ? x : x - (lambda * evaluateExpr(F, x, 0)) / 2;
  return { kind, partner, multiplier, stable: Math.abs(multiplier) < 1 };
}

/** The implicit view's picture of a typed f's GD map: its formula, a window showing every flip, a point on a fixed line. */
export interface GdZeroSetView {
  readonly formula: string;
  readonly window: ImplicitWindow;
  readonly point: LambdaX;
}

/**
 * What the GD-map view hands the implicit view for f and its x window: H's formula; η from 0 to 1.4×
 * the largest flip 2/f″(x*) of the window's minima (0 to 1 when none flips); x over the same window;
 * the point on the first minimum's line at half its flip. A bad or too long f is an error.
 */
export function gdZeroSetView(fText: string, xWindow: XWindow): { ok: true; value: GdZeroSetView } | { ok: false; error: string } {
  const formula = gdPeriodTwoFormulaOfF(fText);
  if (!formula.ok) return formula;
  const parsed = parseExpression(fText.trim(), ['x']);
  if (!parsed.ok) return { ok: false, error: 'f(x) does not parse' };
  const minima = findLocalMinima(jetOfExpr(parsed.expr), xWindow).filter((m) => Number.isFinite(m.flipEta));
  const top = Math.max(0, ...minima.map((m) => m.flipEta));
  const lambdaMax = top > 0 ? Number((1.4 * top).toPrecision(2)) : 1;
  const first = minima[0];
  const point = first ? { lambda: first.flipEta / 2, x: first.x } : { lambda: lambdaMax / 2, x: (xWindow.xMin + xWindow.xMax) / 2 };
  return { ok: true, value: { formula: formula.formula, window: { lambdaMin: 0, lambdaMax, xMin: xWindow.xMin, xMax: xWindow.xMax }, point } };
}

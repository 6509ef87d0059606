/** The implicit view's ready-made F(x, λ) and the parser spelling of λ. */
import type { Dynamics } from '../continuation/dynamics';
import type { Expr, ParseResult } from '../expr/ast';
import { parseExpression } from '../expr/parser';
import { gdPeriodTwoFormula } from './gdZeroSet';
import type { ImplicitWindow, LambdaX } from './types';

/** How the parameter may be written: `lambda` or `λ`, both meaning the tree's variable y. */
export const LAMBDA_ALIASES: Readonly<Record<string, 'y'>> = { lambda: 'y', λ: 'y' };

/** Parses F(x, λ) with x the state and λ (written lambda or λ) stored as the variable y. */
export function parseImplicit(text: string): ParseResult {
  return parseExpression(text, ['x'], { aliases: LAMBDA_ALIASES });
}

/** Parses F(x, λ) or throws with the parser's message; for presets and tests, whose text is known good. */
export function implicitExpr(text: string): Expr {
  const result = parseImplicit(text);
  if (!result.ok) throw new Error(`cannot parse '${text}': ${result.error.message}`);
  return result.expr;
}

/**
 * A preset F(x, λ): its formula, the window it is drawn in, a point on a branch to start from, and
 * its natural dynamics: ẋ = −F for the lessons' gradient examples, ẋ = F for Strogatz's normal forms.
 */
export interface ImplicitPreset {
  readonly key: string;
  readonly label: string;
  readonly formula: string;
  readonly window: ImplicitWindow;
  readonly point: LambdaX;
  readonly dynamics: Dynamics;
  /** The unfolding parameter's start value, for a formula in μ (mu). */
  readonly mu?: number;
}

/** The lesson's presets; the first (the pitchfork) is the default. */
export const IMPLICIT_PRESETS: readonly ImplicitPreset[] = [
  {
    key: 'pitchfork',
    label: 'pitchfork x³ − λx',
    formula: 'x^3 - lambda*x',
    window: { lambdaMin: -1, lambdaMax: 2, xMin: -1.5, xMax: 1.5 },
    point: { lambda: 1, x: 1 },
    dynamics: 'gradient',
  },
  {
    key: 'saddle-node',
    label: 'saddle-node λ + x²',
    formula: 'lambda + x^2',
    window: { lambdaMin: -2, lambdaMax: 1, xMin: -1.5, xMax: 1.5 },
    point: { lambda: -1, x: 1 },
    dynamics: 'flow',
  },
  {
    key: 'transcritical',
    label: 'transcritical λx − x²',
    formula: 'lambda*x - x^2',
    window: { lambdaMin: -1, lambdaMax: 1, xMin: -1, xMax: 1 },
    point: { lambda: 0.5, x: 0.5 },
    dynamics: 'flow',
  },
  {
    key: 'subcritical',
    label: 'subcritical pitchfork λx + x³ − x⁵',
    formula: 'lambda*x + x^3 - x^5',
    window: { lambdaMin: -0.5, lambdaMax: 0.5, xMin: -1.3, xMax: 1.3 },
    point: { lambda: 0, x: 1 },
    dynamics: 'flow',
  },
  {
    key: 'circle',
    label: 'circle x² + λ² − 1',
    formula: 'x^2 + lambda^2 - 1',
    window: { lambdaMin: -1.5, lambdaMax: 1.5, xMin: -1.5, xMax: 1.5 },
    point: { lambda: 0.6, x: 0.8 },
    dynamics: 'gradient',
  },
];

/**
 * Presets in an unfolding parameter μ as well: F(x, λ, μ), drawn with the μ slider and the fold
 * curve in (λ, μ). Kept apart from IMPLICIT_PRESETS, whose formulas parse as F(x, λ) alone.
 */
export const UNFOLDING_PRESETS: readonly ImplicitPreset[] = [
  {
    key: 'imperfect',
    label: 'imperfect pitchfork x³ − λx + μ',
    formula: 'x^3 - lambda*x + mu',
    window: { lambdaMin: -1, lambdaMax: 2, xMin: -1.5, xMax: 1.5 },
    point: { lambda: 1, x: 0.9456492739235914 },
    dynamics: 'gradient',
    mu: 0.1,
  },
];

/** The slope of the lessons' quartic f = x⁴ − 3x² + x (the GD-map view's default f). */
export const GD_QUARTIC_SLOPE = '4*x^3 - 6*x + 1';

function generated(result: ReturnType<typeof gdPeriodTwoFormula>): string {
  if (!result.ok) throw new Error(result.error);
  return result.formula;
}

/**
 * The GD map's fixed and period-2 points as a zero set: F = f′(x) + f′(x − λf′(x)) with λ the rate
 * η, and the map's own stability. Kept apart from IMPLICIT_PRESETS, whose stability is a flow's.
 * The window shows both flips, η = 2/f″(x*) ≈ 0.1398 and 0.2140; the point sits on x* ≈ −1.30084.
 */
export const MAP_PRESETS: readonly ImplicitPreset[] = [
  {
    key: 'gd-period2',
    label: 'GD map: fixed and period-2 points of x ← x − η f′(x), f = x⁴ − 3x² + x',
    formula: generated(gdPeriodTwoFormula(GD_QUARTIC_SLOPE)),
    window: { lambdaMin: 0, lambdaMax: 0.3, xMin: -2, xMax: 2 },
    point: { lambda: 0.07, x: -1.3008395659415772 },
    dynamics: 'gd-map',
  },
];

/** The preset with this key (any list), or undefined. */
export function implicitPreset(key: string): ImplicitPreset | undefined {
  return [...IMPLICIT_PRESETS, ...UNFOLDING_PRESETS, ...MAP_PRESETS].find((p) => p.key === key);
}

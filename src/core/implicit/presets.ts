/** The implicit view's ready-made F(x, λ) and the parser spelling of λ. */
import type { Dynamics } from '../continuation/dynamics';
import type { Expr, ParseResult } from '../expr/ast';
import { parseExpression } from '../expr/parser';
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

/** The preset with this key (either list), or undefined. */
export function implicitPreset(key: string): ImplicitPreset | undefined {
  return [...IMPLICIT_PRESETS, ...UNFOLDING_PRESETS].find((p) => p.key === key);
}

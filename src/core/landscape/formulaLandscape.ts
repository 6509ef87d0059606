/** A typed formula as a landscape: float64 jets over the expression tree. */
import type { Expr } from '../expr/ast';
import { exprToString } from '../expr/print';
import { evaluateExpr, taylorCoefficients } from '../jet';
import type { Landscape } from './Landscape';

/** A formula landscape keeps its tree for the views that typeset it. */
export interface FormulaLandscape extends Landscape {
  readonly kind: 'formula';
  readonly expr: Expr;
}

/** The formula f(x, y) = expr as a landscape; `text` is what the user typed (for the label). */
export function formulaLandscape(expr: Expr, text?: string): FormulaLandscape {
  const printed = exprToString(expr);
  return {
    kind: 'formula',
    key: `formula:${printed}`,
    label: text ?? printed,
    expr,
    value: (x, y) => evaluateExpr(expr, x, y),
    coefficients: (x, y, order) => taylorCoefficients(expr, x, y, order),
  };
}

/** A landscape as given, or a bare expression tree wrapped as a formula landscape. */
export function asLandscape(source: Expr | Landscape): Landscape {
  return 'coefficients' in source ? source : formulaLandscape(source);
}

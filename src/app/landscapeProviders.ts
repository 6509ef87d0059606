/**
 * Landscape providers by kind: LabApp asks the provider registered for the state's landscape
 * choice what to show, and never builds a landscape itself. A formula is parsed from the state
 * (FormulaLandscapes); a network's slice is built elsewhere (trained in the worker) and handed to
 * a BuiltLandscape, which also says what it is waiting for meanwhile.
 */
import type { Expr } from '../core/expr/ast';
import { formatParseError, parseExpression } from '../core/expr/parser';
import { formulaGridLandscape, type GridLandscape } from '../compute/landscape/GridLandscape';
import { defaultState, type LabState, type LandscapeChoice } from '../state/schema';

/** What a provider offers for a state: a landscape, a sentence saying what it waits for, or "keep what is on screen". */
export type LandscapeOffer = { readonly landscape: GridLandscape } | { readonly waiting: string } | { readonly keep: true };

/** One landscape kind. */
export interface LandscapeProvider {
  /** What to show for this state; `shown` says whether a grid is on screen now. */
  offer(state: Readonly<LabState>, shown: boolean): LandscapeOffer;
  /** Calls back when what it offers changes without a state change (built, or a new waiting text). */
  onChange(listener: () => void): () => void;
}

/** Where a formula's parse error is shown (the formula field). */
export interface FormulaErrors {
  showError(message: string | null): void;
}

/**
 * Formulas typed or linked: state.formula parsed into a landscape. A bad formula shows its caret
 * message and keeps the last good surface; at start-up, with none on screen, the default
 * formula's landscape stands in while the error is shown.
 */
export class FormulaLandscapes implements LandscapeProvider {
  private expr: Expr | null = null;

  constructor(private readonly errors: FormulaErrors) {}

  offer(state: Readonly<LabState>, shown: boolean): LandscapeOffer {
    const result = parseExpression(state.formula);
    if (result.ok) {
      this.errors.showError(null);
      this.expr = result.expr;
    } else {
      this.errors.showError(formatParseError(state.formula, result.error));
      if (shown) return { keep: true };
      this.expr ??= fallbackExpr();
    }
    return { landscape: formulaGridLandscape(this.expr, state.formula) };
  }

  onChange(): () => void {
    return () => undefined; // a formula changes only with the state
  }
}

function fallbackExpr(): Expr {
  const result = parseExpression(defaultState().formula);
  if (!result.ok) throw new Error('the default formula must parse');
  return result.expr;
}

/** A landscape built outside the app (a trained network's slice): set when built, a waiting text until then. */
export class BuiltLandscape implements LandscapeProvider {
  private landscape: GridLandscape | null = null;
  private waiting = 'Waiting for the landscape to be built…';
  private readonly listeners = new Set<() => void>();

  /** Hands over the built landscape (null: none any more, e.g. a retrain started). */
  set(landscape: GridLandscape | null): void {
    this.landscape = landscape;
    this.notify();
  }

  /** Says what it waits for ("Training the network: step 40 of 300"). */
  setWaiting(text: string): void {
    this.waiting = text;
    if (!this.landscape) this.notify();
  }

  offer(): LandscapeOffer {
    return this.landscape ? { landscape: this.landscape } : { waiting: this.waiting };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** The lab's providers: formulas from the state, the network's slice built by the network controller. */
export function labLandscapes(errors: FormulaErrors): Record<LandscapeChoice, LandscapeProvider> {
  return { formula: new FormulaLandscapes(errors), network: new BuiltLandscape() };
}

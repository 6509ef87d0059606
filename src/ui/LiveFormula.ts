import katex from 'katex';
import 'katex/dist/katex.min.css';
import type { Expr } from '../core/expr/ast';
import { parseExpression } from '../core/expr/parser';
import { taylorCoefficients } from '../core/jet';
import type { PointModel } from '../core/landscape/pointModel';
import { coefficientIndex, MAX_ORDER_1D, MAX_ORDER_2D } from '../core/taylorLayout';
import { parseNumberList } from '../state/actions';
import type { LabState } from '../state/schema';
import type { Store } from '../state/Store';
import { taylorLatex1D, taylorLatex2D } from './taylorLatex';
import { viewShows } from '../state/views';

// 2D changes arrive as point models; the store only drives the 1D polynomial and the view switch.
const WATCHED: ReadonlySet<keyof LabState> = new Set(['mode', 'formula1d', 'x1d', 'orders1d']);

/**
 * The LaTeX of the current Taylor polynomial, or a plain message when there is none. In 2D the
 * coefficients come from the app's point model (whatever the landscape); in 1D from f(x).
 */
export function currentTaylorLatex(
  s: Readonly<LabState>,
  parse: (text: string, vars: readonly ('x' | 'y')[]) => Expr | null,
  model: PointModel | null = null,
): { latex: string } | { message: string } {
  if (viewShows(s.mode, 'curve')) {
    const expr = parse(s.formula1d, ['x']);
    const orders = parseNumberList(s.orders1d);
    if (!expr) return { message: 'f(x) does not parse' };
    if (orders.length === 0) return { message: 'no order chosen' };
    const order = Math.min(MAX_ORDER_1D, Math.max(...orders));
    const c = taylorCoefficients(expr, s.x1d, 0, order);
    const coeffs = Array.from({ length: order + 1 }, (_, n) => c[coefficientIndex(n, 0)]);
    return coeffs.every(Number.isFinite) ? { latex: taylorLatex1D(coeffs, order, s.x1d) } : { message: 'f is not smooth at x₀' };
  }
  if (!model) return { message: 'no landscape yet' };
  const order = Math.min(MAX_ORDER_2D, Math.max(0, model.order));
  const coeffs = model.coeffs.subarray(0, ((order + 1) * (order + 2)) / 2);
  return coeffs.every(Number.isFinite) ? { latex: taylorLatex2D(coeffs, order, model.x, model.y) } : { message: 'f is not smooth at the point' };
}

/**
 * The Taylor polynomial at the current point with its numeric coefficients, typeset by KaTeX in a
 * sidebar section; at most one update per animation frame, so dragging stays smooth.
 */
export class LiveFormula {
  /** The section element (data-testid="live-formula"). */
  readonly element: HTMLElement;
  private readonly math: HTMLElement;
  private frame = 0;
  private readonly cache = new Map<string, Expr | null>();
  private readonly unsubscribe: () => void;
  private model: PointModel | null = null;

  /** Builds the section after `after` (or at the end of parent) and follows the store. */
  constructor(parent: HTMLElement, private readonly store: Store, after?: Element | null) {
    this.element = document.createElement('section');
    this.element.className = 'live-formula';
    this.element.dataset.testid = 'live-formula';
    const heading = document.createElement('h2');
    heading.textContent = 'Taylor model at the point';
    this.math = document.createElement('div');
    this.math.className = 'live-formula-math';
    this.math.dataset.readout = 'live-formula';
    // It scrolls sideways at high orders: a keyboard user must be able to reach and scroll it.
    this.math.tabIndex = 0;
    this.math.setAttribute('role', 'region');
    this.math.setAttribute('aria-label', 'Taylor model formula');
    this.element.append(heading, this.math);
    if (after?.parentElement === parent) after.after(this.element);
    else parent.append(this.element);
    this.unsubscribe = store.subscribe((_s, changed) => {
      for (const key of changed) if (WATCHED.has(key)) return this.schedule();
    });
    this.render();
  }

  /** Shows the polynomial of a new 2D point model (the app calls this once per point change). */
  setPointModel(model: PointModel): void {
    this.model = model;
    this.schedule();
  }

  /** Stops following the store and removes the section. */
  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.unsubscribe();
    this.element.remove();
  }

  private schedule(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private parse = (text: string, vars: readonly ('x' | 'y')[]): Expr | null => {
    const key = `${vars.join('')}:${text}`;
    if (!this.cache.has(key)) {
      if (this.cache.size > 16) this.cache.clear();
      const result = parseExpression(text, vars);
      this.cache.set(key, result.ok ? result.expr : null);
    }
    return this.cache.get(key) ?? null;
  };

  private render(): void {
    // Only views that show a Taylor model at a point have this section (the implicit view has its own readouts).
    this.element.hidden = !viewShows(this.store.get().mode, 'taylorFormula');
    const out = currentTaylorLatex(this.store.get(), this.parse, this.model);
    if ('message' in out) {
      this.math.dataset.latex = '';
      this.math.textContent = out.message;
      return;
    }
    if (this.math.dataset.latex === out.latex) return;
    this.math.dataset.latex = out.latex;
    // The LaTeX holds only numbers and fixed text (see taylorLatex.ts); KaTeX escapes its output.
    katex.render(out.latex, this.math, { throwOnError: false, displayMode: true });
  }
}

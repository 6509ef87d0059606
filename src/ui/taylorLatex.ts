/**
 * LaTeX of a Taylor polynomial with numeric coefficients, e.g.
 * "T_1(x,y) = 0.8125 - 1.5\,(x - 0.5) + (y - 0.5)". Too wide for the sidebar, it becomes KaTeX
 * aligned with one line per degree (2D), and a degree still too wide is split over more lines.
 * Built only from numbers and fixed text, never from what the user typed.
 */
import { coefficientIndex } from '../core/taylorLayout';

/** Coefficients below this magnitude are left out. */
export const NEGLIGIBLE = 1e-12;

type Term = { sign: '+' | '-'; body: string };

/** Characters of terms per printed line before it wraps, and the width of "T_k(x,y) = ". */
const LINE_BUDGET = 36;
const LHS_WIDTH = 9;

/** A number with 4 significant digits in LaTeX; very large or small ones as m × 10^e. */
export function latexNumber(v: number): string {
  const rounded = Number(v.toPrecision(4));
  const abs = Math.abs(rounded);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) {
    const [mantissa, exponent] = rounded.toExponential(3).split('e');
    return `${Number(mantissa)} \\times 10^{${Number(exponent)}}`;
  }
  return String(rounded + 0);
}

/** "(x - 0.5)", "(x + 1)" or "x" for a point at 0. */
function shifted(variable: string, at: number): string {
  const a = Number(at.toPrecision(4));
  if (a === 0) return variable;
  return `(${variable} ${a > 0 ? '-' : '+'} ${latexNumber(Math.abs(a))})`;
}

function power(base: string, n: number): string {
  if (n === 0) return '';
  return n === 1 ? base : `${base}^{${n}}`;
}

/** One signed term "+ 1.5\,(x - 0.5)^{2}"; null when the coefficient is negligible. */
function term(c: number, monomial: string): Term | null {
  if (!(Math.abs(c) >= NEGLIGIBLE)) return Number.isNaN(c) ? { sign: '+', body: '\\mathrm{NaN}' } : null;
  const magnitude = latexNumber(Math.abs(c));
  const body = monomial === '' ? magnitude : magnitude === '1' ? monomial : `${magnitude}\\,${monomial}`;
  return { sign: c < 0 ? '-' : '+', body };
}

function joinTerms(terms: Term[], leading: boolean): string {
  return terms.map((t, i) => (i === 0 && leading ? (t.sign === '-' ? `-${t.body}` : t.body) : `${t.sign} ${t.body}`)).join(' ');
}

/** Roughly how many characters a term shows (LaTeX commands and braces do not print). */
function visibleLength(t: Term): number {
  return t.body.replace(/\\[a-z]+|[{}^\\,\s]/g, '').length + 2;
}

/** Splits a line whose terms would print wider than LINE_BUDGET characters (the sidebar is narrow). */
function splitLong(line: Term[], first: boolean): Term[][] {
  const out: Term[][] = [[]];
  let used = first ? LHS_WIDTH : 2;
  for (const t of line) {
    const w = visibleLength(t);
    if (out[out.length - 1].length > 0 && used + w > LINE_BUDGET) {
      out.push([]);
      used = 2;
    }
    out[out.length - 1].push(t);
    used += w;
  }
  return out;
}

/** "lhs = terms" on one line when it fits, else KaTeX aligned with one line per entry of `lines` (long ones split). */
function assemble(lhs: string, lines: Term[][]): string {
  const split = lines.filter((l) => l.length > 0).flatMap((l, i) => splitLong(l, i === 0));
  if (split.length === 0) return `${lhs} = 0`;
  if (split.length === 1) return `${lhs} = ${joinTerms(split[0], true)}`;
  const body = split.map((l, i) => (i === 0 ? `${lhs} &= ${joinTerms(l, true)}` : `&\\quad ${joinTerms(l, false)}`)).join(' \\\\ ');
  return `\\begin{aligned} ${body} \\end{aligned}`;
}

/** LaTeX of T_k(x, y) from coefficients in taylorLayout order, expanded at (x0, y0). */
export function taylorLatex2D(coeffs: ArrayLike<number>, order: number, x0: number, y0: number): string {
  const groups: Term[][] = [];
  for (let d = 0; d <= order; d++) {
    const group: Term[] = [];
    for (let j = 0; j <= d; j++) {
      const i = d - j;
      const monomial = [power(shifted('x', x0), i), power(shifted('y', y0), j)].filter((s) => s !== '').join('\\,');
      const t = term(coeffs[coefficientIndex(i, j)], monomial);
      if (t) group.push(t);
    }
    groups.push(group);
  }
  // One line per degree: value, gradient term, Hessian term, ... (long ones split further); the
  // value shares its line with the gradient term when both fit.
  const head = [...groups[0], ...(groups[1] ?? [])];
  const lines = head.reduce((w, t) => w + visibleLength(t), LHS_WIDTH) <= LINE_BUDGET ? [head, ...groups.slice(2)] : groups;
  return assemble(`T_{${order}}(x,y)`, lines);
}

/** LaTeX of T_k(x) from univariate coefficients c[n] (of (x - x0)^n), expanded at x0. */
export function taylorLatex1D(coeffs: ArrayLike<number>, order: number, x0: number): string {
  const terms: Term[] = [];
  for (let n = 0; n <= order; n++) {
    const t = term(coeffs[n], power(shifted('x', x0), n));
    if (t) terms.push(t);
  }
  // In 1D the terms are short: one line, wrapped only where it gets too wide.
  return assemble(`T_{${order}}(x)`, [terms]);
}

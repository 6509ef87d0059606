/**
 * The implicit view's readouts: F, F_x, F_λ at the point, the branch's derivatives x', x'', ... by
 * implicit differentiation, the trusted radius, the singular points and the slice's roots, each in
 * an element with a data-readout hook (implicit-F, implicit-Fx, implicit-Flambda, implicit-d1 ..
 * implicit-d6, implicit-trusted, implicit-singular, implicit-roots; under the GD map's dynamics
 * implicit-gd-curves and implicit-gd-point).
 */
import { MAX_BRANCH_ORDER, type BranchSeries } from '../../core/implicit/branchSeries';
import type { GdPointInfo } from '../../core/implicit/gdZeroSet';
import type { SingularPoint } from '../../core/implicit/singularPoints';
import type { SliceRoot } from '../../core/implicit/slicePanel';
import { formatReadout } from './implicitData';

const PRIMES = ['', '′', '″', '‴', '⁽⁴⁾', '⁽⁵⁾', '⁽⁶⁾'];

/** A definition list of named values, each value element findable by its data-readout key. */
export class ImplicitReadouts {
  /** The list element. */
  readonly element: HTMLDListElement;
  private readonly values = new Map<string, HTMLElement>();
  private readonly rows = new Map<string, HTMLElement[]>();

  /** Builds the list in the container. */
  constructor(container: HTMLElement) {
    this.element = document.createElement('dl');
    this.element.className = 'readouts implicit-readouts';
    this.add('implicit-point', '(λ₀, x₀)');
    this.add('implicit-F', 'F');
    this.add('implicit-Fx', '∂F/∂x');
    this.add('implicit-Flambda', '∂F/∂λ');
    for (let k = 1; k <= MAX_BRANCH_ORDER; k++) this.add(`implicit-d${k}`, `x${PRIMES[k]}(λ₀)`);
    this.add('implicit-trusted', 'trusted radius in λ');
    this.add('implicit-singular', 'theorem fails at');
    this.add('implicit-roots', 'roots at the slice');
    this.add('implicit-gd-curves', 'GD map: the curves');
    this.add('implicit-gd-point', 'GD map: the point');
    this.showGd(null);
    container.append(this.element);
  }

  /**
   * Under the GD map's dynamics: which curves are which, the flips (the singular points, at
   * η = 2/f″(x*)), and the point's orbit and multiplier; the rows are hidden otherwise (null).
   */
  showGd(gd: { flips: readonly SingularPoint[]; point: GdPointInfo | null } | null): void {
    for (const key of ['implicit-gd-curves', 'implicit-gd-point']) for (const el of this.rows.get(key) ?? []) el.hidden = gd === null;
    if (!gd) return;
    const flips = gd.flips.map((p) => `η = ${formatReadout(p.lambda)} at x* = ${formatReadout(p.x)}`).join(', ');
    this.set(
      'implicit-gd-curves',
      `horizontal lines x = x* are the fixed points (f′(x*) = 0); the curves born at the BPs are the period-2 orbits${flips ? ` (flips: ${flips})` : ''}`,
    );
    const p = gd.point;
    const text = !p
      ? '—'
      : `${p.kind === 'fixed point' ? 'fixed point' : `period-2 point, orbit {${formatReadout(p.partner)}, x₀}`}; multiplier (g∘g)′ = ${formatReadout(p.multiplier)}: ${p.stable ? 'stable' : 'unstable'}`;
    this.set('implicit-gd-point', text);
    const value = this.values.get('implicit-gd-point');
    if (value) {
      value.dataset.kind = p?.kind ?? '';
      value.dataset.multiplier = p ? String(p.multiplier) : '';
    }
  }

  /** Shows the point's values; derivatives above `shownOrder` (at least 2) are hidden. */
  showPoint(series: BranchSeries, trusted: number, hMax: number, shownOrder: number): void {
    this.set('implicit-point', `(${formatReadout(series.at.lambda)}, ${formatReadout(series.at.x)})`);
    this.set('implicit-F', formatReadout(series.F));
    this.set('implicit-Fx', formatReadout(series.Fx));
    this.set('implicit-Flambda', formatReadout(series.Flambda));
    const top = Math.max(2, shownOrder);
    series.derivatives.forEach((d, i) => {
      const key = `implicit-d${i + 1}`;
      this.set(key, series.regular ? formatReadout(d) : 'none (∂F/∂x = 0)');
      for (const el of this.rows.get(key) ?? []) el.hidden = i + 1 > top;
    });
    const value = this.values.get('implicit-trusted');
    if (value) value.dataset.value = String(trusted);
    this.set('implicit-trusted', series.regular ? `${formatReadout(trusted)}${trusted >= hMax ? ' (or more)' : ''}` : '0');
  }

  /** Lists the singular points as (λ, x) pairs, with the full values in data-points "λ,x;λ,x". */
  showSingular(points: readonly SingularPoint[]): void {
    const text = points.length === 0 ? 'nowhere in the window' : points.map((p) => `(${formatReadout(p.lambda)}, ${formatReadout(p.x)})`).join(', ');
    this.set('implicit-singular', text);
    const value = this.values.get('implicit-singular');
    if (value) value.dataset.points = points.map((p) => `${p.lambda},${p.x}`).join(';');
  }

  /** Shows the number of roots of F(·, λ) in the window, and where they are (data-roots). */
  showRoots(roots: readonly SliceRoot[]): void {
    const list = roots.map((r) => formatReadout(r.x)).join(', ');
    this.set('implicit-roots', `${roots.length}${roots.length > 0 ? `: x = ${list}` : ''}`);
    const value = this.values.get('implicit-roots');
    if (value) {
      value.dataset.count = String(roots.length);
      value.dataset.roots = roots.map((r) => String(r.x)).join(',');
    }
  }

  private add(key: string, name: string): void {
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.dataset.readout = key;
    dd.textContent = '—';
    this.element.append(dt, dd);
    this.values.set(key, dd);
    this.rows.set(key, [dt, dd]);
  }

  private set(key: string, text: string): void {
    const el = this.values.get(key);
    if (el && el.textContent !== text) el.textContent = text;
  }
}

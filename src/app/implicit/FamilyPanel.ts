/**
 * Item 7 of the implicit view, kept small: the critical points of the family f(x, y; λ) (the tilted
 * double well by default) tracked over λ and drawn as x against λ, a bifurcation diagram of the
 * family, with its folds (det H = 0) ringed. Drawn in the implicit view, not over the 3D surface.
 * The tracking takes seconds, so it runs once, the first time the panel is shown, after a paint.
 */
import { DEFAULT_FAMILY, parseFamily, trackCriticalPoints, type CriticalTrack } from '../../core/implicit/family';
import { findFolds, type FamilyFold } from '../../core/implicit/familyFold';
import type { Domain } from '../../core/types';
import type { BranchPolyline } from '../../core/implicit/zeroSet';
import { BifurcationPlot } from '../../plots/BifurcationPlot';
import type { ChartTheme } from '../../plots/chartTheme';
import { formatReadout } from './implicitData';

const DOMAIN: Domain = { xmin: -2, xmax: 2, ymin: -1.5, ymax: 1.5 };
const LAMBDAS = Array.from({ length: 41 }, (_, k) => -2 + k * 0.1);

/** Tracks as polylines (minima solid, others dashed), each end that stops inside the λ range joined to its fold. */
export function familyPolylines(tracks: readonly CriticalTrack[], folds: readonly FamilyFold[], lo: number, hi: number): BranchPolyline[] {
  return tracks.map((t) => {
    const lambda = [...t.lambda];
    const x = [...t.x];
    const near = (k: number) => folds.find((f) => Math.abs(f.lambda - t.lambda[k]) < 0.15 && Math.abs(f.x - t.x[k]) < 0.4);
    const last = t.lambda.length - 1;
    const tail = t.lambda[last] < hi && t.lambda[last] > lo ? near(last) : undefined;
    const head = t.lambda[0] > lo && t.lambda[0] < hi ? near(0) : undefined;
    if (tail) [lambda[lambda.length], x[x.length]] = [tail.lambda, tail.x];
    if (head) {
      lambda.unshift(head.lambda);
      x.unshift(head.x);
    }
    return { lambda, x, stable: t.cls[0] === 'minimum' };
  });
}

/** The family panel: a heading, a status line with the folds' λ, and the diagram. */
export class FamilyPanel {
  /** Root element (data-testid="implicit-family"). */
  readonly element: HTMLElement;
  private readonly status: HTMLElement;
  private readonly plot: BifurcationPlot;
  private started = false;
  private timer = 0;

  /** Builds the (hidden) panel in the container. */
  constructor(container: HTMLElement, theme: ChartTheme) {
    this.element = document.createElement('section');
    this.element.className = 'implicit-cell implicit-family';
    this.element.dataset.testid = 'implicit-family';
    this.element.hidden = true;
    const title = document.createElement('h2');
    title.className = 'implicit-title';
    title.textContent = `critical points of the family f(x, y; λ) = ${DEFAULT_FAMILY.replace('lambda', 'λ')} against λ`;
    this.status = document.createElement('div');
    this.status.className = 'implicit-note';
    this.status.dataset.readout = 'implicit-folds';
    this.element.append(title, this.status);
    container.append(this.element);
    this.plot = new BifurcationPlot(this.element, theme, { lambda: 'λ', x: 'x of the critical point', legend: 'family' }, false);
  }

  /** Shows or hides the panel; the first show starts the computation. */
  setVisible(visible: boolean): void {
    this.element.hidden = !visible;
    if (!visible || this.started) return;
    this.started = true;
    this.element.dataset.ready = 'false';
    this.status.textContent = 'tracking the critical points over λ ∈ [−2, 2] …';
    // Let the status paint before the seconds of Newton runs.
    this.timer = window.setTimeout(() => this.compute(), 30);
  }

  /** Resizes the diagram. */
  resize(width: number, height: number): void {
    this.plot.resize(width, height);
  }

  /** Applies a new chart theme. */
  setTheme(theme: ChartTheme): void {
    this.plot.setTheme(theme);
  }

  /** Stops a pending computation and removes the panel. */
  dispose(): void {
    clearTimeout(this.timer);
    this.plot.dispose();
    this.element.remove();
  }

  private compute(): void {
    const parsed = parseFamily(DEFAULT_FAMILY);
    if (!parsed.ok) return;
    const tracks = trackCriticalPoints(parsed.family, LAMBDAS, DOMAIN);
    const folds = findFolds(parsed.family, tracks, DOMAIN);
    const lo = LAMBDAS[0];
    const hi = LAMBDAS[LAMBDAS.length - 1];
    this.plot.update({
      window: { lambdaMin: lo, lambdaMax: hi, xMin: -1.6, xMax: 1.6 },
      branches: familyPolylines(tracks, folds, lo, hi),
      marks: folds.map((f) => ({ lambda: f.lambda, x: f.x, label: 'fold: det H = 0' })),
      curves: [],
      point: null,
      sliceLambda: null,
    });
    this.status.textContent = `${tracks.length} critical points tracked; folds (two meet and vanish) at λ = ${folds.map((f) => formatReadout(f.lambda)).join(', ')} (±8/(3√3) ≈ ±1.5396)`;
    this.status.dataset.folds = folds.map((f) => `${f.lambda},${f.x}`).join(';');
    this.element.dataset.ready = 'true';
  }
}

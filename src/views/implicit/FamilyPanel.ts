/**
 * Item 7 of the implicit view, kept small: the critical points of the family f(x, y; λ) (the tilted
 * double well by default) continued in λ by pseudo-arclength from those at λ = 0 and drawn as x
 * against λ, a bifurcation diagram of the family, with its folds (det H = 0, located by Newton on
 * (f_x, f_y, det H) with exact derivatives) ringed. Drawn in the implicit view, not over the 3D
 * surface. It runs once, the first time the panel is shown, after a paint.
 */
import { continueCriticalBranch, parseFamilyTrivariate, type CriticalBranch, type CriticalFold } from '../../core/continuation/familyBranches';
import { DEFAULT_FAMILY, familyCriticalPoints, parseFamily, type CriticalTrack } from '../../core/implicit/family';
import type { FamilyFold } from '../../core/implicit/familyFold';
import type { Domain } from '../../core/types';
import type { BranchPolyline } from '../../core/implicit/zeroSet';
import { BifurcationPlot } from '../../plots/BifurcationPlot';
import type { ChartTheme } from '../../plots/chartTheme';
import { formatReadout } from './implicitData';

const DOMAIN: Domain = { xmin: -2, xmax: 2, ymin: -1.5, ymax: 1.5 };
/** The λ range the branches are continued over. */
const LAMBDA_RANGE: readonly [number, number] = [-2, 2];

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

/** The continued branches as polylines, cut where the class changes: minima solid, saddles and maxima dashed. */
export function criticalBranchPolylines(branches: readonly CriticalBranch[]): BranchPolyline[] {
  const out: BranchPolyline[] = [];
  for (const b of branches) {
    let piece = b.points.slice(0, 1);
    const flush = () => {
      if (piece.length > 1) out.push({ lambda: piece.map((p) => p.lambda), x: piece.map((p) => p.x), stable: piece[piece.length - 1].cls === 'minimum' });
    };
    for (const p of b.points.slice(1)) {
      const last = piece[piece.length - 1];
      if (p.cls !== last.cls && piece.length > 1) {
        flush();
        piece = [last];
      }
      piece.push(p);
    }
    flush();
  }
  return out;
}

/** The branches of ∇f = 0 through the critical points at λ = 0, each branch once, and their folds. */
function continueFamily(text: string): { branches: CriticalBranch[]; folds: CriticalFold[] } {
  const parsed = parseFamily(text);
  const t = parseFamilyTrivariate(text);
  if (!parsed.ok || !t.ok) return { branches: [], folds: [] };
  const branches: CriticalBranch[] = [];
  for (const p of familyCriticalPoints(parsed.family, 0, DOMAIN)) {
    const known = branches.some((b) => b.points.some((q) => Math.hypot(q.x - p.x, q.y - p.y, q.lambda) <= 1e-6));
    if (known) continue;
    const branch = continueCriticalBranch(t.value, [p.x, p.y, 0], DOMAIN, LAMBDA_RANGE);
    if (branch) branches.push(branch);
  }
  const folds = branches.flatMap((b) => b.folds).filter((f, k, all) => all.findIndex((g) => Math.hypot(g.x - f.x, g.y - f.y, g.lambda - f.lambda) <= 1e-9) === k);
  return { branches, folds: folds.sort((a, b) => a.lambda - b.lambda) };
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
    this.status.textContent = 'continuing the critical points in λ ∈ [−2, 2] …';
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
    const { branches, folds } = continueFamily(DEFAULT_FAMILY);
    const [lo, hi] = LAMBDA_RANGE;
    this.plot.update({
      window: { lambdaMin: lo, lambdaMax: hi, xMin: -1.6, xMax: 1.6 },
      branches: criticalBranchPolylines(branches),
      marks: folds.map((f) => ({ lambda: f.lambda, x: f.x, label: 'fold: det H = 0' })),
      curves: [],
      point: null,
      sliceLambda: null,
    });
    this.status.textContent = `${branches.length === 1 ? 'one branch' : `${branches.length} branches`} of critical points continued in λ; folds (two meet and vanish) at λ = ${folds.map((f) => formatReadout(f.lambda)).join(', ')} (±8/(3√3) ≈ ±1.5396)`;
    this.status.dataset.folds = folds.map((f) => `${f.lambda},${f.x}`).join(';');
    this.element.dataset.ready = 'true';
  }
}

/**
 * Pure presenters of the spectrum view: a spectrum job's result becomes table rows (estimate,
 * residual, exact value and error), the trace line, the density chart's series (SLQ curve, exact
 * histogram, markers) and the error-vs-HVPs and over-training series. Plain numbers in and out.
 */
import type { LanczosCheck } from '../../core/spectrum/lanczos';
import type { SliceModels, SpectrumJobResult, TrackSample } from '../../worker/spectrumJobs';

/** One row of the eigenvalue table. */
export interface EigenRow {
  readonly kind: 'top' | 'bottom';
  /** λ₁ = the largest, λ_P = the smallest (1-based index in the descending order). */
  readonly index: number;
  readonly value: number;
  /** ‖Hv − λv‖ and the same divided by ‖H‖'s estimate (the convergence test's quantity). */
  readonly residual: number;
  readonly relativeResidual: number;
  /** The exact eigenvalue of the same index, and |estimate − exact| / ‖H‖; null without the exact spectrum. */
  readonly exact: number | null;
  readonly error: number | null;
  /** The Gauss–Newton matrix's eigenvalue of the same index (top rows only), null when not computed. */
  readonly gaussNewton: number | null;
}

/** The table rows: top pairs largest first, then bottom pairs most negative first. */
export function eigenRows(r: SpectrumJobResult): EigenRow[] {
  const P = r.parameters;
  const exact = r.exact?.eigenvalues ?? null;
  const scale = r.scale > 0 ? r.scale : 1;
  const row = (kind: 'top' | 'bottom', i: number, value: number, residual: number): EigenRow => {
    const index = kind === 'top' ? i + 1 : P - i;
    const e = exact ? exact[P - index] : null;
    const gn = kind === 'top' ? (r.gaussNewton?.top[i]?.value ?? null) : null;
    return { kind, index, value, residual, relativeResidual: residual / scale, exact: e, error: e === null ? null : Math.abs(value - e) / scale, gaussNewton: gn };
  };
  return [...r.top.map((p, i) => row('top', i, p.value, p.residual)), ...r.bottom.map((p, i) => row('bottom', i, p.value, p.residual))];
}

/** Formats a number to 4 significant digits (scientific when tiny or huge). */
export function fmt(value: number, digits = 4): string {
  if (Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) return value.toExponential(digits - 1);
  return value.toPrecision(digits);
}

/** The trace line: estimate ± one standard error, and the exact trace with the error in standard errors. */
export function traceText(r: SpectrumJobResult): string {
  if (!r.trace) return 'trace not computed';
  const t = r.trace;
  const head = `tr(H) ≈ ${fmt(t.trace)} ± ${fmt(t.standardError, 2)} (Hutchinson, ${t.probes} Rademacher probes, ± 1 standard error)`;
  if (!r.exact) return head;
  const z = Math.abs(t.trace - r.exact.trace) / t.standardError;
  return `${head}; exact ${fmt(r.exact.trace)}, off by ${z.toFixed(1)} standard errors`;
}

/** The curvature summary: λmax, λmin and the stable full-batch rate in parameter units. */
export function extremesText(r: SpectrumJobResult): string {
  const rate = r.lambdaMax > 0 ? fmt(r.stableLearningRate) : '∞ (no positive curvature)';
  return `λmax ${fmt(r.lambdaMax)} (largest algebraic), λmin ${fmt(r.lambdaMin)} (smallest); stable full-batch GD rate 2/λmax = ${rate} (parameter units)`;
}

/** A histogram normalised as a density: bin centres and heights with Σ height·width = 1. */
export interface Histogram {
  readonly centres: Float64Array;
  readonly heights: Float64Array;
  readonly width: number;
}

/** The eigenvalues binned on [lo, hi] into `bins` bins, heights count / (n · width) (values outside are clamped into the end bins). */
export function densityHistogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): Histogram {
  const width = (hi - lo) / bins;
  const heights = new Float64Array(bins);
  for (let i = 0; i < values.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((values[i] - lo) / width)));
    heights[b] += 1 / (values.length * width);
  }
  return { centres: Float64Array.from({ length: bins }, (_, b) => lo + (b + 0.5) * width), heights, width };
}

/** What the density chart draws. */
export interface DensityChartData {
  readonly grid: Float64Array;
  readonly density: Float64Array;
  /** The top eigenvalue estimates, marked on the axis. */
  readonly markers: number[];
  /** The exact spectrum as a density histogram over the same range, and its eigenvalues as ticks. */
  readonly exact: Histogram | null;
  readonly exactValues: Float64Array | null;
}

/** Bins of the exact-spectrum histogram under the SLQ curve. */
export const HISTOGRAM_BINS = 60;

/** The density chart's series; null when the density was not computed. */
export function densityChartData(r: SpectrumJobResult): DensityChartData | null {
  if (!r.density) return null;
  const { grid, density } = r.density;
  const exactValues = r.exact?.eigenvalues ?? null;
  const exact = exactValues ? densityHistogram(exactValues, grid[0], grid[grid.length - 1], HISTOGRAM_BINS) : null;
  return { grid, density, markers: r.top.map((p) => p.value), exact, exactValues };
}

/** One line of a chart: a name and its points. */
export interface Series {
  readonly name: string;
  readonly x: number[];
  readonly y: number[];
}

/** Smallest error drawn on the log axis (an exact match would have no place on it). */
export const ERROR_FLOOR = 1e-16;

/**
 * Error against HVPs spent: for each wanted pair, |Ritz value − exact| / ‖H‖ at each convergence
 * check of the Lanczos run (floored at ERROR_FLOOR for the log axis).
 */
export function errorVsHvps(history: readonly LanczosCheck[], exactAscending: ArrayLike<number>, scale: number): Series[] {
  const P = exactAscending.length;
  const s = scale > 0 ? scale : 1;
  const wantedTop = history.length > 0 ? history[history.length - 1].top.length : 0;
  const wantedBottom = history.length > 0 ? history[history.length - 1].bottom.length : 0;
  const series: Series[] = [];
  const build = (name: string, pick: (c: LanczosCheck) => number | undefined, exact: number): void => {
    const x: number[] = [];
    const y: number[] = [];
    for (const c of history) {
      const v = pick(c);
      if (v === undefined) continue;
      x.push(c.hvps);
      y.push(Math.max(ERROR_FLOOR, Math.abs(v - exact) / s));
    }
    series.push({ name, x, y });
  };
  for (let i = 0; i < wantedTop; i++) build(`λ${i + 1}`, (c) => c.top[i], exactAscending[P - 1 - i]);
  for (let i = 0; i < wantedBottom; i++) build(`λ${P - i}`, (c) => c.bottom[i], exactAscending[i]);
  return series;
}

/** The over-training chart: each top eigenvalue against the step, and the trace (on its own chart). */
export function trackSeries(samples: readonly TrackSample[]): { eigen: Series[]; trace: Series } {
  const k = samples.reduce((m, s) => Math.max(m, s.top.length), 0);
  const steps = samples.map((s) => s.step);
  const eigen = Array.from({ length: k }, (_, i): Series => ({ name: `λ${i + 1}`, x: steps, y: samples.map((s) => s.top[i] ?? Number.NaN) }));
  return { eigen, trace: { name: 'tr(H)', x: steps, y: samples.map((s) => s.trace) } };
}

/**
 * The 2/η line of the over-training chart, drawn when it is at most 3× the largest eigenvalue
 * (a line far above would flatten the curves: the title then says how far above it is).
 */
export function stabilityLine(eigen: readonly Series[], lr: number, optimizer: string): { reference: { y: number; label: string } | null; title: string } {
  const limit = 2 / lr;
  const rule = optimizer === 'gd' ? '' : ` (plain GD's stability limit; this run uses ${optimizer})`;
  const highest = Math.max(0, ...eigen.flatMap((e) => e.y).filter(Number.isFinite));
  if (highest === 0 || limit <= 3 * highest) return { reference: { y: limit, label: `2/η = ${fmt(limit)}${rule}` }, title: 'top eigenvalues of H' };
  return { reference: null, title: `top eigenvalues of H; 2/η = ${fmt(limit)} is ${fmt(limit / highest, 2)}× above the largest${rule}` };
}

/** Eigenvalues [smaller, larger] of the symmetric 2×2 matrix [[aa, ab], [ab, bb]]. */
export function eigen2([aa, ab, bb]: readonly [number, number, number]): [number, number] {
  const mean = (aa + bb) / 2;
  const r = Math.hypot((aa - bb) / 2, ab);
  return [mean - r, mean + r];
}

/**
 * The quadratic model L + g·δ + ½ δᵀHδ on an n × n grid over δ ∈ [−r, r]² around the point
 * (row-major: row j is δb = −r + 2rj/(n−1), column i is δa).
 */
export function quadraticGrid(value: number, gradient: readonly [number, number], [aa, ab, bb]: readonly [number, number, number], radius: number, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const y = -radius + (2 * radius * j) / (n - 1);
    for (let i = 0; i < n; i++) {
      const x = -radius + (2 * radius * i) / (n - 1);
      out[j * n + i] = value + gradient[0] * x + gradient[1] * y + 0.5 * (aa * x * x + 2 * ab * x * y + bb * y * y);
    }
  }
  return out;
}

/** What the two slice-model heat maps draw: both models on one grid and one colour range. */
export interface SliceModelChart {
  readonly n: number;
  readonly radius: number;
  /** The true second-order Taylor model of the slice and its Gauss–Newton model. */
  readonly taylor: Float64Array;
  readonly gaussNewton: Float64Array;
  /** Shared colour range of both maps. */
  readonly lo: number;
  readonly hi: number;
  /** Eigenvalues [smaller, larger] of the slice Hessians and of their difference (the residual term). */
  readonly taylorEigen: [number, number];
  readonly gaussNewtonEigen: [number, number];
  readonly residualEigen: [number, number];
  /** Largest |difference| of the two models on the grid. */
  readonly maxGap: number;
}

/** Grid points per side of the slice-model maps. */
export const SLICE_MODEL_GRID = 41;

/** The two models of the slice on one grid (n per side) with their Hessians' eigenvalues. */
export function sliceModelChart(m: SliceModels, n = SLICE_MODEL_GRID): SliceModelChart {
  const taylor = quadraticGrid(m.value, m.gradient, m.hessian, m.radius, n);
  const gaussNewton = quadraticGrid(m.value, m.gradient, m.gaussNewton, m.radius, n);
  let lo = Infinity;
  let hi = -Infinity;
  let maxGap = 0;
  for (let k = 0; k < taylor.length; k++) {
    lo = Math.min(lo, taylor[k], gaussNewton[k]);
    hi = Math.max(hi, taylor[k], gaussNewton[k]);
    maxGap = Math.max(maxGap, Math.abs(taylor[k] - gaussNewton[k]));
  }
  const residual: [number, number, number] = [m.hessian[0] - m.gaussNewton[0], m.hessian[1] - m.gaussNewton[1], m.hessian[2] - m.gaussNewton[2]];
  return { n, radius: m.radius, taylor, gaussNewton, lo, hi, taylorEigen: eigen2(m.hessian), gaussNewtonEigen: eigen2(m.gaussNewton), residualEigen: eigen2(residual), maxGap };
}

const matrixText = ([aa, ab, bb]: readonly [number, number, number]): string => `[[${fmt(aa)}, ${fmt(ab)}], [${fmt(ab)}, ${fmt(bb)}]]`;

/** The words under the slice-model maps: both slice Hessians, where they differ and why. */
export function sliceModelText(m: SliceModels): string {
  const c = sliceModelChart(m, 2);
  const [hMin] = c.taylorEigen;
  const [gMin] = c.gaussNewtonEigen;
  const scale = Math.max(Math.abs(c.taylorEigen[0]), Math.abs(c.taylorEigen[1]), Math.abs(c.gaussNewtonEigen[1]), Number.MIN_VALUE);
  const same = Math.max(Math.abs(c.residualEigen[0]), Math.abs(c.residualEigen[1])) <= 1e-9 * scale;
  const head = `At θ(a, b) = θ* + ${fmt(m.a)}·d1 + ${fmt(m.b)}·d2 (slice units, ‖d1‖ = ${fmt(m.norms[0])}, ‖d2‖ = ${fmt(m.norms[1])}; both models share L = ${fmt(m.value)} and its gradient): true slice Hessian [dᵢ·H dⱼ] = ${matrixText(m.hessian)}, eigenvalues ${fmt(c.taylorEigen[0])}, ${fmt(c.taylorEigen[1])}; Gauss–Newton [dᵢ·G dⱼ] = ${matrixText(m.gaussNewton)}, eigenvalues ${fmt(gMin)}, ${fmt(c.gaussNewtonEigen[1])}.`;
  if (same) return `${head} The two models coincide: the residual term (1/S) Σ ℓ′(z_s) dᵢ·∇²z_s dⱼ vanishes here (a network linear in θ along the slice, or every sample fitted exactly).`;
  const where = `They differ by the residual term (1/S) Σ ℓ′(z_s) dᵢ·∇²z_s dⱼ, eigenvalues ${fmt(c.residualEigen[0])}, ${fmt(c.residualEigen[1])}: the models part by up to ${fmt(c.maxGap)} at the edge of the square (±${fmt(m.radius)}).`;
  if (hMin < 0) return `${head} ${where} The true model is a saddle (λ = ${fmt(hMin)} < 0) while the Gauss–Newton model is a bowl (G is positive semi-definite): this negative curvature comes from the residual term alone.`;
  return `${head} ${where} Both curve upwards here; the residual term ${c.residualEigen[0] < 0 ? 'flattens the true model in one direction' : 'only adds curvature'}, and G can never show negative curvature.`;
}

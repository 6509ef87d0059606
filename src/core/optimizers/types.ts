/**
 * Plain-data types of the optimizer runs: what a run is asked to do, what each iterate knows about
 * its point and its local model, and why a run stopped. Everything here is JSON-compatible (numbers,
 * strings, arrays), so a run can go into the state, a permalink or the CLI output unchanged.
 */
import type { PointDerivatives } from '../types';

/** The methods the lab can run on a landscape. */
export type OptimizerMethod = 'gd' | 'momentum' | 'nesterov' | 'newton' | 'damped-newton' | 'adam';

/** Every method, in the order the UI and the CLI list them. */
export const OPTIMIZER_METHODS: readonly OptimizerMethod[] = ['gd', 'momentum', 'nesterov', 'newton', 'damped-newton', 'adam'];

/** Names of the hyperparameters: η (lr), heavy-ball/Nesterov β, damping μ, Adam's β1, β2, ε. */
export type ParamName = 'lr' | 'beta' | 'mu' | 'beta1' | 'beta2' | 'eps';

/** Hyperparameters as given: any subset; the method's defaults fill the rest. */
export type OptimizerParams = Partial<Readonly<Record<ParamName, number>>>;

/** Hyperparameters with every value filled in. */
export type ResolvedParams = Readonly<Record<ParamName, number>>;

/** Which hyperparameters each method reads (the others are ignored and not reported). */
export const METHOD_PARAMS: Readonly<Record<OptimizerMethod, readonly ParamName[]>> = {
  gd: ['lr'],
  momentum: ['lr', 'beta'],
  nesterov: ['lr', 'beta'],
  newton: [],
  'damped-newton': ['mu'],
  adam: ['lr', 'beta1', 'beta2', 'eps'],
};

/** Defaults: η = 0.01 as in the lesson, β = 0.9, μ = 1, and Adam's usual β1, β2, ε. */
export const DEFAULT_PARAMS: ResolvedParams = { lr: 0.01, beta: 0.9, mu: 1, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

/**
 * Where a run counts as diverged: |x| or |y| above maxAbsCoordinate, or |f| above maxAbsValue (a
 * non-finite x, y, f or gradient always counts). The defaults, 1e6 and 1e12, are far outside any
 * domain the lab draws and still far from float64 overflow, so crossing them means the iterates
 * are running away rather than wandering; the UI may pass tighter bounds from its domain.
 */
export interface OptimizerBounds {
  readonly maxAbsCoordinate: number;
  readonly maxAbsValue: number;
}

/** The default divergence bounds (see OptimizerBounds). */
export const DEFAULT_BOUNDS: OptimizerBounds = { maxAbsCoordinate: 1e6, maxAbsValue: 1e12 };

/** What a run is asked to do; only method and from are required. */
export interface RunConfig {
  readonly method: OptimizerMethod;
  readonly params?: OptimizerParams;
  /** Start point [x, y]; in 1D [x] or [x, y] with y held fixed. */
  readonly from: readonly number[];
  /** Step limit (default 1000). */
  readonly maxSteps?: number;
  /** Converged once |∇f| <= tol (default 1e-9). */
  readonly tol?: number;
  readonly bounds?: Partial<OptimizerBounds>;
  /** 1: optimise over x only, y fixed (a 1D curve); 2 (default): over (x, y). */
  readonly dimension?: 1 | 2;
}

/** A RunConfig with every default filled in. */
export interface ResolvedConfig {
  readonly method: OptimizerMethod;
  readonly params: ResolvedParams;
  readonly from: readonly [number, number];
  readonly maxSteps: number;
  readonly tol: number;
  readonly bounds: OptimizerBounds;
  readonly dimension: 1 | 2;
}

/** Type of the quadratic model's stationary point, from the eigenvalues of the matrix it inverts. */
export type StationaryType = 'minimum' | 'maximum' | 'saddle' | 'singular';

/** Eigenvalues ascending with their unit eigenvectors; one pair in 1D (along x), two in 2D. */
export interface Spectrum {
  readonly eigenvalues: readonly number[];
  readonly eigenvectors: readonly (readonly [number, number])[];
}

/** The first-order model f + ∇f·d that gradient methods follow, and the plain gradient step -η∇f. */
export interface TangentModel extends Spectrum {
  readonly kind: 'tangent';
  readonly f: number;
  readonly gx: number;
  readonly gy: number;
  /** -η∇f: the step of plain GD from this point (momentum and Adam add their memory to it). */
  readonly gradientStep: readonly [number, number];
  /** f - η|∇f|²: the tangent plane's value at the end of the gradient step. */
  readonly tangentValueAtStep: number;
}

/** The second-order model f + ∇f·d + ½ dᵀHd that Newton's method jumps to the stationary point of. */
export interface QuadraticModel extends Spectrum, PointDerivatives {
  readonly kind: 'quadratic';
  /** Where ∇ of the undamped model vanishes, x - H⁻¹∇f; null when H is singular. */
  readonly stationary: readonly [number, number] | null;
  /** What that point is for the model, from the signs of H's eigenvalues. */
  readonly stationaryType: StationaryType;
  /** The model's value at its stationary point (NaN when there is none). */
  readonly stationaryValue: number;
  /** The Levenberg–Marquardt μ of the step (0 for pure Newton). */
  readonly damping: number;
  /** One sentence for the page ("Newton's target is a saddle of the model here ..."). */
  readonly description: string;
}

/** The local model a method reads at an iterate. */
export type LocalModel = TangentModel | QuadraticModel;

/** One point of a run with everything the page draws there. */
export interface Iterate {
  /** Iteration number, 0 at the start. */
  readonly k: number;
  readonly x: number;
  readonly y: number;
  readonly f: number;
  readonly gx: number;
  readonly gy: number;
  /** |∇f| (|f'| in 1D). */
  readonly gradNorm: number;
  readonly hxx: number;
  readonly hxy: number;
  readonly hyy: number;
  /** The step the method takes from here, already computed (null where it cannot: a singular H). */
  readonly step: readonly [number, number] | null;
  /** The model the step comes from. */
  readonly model: LocalModel;
}

/** Why a run stopped. */
export type StopReason = 'converged' | 'diverged' | 'max-steps' | 'singular';

/** The stop reason, the sentence that explains it, and at which iteration it happened. */
export interface OptimizerStop {
  readonly reason: StopReason;
  readonly message: string;
  readonly k: number;
}

/** A finished run: the iterates from the start to the one it stopped at. */
export interface OptimizerRun {
  readonly method: OptimizerMethod;
  /** Only the hyperparameters the method reads. */
  readonly params: OptimizerParams;
  readonly dimension: 1 | 2;
  readonly from: readonly [number, number];
  readonly iterates: readonly Iterate[];
  readonly stop: OptimizerStop;
  /** Number of steps taken (iterates.length - 1). */
  readonly steps: number;
  readonly final: Iterate;
}

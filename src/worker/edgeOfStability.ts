/**
 * The edge-of-stability experiment (Cohen et al. 2021) as the GD-map view and its tests run it:
 * full-batch gradient descent on a small tanh MLP fitting a Chebyshev polynomial, in float64 on
 * plain arrays (backprop64: exact gradients and Hessian-vector products, no tfjs, the same numbers
 * in Node, the worker and the page), with λmax of the Hessian by Lanczos every K steps and, at
 * every step, the loss change the order-1 and order-2 Taylor models predict against the actual one
 * and the component of θ − θ* along the top eigenvector (vᵀg/λmax, exact on the quadratic model).
 *
 * The loss is the core's regression loss, the mean of (z − t)² (MSE), whose Hessian is twice that
 * of ½·MSE: GD with η on MSE is GD with 2η on ½·MSE, and λmax is compared with 2/η of the loss trained.
 *
 * A second problem, 'deep-linear' (EOS_DEEP_LINEAR_PRESET), is a deep linear net 5-10-10-10-1 (no
 * biases) started at weights N(0, 0.05²) on a noiseless linear teacher: its λmax starts near 0 and
 * rises as the net learns (progressive sharpening), to just under 2/η at the minimum GD reaches.
 */
import { chebyshevDataset } from '../core/data/tabular';
import { order1Change, order2Change } from '../core/gdmap/taylorPrediction';
import { gradientAndHvp64 } from '../core/network/backprop64';
import { deepLinearGradientAndHvp, deepLinearLoss, initDeepLinear, linearTeacherData, type DeepLinearSpec } from '../core/network/deepLinear';
import { initParameters, networkLoss } from '../core/network/mlp';
import type { Dataset, NetworkSpec } from '../core/network/types';
import { lanczosExtremes } from '../core/spectrum/lanczos';
import { dot } from '../core/spectrum/operator';
import { abortError } from './protocol';

/** The problems a run can be on: the tanh MLP on T₆, or the small-initialisation deep linear net. */
export const EOS_PROBLEMS = ['tanh', 'deep-linear'] as const;
/** One of EOS_PROBLEMS. */
export type EosProblemKind = (typeof EOS_PROBLEMS)[number];

/** Settings of one edge-of-stability run (the state's eos* keys, plus the fixed problem). */
export interface EosSettings {
  /** The problem (default 'tanh'). */
  readonly problem?: EosProblemKind;
  /** GD rate on the MSE loss. */
  readonly lr: number;
  readonly steps: number;
  /** Seed of the Glorot initialisation. */
  readonly seed: number;
  /** λmax every this many steps (K). */
  readonly every: number;
  /** Degree of the Chebyshev target T_k on 20 points (default 6). */
  readonly degree?: number;
  /** Hidden widths (default 30, 20; deep-linear: 10, 10, 10). */
  readonly hidden?: readonly number[];
}

/** The preset: T₆ on 20 points, tanh 1-30-20-1, full-batch GD at η = 0.1 on MSE (η = 0.2 on ½·MSE), λmax every 10 steps. */
export const EOS_PRESET = { lr: 0.1, steps: 2000, seed: 2, every: 10, degree: 6, hidden: [30, 20] } as const;

/**
 * The deep linear problem: 40 inputs x ~ N(0, I₅) with targets t = βᵀx, ‖β‖ = 1 (data seed 1, fixed),
 * a 5-10-10-10-1 linear net without biases, every weight N(0, 0.05²) from the run's seed.
 */
export const EOS_DEEP_LINEAR = { inputDim: 5, samples: 40, teacherNorm: 1, dataSeed: 1, hidden: [10, 10, 10], initScale: 0.05 } as const;

/**
 * Its preset: full-batch GD at η = 0.2 on MSE (2/η = 10) for 300 steps, seed 1, λmax every 2 steps.
 * λmax rises from 0.27 to 9.32 (crossing 0.9·2/η = 9 at step 56) and stays there as the loss goes to 0.
 */
export const EOS_DEEP_LINEAR_PRESET = { problem: 'deep-linear', lr: 0.2, steps: 300, seed: 1, every: 2 } as const;

/** The preset of each problem (what choosing it in the panel loads). */
export const EOS_PRESETS: Readonly<Record<EosProblemKind, EosSettings>> = { tanh: EOS_PRESET, 'deep-linear': EOS_DEEP_LINEAR_PRESET };

/** Residual tolerance of the λmax solves: residual ≤ tol·λmax (exact float64 products). */
export const EOS_LANCZOS_TOL = 1e-7;

/** Per-step records of a stretch of the run, steps start .. start + n − 1. */
export interface EosSteps {
  readonly start: number;
  /** L(θ_t). */
  readonly loss: Float64Array;
  /** L(θ_{t+1}) − L(θ_t), and the order-1 and order-2 Taylor predictions of it. */
  readonly actual: Float64Array;
  readonly order1: Float64Array;
  readonly order2: Float64Array;
  /** vᵀg_t / λmax with the latest sign-aligned top eigenpair: θ_t − θ* along v on the quadratic model. */
  readonly component: Float64Array;
}

/** λmax samples: the step, the value, its residual ‖Hv − λv‖ and the HVPs it cost. */
export interface EosSamples {
  readonly step: Float64Array;
  readonly lambdaMax: Float64Array;
  readonly residual: Float64Array;
  readonly hvps: Float64Array;
}

/** One progress report: the steps and λmax samples since the previous one. */
export interface EosChunk {
  readonly steps: EosSteps;
  readonly samples: EosSamples;
}

/** The whole run. */
export interface EosResult extends EosChunk {
  readonly settings: EosSettings;
  /** 2/η: the stability limit of GD on a quadratic with curvature λmax. */
  readonly limit: number;
  /** Steps taken (fewer than asked when the loss stopped being finite). */
  readonly done: number;
  readonly finalLoss: number;
  readonly reason: 'done' | 'diverged';
}

/** The network and data of a run's settings. */
export function eosProblem(settings: EosSettings): { spec: NetworkSpec; data: Dataset } {
  const widths = [1, ...(settings.hidden ?? EOS_PRESET.hidden), 1];
  return { spec: { widths, activation: 'tanh', task: 'regression', weightDecay: 0 }, data: chebyshevDataset(settings.degree ?? EOS_PRESET.degree) };
}

/** The deep linear net and data of a run's settings. */
export function eosDeepLinearProblem(settings: EosSettings): { spec: DeepLinearSpec; data: Dataset } {
  const p = EOS_DEEP_LINEAR;
  return { spec: { widths: [p.inputDim, ...(settings.hidden ?? p.hidden), 1] }, data: linearTeacherData(p.inputDim, p.samples, p.teacherNorm, p.dataSeed) };
}

/** What the run needs of a problem: θ₀, the loss and its exact gradient and Hessian-vector products (float64). */
export interface EosModel {
  readonly theta0: Float64Array;
  loss(theta: Float64Array): number;
  gradient(theta: Float64Array): Float64Array;
  hvp(theta: Float64Array, v: Float64Array): Float64Array;
}

/** The model of a run's settings (problem, seed, widths). */
export function eosModel(settings: EosSettings): EosModel {
  if ((settings.problem ?? 'tanh') === 'deep-linear') {
    const { spec, data } = eosDeepLinearProblem(settings);
    return {
      theta0: initDeepLinear(spec, settings.seed, EOS_DEEP_LINEAR.initScale),
      loss: (th) => deepLinearLoss(spec, th, data),
      gradient: (th) => deepLinearGradientAndHvp(spec, th, data, null).gradient,
      hvp: (th, v) => deepLinearGradientAndHvp(spec, th, data, v).hv as Float64Array,
    };
  }
  const { spec, data } = eosProblem(settings);
  return {
    theta0: initParameters(spec, settings.seed),
    loss: (th) => networkLoss(spec, th, data),
    gradient: (th) => gradientAndHvp64(spec, data, th, null).gradient,
    hvp: (th, v) => gradientAndHvp64(spec, data, th, v).hv as Float64Array,
  };
}

/** Growing per-step and per-sample arrays, cut into chunks for the page. */
class EosRecorder {
  private readonly step = { loss: [] as number[], actual: [] as number[], order1: [] as number[], order2: [] as number[], component: [] as number[] };
  private readonly sample = { step: [] as number[], lambdaMax: [] as number[], residual: [] as number[], hvps: [] as number[] };
  private sentSteps = 0;
  private sentSamples = 0;

  addStep(loss: number, actual: number, order1: number, order2: number, component: number): void {
    const s = this.step;
    s.loss.push(loss);
    s.actual.push(actual);
    s.order1.push(order1);
    s.order2.push(order2);
    s.component.push(component);
  }

  addSample(step: number, lambdaMax: number, residual: number, hvps: number): void {
    const p = this.sample;
    p.step.push(step);
    p.lambdaMax.push(lambdaMax);
    p.residual.push(residual);
    p.hvps.push(hvps);
  }

  /** Everything recorded since the last call (from the start when `all`). */
  take(all = false): EosChunk {
    const from = all ? 0 : this.sentSteps;
    const fromSample = all ? 0 : this.sentSamples;
    const cut = (a: number[], i: number): Float64Array => Float64Array.from(a.slice(i));
    const s = this.step;
    const p = this.sample;
    this.sentSteps = s.loss.length;
    this.sentSamples = p.step.length;
    return {
      steps: { start: from, loss: cut(s.loss, from), actual: cut(s.actual, from), order1: cut(s.order1, from), order2: cut(s.order2, from), component: cut(s.component, from) },
      samples: { step: cut(p.step, fromSample), lambdaMax: cut(p.lambdaMax, fromSample), residual: cut(p.residual, fromSample), hvps: cut(p.hvps, fromSample) },
    };
  }
}

/** Options of runEdgeOfStability. */
export interface EosRunOptions {
  readonly signal?: AbortSignal;
  /** Called with the steps since the last report, at most every `reportMs` (and never inside a λmax solve). */
  readonly onChunk?: (chunk: EosChunk) => void;
  readonly reportMs?: number;
}

/** The top eigenpair at θ with its sign made to agree with the previous vector's. */
async function topPair(hvp: (v: Float64Array) => Float64Array, dim: number, previous: Float64Array | null, signal?: AbortSignal) {
  const run = await lanczosExtremes(hvp, dim, { top: 1, tol: EOS_LANCZOS_TOL, seed: 0, signal });
  const pair = run.top[0];
  const vector = previous && dot(pair.vector, previous) < 0 ? pair.vector.map((c) => -c) : pair.vector;
  return { value: pair.value, residual: pair.residual, vector, hvps: run.hvps };
}

/** Validates the settings (a RangeError names the bad one). */
export function checkEosSettings(s: EosSettings): void {
  if (!(Number.isFinite(s.lr) && s.lr > 0)) throw new RangeError(`the learning rate must be a finite number > 0, got ${s.lr}`);
  if (!Number.isInteger(s.steps) || s.steps < 1) throw new RangeError(`steps must be a whole number >= 1, got ${s.steps}`);
  if (!Number.isInteger(s.every) || s.every < 1) throw new RangeError(`K (λmax every K steps) must be a whole number >= 1, got ${s.every}`);
  if (s.problem !== undefined && !EOS_PROBLEMS.includes(s.problem)) throw new RangeError(`the problem must be one of ${EOS_PROBLEMS.join(', ')}, got ${String(s.problem)}`);
}

/** Runs the experiment; resolves with the whole trace, rejects with an AbortError when the signal aborts. */
export async function runEdgeOfStability(settings: EosSettings, options: EosRunOptions = {}): Promise<EosResult> {
  checkEosSettings(settings);
  const model = eosModel(settings);
  const eta = settings.lr;
  const rec = new EosRecorder();
  let theta = model.theta0;
  let loss = model.loss(theta);
  let top: { value: number; vector: Float64Array } | null = null;
  let lastPause = performance.now();
  let lastReport = lastPause;
  let done = 0;
  for (let t = 0; t < settings.steps && Number.isFinite(loss); t++) {
    if (performance.now() - lastPause > 30) {
      // A macrotask now and then, so a cancel message can land.
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastPause = performance.now();
    }
    if (options.signal?.aborted) throw abortError();
    const th = theta;
    if (t % settings.every === 0) {
      const pair = await topPair((v) => model.hvp(th, v), th.length, top?.vector ?? null, options.signal);
      top = pair;
      rec.addSample(t, pair.value, pair.residual, pair.hvps);
    }
    const g = model.gradient(th);
    const gHg = dot(g, model.hvp(th, g));
    const gg = dot(g, g);
    theta = th.map((c, i) => c - eta * g[i]);
    const next = model.loss(theta);
    const component = top && top.value !== 0 ? dot(top.vector, g) / top.value : Number.NaN;
    rec.addStep(loss, next - loss, order1Change(eta, gg), order2Change(eta, gg, gHg), component);
    loss = next;
    done = t + 1;
    if (options.onChunk && performance.now() - lastReport >= (options.reportMs ?? 100)) {
      options.onChunk(rec.take());
      lastReport = performance.now();
    }
  }
  if (options.onChunk) options.onChunk(rec.take());
  const all = rec.take(true);
  return { ...all, settings, limit: 2 / eta, done, finalLoss: loss, reason: Number.isFinite(loss) ? 'done' : 'diverged' };
}

/** The first step whose λmax sample reaches `fraction`·2/η, or null (for captions and tests). */
export function firstCrossing(samples: EosSamples, limit: number, fraction = 1): number | null {
  for (let i = 0; i < samples.step.length; i++) if (samples.lambdaMax[i] >= fraction * limit) return samples.step[i];
  return null;
}

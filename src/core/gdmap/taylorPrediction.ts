/**
 * Taylor explains a GD run θ_{t+1} = θ_t − η g_t: the loss change each step as the order-1 model
 * predicts it (−η‖g‖²), as the order-2 model predicts it (−η‖g‖² + ½η² gᵀHg), and as it happens;
 * and the component of θ along the top Hessian eigenvector, which flips sign every step once
 * λmax ≥ 2/η. Pure functions on arrays, plus a driver over gradient / HVP / eigenpair callbacks.
 */

/** The loss change of each step, predicted by the order-1 and order-2 Taylor models and actual. */
export interface LossChangeTrace {
  /** L(θ_{t+1}) − L(θ_t). */
  readonly actual: Float64Array;
  /** −η ‖g_t‖². */
  readonly order1: Float64Array;
  /** −η ‖g_t‖² + ½ η² g_tᵀ H_t g_t (NaN where the curvature is unknown). */
  readonly order2: Float64Array;
}

/** The order-1 (tangent) model's loss change for a step −η g: −η ‖g‖². */
export function order1Change(eta: number, gradNormSquared: number): number {
  return -eta * gradNormSquared;
}

/** The order-2 (quadratic) model's loss change for a step −η g: −η ‖g‖² + ½ η² gᵀHg. */
export function order2Change(eta: number, gradNormSquared: number, curvature: number): number {
  return -eta * gradNormSquared + 0.5 * eta * eta * curvature;
}

/**
 * Predicted against actual loss changes of a run with T steps: `losses` holds L(θ_0..θ_T), the
 * other two arrays ‖g_t‖² and g_tᵀH_t g_t for t = 0..T−1.
 */
export function lossChangePredictions(eta: number, losses: ArrayLike<number>, gradNormsSquared: ArrayLike<number>, curvatures: ArrayLike<number>): LossChangeTrace {
  const steps = losses.length - 1;
  if (steps < 0 || gradNormsSquared.length < steps || curvatures.length < steps) {
    throw new RangeError(`need T + 1 losses and T gradients and curvatures, got ${losses.length}, ${gradNormsSquared.length}, ${curvatures.length}`);
  }
  const actual = new Float64Array(steps);
  const order1 = new Float64Array(steps);
  const order2 = new Float64Array(steps);
  for (let t = 0; t < steps; t++) {
    actual[t] = losses[t + 1] - losses[t];
    order1[t] = order1Change(eta, gradNormsSquared[t]);
    order2[t] = order2Change(eta, gradNormsSquared[t], curvatures[t]);
  }
  return { actual, order1, order2 };
}

/** aᵀb. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Eigenvectors with signs made to agree from one step to the next (vᵀv_prev >= 0): an eigensolver
 * returns ±v at random, which would fake or hide the sign flips of θ along v.
 */
export function alignSigns(vectors: readonly Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const v of vectors) {
    const prev = out[out.length - 1];
    out.push(prev !== undefined && dot(v, prev) < 0 ? v.map((c) => -c) : v);
  }
  return out;
}

/** v_tᵀ(θ_t − reference) for each step (reference 0 when not given); vectors should be sign-aligned. */
export function componentsAlong(thetas: readonly ArrayLike<number>[], vectors: readonly ArrayLike<number>[], reference?: ArrayLike<number>): Float64Array {
  const out = new Float64Array(Math.min(thetas.length, vectors.length));
  for (let t = 0; t < out.length; t++) {
    const theta = thetas[t];
    const v = vectors[t];
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i] * (theta[i] - (reference ? reference[i] : 0));
    out[t] = s;
  }
  return out;
}

/** The fraction of consecutive pairs of nonzero values with opposite signs (1: flips every step). */
export function signFlipFraction(values: ArrayLike<number>): number {
  let pairs = 0;
  let flips = 0;
  for (let t = 1; t < values.length; t++) {
    if (values[t] === 0 || values[t - 1] === 0 || !Number.isFinite(values[t] * values[t - 1])) continue;
    pairs++;
    if (values[t] * values[t - 1] < 0) flips++;
  }
  return pairs === 0 ? Number.NaN : flips / pairs;
}

/** What a run needs of the loss: value and gradient, and optionally H·v and the top eigenpair of H. */
export interface GdProblem {
  loss(theta: Float64Array): number;
  gradient(theta: Float64Array): Float64Array;
  hessianVector?(theta: Float64Array, v: Float64Array): Float64Array;
  topEigenpair?(theta: Float64Array): { readonly value: number; readonly vector: Float64Array };
}

/** A GD run with its Taylor predictions: T steps, T + 1 iterates. */
export interface GdTaylorTrace extends LossChangeTrace {
  readonly thetas: readonly Float64Array[];
  readonly losses: Float64Array;
  /** λmax at θ_t, t = 0..T (NaN without topEigenpair). */
  readonly lambdaMax: Float64Array;
  /** v_tᵀ(θ_t − reference) along the sign-aligned top eigenvector, t = 0..T (NaN without topEigenpair). */
  readonly alongTop: Float64Array;
}

/** Runs T steps of GD at rate η from θ_0 and records every step's predicted and actual loss change. */
export function runGdWithTaylor(problem: GdProblem, theta0: ArrayLike<number>, eta: number, steps: number, reference?: ArrayLike<number>): GdTaylorTrace {
  const thetas: Float64Array[] = [Float64Array.from(theta0)];
  const losses = new Float64Array(steps + 1);
  const gradNorms = new Float64Array(steps);
  const curvatures = new Float64Array(steps);
  losses[0] = problem.loss(thetas[0]);
  for (let t = 0; t < steps; t++) {
    const theta = thetas[t];
    const g = problem.gradient(theta);
    gradNorms[t] = dot(g, g);
    curvatures[t] = problem.hessianVector ? dot(g, problem.hessianVector(theta, g)) : Number.NaN;
    const next = theta.map((c, i) => c - eta * g[i]);
    thetas.push(next);
    losses[t + 1] = problem.loss(next);
  }
  const top = problem.topEigenpair?.bind(problem);
  const pairs = top ? thetas.map((th) => top(th)) : null;
  const lambdaMax = pairs ? Float64Array.from(pairs, (p) => p.value) : new Float64Array(steps + 1).fill(Number.NaN);
  const alongTop = pairs ? componentsAlong(thetas, alignSigns(pairs.map((p) => p.vector)), reference) : new Float64Array(steps + 1).fill(Number.NaN);
  return { ...lossChangePredictions(eta, losses, gradNorms, curvatures), thetas, losses, lambdaMax, alongTop };
}

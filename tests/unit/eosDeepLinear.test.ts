/**
 * The edge-of-stability panel's second preset (issue 18, item 1): a small-initialisation deep
 * linear net 5-10-10-10-1 on a noiseless linear teacher, full-batch GD at η = 0.2 on the repo's MSE
 * mean (z − t)² (2/η = 10). Checked here: the float64 gradient against central differences of the
 * loss, the R-operator HVP and λmax at step 0 against the dense eigendecomposition (ml-matrix) of
 * the Hessian built column by column from central differences of the gradient (no HVP code), and
 * the run itself with its fixed seed: λmax starts far below 2/η and crosses 0.9·2/η within the step
 * budget, every Lanczos residual within its tolerance.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { beforeAll, describe, expect, it } from 'vitest';
import { deepLinearCount, deepLinearGradientAndHvp, deepLinearLoss, initDeepLinear } from '../../src/core/network/deepLinear';
import { createRandom } from '../../src/core/network/random';
import { defaultState } from '../../src/state/schema';
import { eosPresetPatch, eosSettingsOf, eosSetupText } from '../../src/views/gdmap/EosPanel';
import { EOS_LOSS_CHART_FLOOR, eosChartColumns, EosTrace } from '../../src/views/gdmap/eosData';
import { checkEosSettings, EOS_DEEP_LINEAR, EOS_DEEP_LINEAR_PRESET, EOS_LANCZOS_TOL, eosDeepLinearProblem, firstCrossing, runEdgeOfStability, type EosResult } from '../../src/worker/edgeOfStability';
import { expectNear } from './support/expectNear';

const { spec, data } = eosDeepLinearProblem(EOS_DEEP_LINEAR_PRESET);
const theta0 = initDeepLinear(spec, EOS_DEEP_LINEAR_PRESET.seed, EOS_DEEP_LINEAR.initScale);
const P = deepLinearCount(spec);
const gradient = (th: Float64Array) => deepLinearGradientAndHvp(spec, th, data, null).gradient;

/** The Hessian at θ from central differences of the gradient (step h), symmetrised. */
function hessianByDifferences(theta: Float64Array, h: number): Matrix {
  const H = new Matrix(P, P);
  for (let j = 0; j < P; j++) {
    const plus = Float64Array.from(theta);
    const minus = Float64Array.from(theta);
    plus[j] += h;
    minus[j] -= h;
    const gp = gradient(plus);
    const gm = gradient(minus);
    for (let i = 0; i < P; i++) H.set(i, j, (gp[i] - gm[i]) / (2 * h));
  }
  return H.add(H.transpose()).mul(0.5);
}

/** θ₀ moved by a seeded N(0, 0.3²) step: a point where the loss has real gradient and curvature. */
function awayPoint(): Float64Array {
  const rng = createRandom(7);
  return theta0.map((c) => c + 0.3 * rng.normal());
}

let run: EosResult;
let ms = 0;
let dense0: { max: number; absMax: number };

beforeAll(async () => {
  const t0 = performance.now();
  run = await runEdgeOfStability(EOS_DEEP_LINEAR_PRESET);
  ms = performance.now() - t0;
  const values = new EigenvalueDecomposition(hessianByDifferences(theta0, 1e-5), { assumeSymmetric: true }).realEigenvalues;
  dense0 = { max: Math.max(...values), absMax: Math.max(...values.map(Math.abs)) };
}, 60_000);

describe('the deep linear net in float64', () => {
  it('has 5·10 + 10·10 + 10·10 + 10·1 = 260 weights and no biases', () => {
    expect(spec.widths).toEqual([5, 10, 10, 10, 1]);
    expect(P).toBe(260);
    expect(theta0.length).toBe(P);
  });

  it('its gradient matches central differences of the loss to 1e-7 (h = 1e-5: truncation ~h²·L‴, rounding ~1e-16/h)', () => {
    const theta = awayPoint();
    const g = gradient(theta);
    for (let i = 0; i < P; i += 7) {
      const plus = Float64Array.from(theta);
      const minus = Float64Array.from(theta);
      plus[i] += 1e-5;
      minus[i] -= 1e-5;
      expectNear(g[i], (deepLinearLoss(spec, plus, data) - deepLinearLoss(spec, minus, data)) / 2e-5, 1e-7 * Math.max(1, Math.abs(g[i])), `∂L/∂θ${i}`);
    }
  });

  it('its HVP equals the difference-built Hessian times v to 1e-6 relative, at a point away from θ₀', () => {
    const theta = awayPoint();
    const H = hessianByDifferences(theta, 1e-5);
    const rng = createRandom(3);
    const v = Float64Array.from({ length: P }, () => rng.normal());
    const hv = deepLinearGradientAndHvp(spec, theta, data, v).hv!;
    const ref = H.mmul(Matrix.columnVector([...v])).getColumn(0);
    const scale = Math.hypot(...ref);
    expect(scale).toBeGreaterThan(1);
    expect(Math.hypot(...ref.map((r, i) => r - hv[i]))).toBeLessThan(1e-6 * scale);
  });
});

describe('the small-initialisation deep linear preset (GD η = 0.2 on MSE, 2/η = 10)', () => {
  it('λmax at step 0 (Lanczos) is the top eigenvalue of the dense Hessian to 1e-6, and far below 2/η', () => {
    const lambda0 = run.samples.lambdaMax[0];
    expectNear(lambda0, dense0.max, 1e-6 * dense0.absMax, 'λmax(θ₀) by Lanczos vs EVD');
    expect(lambda0).toBeLessThan(0.05 * run.limit);
    expect(run.samples.residual[0]).toBeLessThanOrEqual(EOS_LANCZOS_TOL * dense0.absMax);
  });

  it('λmax crosses 0.9·2/η = 9 within the 300-step budget with seed 1, every residual ≤ 1e-7·‖H‖ (‖H‖ ≤ 2/η here)', () => {
    expect(run.done).toBe(EOS_DEEP_LINEAR_PRESET.steps);
    expect(run.limit).toBe(10);
    const crossing = firstCrossing(run.samples, run.limit, 0.9);
    expect(crossing).not.toBeNull();
    expect(crossing!).toBeLessThan(EOS_DEEP_LINEAR_PRESET.steps);
    // The step the docs and the preset's comment state.
    expect(crossing).toBe(56);
    // Lanczos stops when every residual ≤ tol·‖H‖ (‖H‖ its largest |Ritz value|); on this run that is at most tol·2/η.
    expect(Math.max(...run.samples.residual)).toBeLessThanOrEqual(EOS_LANCZOS_TOL * run.limit);
    const s = run.samples;
    const last = s.lambdaMax[s.lambdaMax.length - 1];
    console.log(
      `Deep linear preset: λmax ${s.lambdaMax[0].toFixed(3)} → ${last.toFixed(3)}, crosses 0.9·2/η = 9 at step ${crossing}, loss ${run.steps.loss[0].toExponential(2)} → ${run.finalLoss.toExponential(2)}; ` +
        `${EOS_DEEP_LINEAR_PRESET.steps} steps in ${(ms / 1000).toFixed(2)} s`,
    );
  });

  it('the sharpness it rose to is where GD converges: the last λmax within 0.9–1 × 2/η and the loss down by 1e-20', () => {
    const s = run.samples.lambdaMax;
    const last = s[s.length - 1];
    expect(last).toBeGreaterThan(0.9 * run.limit);
    expect(last).toBeLessThan(run.limit);
    expect(run.finalLoss).toBeLessThan(1e-20 * run.steps.loss[0]);
    // Progressive: λmax at the crossing is reached from below, past samples under 0.9·2/η.
    const c = firstCrossing(run.samples, run.limit, 0.9)!;
    expect([...s].filter((_, i) => run.samples.step[i] < c).every((l) => l < 0.9 * run.limit)).toBe(true);
  });
});

describe('the deep linear preset in the panel', () => {
  it('choosing it loads its η, steps, seed and K, and the settings name the problem', () => {
    const state = { ...defaultState(), ...eosPresetPatch('deep-linear') };
    expect(state).toMatchObject({ eosPreset: 'deep-linear', eosLr: 0.2, eosSteps: 300, eosSeed: 1, eosEvery: 2 });
    const settings = eosSettingsOf(state);
    expect(settings).toMatchObject({ problem: 'deep-linear', lr: 0.2, steps: 300, seed: 1, every: 2 });
    expect(eosSetupText(settings)).toContain('Deep linear net 5-10-10-10-1');
    expect(eosSettingsOf(defaultState()).problem).toBeUndefined();
    expect(eosSettingsOf({ ...defaultState(), ...eosPresetPatch('tanh') })).toMatchObject({ lr: 0.1, steps: 2000, seed: 2, every: 10, hidden: [30, 20] });
  });

  it('the log-scale loss chart gets a gap, not a value, where the loss falls below 1e-14 (uPlot’s log axis stops at 1e-16)', () => {
    const trace = new EosTrace(run.settings.lr);
    expect(trace.append(run)).toBe(true);
    const drawn = eosChartColumns(trace).loss.columns[0];
    expect(Math.min(...run.steps.loss)).toBeLessThan(1e-30);
    drawn.forEach((v, t) => (run.steps.loss[t] >= EOS_LOSS_CHART_FLOOR ? expect(v).toBe(run.steps.loss[t]) : expect(v).toBeNaN()));
    expect(drawn.filter((v) => Number.isNaN(v)).length).toBeGreaterThan(100);
  });

  it('an unknown problem is a RangeError', () => {
    expect(() => checkEosSettings({ ...EOS_DEEP_LINEAR_PRESET, problem: 'cubic' as never })).toThrow(RangeError);
  });
});

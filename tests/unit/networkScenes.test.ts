/**
 * The network scenes' captions against the numbers their run produces: each scene's state is
 * resolved as the lab resolves it, the network is trained in Node with those settings (tfjs CPU,
 * float32, as the page's worker trains it), its slice directions chosen as the train job chooses
 * them, and every number a caption states is recomputed (float64 curvature) and compared with the
 * caption's text at the precision it is written in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SCENES } from '../../src/lectures/scenes';
import { resolveScene } from '../../src/lectures/validateScene';
import { defaultState, type LabState } from '../../src/state/schema';
import { networkSettings, type NetworkSettings } from '../../src/app/network/networkSettings';
import { trainNetwork } from '../../src/compute/network/train';
import { filterNormalizedDirections, hessianDirections } from '../../src/compute/network/directions';
import { curvatureExtremes, topEigenpairs } from '../../src/compute/network/hessian';
import { NetworkSliceLandscape } from '../../src/core/network/NetworkSliceLandscape';
import { computePointModel, type PointModel } from '../../src/core/landscape/pointModel';
import { compareSliceWithFull, gramOf } from '../../src/core/network/unitLength';
import { gradientAndHvp64 } from '../../src/core/network/backprop64';
import { networkLoss } from '../../src/core/network/mlp';
import { expectNear } from './support/expectNear';

const IDS = ['network-bowl', 'network-sharp', 'network-flat', 'network-stable-step'] as const;

function caption(id: string): string {
  const scene = SCENES.find((s) => s.id === id);
  if (!scene) throw new Error(`no scene ${id}`);
  return scene.caption;
}

function stateOf(id: string): LabState {
  return { ...defaultState(), ...resolveScene(SCENES.find((s) => s.id === id)!) };
}

function settingsOf(id: string): NetworkSettings {
  const settings = networkSettings(stateOf(id));
  if (typeof settings === 'string') throw new Error(settings);
  return settings;
}

/** The slice of a scene at its point, with the directions the train job would choose. */
async function sliceOf(id: string, theta: Float64Array): Promise<{ model: PointModel; d1: Float64Array; d2: Float64Array }> {
  const s = stateOf(id);
  const set = settingsOf(id);
  const dirs = set.directions === 'hessian' ? await hessianDirections(set.spec, set.data, theta, { seed: set.seed }) : filterNormalizedDirections(set.spec, theta, set.seed);
  const slice = new NetworkSliceLandscape(set.spec, set.data, theta, dirs.d1, dirs.d2);
  return { model: computePointModel(slice, s.x, s.y, 2), d1: dirs.d1, d2: dirs.d2 };
}

/** GD at rate η for `steps` steps (float64 gradients) from θ. */
function gd(set: NetworkSettings, start: Float64Array, eta: number, steps: number): Float64Array {
  const th = Float64Array.from(start);
  for (let k = 0; k < steps; k++) {
    const g = gradientAndHvp64(set.spec, set.data, th, null).gradient;
    for (let i = 0; i < th.length; i++) th[i] -= eta * g[i];
  }
  return th;
}

/** Full-batch GD from θ* for `steps` steps: the loss before and after, and the displacement along v₁. */
function gdFromMinimum(set: NetworkSettings, theta: Float64Array, v1: Float64Array, eta: number, steps: number): { before: number; after: number; along: number } {
  const end = gd(set, theta, eta, steps);
  return { before: networkLoss(set.spec, theta, set.data), after: networkLoss(set.spec, end, set.data), along: Math.abs(end.reduce((s, t, i) => s + (t - theta[i]) * v1[i], 0)) };
}

let theta: Float64Array;
let lambdaMax: number;
let lambdas: number[];
let v1: Float64Array;

beforeAll(async () => {
  // All four scenes train the same run (they differ in the directions and colours only).
  const keys = new Set(IDS.map((id) => settingsOf(id).key.replace(/netDirections=\w+/, '')));
  expect(keys.size).toBe(1);
  const set = settingsOf(IDS[0]);
  const run = await trainNetwork(set.spec, set.data, { optimizer: set.optimizer, lr: set.lr, steps: set.steps, seed: set.seed, snapshotEvery: Math.max(1, Math.floor(set.steps / 50)) });
  theta = run.theta;
  lambdaMax = (await curvatureExtremes(set.spec, set.data, theta, { engine: 'float64', tol: 1e-9 })).lambdaMax;
  const top = await topEigenpairs(set.spec, set.data, theta, { k: 2, engine: 'float64', tol: 1e-9 });
  lambdas = top.eigenvalues;
  v1 = top.eigenvectors[0];
}, 120_000);

describe('the network scenes’ captions match their runs', () => {
  it('network-bowl: a 2-8-8-1 tanh MLP whose slice Hessian at θ* is diag(λ₂, λ₁) of the full H, a bowl', async () => {
    const set = settingsOf('network-bowl');
    expect([set.spec.widths.join('-'), set.spec.activation, set.directions]).toEqual(['2-8-8-1', 'tanh', 'hessian']);
    const { model } = await sliceOf('network-bowl', theta);
    expect(Math.abs(model.derivs.hxy)).toBeLessThan(1e-6 * lambdaMax);
    expect(model.eigen.lambda1).toBeGreaterThan(0);
    expectNear(model.eigen.lambda1, lambdas[1], 1e-5 * lambdaMax, 'slice λ₁ = λ₂ of H');
    expect(caption('network-bowl')).toContain('2-8-8-1 tanh MLP');
    expect(caption('network-bowl')).toContain(`diag(${model.eigen.lambda1.toFixed(2)}, ${model.eigen.lambda2.toFixed(2)})`);
  });

  it('network-sharp: the slice’s λ₂ equals λmax of the whole network at θ*', async () => {
    const { model } = await sliceOf('network-sharp', theta);
    expectNear(model.eigen.lambda2, lambdaMax, 1e-5 * lambdaMax, 'slice λ₂ = λmax');
    expect(caption('network-sharp')).toContain(`the slice, ${lambdaMax.toFixed(2)}, equals λmax`);
  });

  it('network-flat: per unit length the filter-normalised slice is far flatter than λmax (not in slice units)', async () => {
    const { model, d1, d2 } = await sliceOf('network-flat', theta);
    const gram = gramOf(d1, d2);
    const c = compareSliceWithFull({ xx: model.derivs.hxx, xy: model.derivs.hxy, yy: model.derivs.hyy }, gram, lambdaMax);
    const text = caption('network-flat');
    expect(text).toContain(`‖d₁‖ = ‖d₂‖ = ${Math.sqrt(gram.xx).toFixed(1)}`);
    expect(Math.sqrt(gram.yy).toFixed(1)).toBe(Math.sqrt(gram.xx).toFixed(1));
    expect(text).toContain(`at most ${c.perUnitLength.toFixed(3)}, ${Math.round(1 / c.ratio)}× flatter than λmax = ${lambdaMax.toFixed(2)}`);
    // The pitfall the caption avoids: in slice units the same slice looks sharper than λmax.
    expect(c.sliceUnits).toBeGreaterThan(lambdaMax);
    expect(c.ratio).toBeLessThan(0.05);
  });

  it('network-stable-step: 2/λmax in parameter units, and GD from θ* is stable just below it and not just above', () => {
    const rate = 2 / lambdaMax;
    expect(caption('network-stable-step')).toContain(`2/λmax = ${rate.toFixed(2)} (parameter units)`);
    const set = settingsOf('network-stable-step');
    // Just below the limit GD keeps descending; just above, it is thrown out along v₁ and the loss rises.
    const below = gdFromMinimum(set, theta, v1, 0.9 * rate, 20);
    expect(below.after).toBeLessThan(below.before);
    expect(below.along).toBeLessThan(5e-3);
    const above = gdFromMinimum(set, theta, v1, 1.1 * rate, 20);
    expect(above.after).toBeGreaterThan(1.05 * above.before);
    expect(above.along).toBeGreaterThan(1e-2);
  });
});

/**
 * The network scenes' captions against the numbers their run produces: each scene's state is
 * resolved as the lab resolves it, the network is trained in Node with those settings on the
 * page's compute backend (tfjs WASM, float32, as the worker trains it; the same θ* as in the
 * browser), its slice directions chosen as the train job chooses them, and every number a caption
 * states is recomputed (float64 curvature) and compared with the caption's text at the precision it
 * is written in. The same run on the tfjs CPU backend (the fallback without WASM) lands ~5% away
 * (float32 Adam over 300 steps): there the claims must hold and the numbers be within 8%.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENES } from '../../src/lectures/scenes';
import { resolveScene } from '../../src/lectures/validateScene';
import { defaultState, type LabState } from '../../src/state/schema';
import { networkSettings, type NetworkSettings } from '../../src/app/network/networkSettings';
import { trainNetwork } from '../../src/compute/network/train';
import { initWasmBackend } from '../../src/compute/wasmBackend';
import { tf } from '../../src/compute/tf';
import { filterNormalizedDirections, hessianDirections } from '../../src/compute/network/directions';
import { curvatureExtremes, topEigenpairs } from '../../src/compute/network/hessian';
import { NetworkSliceLandscape } from '../../src/core/network/NetworkSliceLandscape';
import { computePointModel, type PointModel } from '../../src/core/landscape/pointModel';
import { compareSliceWithFull, gramOf, type SliceComparison, type Sym2 } from '../../src/core/network/unitLength';
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

/** Everything the captions state, from one run of the scenes' settings on one backend. */
interface SceneFacts {
  readonly theta: Float64Array;
  readonly lambdaMax: number;
  readonly lambda2: number;
  readonly v1: Float64Array;
  readonly bowl: PointModel;
  readonly sharp: PointModel;
  readonly flat: { readonly gram: Sym2; readonly c: SliceComparison };
}

async function factsOn(backend: 'wasm' | 'cpu'): Promise<SceneFacts> {
  if (backend === 'wasm') expect(await initWasmBackend()).toBeNull();
  else await tf.setBackend('cpu');
  await tf.ready();
  const set = settingsOf(IDS[0]);
  const run = await trainNetwork(set.spec, set.data, { optimizer: set.optimizer, lr: set.lr, steps: set.steps, seed: set.seed, snapshotEvery: Math.max(1, Math.floor(set.steps / 50)) });
  const theta = run.theta;
  const top = await topEigenpairs(set.spec, set.data, theta, { k: 2, engine: 'float64', tol: 1e-9 });
  const extremes = await curvatureExtremes(set.spec, set.data, theta, { engine: 'float64', tol: 1e-9 });
  expectNear(extremes.lambdaMax, top.eigenvalues[0], 1e-9 * top.eigenvalues[0], 'λmax both ways');
  const flat = await sliceOf('network-flat', theta);
  const gram = gramOf(flat.d1, flat.d2);
  const c = compareSliceWithFull({ xx: flat.model.derivs.hxx, xy: flat.model.derivs.hxy, yy: flat.model.derivs.hyy }, gram, extremes.lambdaMax);
  return { theta, lambdaMax: extremes.lambdaMax, lambda2: top.eigenvalues[1], v1: top.eigenvectors[0], bowl: (await sliceOf('network-bowl', theta)).model, sharp: (await sliceOf('network-sharp', theta)).model, flat: { gram, c } };
}

/** The first number after `before` in a caption. */
function numberAfter(text: string, before: string): number {
  const at = text.indexOf(before);
  expect(at, `"${before}" in "${text}"`).toBeGreaterThanOrEqual(0);
  return Number(text.slice(at + before.length).match(/^-?\d+(\.\d+)?/)?.[0]);
}

const runs: Partial<Record<'wasm' | 'cpu', SceneFacts>> = {};

beforeAll(async () => {
  // All four scenes train the same run (they differ in the directions and colours only).
  const keys = new Set(IDS.map((id) => settingsOf(id).key.replace(/netDirections=\w+/, '')));
  expect(keys.size).toBe(1);
  runs.cpu = await factsOn('cpu');
  runs.wasm = await factsOn('wasm');
}, 120_000);

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(['wasm', 'cpu'] as const)('the network scenes’ claims hold on the %s run', (backend) => {
  it('network-bowl: a 2-8-8-1 tanh MLP whose slice Hessian at θ* is diag(λ₂, λ₁) of the full H, a bowl', () => {
    const f = runs[backend]!;
    const set = settingsOf('network-bowl');
    expect([set.spec.widths.join('-'), set.spec.activation, set.directions]).toEqual(['2-8-8-1', 'tanh', 'hessian']);
    expect(caption('network-bowl')).toContain('2-8-8-1 tanh MLP');
    expect(Math.abs(f.bowl.derivs.hxy)).toBeLessThan(1e-6 * f.lambdaMax);
    expect(f.bowl.eigen.lambda1).toBeGreaterThan(0);
    expectNear(f.bowl.eigen.lambda1, f.lambda2, 1e-5 * f.lambdaMax, 'slice λ₁ = λ₂ of H');
  });

  it('network-sharp: the slice’s λ₂ equals λmax of the whole network at θ*', () => {
    const f = runs[backend]!;
    expectNear(f.sharp.eigen.lambda2, f.lambdaMax, 1e-5 * f.lambdaMax, 'slice λ₂ = λmax');
  });

  it('network-flat: per unit length the filter-normalised slice is far flatter than λmax, in slice units it is not', () => {
    const { c } = runs[backend]!.flat;
    expect(c.ratio).toBeLessThan(0.05);
    expect(c.sliceUnits).toBeGreaterThan(runs[backend]!.lambdaMax);
  });

  it('network-stable-step: GD from θ* keeps descending at 0.9·2/λmax and is thrown out along v₁ at 1.1·2/λmax', () => {
    const f = runs[backend]!;
    const set = settingsOf('network-stable-step');
    const rate = 2 / f.lambdaMax;
    const below = gdFromMinimum(set, f.theta, f.v1, 0.9 * rate, 20);
    expect(below.after).toBeLessThan(below.before);
    expect(below.along).toBeLessThan(5e-3);
    const above = gdFromMinimum(set, f.theta, f.v1, 1.1 * rate, 20);
    expect(above.after).toBeGreaterThan(above.before);
    expect(above.along).toBeGreaterThan(1e-2);
  });
});

describe('the network scenes’ captions state the numbers of the page’s run', () => {
  it('on the WASM run (the page’s worker) every number is written as the run gives it', () => {
    const f = runs.wasm!;
    const { gram, c } = f.flat;
    expect(caption('network-bowl')).toContain(`diag(${f.bowl.eigen.lambda1.toFixed(2)}, ${f.bowl.eigen.lambda2.toFixed(2)})`);
    expect(caption('network-sharp')).toContain(`the slice, ${f.lambdaMax.toFixed(2)}, equals λmax`);
    expect(Math.sqrt(gram.yy).toFixed(1)).toBe(Math.sqrt(gram.xx).toFixed(1));
    expect(caption('network-flat')).toContain(`‖d₁‖ = ‖d₂‖ = ${Math.sqrt(gram.xx).toFixed(1)}`);
    expect(caption('network-flat')).toContain(`at most ${c.perUnitLength.toFixed(3)}, ${Math.round(1 / c.ratio)}× flatter than λmax = ${f.lambdaMax.toFixed(2)}`);
    expect(caption('network-stable-step')).toContain(`2/λmax = ${(2 / f.lambdaMax).toFixed(2)} (parameter units)`);
  });

  it('on the CPU run every number is within 8% of the caption’s', () => {
    const f = runs.cpu!;
    const near = (value: number, text: string, before: string): void => expectNear(value, numberAfter(text, before), 0.08 * Math.abs(value), before);
    near(f.lambdaMax, caption('network-sharp'), 'the slice, ');
    near(f.lambda2, caption('network-bowl'), 'diag(');
    near(Math.sqrt(f.flat.gram.xx), caption('network-flat'), '‖d₁‖ = ‖d₂‖ = ');
    near(f.flat.c.perUnitLength, caption('network-flat'), 'at most ');
    expectNear(1 / f.flat.c.ratio, Number(caption('network-flat').match(/(\d+)× flatter/)?.[1]), 0.08 / f.flat.c.ratio, '× flatter');
    near(2 / f.lambdaMax, caption('network-stable-step'), '2/λmax = ');
  });
});

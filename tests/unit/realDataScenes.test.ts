/**
 * The real-data scenes' captions (issue 16) against the core: each scene's state is resolved as the
 * lab resolves it, its data prepared from the committed asset, the network trained in Node on the
 * page's compute backend (tfjs WASM, as the worker trains it), the directions chosen as the train
 * job chooses them, and every number a caption states recomputed with the core's exact float64
 * gradient and Hessian-vector products (softmax cross-entropy, no differences) at the precision
 * the caption writes it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENES } from '../../src/lectures/scenes';
import { resolveScene } from '../../src/lectures/validateScene';
import { defaultState, type LabState } from '../../src/state/schema';
import { NetworkSources, type ResolvedSettings } from '../../src/app/network/networkSources';
import type { NetworkSettings } from '../../src/app/network/networkSettings';
import { trainNetwork } from '../../src/compute/network/train';
import { filterNormalizedDirections, hessianDirections } from '../../src/compute/network/directions';
import { initWasmBackend } from '../../src/compute/wasmBackend';
import { tf } from '../../src/compute/tf';
import { gradientAndHvp, hessianVectorProduct } from '../../src/core/network/backprop';
import { accuracy } from '../../src/core/network/mlp';
import { lanczosExtremes } from '../../src/core/spectrum/lanczos';
import { compareSliceWithFull, gramOf, type SliceComparison } from '../../src/core/network/unitLength';
import { expectNear } from './support/expectNear';

const ROOT = path.resolve(__dirname, '../..');
const fetchFromRepo = async (p: string): Promise<ArrayBuffer> => {
  const b = readFileSync(path.join(ROOT, p));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

function scene(id: string) {
  const s = SCENES.find((x) => x.id === id);
  if (!s) throw new Error(`no scene ${id}`);
  return s;
}

async function settingsOf(id: string): Promise<NetworkSettings> {
  const state: LabState = { ...defaultState(), ...resolveScene(scene(id)) };
  const r: ResolvedSettings = await new NetworkSources(null, fetchFromRepo).resolve(state);
  if ('problem' in r || 'missingFile' in r) throw new Error(JSON.stringify(r));
  return r;
}

const dot = (u: ArrayLike<number>, v: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
};

/** A trained scene run: θ*, its directions, the slice Hessian (float64 HVPs), λmax and λ₂ of the objective's Hessian. */
interface Facts {
  readonly set: NetworkSettings;
  readonly theta: Float64Array;
  readonly slice: { xx: number; xy: number; yy: number };
  readonly gradient: [number, number];
  readonly lambda: [number, number];
  readonly testAccuracy: number;
  readonly comparison: SliceComparison;
  readonly norms: [number, number];
}

async function factsOf(id: string): Promise<Facts> {
  const set = await settingsOf(id);
  const train = set.trainData ?? set.data;
  const run = await trainNetwork(set.spec, train, { optimizer: set.optimizer, lr: set.lr, steps: set.steps, seed: set.seed, batchSize: set.batchSize, snapshotEvery: Math.max(1, Math.floor(set.steps / 50)) });
  const theta = run.theta;
  const dirs = set.directions === 'hessian' ? await hessianDirections(set.spec, train, theta, { seed: set.seed }) : filterNormalizedDirections(set.spec, theta, set.seed);
  const { gradient: g, hv: h1 } = gradientAndHvp(set.spec, theta, set.data, dirs.d1);
  const h2 = hessianVectorProduct(set.spec, theta, set.data, dirs.d2);
  const slice = { xx: dot(dirs.d1, h1!), xy: (dot(dirs.d2, h1!) + dot(dirs.d1, h2)) / 2, yy: dot(dirs.d2, h2) };
  const top = await lanczosExtremes(async (v) => hessianVectorProduct(set.spec, theta, set.data, v), theta.length, { top: 2, tol: 1e-8, seed: 1 });
  const gram = gramOf(dirs.d1, dirs.d2);
  const comparison = compareSliceWithFull(slice, gram, top.top[0].value);
  return { set, theta, slice, gradient: [dot(g, dirs.d1), dot(g, dirs.d2)], lambda: [top.top[0].value, top.top[1].value], testAccuracy: accuracy(set.spec, theta, set.prepared!.test!), comparison, norms: [Math.sqrt(gram.xx), Math.sqrt(gram.yy)] };
}

const facts: Record<string, Facts> = {};

beforeAll(async () => {
  expect(await initWasmBackend()).toBeNull();
  facts.digits = await factsOf('digits-bowl');
  facts.mnist = await factsOf('mnist-sharp-flat');
}, 300_000);

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('the real-data scenes’ captions hold on the page’s (WASM) run', () => {
  it('digits-bowl: a 64-32-10 digits classifier whose slice Hessian at θ* along the top two eigenvectors is diag(λmax, λ₂), a bowl', () => {
    const f = facts.digits;
    const text = scene('digits-bowl').caption;
    expect([f.set.spec.widths.join('-'), f.set.directions, f.set.objective?.subset]).toEqual(['64-32-10', 'hessian', false]);
    expect(Math.abs(f.slice.xy)).toBeLessThan(1e-3 * f.lambda[0]);
    expectNear(f.slice.xx, f.lambda[0], 1e-3 * f.lambda[0], 'slice xx = λmax');
    expectNear(f.slice.yy, f.lambda[1], 1e-3 * f.lambda[0], 'slice yy = λ₂');
    expect(f.lambda[1]).toBeGreaterThan(0);
    expect(text).toContain(`diag(${f.lambda[0].toFixed(2)}, ${f.lambda[1].toFixed(2)})`);
    expect(text).toContain(`test accuracy ${(100 * f.testAccuracy).toFixed(1)}%`);
    // ∇ ≈ 0: the slope along both directions is tiny against the curvature over the window.
    expect(Math.max(...f.gradient.map(Math.abs))).toBeLessThan(1e-3 * f.lambda[0]);
  });

  it('mnist-sharp-flat: random filter-normalised directions on MNIST 14×14 are far flatter per unit length than λmax', () => {
    const f = facts.mnist;
    const text = scene('mnist-sharp-flat').caption;
    expect([f.set.spec.widths.join('-'), f.set.directions, f.set.objective]).toEqual(['196-32-10', 'filter', { size: 500, of: 2000, subset: true }]);
    expect(text).toContain('500 of its 2,000 training images');
    expect(text).toContain(`λmax = ${f.lambda[0].toFixed(2)}`);
    expect(text).toContain(`(‖d‖ = ${f.norms[0].toFixed(1)})`);
    expect(f.norms[1].toFixed(1)).toBe(f.norms[0].toFixed(1));
    expect(text).toContain(`at most ${f.comparison.perUnitLength.toFixed(3)} per unit length, ${Math.round(1 / f.comparison.ratio)}× flatter`);
    expect(f.comparison.ratio).toBeLessThan(0.1);
  });
});

/**
 * The edge-of-stability scenes on the network (issue 18, item 4): 'network-edge-below' and
 * 'network-edge-above' run GD on the Hessian-direction slice of the trained 2-8-8-1 tanh net (the
 * same run as the other network scenes) at η = 0.9·2/λmax and 1.1·2/λmax, λmax the slice Hessian's
 * top eigenvalue at the slice's minimum, which is the expansion point (its eigen-axes drawn).
 *
 * Here the net is trained in Node as the page's worker trains it (tfjs WASM, same seed), the slice
 * directions chosen as the train job chooses them, and: the slice minimum found by Newton on the
 * engine's float64 jets and checked by central differences of the slice's values; the slice
 * Hessian there checked the same way; the runs made by the page's own code (computeRuns, the
 * scene's runs and start); and every number of the captions recomputed at the precision written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SCENES } from '../../src/lectures/scenes';
import { resolveScene, validateScene } from '../../src/lectures/validateScene';
import { defaultState, type LabState } from '../../src/state/schema';
import { networkSettings, type NetworkSettings } from '../../src/app/network/networkSettings';
import { computeRuns, RUN_MAX_STEPS, type ComputedRun } from '../../src/app/optimizer/computeRuns';
import { trainNetwork } from '../../src/compute/network/train';
import { initWasmBackend } from '../../src/compute/wasmBackend';
import { tf } from '../../src/compute/tf';
import { hessianDirections } from '../../src/compute/network/directions';
import { NetworkSliceLandscape } from '../../src/core/network/NetworkSliceLandscape';
import { landscapeDerivatives } from '../../src/core/landscape/Landscape';
import { coefficientIndex } from '../../src/core/taylorLayout';
import { symmetricEigen2 } from '../../src/core/eigen2';
import { parseRunSpecs, parseRunStart } from '../../src/core/optimizers/runSpecs';
import { expectNear } from './support/expectNear';

const IDS = ['network-edge-below', 'network-edge-above'] as const;

function sceneOf(id: string) {
  const scene = SCENES.find((s) => s.id === id);
  if (!scene) throw new Error(`no scene ${id}`);
  return scene;
}

function stateOf(id: string): LabState {
  return { ...defaultState(), ...resolveScene(sceneOf(id)) };
}

function settingsOf(id: string): NetworkSettings {
  const settings = networkSettings(stateOf(id));
  if (typeof settings === 'string') throw new Error(settings);
  return settings;
}

/** The first number after `before` in a caption (signs written − or -). */
function numberAfter(text: string, before: string): number {
  const at = text.indexOf(before);
  expect(at, `"${before}" in "${text}"`).toBeGreaterThanOrEqual(0);
  const m = text.slice(at + before.length).match(/^[−+-]?\d+(\.\d+)?/);
  expect(m, `a number after "${before}"`).not.toBeNull();
  return Number(m![0].replace('−', '-'));
}

/** Decimals a caption's number is written with. */
function decimalsAfter(text: string, before: string): number {
  const m = text.slice(text.indexOf(before) + before.length).match(/^[−+-]?\d+(?:\.(\d+))?/);
  return m?.[1]?.length ?? 0;
}

let slice: NetworkSliceLandscape;
let minimum: [number, number];
let top: { lambda: number; v: readonly [number, number]; small: number; u: readonly [number, number] };
/** Cubic and quartic Taylor coefficients of the slice at the minimum (c_ij of a^i b^j). */
let cubic: { c30: number; c21: number; c12: number; c40: number };
const runs: Partial<Record<(typeof IDS)[number], ComputedRun>> = {};

/** Offsets from the minimum along the top eigen-axis (a) and the other one (b) of a run's iterates. */
function along(run: ComputedRun): { a: number[]; b: number[] } {
  const it = run.run.iterates;
  return {
    a: it.map((p) => (p.x - minimum[0]) * top.v[0] + (p.y - minimum[1]) * top.v[1]),
    b: it.map((p) => (p.x - minimum[0]) * top.u[0] + (p.y - minimum[1]) * top.u[1]),
  };
}

/**
 * Where a_{k+1}/a_k may stray from 1 − ηλmax: the step's gradient along a is λ·a plus the cubic and
 * quartic terms' ∂/∂a (3c30 a² + 2c21 ab + c12 b² + 4c40 a³); divided by a, times η, with 50% for
 * the higher orders and the 0.15° between the a axis and the eigenvector.
 */
function ratioTolerance(eta: number, a: number, b: number): number {
  const { c30, c21, c12, c40 } = cubic;
  return 1.5 * eta * (3 * Math.abs(c30 * a) + 2 * Math.abs(c21 * b) + Math.abs((c12 * b * b) / a) + 4 * Math.abs(c40 * a * a));
}

beforeAll(async () => {
  expect(await initWasmBackend()).toBeNull();
  await tf.ready();
  // Both scenes train the run of the other network scenes (they differ in the window, point and runs only).
  const keys = new Set([...IDS, 'network-stable-step'].map((id) => settingsOf(id).key));
  expect(keys.size).toBe(1);
  const set = settingsOf(IDS[0]);
  const run = await trainNetwork(set.spec, set.data, { optimizer: set.optimizer, lr: set.lr, steps: set.steps, seed: set.seed, snapshotEvery: Math.max(1, Math.floor(set.steps / 50)) });
  expect(set.directions).toBe('hessian');
  const dirs = await hessianDirections(set.spec, set.data, run.theta, { seed: set.seed });
  slice = new NetworkSliceLandscape(set.spec, set.data, run.theta, dirs.d1, dirs.d2);
  // The slice's minimum: Newton on the engine's jets from (0, 0), θ*'s own point.
  let p: [number, number] = [0, 0];
  for (let k = 0; k < 30; k++) {
    const d = landscapeDerivatives(slice, p[0], p[1]);
    const det = d.hxx * d.hyy - d.hxy * d.hxy;
    p = [p[0] - (d.hyy * d.gx - d.hxy * d.gy) / det, p[1] - (d.hxx * d.gy - d.hxy * d.gx) / det];
  }
  minimum = p;
  const d = landscapeDerivatives(slice, p[0], p[1]);
  const e = symmetricEigen2(d.hxx, d.hxy, d.hyy);
  top = { lambda: e.lambda2, v: e.v2, small: e.lambda1, u: e.v1 };
  const c = slice.coefficients(p[0], p[1], 4);
  cubic = { c30: c[coefficientIndex(3, 0)], c21: c[coefficientIndex(2, 1)], c12: c[coefficientIndex(1, 2)], c40: c[coefficientIndex(4, 0)] };
  for (const id of IDS) {
    const s = stateOf(id);
    const specs = parseRunSpecs(s.runs);
    const start = parseRunStart(s.runStart);
    if (!specs.ok || !start.ok || start.start === null) throw new Error(`${id}: runs or start do not parse`);
    runs[id] = computeRuns(slice, specs.specs, start.start, { xmin: s.xmin, xmax: s.xmax, ymin: s.ymin, ymax: s.ymax }).runs[0];
  }
}, 120_000);

describe('the slice the edge scenes run on', () => {
  it('both scenes are valid and expand at the slice minimum (to the 1e-4 they are written in), where ∇ = 0 by central differences of the values', () => {
    for (const id of IDS) {
      expect(validateScene(sceneOf(id))).toEqual([]);
      const s = stateOf(id);
      expectNear(s.x, minimum[0], 5e-5, `${id}: x at the minimum`);
      expectNear(s.y, minimum[1], 5e-5, `${id}: y at the minimum`);
      expect(s.showAxes).toBe(true);
      expect(s.xmin < minimum[0] && minimum[0] < s.xmax && s.ymin < minimum[1] && minimum[1] < s.ymax).toBe(true);
    }
    // h = 1e-4: truncation h²·f‴/6 ≈ 1e-7, rounding 1e-16·f/h ≈ 1e-14; the engine's gradient there is ~1e-16.
    const h = 1e-4;
    const [x, y] = minimum;
    expectNear((slice.value(x + h, y) - slice.value(x - h, y)) / (2 * h), 0, 2e-7, '∂f/∂a at the minimum');
    expectNear((slice.value(x, y + h) - slice.value(x, y - h)) / (2 * h), 0, 2e-7, '∂f/∂b at the minimum');
  });

  it('its Hessian there (float64 jets) agrees with central differences of the values to 1e-5, and its top eigen-axis is the a axis to 0.2°', () => {
    // h = 1e-3: truncation h²·f⁗/12 with |f⁗| = 24|c40| ≲ 1e4 gives ≲ 1e-3·… measured below 1e-6; rounding 1e-16·f/h² ≈ 2e-12.
    const h = 1e-3;
    const [x, y] = minimum;
    const f = (dx: number, dy: number) => slice.value(x + dx, y + dy);
    const d = landscapeDerivatives(slice, x, y);
    expectNear(d.hxx, (f(h, 0) - 2 * f(0, 0) + f(-h, 0)) / (h * h), 1e-5 * top.lambda, 'hxx');
    expectNear(d.hyy, (f(0, h) - 2 * f(0, 0) + f(0, -h)) / (h * h), 1e-5 * top.lambda, 'hyy');
    expectNear(d.hxy, (f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h), 1e-5 * top.lambda, 'hxy');
    expect(top.lambda).toBeGreaterThan(2 * top.small);
    expect(Math.abs(top.v[1])).toBeLessThan(Math.sin((0.2 * Math.PI) / 180));
  });
});

describe('GD on the slice at 0.9·2/λmax and 1.1·2/λmax', () => {
  it("the scenes' η are 0.9·2/λmax and 1.1·2/λmax to the 4 figures written", () => {
    const eta = (id: string) => runs[id as (typeof IDS)[number]]!.run.params.lr!;
    expectNear(eta('network-edge-below'), (0.9 * 2) / top.lambda, 5e-5, 'η below');
    expectNear(eta('network-edge-above'), (1.1 * 2) / top.lambda, 5e-5, 'η above');
  });

  it('below: the distance to the minimum shrinks every step, the offset along the top axis flips sign every step, at the ratio 1 − ηλmax within the cubic terms’ bound, and the run converges', () => {
    const run = runs['network-edge-below']!;
    const eta = run.run.params.lr!;
    expect(run.run.stop.reason).toBe('converged');
    const { a, b } = along(run);
    const dist = a.map((ak, k) => Math.hypot(ak, b[k]));
    for (let k = 0; k + 1 < dist.length; k++) expect(dist[k + 1], `step ${k}`).toBeLessThan(dist[k]);
    let checked = 0;
    for (let k = 0; k + 1 < a.length && Math.abs(a[k]) > 1e-7; k++) {
      expect(a[k + 1] * a[k], `sign flip at step ${k}`).toBeLessThan(0);
      if (Math.abs(a[k]) > 2e-3) continue;
      const tol = ratioTolerance(eta, a[k], b[k]);
      expect(tol).toBeLessThan(0.08);
      expectNear(a[k + 1] / a[k], 1 - eta * top.lambda, tol, `a ratio at step ${k}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('above: the offset along the top axis flips sign every step and grows by |1 − ηλmax| = 1.2 per step while small; GD never converges but is caught in a 2-cycle straddling the minimum', () => {
    const run = runs['network-edge-above']!;
    const eta = run.run.params.lr!;
    const { a, b } = along(run);
    for (let k = 0; k + 1 < a.length; k++) expect(a[k + 1] * a[k], `sign flip at step ${k}`).toBeLessThan(0);
    let checked = 0;
    for (let k = 0; Math.abs(a[k]) < 3e-3; k++) {
      const tol = ratioTolerance(eta, a[k], b[k]);
      expect(tol).toBeLessThan(0.08);
      expectNear(a[k + 1] / a[k], 1 - eta * top.lambda, tol, `a ratio at step ${k}`);
      expect(Math.abs(a[k + 1])).toBeGreaterThan(Math.abs(a[k]));
      checked++;
    }
    expect(checked).toBeGreaterThan(8);
    expect(run.run.stop.reason).toBe('max-steps');
    expect(run.run.steps).toBe(RUN_MAX_STEPS);
    const n = a.length - 1;
    expectNear(a[n], a[n - 2], 1e-9, 'period 2');
    expectNear(a[n - 1], a[n - 3], 1e-9, 'period 2');
    expect(Math.abs(a[n] - a[n - 1])).toBeGreaterThan(0.05);
  });
});

describe('the captions state these numbers', () => {
  /** Asserts the caption's number after `before` is `value` at the decimals it is written with. */
  function written(id: string, before: string, value: number): void {
    const text = sceneOf(id).caption;
    const decimals = decimalsAfter(text, before);
    expect(numberAfter(text, before), `${id}: ${before}`).toBe(Number(value.toFixed(decimals)));
  }

  it('below: the minimum, λmax, 2/λmax, η, 1 − ηλmax and the step it converges at', () => {
    const id = 'network-edge-below';
    const run = runs[id]!;
    const eta = run.run.params.lr!;
    written(id, 'minimum (', minimum[0]);
    written(id, 'minimum (−0.0009, ', minimum[1]);
    written(id, 'λmax = ', top.lambda);
    written(id, '2/λmax = ', 2 / top.lambda);
    written(id, 'η = ', eta);
    expect(sceneOf(id).caption).toContain(`= 0.9·2/λmax`);
    written(id, '(1 − ηλmax) = ', 1 - eta * top.lambda);
    written(id, 'converged at step ', run.run.steps);
  });

  it('above: η, λmax, 1 − ηλmax and the 2-cycle’s offsets along the top axis', () => {
    const id = 'network-edge-above';
    const run = runs[id]!;
    const eta = run.run.params.lr!;
    const { a } = along(run);
    const n = a.length - 1;
    written(id, 'η = ', eta);
    expect(sceneOf(id).caption).toContain(`= 1.1·2/λmax`);
    written(id, 'λmax = ', top.lambda);
    written(id, '(1 − ηλmax) = ', 1 - eta * top.lambda);
    written(id, '2-cycle at ', Math.max(a[n], a[n - 1]));
    written(id, '2-cycle at +0.024/', Math.min(a[n], a[n - 1]));
    console.log(
      `slice minimum (${minimum[0].toExponential(3)}, ${minimum[1].toExponential(3)}), λmax ${top.lambda.toFixed(4)}, λ2 ${top.small.toFixed(4)}, 2/λmax ${(2 / top.lambda).toFixed(4)}, c30 ${cubic.c30.toFixed(2)}; ` +
        `below: 1 − ηλ ${(1 - runs['network-edge-below']!.run.params.lr! * top.lambda).toFixed(4)}; above: 1 − ηλ ${(1 - eta * top.lambda).toFixed(4)}, ` +
        `cycle loss ${run.run.final.f.toFixed(5)} vs ${slice.value(...minimum).toFixed(5)} at the minimum`,
    );
  });
});

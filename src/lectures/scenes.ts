/**
 * Ready-made lecture scenes, as data. Every scene only changes the lab's state; the lab animates
 * the camera and the expansion point from where they are to the scene's.
 *
 * To add a scene, append an object to SCENES:
 *
 *   {
 *     id: 'my-scene',                  // for links: #scene=my-scene (a-z, 0-9, '-'; unique)
 *     title: 'Short title',            // caption bar and scene picker
 *     caption: 'One line with the numbers the class should read off the readouts',
 *     state: { preset: 'double-well', x: 1, y: 0, colorMode: 'curvature' },
 *     camera: [px, py, pz, tx, ty, tz], // optional: camera position and orbit target (world units)
 *   }
 *
 * `state` takes any key of LabState (src/state/schema.ts), checked against its PROPERTIES table
 * when the lab loads: an unknown key or a value out of range drops the scene with a notice.
 * `preset: '<id>'` expands to that 2D preset's formula, domain, start point and window radius, and
 * `preset1d: '<id>'` to that 1D preset's formula, x0, orders and range; keys written next to it win.
 * A 1D scene sets `mode: '1d'`. Keys a scene does not mention start from SCENE_BASELINE (2D view,
 * order 2, height colours, model/gradient/axes/contours on, rings off), so scenes do not leak
 * settings into each other; theme, grid size and the camera are never reset.
 * The world the camera looks at: the longer side of the domain spans -1..1 in x and y, z is up,
 * and the default view (no `camera`) is DEFAULT_CAMERA_POSE in src/scene/Stage.ts. To find a
 * pose, orbit to it in the lab and copy the `camera=` value from the link.
 * Check every number you write in a caption with the CLI, e.g.
 *   npx taylor-lab expand "(x^2 - 1)^2 + y^2" --at 1,0 --order 2
 * and add it to tests/unit/lectures.test.ts, which compares the captions with the core.
 */
import { defaultState, type LabState } from '../state/schema';
import type { LectureScene } from './types';

/** Settings every scene starts from before its own state is applied. */
export const SCENE_BASELINE: Partial<LabState> = pickDefaults([
  'mode',
  'landscape',
  'order',
  'colorMode',
  'showModel',
  'showGradient',
  'showAxes',
  'showContours',
  'showRings',
  // Optimizer runs belong to the scene that starts them, not to the ones after it.
  'runs',
  'runStart',
  'runSteps',
]);

/** The default values of some state keys (the lab's start-up view). */
function pickDefaults(keys: readonly (keyof LabState)[]): Partial<LabState> {
  const defaults = defaultState();
  return Object.fromEntries(keys.map((k) => [k, defaults[k]])) as Partial<LabState>;
}

/** The built-in scenes, in lecture order. */
export const SCENES: readonly LectureScene[] = [
  {
    id: 'day42-cubic',
    title: 'Day 42: tangent and parabola of x³ at 1',
    caption: 'T₁ = 1 + 3(x−1), T₂ = T₁ + 3(x−1)²; at x = 1.5: f = 3.375, T₁ = 2.5, T₂ = 3.25',
    state: { mode: '1d', preset1d: 'day42-cubic' },
  },
  {
    id: 'sin-135',
    title: 'sin x: orders 1, 3, 5',
    caption: 'T₁ = x, T₃ = x − x³/6, T₅ = T₃ + x⁵/120: each odd order hugs sin x further from 0',
    state: { mode: '1d', preset1d: 'sin-135' },
  },
  {
    id: 'well-min-right',
    title: 'Double well: minimum at (1, 0)',
    caption: '∇f = 0, H = diag(8, 2): both eigenvalues > 0 → minimum, 4× steeper across x than along y',
    state: { preset: 'double-well', x: 1, y: 0, colorMode: 'curvature' },
    camera: [2.4, -3.0, 3.0, 0.35, 0, -0.15],
  },
  {
    id: 'well-saddle',
    title: 'Double well: saddle at (0, 0)',
    caption: '∇f = 0, H = diag(−4, 2): eigenvalues of both signs → saddle, downhill along x, uphill along y',
    state: { preset: 'double-well', x: 0, y: 0, colorMode: 'curvature' },
    camera: [2.3, -3.3, 2.7, 0, 0, -0.1],
  },
  {
    id: 'well-min-left',
    title: 'Double well: minimum at (−1, 0)',
    caption: 'H = diag(8, 2) again: the mirror-image minimum, same curvature, same condition number 4',
    state: { preset: 'double-well', x: -1, y: 0, colorMode: 'curvature' },
    camera: [1.4, -3.7, 2.7, -0.35, 0, -0.15],
  },
  {
    id: 'rosenbrock-valley',
    title: "Rosenbrock's ill-conditioned minimum at (1, 1)",
    caption: 'λ ≈ 0.3994 and 1001.6, condition ≈ 2508: the stable GD step 1/λmax ≈ 0.000998 crawls along the valley',
    state: { preset: 'rosenbrock', x: 1, y: 1, colorMode: 'lambdaMax', radius: 0.3 },
    camera: [0.4, -2.6, 4.4, 0, 0.1, -0.1],
  },
  {
    id: 'breakdown-order1',
    title: 'Breakdown at large steps: order 1',
    caption: 'Tangent plane at (0.5, 0.5): its error grows like h², so the region where it can be trusted is small',
    state: { preset: 'double-well', x: 0.5, y: 0.5, order: 1, colorMode: 'modelError', showRings: true, radius: 1.5 },
    camera: [2.6, -3.1, 2.5, 0.15, 0.15, -0.1],
  },
  {
    id: 'breakdown-order2',
    title: 'Breakdown at large steps: order 2',
    caption: 'Quadratic model: error grows like h³, trusted farther, until the x⁴ term takes over at large h',
    state: { preset: 'double-well', x: 0.5, y: 0.5, order: 2, colorMode: 'modelError', showRings: true, radius: 1.5 },
    camera: [2.6, -3.1, 2.5, 0.15, 0.15, -0.1],
  },
  {
    id: 'newton-vs-gd',
    title: 'Newton vs gradient descent on x⁴ − 3x² + x',
    caption: "At x₀ = −2: f′ = −19, f″ = 42; Newton jumps to the parabola's vertex −2 + 19/42 ≈ −1.548 (minimum ≈ −1.301)",
    state: { mode: '1d', preset1d: 'newton-quartic' },
  },
  {
    id: 'bowl-kappa10',
    title: 'Quadratic bowl with κ = 10',
    caption: 'H = diag(1, 10): lr = 1/λmax = 0.1 zeroes the y error in one step but shrinks x only ×0.9 per step',
    state: { preset: 'bowl', param: 10, x: 1, y: 1 },
    camera: [3.0, -2.9, 2.4, 0, 0, -0.1],
  },
  {
    id: 'gd-bowl-lr-inverse',
    title: 'Gradient descent at η = 1/λmax on the κ = 10 bowl',
    caption: 'η = 1/λmax = 0.1 from (1, 1): the y error vanishes in one step, x shrinks ×0.9 per step; |∇f| ≤ 1e-8 after 175 steps (N steps, B plays)',
    state: { preset: 'bowl', param: 10, x: 1, y: 1, runs: 'gd:lr=0.1', runStart: '1,1', showModel: false },
    camera: [3.0, -2.9, 2.4, 0, 0, -0.1],
  },
  {
    id: 'gd-bowl-diverge',
    title: 'Just above 2/λmax: gradient descent diverges',
    caption: 'η = 0.21 > 2/λmax = 0.2: along v2 each step multiplies the error by |1 - ηλ| = 1.1; the path leaves the drawn box [−2, 2]² at step 8 (arrow); the run stops at step 32, when |y| passes 20',
    state: { preset: 'bowl', param: 10, x: 1, y: 1, runs: 'gd:lr=0.21', runStart: '1,1', showModel: false },
    camera: [3.0, -2.9, 2.4, 0, 0, -0.1],
  },
  {
    id: 'newton-vs-gd-quartic-runs',
    title: 'Newton vs gradient descent on x⁴ − 3x² + x, step by step',
    caption: 'From x₀ = −2 (y² added, the runs stay on y = 0): Newton reaches |f′| ≤ 1e-8 in 5 steps, GD with η = 0.01 in 130, both at x ≈ −1.30',
    state: {
      preset: 'custom',
      formula: 'x^4 - 3*x^2 + x + y^2',
      xmin: -2.5,
      xmax: 2.5,
      ymin: -1.5,
      ymax: 1.5,
      x: -2,
      y: 0,
      runs: 'gd:lr=0.01|newton',
      runStart: '-2,0',
      showModel: false,
    },
  },
  {
    id: 'newton-finds-saddle',
    title: 'Newton finds the saddle of the double well',
    caption: "From (0.1, 0.3) H has eigenvalues −3.88 and 2: Newton's target is the model's saddle, it converges to (0, 0) in 3 steps; GD (η = 0.05) reaches the minimum (1, 0) in 170",
    state: { preset: 'double-well', x: 0.1, y: 0.3, runs: 'gd:lr=0.05|newton', runStart: '0.1,0.3', showModel: false, showAxes: false },
    camera: [1.5, -2.9, 2.2, 0.3, 0.1, -0.2],
  },
  {
    id: 'ift-pitchfork',
    title: 'Implicit function theorem on F = x³ − λx (y plays λ)',
    caption: "F = 0 on x = 0 and λ = x²; at (1, 1) ∂F/∂x = 2 ≠ 0, so x = g(λ) with g' = −F_λ/F_x = 0.5; at (0, 0) ∂F/∂x = 0: the IFT fails, a pitchfork",
    state: {
      preset: 'custom',
      formula: 'x^3 - y*x',
      xmin: -2,
      xmax: 2,
      ymin: -1,
      ymax: 3,
      x: 1,
      y: 1,
      radius: 0.5,
      colorMode: 'height',
    },
  },
  // The network scenes' numbers are the page's run (tfjs WASM in the compute worker), checked by
  // tests/unit/networkScenes.test.ts; the CPU fallback trains to within 8% of them.
  {
    id: 'network-bowl',
    title: 'A trained network’s minimum is a quadratic bowl',
    caption: 'A 2-8-8-1 tanh MLP, trained here, sliced along its top two Hessian eigenvectors: at θ* the slice Hessian is diag(1.43, 4.42), a bowl, and the order-2 model holds inside the outlined trust region',
    state: { preset: 'network', netDirections: 'hessian', netData: 'circles', order: 2, radius: 0.6, colorMode: 'modelError', showRings: true },
  },
  {
    id: 'network-sharp',
    title: 'Sharp direction: the top Hessian eigenvector',
    caption: 'Along v₁ of the full Hessian the slice curves with λmax: the readouts’ λ₂ of the slice, 4.42, equals λmax of the whole network at θ*',
    state: { preset: 'network', netDirections: 'hessian', netData: 'circles', colorMode: 'lambdaMax' },
  },
  {
    id: 'network-flat',
    title: 'Flat direction: a filter-normalised random slice',
    caption: 'The same net along random filter-normalised directions (Li et al. 2018), ‖d₁‖ = ‖d₂‖ = 19.5: per unit length the slice curves at most 0.052, 86× flatter than λmax = 4.42 (see the network panel)',
    state: { preset: 'network', netDirections: 'filter', netData: 'circles', colorMode: 'lambdaMax' },
  },
  {
    id: 'network-stable-step',
    title: 'The stable step 2/λmax of full-batch gradient descent',
    caption: 'Full-batch gradient descent on this loss is stable only for learning rates below 2/λmax = 0.45 (parameter units) of the full Hessian: the network panel shows both at the point',
    state: { preset: 'network', netDirections: 'hessian', netData: 'circles', x: 0, y: 0, colorMode: 'curvature' },
  },
  {
    id: 'network-edge-below',
    title: 'On the network, just below 2/λmax: the zig-zag along the top eigen-axis dies out',
    caption: 'At the slice’s minimum (−0.0009, 0.0002), eigen-axes drawn: λmax = 4.36, 2/λmax = 0.459. GD at η = 0.4128 = 0.9·2/λmax: the offset along the top axis × (1 − ηλmax) = −0.80 a step; converged at step 70',
    state: { preset: 'network', netDirections: 'hessian', netData: 'circles', xmin: -0.05, xmax: 0.05, ymin: -0.05, ymax: 0.05, x: -0.0009, y: 0.0002, showAxes: true, showModel: false, runs: 'gd:lr=0.4128', runStart: '-0.0209,0.0001' },
  },
  {
    id: 'network-edge-above',
    title: 'On the network, just above 2/λmax: the top eigen-axis oscillation grows',
    caption: 'η = 0.5045 = 1.1·2/λmax (λmax = 4.36): the offset along the top axis × (1 − ηλmax) = −1.20 a step, flipping and growing, until the cubic term traps GD in a 2-cycle at +0.024/−0.038 from the minimum',
    state: { preset: 'network', netDirections: 'hessian', netData: 'circles', xmin: -0.05, xmax: 0.05, ymin: -0.05, ymax: 0.05, x: -0.0009, y: 0.0002, showAxes: true, showModel: false, runs: 'gd:lr=0.5045', runStart: '-0.0004,0.0002' },
  },
  {
    id: 'implicit-pitchfork',
    title: 'The implicit function theorem, dragged: pitchfork x³ − λx',
    caption: 'On x = √λ at (1, 1): x′ = −F_λ/F_x = 0.5, x″ = −0.25; at (0, 0) ∂F/∂x = 0, and the trusted radius shrinks to 0 there',
    state: { mode: 'implicit', implicitPreset: 'pitchfork', implicitFormula: 'x^3 - lambda*x', lamMin: -1, lamMax: 2, xiMin: -1.5, xiMax: 1.5, lam0: 1, xi0: 1, lamSlider: 1, implicitOrders: '1,2' },
  },
  {
    id: 'implicit-saddle-node',
    title: 'Saddle-node λ + x²: two equilibria meet and vanish',
    caption: 'Two roots for λ < 0, none for λ > 0; at (−1, 1) x′ = −0.5, x″ = −0.25; the fold at (0, 0) has ∂F/∂x = 0',
    state: { mode: 'implicit', implicitPreset: 'saddle-node', implicitFormula: 'lambda + x^2', lamMin: -2, lamMax: 1, xiMin: -1.5, xiMax: 1.5, lam0: -1, xi0: 1, lamSlider: -0.5, implicitOrders: '1,2' },
  },
  {
    id: 'implicit-circle',
    title: 'Circle x² + λ² − 1: the branch turns back',
    caption: 'At (0.6, 0.8): x′ = −0.75, x″ = −1.953125; at (±1, 0) ∂F/∂x = 0: the branch turns, x(λ) stops being a function',
    state: { mode: 'implicit', implicitPreset: 'circle', implicitFormula: 'x^2 + lambda^2 - 1', lamMin: -1.5, lamMax: 1.5, xiMin: -1.5, xiMax: 1.5, lam0: 0.6, xi0: 0.8, lamSlider: 0.6, implicitOrders: '1,2' },
  },
  {
    id: 'quartic-runs-left',
    title: 'The exercise: GD against Newton on x⁴ − 3x² + x from x₀ = −2',
    caption: 'To |f′| ≤ 1e-9 from −2: Newton 5 steps (each the vertex of its dashed parabola), GD with η = 0.01 145 steps; both end at −1.30084',
    state: { mode: '1d', preset1d: 'newton-quartic', x1d: -2, x1min: -2.2, x1max: -0.8, orders1d: '1', runs: 'gd:lr=0.01|newton', runStart: '-2' },
  },
  {
    id: 'quartic-runs-right',
    title: 'The exercise from x₀ = 2',
    caption: 'From 2: Newton 6 steps, GD with η = 0.01 223 steps, both to the local minimum 1.13090',
    state: { mode: '1d', preset1d: 'newton-quartic', x1d: 2, x1min: 0.8, x1max: 2.2, orders1d: '1', runs: 'gd:lr=0.01|newton', runStart: '2' },
  },
  {
    id: 'gd-map-flip',
    title: 'Gradient descent as a map: each minimum flips at η = 2/f″(x*)',
    caption: 'x⁴ − 3x² + x: the minimum at −1.30084 (f″ = 14.306) flips at η = 0.13980, the one at 1.13090 (f″ = 9.3472) at η = 0.21397; at η = 0.16 a 2-cycle, period 4 from η = 0.17296',
    state: { mode: 'gdmap', gdmapPanel: 'map', gdmapCase: '1d', gdmapFormula: 'x^4 - 3*x^2 + x', gdmapXMin: -2.5, gdmapXMax: 2.5, gdmapEta: 0.16 },
  },
  {
    id: 'implicit-gd-flip',
    title: 'The GD map as a zero set: fixed points, 2-cycles and the flip',
    caption: 'F = f′(x) + f′(x − ηf′(x)) for x⁴ − 3x² + x: lines x* = −1.30084, 1.13090 are fixed points; period-2 curves branch off at the BPs η = 2/f″(x*) = 0.13980 and 0.21397, where the lines turn unstable',
    state: { mode: 'implicit', implicitPreset: 'gd-period2', implicitFormula: '4*x^3 - 6*x + 1 + (4*(x - lambda*(4*x^3 - 6*x + 1))^3 - 6*(x - lambda*(4*x^3 - 6*x + 1)) + 1)', implicitDynamics: 'auto', lamMin: 0, lamMax: 0.3, xiMin: -2, xiMax: 2, lam0: 0.16, xi0: -1.4792264012715017, lamSlider: 0.16, implicitOrders: '1' },
  },
  {
    id: 'edge-of-stability',
    title: 'Gradient descent trains at the edge of stability',
    caption: 'T₆, tanh 1-30-20-1, GD η = 0.1 on MSE (0.2 on ½·MSE): λmax 10.0 → 0.9·2/η = 18 at step 1060, 2/η = 20 at 1260, then hovers near it; from then on the loss rises on some steps yet keeps falling',
    state: { mode: 'gdmap', gdmapPanel: 'eos', eosLr: 0.1, eosSteps: 2000, eosSeed: 2, eosEvery: 10 },
  },
  // Real data (issue 16): the numbers are the page's run (WASM worker), checked by tests/unit/realDataScenes.test.ts.
  {
    id: 'digits-bowl',
    title: 'A digits classifier’s minimum is a bowl too',
    caption: '64-32-10 tanh net on the 8×8 digits (test accuracy 99.2%): along the top two Hessian eigenvectors the slice Hessian at θ* is diag(0.24, 0.21) = λmax, λ₂ of the whole net, ∇ ≈ 0: a bowl',
    state: { preset: 'network', netData: 'digits', netHidden: '32', netOptimizer: 'adam', netLr: 0.01, netSteps: 300, netDirections: 'hessian', order: 2, radius: 0.6, colorMode: 'modelError', showRings: true },
  },
  {
    id: 'mnist-sharp-flat',
    title: 'Sharp vs flat directions on MNIST',
    caption: 'MNIST 14×14, 196-32-10, objective 500 of its 2,000 training images: random filter-normalised directions (‖d‖ = 16.2) curve at most 0.003 per unit length, 338× flatter than λmax = 0.92',
    state: { preset: 'network', netData: 'mnist14', netHidden: '32', netOptimizer: 'adam', netLr: 0.01, netSteps: 200, netObjective: 500, netDirections: 'filter', colorMode: 'lambdaMax' },
  },
];

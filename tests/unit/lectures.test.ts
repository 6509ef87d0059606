import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/core/expr/parser';
import type { Expr } from '../../src/core/expr/ast';
import { pointDerivatives, taylorCoefficients } from '../../src/core/jet';
import { symmetricEigen2 } from '../../src/core/eigen2';
import { classifyPoint, conditionNumber, stableStep } from '../../src/core/classify';
import { evaluateTaylor, evaluateTaylor1D } from '../../src/core/taylorPolynomial';
import { fitLogLogSlope } from '../../src/core/slopeFit';
import { newton1D } from '../../src/core/optimizers';
import { coefficientIndex } from '../../src/core/taylorLayout';
import { defaultState, type LabState } from '../../src/state/schema';
import { SCENES } from '../../src/lectures/scenes';
import { resolveScene, validateScene, validateScenes } from '../../src/lectures/validateScene';
import { easeInOutCubic, formatPose, lerpPose, parsePose } from '../../src/lectures/tween';
import type { LectureScene } from '../../src/lectures/types';
import { KEY_BINDINGS, bindingFor, comboId, comboLabel, type KeyAction } from '../../src/ui/keyBindings';
import { latexNumber, taylorLatex1D, taylorLatex2D } from '../../src/ui/taylorLatex';
import { nextThemePatch, nudgePatch, orderPatch, toggleModePatch } from '../../src/ui/lectureActions';
import { expectNear } from './support/expectNear';

function scene(id: string): LectureScene {
  const s = SCENES.find((c) => c.id === id);
  if (!s) throw new Error(`no scene ${id}`);
  return s;
}

/** The state a scene leads to from the defaults. */
function stateOf(id: string): LabState {
  return { ...defaultState(), ...resolveScene(scene(id)) };
}

function parse(text: string, vars: ('x' | 'y')[] = ['x', 'y']): Expr {
  const r = parseExpression(text, vars);
  if (!r.ok) throw new Error(`does not parse: ${text}`);
  return r.expr;
}

/** Hessian facts at a 2D scene's point, from the float64 jets. */
function facts2D(id: string) {
  const s = stateOf(id);
  const d = pointDerivatives(parse(s.formula), s.x, s.y);
  const e = symmetricEigen2(d.hxx, d.hxy, d.hyy);
  return { s, d, e, cls: classifyPoint(d), kappa: conditionNumber(e), step: stableStep(e) };
}

/** 1D Taylor coefficients c[n] of a 1D scene's formula at its x0. */
function coeffs1D(id: string, order: number): { s: LabState; c: number[] } {
  const s = stateOf(id);
  const all = taylorCoefficients(parse(s.formula1d, ['x']), s.x1d, 0, order);
  return { s, c: Array.from({ length: order + 1 }, (_, n) => all[coefficientIndex(n, 0)]) };
}

describe('lecture scenes', () => {
  it('every built-in scene is valid and ids are unique', () => {
    for (const s of SCENES) expect(validateScene(s), s.id).toEqual([]);
    const { scenes, errors } = validateScenes(SCENES);
    expect(errors).toEqual([]);
    expect(scenes).toHaveLength(SCENES.length);
    expect(SCENES.length).toBeGreaterThanOrEqual(10);
  });

  it('refuses unknown fields and state keys, bad values, reserved keys, bad cameras and formulas', () => {
    const ok = { id: 'x', title: 't', caption: 'c', state: { x: 1 } };
    expect(validateScene(ok)).toEqual([]);
    expect(validateScene({ ...ok, captoin: 'c' }).join()).toMatch(/unknown field 'captoin'/);
    expect(validateScene({ ...ok, state: { colour: 'red' } }).join()).toMatch(/state.colour is not a LabState key/);
    expect(validateScene({ ...ok, state: { order: 9 } }).join()).toMatch(/state.order is outside/);
    expect(validateScene({ ...ok, state: { order: 1.5 } }).join()).toMatch(/not an integer/);
    expect(validateScene({ ...ok, state: { colorMode: 'rainbow' } }).join()).toMatch(/not one of/);
    expect(validateScene({ ...ok, state: { showModel: 1 } }).join()).toMatch(/true or false/);
    expect(validateScene({ ...ok, state: { orders1d: '1,x' } }).join()).toMatch(/list of numbers/);
    expect(validateScene({ ...ok, state: { scene: 'y' } }).join()).toMatch(/set by the scene itself/);
    expect(validateScene({ ...ok, state: { formula: 'x +* 2' } }).join()).toMatch(/does not parse/);
    expect(validateScene({ ...ok, state: { formula1d: 'x + y' } }).join()).toMatch(/formula1d .* does not parse/);
    expect(validateScene({ ...ok, id: 'Bad Id' }).join()).toMatch(/id must be/);
    expect(validateScene({ ...ok, caption: '' }).join()).toMatch(/caption must be/);
    expect(validateScene({ ...ok, camera: [1, 2, 3] }).join()).toMatch(/six numbers/);
    expect(validateScene({ ...ok, camera: [0, 0, 0, 0, 0, 0] }).join()).toMatch(/differ from its target/);
    expect(validateScene({ ...ok, camera: [1, 2, 3, 0, 0, NaN] }).join()).toMatch(/finite/);
  });

  it('drops an invalid or duplicate scene with a message and keeps the rest', () => {
    const good = { id: 'a', title: 't', caption: 'c', state: {} };
    const { scenes, errors } = validateScenes([good, { ...good }, { ...good, id: 'b', state: { nope: 1 } }]);
    expect(scenes.map((s) => s.id)).toEqual(['a']);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/duplicate id 'a'/);
    expect(errors[1]).toMatch(/scene 3 \(b\).*nope/);
  });

  it('resolves a preset first, lets the scene win, starts from the baseline and sets the scene id', () => {
    const p = resolveScene(scene('breakdown-order1'));
    expect(p).toMatchObject({ formula: '(x^2 - 1)^2 + y^2', xmin: -2, order: 1, radius: 1.5, showRings: true, mode: '2d', scene: 'breakdown-order1' });
    const q = resolveScene(scene('well-saddle'));
    expect(q).toMatchObject({ showRings: false, colorMode: 'curvature', order: 2, x: 0, y: 0 });
    expect(resolveScene(scene('day42-cubic'))).toMatchObject({ mode: '1d', formula1d: 'x^3', x1d: 1, orders1d: '1,2' });
    expect(resolveScene(scene('bowl-kappa10'))).toMatchObject({ formula: '0.5*(x^2 + 10*y^2)', param: 10 });
  });
});

describe('the numbers in the captions match the core', () => {
  it("double well minimum at (1, 0): H = diag(8, 2), minimum, 4x steeper", () => {
    const { s, d, cls, kappa } = facts2D('well-min-right');
    expect([s.x, s.y, d.hxx, d.hxy, d.hyy, cls, kappa]).toEqual([1, 0, 8, 0, 2, 'minimum', 4]);
    expect(scene('well-min-right').caption).toContain('H = diag(8, 2)');
    expect(scene('well-min-right').caption).toContain('4× steeper');
  });

  it('double well saddle at (0, 0): H = diag(-4, 2), saddle', () => {
    const { s, d, cls } = facts2D('well-saddle');
    expect([s.x, s.y, d.gx, d.gy, d.hxx, d.hxy, d.hyy, cls]).toEqual([0, 0, 0, 0, -4, 0, 2, 'saddle']);
    expect(scene('well-saddle').caption).toContain('H = diag(−4, 2)');
  });

  it('double well minimum at (-1, 0): H = diag(8, 2) again, condition number 4', () => {
    const { s, d, cls, kappa } = facts2D('well-min-left');
    expect([s.x, s.y, d.hxx, d.hyy, cls, kappa]).toEqual([-1, 0, 8, 2, 'minimum', 4]);
    expect(scene('well-min-left').caption).toMatch(/diag\(8, 2\).*condition number 4/);
  });

  it("Rosenbrock at (1, 1): eigenvalues 0.3994 and 1001.6, condition 2508, step 0.000998", () => {
    const { s, e, cls, kappa, step } = facts2D('rosenbrock-valley');
    expect([s.x, s.y, cls]).toEqual([1, 1, 'minimum']);
    expect(['lambdaMax', 'curvature']).toContain(s.colorMode);
    const caption = scene('rosenbrock-valley').caption;
    expect(caption).toContain(`λ ≈ ${e.lambda1.toPrecision(4)} and ${e.lambda2.toFixed(1)}`);
    expect(caption).toContain(`condition ≈ ${Math.round(kappa)}`);
    expect(caption).toContain(`1/λmax ≈ ${step.toPrecision(3)}`);
    expect([e.lambda1.toPrecision(4), e.lambda2.toFixed(1), Math.round(kappa), step.toPrecision(3)]).toEqual(['0.3994', '1001.6', 2508, '0.000998']);
  });

  it('quadratic bowl: H = diag(1, 10), kappa 10, lr 0.1 zeroes y and shrinks x by 0.9', () => {
    const { s, d, kappa, step } = facts2D('bowl-kappa10');
    expect([d.hxx, d.hxy, d.hyy, kappa, step]).toEqual([1, 0, 10, 10, 0.1]);
    // One GD step on the quadratic: each coordinate is multiplied by 1 - lr * lambda.
    expect([1 - step * d.hxx, 1 - step * d.hyy]).toEqual([0.9, 0]);
    expect(s.param).toBe(10);
    expect(scene('bowl-kappa10').caption).toMatch(/diag\(1, 10\).*1\/λmax = 0\.1.*×0\.9/);
  });

  it("implicit function theorem on x^3 - λx: F_x = 2 and g' = 0.5 at (1, 1), F_x = 0 at the pitchfork (0, 0)", () => {
    const s = stateOf('ift-pitchfork');
    const expr = parse(s.formula);
    const at = pointDerivatives(expr, s.x, s.y);
    // (1, 1) lies on the branch λ = x²: F = 0 there.
    expect([s.x, s.y, at.f]).toEqual([1, 1, 0]);
    expect(at.gx).toBe(2);
    // g'(λ) = -F_λ / F_x, and on the branch x = sqrt(λ): g' = 1 / (2 sqrt(λ)) = 0.5 at λ = 1.
    expect(-at.gy / at.gx).toBe(0.5);
    expect(pointDerivatives(expr, 0, 0).gx).toBe(0);
    expect(scene('ift-pitchfork').caption).toMatch(/∂F\/∂x = 2.*= 0\.5.*\(0, 0\) ∂F\/∂x = 0/);
  });

  it('breakdown scenes: order 1 error grows like h², order 2 like h³ (model error colours, rings, big radius)', () => {
    for (const [id, order, slope] of [['breakdown-order1', 1, 2], ['breakdown-order2', 2, 3]] as const) {
      const s = stateOf(id);
      expect([s.order, s.colorMode, s.showRings]).toEqual([order, 'modelError', true]);
      expect(s.radius).toBeGreaterThanOrEqual(0.25 * (s.xmax - s.xmin));
      const expr = parse(s.formula);
      const c = taylorCoefficients(expr, s.x, s.y, order);
      const h = [1e-3, 2e-3, 4e-3, 8e-3];
      const err = h.map((t) => Math.abs(pointDerivatives(expr, s.x + t, s.y + t).f - evaluateTaylor(c, order, t, t)));
      expectNear(fitLogLogSlope(h, err).slope, slope, 0.05, `${id} slope`);
      expect(scene(id).caption).toContain(`grows like h${slope === 2 ? '²' : '³'}`);
    }
  });

  it('Day 42: x³ at 1 gives T₁(1.5) = 2.5, T₂(1.5) = 3.25, f(1.5) = 3.375', () => {
    const { s, c } = coeffs1D('day42-cubic', 2);
    expect([s.x1d, s.orders1d, ...c]).toEqual([1, '1,2', 1, 3, 3]);
    const all = taylorCoefficients(parse('x^3', ['x']), 1, 0, 2);
    expect([evaluateTaylor1D(all, 1, 0.5), evaluateTaylor1D(all, 2, 0.5), 1.5 ** 3]).toEqual([2.5, 3.25, 3.375]);
    expect(scene('day42-cubic').caption).toContain('f = 3.375, T₁ = 2.5, T₂ = 3.25');
  });

  it('sin x at 0: coefficients 1, -1/6, 1/120 for orders 1, 3, 5', () => {
    const { s, c } = coeffs1D('sin-135', 5);
    expect([s.x1d, s.orders1d]).toEqual([0, '1,3,5']);
    expectNear(c[1], 1, 1e-15);
    expectNear(c[3], -1 / 6, 1e-15);
    expectNear(c[5], 1 / 120, 1e-15);
    expect(c[0] === 0 && c[2] === 0 && c[4] === 0).toBe(true);
  });

  it("Newton vs GD on x⁴ − 3x² + x at -2: f' = -19, f'' = 42, Newton step to -1.548, minimum -1.301", () => {
    const { s, c } = coeffs1D('newton-vs-gd', 2);
    expect([s.x1d, s.orders1d]).toEqual([-2, '1,2']);
    const [d1, d2] = [c[1], 2 * c[2]];
    expect([d1, d2]).toEqual([-19, 42]);
    const df = (x: number) => 4 * x ** 3 - 6 * x + 1;
    const iterates = newton1D(df, (x) => 12 * x * x - 6, -2, 20);
    expect(iterates[1].toFixed(3)).toBe('-1.548');
    expect(iterates[iterates.length - 1].toFixed(3)).toBe('-1.301');
    expect(scene('newton-vs-gd').caption).toMatch(/f′ = −19, f″ = 42.*≈ −1\.548 \(minimum ≈ −1\.301\)/);
  });
});

describe('the key table', () => {
  it('binds no key press twice within a scope and covers every action with a description', () => {
    // A binding scoped to the focused 3D view (orbiting with the arrows) may reuse a global key.
    const seen = new Map<string, KeyAction>();
    for (const b of KEY_BINDINGS) {
      expect(b.description.length).toBeGreaterThan(3);
      for (const c of b.keys) {
        const id = `${b.scope ?? 'global'}:${comboId(c.key, c.shift ?? false)}`;
        expect(seen.get(id), `${id} bound to ${seen.get(id)} and ${b.action}`).toBeUndefined();
        seen.set(id, b.action);
      }
    }
    expect(new Set(KEY_BINDINGS.map((b) => b.action)).size).toBe(KEY_BINDINGS.length);
  });

  it('matches events the way a keyboard and a clicker send them', () => {
    const ev = (key: string, shiftKey = false, ctrlKey = false) => bindingFor({ key, shiftKey, ctrlKey, altKey: false, metaKey: false })?.action ?? null;
    expect([ev('+', true), ev('='), ev(']'), ev('-'), ev('[')]).toEqual(['orderUp', 'orderUp', 'orderUp', 'orderDown', 'orderDown']);
    expect([ev('PageDown'), ev('ArrowRight'), ev(' '), ev('PageUp'), ev('ArrowLeft')]).toEqual(['nextScene', 'nextScene', 'nextScene', 'prevScene', 'prevScene']);
    expect([ev('ArrowRight', true), ev('ArrowUp', true), ev('w'), ev('W', true)]).toEqual(['nudgeRight', 'nudgeUp', 'nudgeUp', null]);
    expect([ev('p'), ev('P', true), ev('?', true), ev('r', false, true), ev('ArrowUp')]).toEqual(['exportPng', 'exportPng2x', 'help', null, null]);
    expect([ev('1'), ev('2'), ev('v'), ev('t'), ev('f'), ev('m'), ev('g'), ev('e'), ev('c')]).toEqual([
      'view:1d', 'view:2d', 'toggleMode', 'cycleTheme', 'fullscreen', 'toggleModel', 'toggleGradient', 'toggleAxes', 'toggleContours',
    ]);
  });

  it('labels keys for the help', () => {
    expect([comboLabel({ key: ' ' }), comboLabel({ key: 'p', shift: true }), comboLabel({ key: 'ArrowUp', shift: true }), comboLabel({ key: '+' })]).toEqual([
      'Space', 'Shift+P', 'Shift+↑', '+',
    ]);
  });
});

describe('key actions on the state', () => {
  const s = defaultState();
  it('order up and down clamp in 2D and add or remove curves in 1D', () => {
    expect(orderPatch({ ...s, order: 6 }, 1)).toEqual({ order: 6 });
    expect(orderPatch({ ...s, order: 0 }, -1)).toEqual({ order: 0 });
    expect(orderPatch({ ...s, order: 2 }, 1)).toEqual({ order: 3 });
    const oneD = { ...s, mode: '1d' as const, orders1d: '1,3' };
    expect(orderPatch(oneD, 1)).toEqual({ orders1d: '1,3,4' });
    expect(orderPatch(oneD, -1)).toEqual({ orders1d: '1' });
    expect(orderPatch({ ...oneD, orders1d: '2' }, -1)).toEqual({ orders1d: '1' });
    expect(orderPatch({ ...oneD, orders1d: '10' }, 1)).toEqual({});
  });

  it('nudges by 1% of the domain and stays inside it', () => {
    expect(nudgePatch({ ...s, x: 0.5, y: 0.5 }, 1, 0)).toEqual({ x: 0.54, y: 0.5 });
    expect(nudgePatch({ ...s, x: 2, y: -2 }, 1, -1)).toEqual({ x: 2, y: -2 });
    expect(nudgePatch({ ...s, mode: '1d', x1d: 1, x1min: 0, x1max: 2 }, -1, 0)).toEqual({ x1d: 0.98 });
  });

  it('cycles the themes and toggles the mode', () => {
    expect(nextThemePatch(s)).toEqual({ theme: 'projector-dark' });
    expect(nextThemePatch({ ...s, theme: 'projector-light' })).toEqual({ theme: 'default' });
    expect(toggleModePatch(s)).toEqual({ mode: '1d' });
  });
});

describe('camera poses and easing', () => {
  it('eases from 0 to 1 symmetrically', () => {
    expect([easeInOutCubic(0), easeInOutCubic(0.5), easeInOutCubic(1), easeInOutCubic(2)]).toEqual([0, 0.5, 1, 1]);
    expectNear(easeInOutCubic(0.25) + easeInOutCubic(0.75), 1, 1e-15);
  });

  it('writes poses with 3 decimals and reads them back; rejects malformed text', () => {
    expect(formatPose([2.2, -2.6, 1.8, 0.00049, -0.0001, 1 / 3])).toBe('2.2,-2.6,1.8,0,0,0.333');
    expect(parsePose('2.2,-2.6,1.8,0,0,0.333')).toEqual([2.2, -2.6, 1.8, 0, 0, 0.333]);
    expect([parsePose(''), parsePose('1,2,3'), parsePose('1,2,3,4,5,x'), parsePose('1,,3,4,5,6')]).toEqual([null, null, null, null]);
    expect(lerpPose([0, 0, 0, 0, 0, 0], [2, 4, 6, 8, 10, 12], 0.5)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('live formula LaTeX', () => {
  it("writes the double well's T₂ at (0.5, 0.5) with 4 significant digits, one line per degree", () => {
    const c = taylorCoefficients(parse('(x^2 - 1)^2 + y^2'), 0.5, 0.5, 2);
    expect(taylorLatex2D(c, 2, 0.5, 0.5)).toBe(
      '\\begin{aligned} T_{2}(x,y) &= 0.8125 \\\\ &\\quad - 1.5\\,(x - 0.5) + (y - 0.5) \\\\ &\\quad - 0.5\\,(x - 0.5)^{2} + (y - 0.5)^{2} \\end{aligned}',
    );
  });

  it('keeps a short polynomial on one line and leaves out negligible terms', () => {
    const c = taylorCoefficients(parse('(x^2 - 1)^2 + y^2'), 1, 0, 2);
    expect(taylorLatex2D(c, 2, 1, 0)).toBe('T_{2}(x,y) = 4\\,(x - 1)^{2} + y^{2}');
    expect(taylorLatex2D(c, 1, 1, 0)).toBe('T_{1}(x,y) = 0');
  });

  it('writes (y + a) for a negative coordinate and x for a zero one', () => {
    const c = taylorCoefficients(parse('sin(x)*cos(y)'), 0, -0.25, 2);
    expect(taylorLatex2D(c, 2, 0, -0.25)).toBe('\\begin{aligned} T_{2}(x,y) &= 0.9689\\,x \\\\ &\\quad + 0.2474\\,x\\,(y + 0.25) \\end{aligned}');
  });

  it('splits a degree too wide for the sidebar over more lines', () => {
    const c = taylorCoefficients(parse('exp(x + y)'), 0, 0, 4);
    const lines = taylorLatex2D(c, 4, 0, 0).split(' \\\\ ');
    expect(lines[0]).toBe('\\begin{aligned} T_{4}(x,y) &= 1 + x + y');
    expect(lines[1]).toBe('&\\quad + 0.5\\,x^{2} + x\\,y + 0.5\\,y^{2}');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const rosenbrock = taylorCoefficients(parse('(1 - x)^2 + 100*(y - x^2)^2'), 1, 1, 2);
    expect(taylorLatex2D(rosenbrock, 2, 1, 1)).toBe(
      '\\begin{aligned} T_{2}(x,y) &= 401\\,(x - 1)^{2} - 400\\,(x - 1)\\,(y - 1) \\\\ &\\quad + 100\\,(y - 1)^{2} \\end{aligned}',
    );
  });

  it('formats large and tiny numbers as powers of ten, and 1D polynomials', () => {
    expect([latexNumber(0.000998402), latexNumber(123456), latexNumber(-1001.6006), latexNumber(-0)]).toEqual([
      '9.984 \\times 10^{-4}', '1.235 \\times 10^{5}', '-1002', '0',
    ]);
    expect(taylorLatex1D([1, 3, 3], 2, 1)).toBe('T_{2}(x) = 1 + 3\\,(x - 1) + 3\\,(x - 1)^{2}');
    expect(taylorLatex1D([0, 0, 0], 2, 1)).toBe('T_{2}(x) = 0');
    expect(taylorLatex1D([0, 1, 0, -1 / 6, 0, 1 / 120], 5, 0)).toBe('T_{5}(x) = x - 0.1667\\,x^{3} + 0.008333\\,x^{5}');
  });
});

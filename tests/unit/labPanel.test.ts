/**
 * LabPanel's rules that need no DOM (no happy-dom or jsdom here, and lil-gui builds DOM): the menus
 * offer every value the state has, each under a label of its own, and nothing the state rejects;
 * the sliders write only values a link accepts; which controls show for which view.
 */
import { describe, expect, it } from 'vitest';
import {
  SLIDER_RANGES,
  colorModeMenu,
  paramSliderShown,
  presetMenu,
  toggledControlShown,
  viewControlsShown,
  viewMenu,
} from '../../src/ui/LabPanel';
import { PRESETS_2D } from '../../src/core/presets';
import { COLOR_MODES, PROPERTIES, type PropertySpec } from '../../src/state/schema';
import { VIEWS } from '../../src/state/views';

function spec(key: string): PropertySpec {
  const found = PROPERTIES.find((s) => s.key === key);
  if (!found) throw new Error(`no property ${key}`);
  return found;
}

function enumValues(key: string): readonly string[] {
  const s = spec(key);
  if (s.type !== 'enum') throw new Error(`${key} is not an enum`);
  return s.values;
}

/** A menu offers exactly these values, each once (a repeated label would hide an option). */
function expectMenu(menu: Record<string, string>, values: readonly string[]): void {
  expect(Object.values(menu).sort()).toEqual([...values].sort());
}

describe('LabPanel menus', () => {
  it('the view menu has one entry per view, under its label', () => {
    expectMenu(viewMenu(), enumValues('mode'));
    for (const v of VIEWS) expect(viewMenu()[v.label]).toBe(v.id);
    // Without WebGL2 the views that need the 3D view are left out, the others keep their labels.
    const left = viewMenu(new Set(['2d', 'spectrum']));
    expectMenu(left, enumValues('mode').filter((m) => m !== '2d' && m !== 'spectrum'));
    for (const v of VIEWS.filter((w) => w.id !== '2d' && w.id !== 'spectrum')) expect(left[v.label]).toBe(v.id);
  });

  it('the landscape menu offers every preset, the network and a typed formula: every value a link may name', () => {
    expectMenu(presetMenu(), enumValues('preset'));
    for (const p of PRESETS_2D) expect(presetMenu()[p.label]).toBe(p.id);
    expect(Object.values(presetMenu()).slice(-2)).toEqual(['network', 'custom']);
  });

  it('the colour menu offers every colour mode under a label of its own', () => {
    expectMenu(colorModeMenu(), COLOR_MODES);
    expectMenu(colorModeMenu(), enumValues('colorMode'));
  });
});

describe('LabPanel sliders', () => {
  it('each slider range lies inside what the state and a link accept, and its step divides it', () => {
    for (const [key, [min, max, step]] of Object.entries(SLIDER_RANGES)) {
      const s = spec(key);
      if (s.type !== 'number' && s.type !== 'int') throw new Error(`${key} is not numeric`);
      expect(min, key).toBeGreaterThanOrEqual(s.min);
      expect(max, key).toBeLessThanOrEqual(s.max);
      expect(min, key).toBeLessThan(max);
      if (s.type === 'int') expect([min, max, step].every(Number.isInteger), key).toBe(true);
      const steps = (max - min) / step;
      expect(Math.abs(steps - Math.round(steps)), key).toBeLessThan(1e-9);
    }
  });

  it('the order slider reaches every order the 2D view draws', () => {
    const s = spec('order');
    if (s.type !== 'int') throw new Error('order is not an int');
    expect([SLIDER_RANGES.order[0], SLIDER_RANGES.order[1]]).toEqual([s.min, s.max]);
  });

  it('the κ slider spans the range of every preset with a parameter', () => {
    const withParam = PRESETS_2D.filter((p) => p.param);
    expect(withParam.length).toBeGreaterThan(0);
    for (const p of withParam) {
      expect([SLIDER_RANGES.param[0], SLIDER_RANGES.param[1]], p.id).toEqual([p.param?.min, p.param?.max]);
    }
  });
});

describe('LabPanel: which controls show', () => {
  it('the κ slider shows only for a preset with a parameter, and never while the 2D controls are hidden', () => {
    const withParam = PRESETS_2D.find((p) => p.param)?.id ?? '';
    const without = PRESETS_2D.find((p) => !p.param)?.id ?? '';
    expect(paramSliderShown(withParam, false)).toBe(true);
    expect(paramSliderShown(withParam, true)).toBe(false);
    expect(paramSliderShown(without, false)).toBe(false);
    expect(paramSliderShown('custom', false)).toBe(false);
    expect(paramSliderShown('network', false)).toBe(false);
  });

  it('controls added for views show only while one of them is the mode and not hidden', () => {
    expect(viewControlsShown(['2d'], '2d', new Set())).toBe(true);
    expect(viewControlsShown(['2d'], '1d', new Set())).toBe(false);
    expect(viewControlsShown(['2d'], '2d', new Set(['2d']))).toBe(false);
    expect(viewControlsShown(['2d', '1d'], '1d', new Set(['2d']))).toBe(true);
    expect(viewControlsShown(['2d', '1d'], 'spectrum', new Set())).toBe(false);
  });

  it('hiding a view hides its own controls but leaves those shared with the view now shown', () => {
    expect(toggledControlShown(true, '2d', undefined)).toBe(true);
    expect(toggledControlShown(false, '1d', undefined)).toBe(false);
    expect(toggledControlShown(false, '1d', ['2d', '1d'])).toBe(true);
    expect(toggledControlShown(false, 'spectrum', ['2d', '1d'])).toBe(false);
  });
});

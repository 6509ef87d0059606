import { findPreset } from '../core/presets';
import type { LabState } from './schema';

/** The state change that selecting a preset makes: its formula, domain, start point and window. */
export function presetPatch(id: string, param?: number): Partial<LabState> {
  const preset = findPreset(id);
  if (!preset) return { preset: 'custom' };
  const value = param ?? preset.param?.value ?? 0;
  const { xmin, xmax, ymin, ymax } = preset.domain;
  return {
    preset: id,
    formula: preset.formula(value),
    ...(preset.param ? { param: value } : {}),
    xmin,
    xmax,
    ymin,
    ymax,
    x: preset.point[0],
    y: preset.point[1],
    radius: 0.15 * Math.min(xmax - xmin, ymax - ymin),
  };
}

/** The change for a new preset parameter (e.g. the bowl's condition number): only the formula. */
export function paramPatch(state: Readonly<LabState>, param: number): Partial<LabState> {
  const preset = findPreset(state.preset);
  if (!preset?.param) return { param };
  return { param, formula: preset.formula(param) };
}

/** Clamps a point into the state's domain. */
export function clampPoint(state: Readonly<LabState>, x: number, y: number): { x: number; y: number } {
  return {
    x: Math.min(state.xmax, Math.max(state.xmin, x)),
    y: Math.min(state.ymax, Math.max(state.ymin, y)),
  };
}

import { findPreset } from '../core/presets';
import { findPreset1D, preset1DFields } from '../core/presets1d';
import type { LabState } from './schema';

/** The state change that selecting a preset makes: its formula, domain, start point and window. */
export function presetPatch(id: string, param?: number): Partial<LabState> {
  if (id === NETWORK_PRESET) return networkPresetPatch();
  const preset = findPreset(id);
  if (!preset) return { preset: 'custom', landscape: 'formula' };
  const value = param ?? preset.param?.value ?? 0;
  const { xmin, xmax, ymin, ymax } = preset.domain;
  return {
    preset: id,
    landscape: 'formula',
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

/** The state change that selecting a 1D preset makes. */
export function preset1DPatch(id: string): Partial<LabState> {
  const preset = findPreset1D(id);
  if (!preset) return { preset1d: 'custom' };
  return { preset1d: id, ...preset1DFields(preset) };
}

/** Parses a comma-separated list of numbers from the state ('' gives an empty list). */
export function parseNumberList(text: string): number[] {
  return text === '' ? [] : text.split(',').map(Number).filter(Number.isFinite);
}

/**
 * The change for one domain bound: refused (empty patch) when it would leave min >= max, and the
 * point is pulled back inside the new domain.
 */
export function domainPatch(state: Readonly<LabState>, key: 'xmin' | 'xmax' | 'ymin' | 'ymax', value: number): Partial<LabState> {
  const next = { ...state, [key]: value };
  if (!Number.isFinite(value) || !(next.xmin < next.xmax) || !(next.ymin < next.ymax)) return {};
  return { [key]: value, ...clampPoint(next, state.x, state.y) };
}

/** The landscape menu's entry for the trained network's loss slice. */
export const NETWORK_PRESET = 'network';

/** Switching to the network landscape: the slice window [-1, 1]^2 around θ*, the point at θ*, N = 64. */
export function networkPresetPatch(): Partial<LabState> {
  return { preset: NETWORK_PRESET, landscape: 'network', xmin: -1, xmax: 1, ymin: -1, ymax: 1, x: 0, y: 0, n: 64, radius: 0.3 };
}

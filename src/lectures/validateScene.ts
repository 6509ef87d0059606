import { parseExpression } from '../core/expr/parser';
import { preset1DPatch, presetPatch } from '../state/actions';
import { PROPERTIES, type LabState, type PropertySpec } from '../state/schema';
import { SCENE_BASELINE } from './scenes';
import type { LectureScene } from './types';

const SCENE_FIELDS: ReadonlySet<string> = new Set(['id', 'title', 'caption', 'state', 'camera']);
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,59}$/;
/** Keys a scene may not set in `state`: the scene id is its own, the camera has its own field. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['scene', 'camera']);
const SPECS = new Map<string, PropertySpec>(PROPERTIES.map((s) => [s.key, s]));

function checkNumberList(spec: Extract<PropertySpec, { type: 'numbers' }>, value: string): string | null {
  if (value === '') return null;
  const parts = value.split(',');
  const countOk = spec.count > 0 ? parts.length === spec.count : parts.length <= (spec.maxCount ?? Infinity);
  const numbersOk = parts.every((p) => p.trim() !== '' && Number.isFinite(Number(p)) && Number(p) >= spec.min && Number(p) <= spec.max);
  return countOk && numbersOk ? null : `'${value}' is not a valid list of numbers in [${spec.min}, ${spec.max}]`;
}

/** Why a value does not fit its property spec, or null when it fits. */
export function checkValue(spec: PropertySpec, value: unknown): string | null {
  switch (spec.type) {
    case 'number':
    case 'int':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'is not a finite number';
      if (spec.type === 'int' && !Number.isInteger(value)) return 'is not an integer';
      return value >= spec.min && value <= spec.max ? null : `is outside [${spec.min}, ${spec.max}]`;
    case 'bool':
      return typeof value === 'boolean' ? null : 'is not true or false';
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? null : `is not one of ${spec.values.join(', ')}`;
    case 'text':
      return typeof value === 'string' && value.length <= spec.maxLength ? null : `is not text of at most ${spec.maxLength} characters`;
    case 'numbers':
      return typeof value === 'string' ? checkNumberList(spec, value) : 'is not a comma-separated list of numbers';
  }
}

function checkCamera(camera: unknown): string | null {
  if (!Array.isArray(camera) || camera.length !== 6) return 'camera must be six numbers [px, py, pz, tx, ty, tz]';
  if (!camera.every((v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e4)) return 'camera numbers must be finite and within ±10000';
  const [px, py, pz, tx, ty, tz] = camera as number[];
  return Math.hypot(px - tx, py - ty, pz - tz) > 1e-6 ? null : 'camera position must differ from its target';
}

function checkState(state: unknown): string[] {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return ['state must be an object of LabState keys'];
  const errors: string[] = [];
  for (const [key, value] of Object.entries(state)) {
    const spec = SPECS.get(key);
    if (!spec) errors.push(`state.${key} is not a LabState key`);
    else if (RESERVED_KEYS.has(key)) errors.push(`state.${key} is set by the scene itself`);
    else {
      const problem = checkValue(spec, value);
      if (problem) errors.push(`state.${key} ${problem}`);
    }
  }
  const s = state as Partial<LabState>;
  for (const [key, vars] of [['formula', ['x', 'y']], ['formula1d', ['x']]] as const) {
    const text = s[key];
    if (typeof text === 'string' && !parseExpression(text, vars).ok) errors.push(`state.${key} '${text}' does not parse`);
  }
  return errors;
}

/** Every problem with one scene (unknown fields or state keys, bad values, bad id); empty when valid. */
export function validateScene(scene: unknown): string[] {
  if (typeof scene !== 'object' || scene === null) return ['a scene must be an object'];
  const s = scene as Record<string, unknown>;
  const errors = Object.keys(s).filter((k) => !SCENE_FIELDS.has(k)).map((k) => `unknown field '${k}'`);
  if (typeof s.id !== 'string' || !ID_PATTERN.test(s.id)) errors.push('id must be 1-60 characters a-z, 0-9, -');
  for (const field of ['title', 'caption'] as const) {
    const text = s[field];
    if (typeof text !== 'string' || text.trim() === '' || text.length > 200) errors.push(`${field} must be non-empty text (at most 200 characters)`);
  }
  errors.push(...checkState(s.state));
  if (s.camera !== undefined) {
    const problem = checkCamera(s.camera);
    if (problem) errors.push(problem);
  }
  return errors;
}

/** The scenes that pass validation (first of each id), plus one message per scene dropped. */
export function validateScenes(list: readonly unknown[]): { scenes: LectureScene[]; errors: string[] } {
  const scenes: LectureScene[] = [];
  const errors: string[] = [];
  const ids = new Set<string>();
  list.forEach((scene, index) => {
    const problems = validateScene(scene);
    const id = (scene as { id?: unknown } | null)?.id;
    if (problems.length === 0 && ids.has(id as string)) problems.push(`duplicate id '${String(id)}'`);
    if (problems.length > 0) {
      errors.push(`scene ${index + 1} (${String(id).slice(0, 60)}): ${problems.join('; ')}`);
      return;
    }
    ids.add(id as string);
    scenes.push(scene as LectureScene);
  });
  return { scenes, errors };
}

/** The full state change a scene makes: baseline, then its presets expanded, then its own keys, then its id. */
export function resolveScene(scene: LectureScene): Partial<LabState> {
  const s = scene.state;
  return {
    ...SCENE_BASELINE,
    ...(s.preset !== undefined ? presetPatch(s.preset, s.param) : {}),
    ...(s.preset1d !== undefined ? preset1DPatch(s.preset1d) : {}),
    ...s,
    scene: scene.id,
  };
}


import { PROPERTIES, defaultState, type LabState, type PropertySpec } from './schema';

/** A decoded link: a safe state plus one message per value that was dropped or changed. */
export interface DecodedLink {
  readonly state: LabState;
  readonly messages: string[];
}

function formatNumber(value: number): string {
  // 12 significant digits keep a dragged point exact enough while the link stays short.
  return String(Number(value.toPrecision(12)));
}

/** Serialises every property that differs from the default into a URL hash (without '#'). */
export function encodeState(state: Readonly<LabState>): string {
  const defaults = defaultState();
  const params = new URLSearchParams();
  for (const spec of PROPERTIES) {
    const value = state[spec.key];
    if (value === defaults[spec.key]) continue;
    if (typeof value === 'number') params.set(spec.key, formatNumber(value));
    else if (typeof value === 'boolean') params.set(spec.key, value ? '1' : '0');
    else params.set(spec.key, value);
  }
  return params.toString();
}

function decodeValue(spec: PropertySpec, raw: string): { value?: unknown; message?: string } {
  switch (spec.type) {
    case 'number':
    case 'int': {
      const parsed = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(parsed)) return { message: `${spec.key}: '${raw.slice(0, 40)}' is not a number, ignored` };
      const rounded = spec.type === 'int' ? Math.round(parsed) : parsed;
      const clamped = Math.min(spec.max, Math.max(spec.min, rounded));
      return clamped === parsed ? { value: clamped } : { value: clamped, message: `${spec.key}: ${raw.slice(0, 40)} clamped to ${clamped}` };
    }
    case 'bool':
      if (raw === '1' || raw === 'true') return { value: true };
      if (raw === '0' || raw === 'false') return { value: false };
      return { message: `${spec.key}: '${raw.slice(0, 40)}' is not 0 or 1, ignored` };
    case 'enum':
      return spec.values.includes(raw) ? { value: raw } : { message: `${spec.key}: '${raw.slice(0, 40)}' is not one of ${spec.values.join(', ')}, ignored` };
    case 'numbers':
      return decodeNumberList(spec, raw);
    case 'text':
      return raw.length <= spec.maxLength ? { value: raw } : { message: `${spec.key}: longer than ${spec.maxLength} characters, ignored` };
  }
}

function decodeNumberList(spec: Extract<PropertySpec, { type: 'numbers' }>, raw: string): { value?: unknown; message?: string } {
  if (raw === '') return { value: '' };
  const parts = raw.split(',');
  const values = parts.map(Number);
  const countOk = spec.count > 0 ? parts.length === spec.count : parts.length <= (spec.maxCount ?? Infinity);
  if (!countOk || values.some((v, i) => parts[i].trim() === '' || !Number.isFinite(v))) {
    return { message: `${spec.key}: '${raw.slice(0, 40)}' is not a valid list of numbers, ignored` };
  }
  const clamped = values.map((v) => Math.min(spec.max, Math.max(spec.min, v)));
  return { value: clamped.join(',') };
}

/**
 * Decodes a URL hash into a validated state: unknown keys are ignored, numbers clamped, bad values
 * dropped with a message. Text values (the formula) are returned as text: the caller parses them
 * against the allow-list, so nothing in a link can run code.
 */
export function decodeState(hash: string): DecodedLink {
  const state = defaultState();
  const messages: string[] = [];
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const specs = new Map(PROPERTIES.map((s) => [s.key as string, s]));
  for (const [key, raw] of params) {
    const spec = specs.get(key);
    if (!spec) {
      messages.push(`unknown key '${key.slice(0, 40)}' ignored`);
      continue;
    }
    const { value, message } = decodeValue(spec, raw);
    if (message) messages.push(message);
    if (value !== undefined) (state as unknown as Record<string, unknown>)[spec.key] = value;
  }
  if (!(state.xmin < state.xmax) || !(state.ymin < state.ymax)) {
    const d = defaultState();
    Object.assign(state, { xmin: d.xmin, xmax: d.xmax, ymin: d.ymin, ymax: d.ymax });
    messages.push('domain: min must be below max, default domain used');
  }
  return { state, messages };
}

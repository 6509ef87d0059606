import { PROPERTIES, defaultState, type LabState, type PropertySpec } from './schema';
import { networkPresetPatch } from './actions';
import { findView } from './views';

/** A decoded link: a safe state plus one message per value that was dropped or changed. */
export interface DecodedLink {
  readonly state: LabState;
  readonly messages: string[];
  /** Keys the link names with a value that was refused (the state holds the default for them). */
  readonly rejected: readonly (keyof LabState)[];
}

function formatNumber(value: number): string {
  // The shortest text that reads back as the same double: rounding (to 12 digits, as before) could
  // merge the ends of a narrow domain (1.0000000000001 and 1.0000000000002 both became 1).
  return String(value);
}

/** The link schema version this lab writes. */
export const LINK_VERSION = 1;

/**
 * The defaults as they were at link version 1, frozen: a v=1 link (and an older link without `v`)
 * leaves out what equals these, so it must be read against them and not against today's
 * defaultState(), or a pasted link would open a different view once a default changes. Keys added
 * since are read against defaultState(): when one of their defaults changes, freeze its old value here.
 */
export const V1_DEFAULTS: Readonly<Partial<LabState>> = Object.freeze({
  preset: 'double-well',
  formula: '(x^2 - 1)^2 + y^2',
  param: 10,
  xmin: -2,
  xmax: 2,
  ymin: -2,
  ymax: 2,
  n: 256,
  x: 0.5,
  y: 0.5,
  order: 2,
  radius: 0.6,
  colorMode: 'height',
  showModel: true,
  showGradient: true,
  showAxes: true,
  showContours: true,
  showRings: false,
  tolerance: 0.05,
  theme: 'default',
  mode: '2d',
  direction: 'gradient',
  angle: 0,
  precision: 'float64',
  showChart: true,
  preset1d: 'day42-cubic',
  formula1d: 'x^3',
  x1d: 1,
  orders1d: '1,2',
  x1min: 0,
  x1max: 2,
  points1d: '0.5,0.75,1,1.25,1.5',
  scene: '',
  camera: '',
});

/** Keys every link names, default or not: together they define what the 2D view shows. */
export const VIEW_KEYS_2D: readonly (keyof LabState)[] = ['preset', 'formula', 'param', 'xmin', 'xmax', 'ymin', 'ymax', 'x', 'y', 'order', 'mode'];
/** Keys a link in the 1D view names as well: its function, point, range and orders (the registry's row). */
export const VIEW_KEYS_1D: readonly (keyof LabState)[] = findView('1d').stateKeys;

/** Keys a link of the network landscape names as well: the run is rebuilt from them (no weights in links). */
export const VIEW_KEYS_NETWORK: readonly (keyof LabState)[] = ['landscape', 'netData', 'netNoise', 'netSamples', 'netHidden', 'netActivation', 'netWeightDecay', 'netOptimizer', 'netLr', 'netSteps', 'netSeed', 'netDirections', 'netSharpness', 'n'];

/** The keys a link always names for this state's view and landscape. */
function alwaysNamed(state: Readonly<LabState>): (keyof LabState)[] {
  // The shown view's own keys come from its row in the registry.
  const keys: (keyof LabState)[] = [...VIEW_KEYS_2D, ...(findView(state.mode).stateKeys as readonly (keyof LabState)[])];
  if (state.landscape === 'network') keys.push(...VIEW_KEYS_NETWORK);
  // A run on the user's CSV or model names the file (which the link cannot carry), so the page can ask for it.
  if (state.landscape === 'network' && state.netData === 'csv') keys.push('netCsvName', 'netCsvTarget', 'netCsvTask');
  if (state.landscape === 'network' && state.netModelName !== '') keys.push('netModelName', 'netModelTrain');
  if (state.runs !== '') keys.push('runs', 'runStart', 'runSteps');
  return keys;
}

/**
 * Serialises a state into a URL hash (without '#'): the version, the keys that define the view
 * (always), and every other property that differs from the version's frozen defaults.
 */
export function encodeState(state: Readonly<LabState>): string {
  const always = new Set<keyof LabState>(alwaysNamed(state));
  const current = defaultState();
  const params = new URLSearchParams();
  params.set('v', String(LINK_VERSION));
  for (const spec of PROPERTIES) {
    const value = state[spec.key];
    if (!always.has(spec.key) && value === (spec.key in V1_DEFAULTS ? V1_DEFAULTS[spec.key] : current[spec.key])) continue;
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
  const text = hash.replace(/^#/, '');
  // No link at all opens today's defaults; any link is read against its version's frozen table.
  const state: LabState = text === '' ? defaultState() : { ...defaultState(), ...V1_DEFAULTS };
  const messages: string[] = [];
  const rejected: (keyof LabState)[] = [];
  const params = new URLSearchParams(text);
  const specs = new Map(PROPERTIES.map((s) => [s.key as string, s]));
  for (const [key, raw] of params) {
    if (key === 'v') {
      if (raw !== String(LINK_VERSION)) messages.push(`link version '${raw.slice(0, 10)}' unknown, read as version ${LINK_VERSION}`);
      continue;
    }
    const spec = specs.get(key);
    if (!spec) {
      messages.push(`unknown key '${key.slice(0, 40)}' ignored`);
      continue;
    }
    const { value, message } = decodeValue(spec, raw);
    if (message) messages.push(message);
    if (value !== undefined) (state as unknown as Record<string, unknown>)[spec.key] = value;
    else rejected.push(spec.key);
  }
  // A network link that leaves out the grid or the window gets the network's own (N = 64 and the
  // slice window around θ*), not the formula's N = 256, which would cost a network minutes.
  if (state.landscape === 'network') {
    for (const [key, value] of Object.entries(networkPresetPatch())) if (!params.has(key)) (state as unknown as Record<string, unknown>)[key] = value;
  }
  if (!(state.xmin < state.xmax) || !(state.ymin < state.ymax)) {
    const d = { ...defaultState(), ...V1_DEFAULTS };
    Object.assign(state, { xmin: d.xmin, xmax: d.xmax, ymin: d.ymin, ymax: d.ymax });
    messages.push('domain: min must be below max, default domain used');
    rejected.push('xmin', 'xmax', 'ymin', 'ymax');
  }
  return { state, messages, rejected };
}

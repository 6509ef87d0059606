/**
 * Choice of the tfjs backend, fastest first: WebGPU where the browser (or Node with Dawn
 * bindings) offers an adapter, then WebGL when it really works in float32, then the CPU backend,
 * each checked after `tf.ready()` and each refusal kept with a reason the UI can show.
 */
import { tf } from './tf';
import { registerSecondOrderGradients } from './registerGradients';

/** Backend in use after `initBackend`, and why the preferred one was not used (null if it was). */
export interface BackendChoice {
  readonly name: string;
  readonly fallbackReason: string | null;
}

/** A backend that was tried and refused, with the reason. */
export interface BackendFallback {
  readonly backend: 'webgpu' | 'webgl';
  readonly reason: string;
}

/** What `initBackend` accepts: 'auto' tries WebGPU, then WebGL, then CPU. */
export type BackendPreference = 'auto' | 'webgpu' | 'webgl' | 'cpu';

/** Every value `initBackend` accepts, for parsing a URL or GUI setting. */
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'webgpu', 'webgl', 'cpu'];

let lastFallbacks: BackendFallback[] = [];

/** Activates a registered backend; returns null when it is active after tf.ready(), else why not. */
async function activate(name: string, label: string): Promise<string | null> {
  let ok = false;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch (error) {
    return `${label} backend failed to start: ${(error as Error).message}`;
  }
  // A failed setBackend can resolve false or silently leave the previous backend in place.
  if (!ok || tf.getBackend() !== name) return `${label} could not be initialised`;
  return null;
}

/** The WebGPU entry point of this environment (browser navigator.gpu, or one Node installed). */
function gpuEntry(): { requestAdapter(): Promise<unknown> } | undefined {
  return (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator?.gpu;
}

/** Tries WebGPU; returns null when it is active, else why it cannot be used. */
async function tryWebgpu(): Promise<string | null> {
  const gpu = gpuEntry();
  if (!gpu) return 'WebGPU is not offered here (no navigator.gpu)';
  let adapter: unknown = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (error) {
    return `WebGPU adapter request failed: ${(error as Error).message}`;
  }
  // navigator.gpu can exist without any adapter (blocklisted GPU, headless software browser).
  if (!adapter) return 'WebGPU is offered but no GPU adapter was given';
  // Loaded on demand: the WebGPU kernels stay out of every bundle that never reaches this line.
  if (tf.findBackendFactory('webgpu') == null) await import('@tensorflow/tfjs-backend-webgpu');
  if (tf.findBackendFactory('webgpu') == null) return 'WebGPU backend did not register';
  return activate('webgpu', 'WebGPU');
}

/** Tries WebGL; returns null when it is active in float32, else why it cannot be used. */
async function tryWebgl(): Promise<string | null> {
  // Loaded on demand: Node (tests, CLI) never needs the WebGL kernels in its module graph.
  if (typeof document !== 'undefined' && tf.findBackendFactory('webgl') == null) await import('@tensorflow/tfjs-backend-webgl');
  if (tf.findBackendFactory('webgl') == null) {
    return 'WebGL backend is not available in this environment (no browser)';
  }
  const reason = await activate('webgl', 'WebGL');
  if (reason !== null) return `${reason} (no WebGL context, or only with a major performance caveat)`;
  // Half-float textures overflow at 65504: the Rosenbrock Hessian alone reaches ~1e7.
  if (!tf.env().getBool('WEBGL_RENDER_FLOAT32_CAPABLE')) {
    return 'WebGL cannot render float32 textures; half floats are too coarse for derivatives';
  }
  return null;
}

/** Activates the CPU backend and waits for it. */
async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
  if (tf.getBackend() !== 'cpu') throw new Error(`could not activate the tfjs CPU backend (got ${tf.getBackend()})`);
}

/** The GPU backends to try, fastest first, for a preference. */
function candidates(preferred: BackendPreference): ('webgpu' | 'webgl')[] {
  if (preferred === 'auto') return ['webgpu', 'webgl'];
  return preferred === 'cpu' ? [] : [preferred];
}

/**
 * Activates the preferred backend ('auto': WebGPU, then WebGL), falling back to CPU; also
 * registers the gradients nested differentiation needs. fallbackReason is null when the first
 * candidate was used, else the refusals joined; backendFallbacks() lists them one by one.
 */
export async function initBackend(preferred: BackendPreference = 'webgl'): Promise<BackendChoice> {
  registerSecondOrderGradients();
  const fallbacks: BackendFallback[] = [];
  for (const name of candidates(preferred)) {
    const reason = name === 'webgpu' ? await tryWebgpu() : await tryWebgl();
    if (reason === null) {
      lastFallbacks = fallbacks;
      return { name, fallbackReason: fallbacks.length ? fallbacks.map((f) => f.reason).join('; ') : null };
    }
    fallbacks.push({ backend: name, reason });
  }
  await useCpu();
  lastFallbacks = fallbacks;
  return { name: 'cpu', fallbackReason: fallbacks.length ? fallbacks.map((f) => f.reason).join('; ') : null };
}

/** Each backend the last `initBackend` call tried and refused, in the order tried. */
export function backendFallbacks(): readonly BackendFallback[] {
  return lastFallbacks;
}

/** Reads a backend preference from text (URL, GUI); anything unknown is 'auto'. */
export function parseBackendPreference(text: string | null | undefined): BackendPreference {
  return BACKEND_PREFERENCES.find((p) => p === text) ?? 'auto';
}

/** Name of the tfjs backend currently in use ('webgpu', 'webgl', 'cpu', ...). */
export function activeBackend(): string {
  return tf.getBackend();
}

/** Number of tfjs tensors alive now (for leak checks in tests and the benchmark). */
export function liveTensorCount(): number {
  return tf.memory().numTensors;
}

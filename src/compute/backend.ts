/**
 * Choice of the tfjs backend: WebGL when it really works, else the CPU backend with a reason the
 * UI can show. In Node only the CPU backend exists.
 */
import { tf } from './tf';
import { registerSecondOrderGradients } from './registerGradients';

/** Backend in use after `initBackend`, and why the preferred one was not used (null if it was). */
export interface BackendChoice {
  readonly name: string;
  readonly fallbackReason: string | null;
}

/** Tries WebGL; returns null when it is active in float32, else why it cannot be used. */
async function tryWebgl(): Promise<string | null> {
  // Loaded on demand: Node (tests, CLI) never needs the WebGL kernels in its module graph.
  if (typeof document !== 'undefined' && tf.findBackendFactory('webgl') == null) await import('@tensorflow/tfjs-backend-webgl');
  if (tf.findBackendFactory('webgl') == null) {
    return 'WebGL backend is not available in this environment (no browser)';
  }
  let ok = false;
  try {
    ok = await tf.setBackend('webgl');
    await tf.ready();
  } catch (error) {
    return `WebGL backend failed to start: ${(error as Error).message}`;
  }
  // A failed setBackend can resolve false or silently leave the previous backend in place.
  if (!ok || tf.getBackend() !== 'webgl') {
    return 'WebGL could not be initialised (no WebGL context, or only with a major performance caveat)';
  }
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

/**
 * Activates the preferred backend, falling back to CPU with a human-readable reason; also
 * registers the gradients that nested differentiation needs.
 */
export async function initBackend(preferred: 'webgl' | 'cpu' = 'webgl'): Promise<BackendChoice> {
  registerSecondOrderGradients();
  if (preferred === 'webgl') {
    const reason = await tryWebgl();
    if (reason === null) return { name: 'webgl', fallbackReason: null };
    await useCpu();
    return { name: 'cpu', fallbackReason: reason };
  }
  await useCpu();
  return { name: 'cpu', fallbackReason: null };
}

/** Name of the tfjs backend currently in use ('webgl', 'cpu', ...). */
export function activeBackend(): string {
  return tf.getBackend();
}

/** Number of tfjs tensors alive now (for leak checks in tests and the benchmark). */
export function liveTensorCount(): number {
  return tf.memory().numTensors;
}

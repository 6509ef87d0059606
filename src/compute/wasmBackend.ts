/**
 * The tfjs WASM backend (XNNPACK, SIMD; threads where the page is cross-origin isolated), loaded on
 * demand so no bundle carries it unless asked. Its .wasm binaries are read at run time from
 * `wasmDir` (the site serves copies; never a CDN); in Node the package finds its own dist folder.
 */
import { tf } from './tf';
import { registerSecondOrderGradients } from './registerGradients';

/** True in Node (tests, CLI, bench), where tfjs-wasm 4.22 runs without threads. */
function inNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return proc?.versions?.node !== undefined && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

/**
 * Registers and activates the WASM backend; null when it is active after tf.ready(), else why not
 * (the previous backend then stays active). wasmDir is the folder of the tfjs-backend-wasm*.wasm
 * files with a trailing slash, or a map from each file name to its URL (Vite's hashed asset URLs);
 * without it, Node uses the installed package's dist folder.
 */
export async function initWasmBackend(wasmDir?: string | Readonly<Record<string, string>>): Promise<string | null> {
  registerSecondOrderGradients();
  const previous = tf.getBackend();
  try {
    if (tf.findBackendFactory('wasm') == null) {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (wasmDir !== undefined) wasm.setWasmPaths(typeof wasmDir === 'string' ? wasmDir : { ...wasmDir });
    }
    if (tf.findBackendFactory('wasm') == null) return 'the WASM backend did not register';
    if (inNode()) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    const ok = await tf.setBackend('wasm');
    await tf.ready();
    if (ok && tf.getBackend() === 'wasm') return null;
  } catch (error) {
    await restore(previous);
    return `the WASM backend failed to start: ${error instanceof Error ? error.message : String(error)}`;
  }
  await restore(previous);
  return 'the WASM backend could not be initialised';
}

/** Re-activates the backend that was active before a failed attempt. */
async function restore(previous: string): Promise<void> {
  if (tf.getBackend() === previous) return;
  await tf.setBackend(previous);
  await tf.ready();
}

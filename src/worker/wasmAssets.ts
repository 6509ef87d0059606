/**
 * The tfjs WASM binaries as files of this site (Vite emits them beside the bundle and gives their
 * URLs): the backend fetches them from here, never from a CDN. Browser bundles only; Node points
 * the backend at node_modules instead (compute/wasmBackend.ts).
 */
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** File name → URL of each WASM binary, as tfjs's setWasmPaths takes them. */
export const WASM_FILE_URLS: Readonly<Record<string, string>> = {
  'tfjs-backend-wasm.wasm': plainUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
};

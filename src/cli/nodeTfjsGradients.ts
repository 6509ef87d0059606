/**
 * Makes src/compute/tf.ts loadable by plain Node (tsx), not only by Vite. tf.ts imports
 * '@tensorflow/tfjs-core/dist/register_all_gradients', an ES module file with extensionless
 * imports that only a bundler resolves; Node loads tfjs-core's CommonJS bundle instead, which has
 * no gradients. A resolve hook sends that one specifier to the '@tensorflow/tfjs' CommonJS bundle,
 * which registers every gradient on the same tfjs-core instance. Vite and vitest resolve the
 * specifier themselves and never reach the hook.
 */
import { register } from 'node:module';

const HOOK = `export async function resolve(specifier, context, next) {
  if (specifier === '@tensorflow/tfjs-core/dist/register_all_gradients') return next('@tensorflow/tfjs', context);
  return next(specifier, context);
}`;

let registered = false;

/** Installs the resolve hook once, before the first import of a compute module; a no-op under vitest. */
export function registerNodeTfjsGradients(): void {
  if (registered || process.env.VITEST !== undefined) return;
  registered = true;
  register(`data:text/javascript,${encodeURIComponent(HOOK)}`, import.meta.url);
}

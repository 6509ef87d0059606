/**
 * Recovery of the tfjs WebGL backend after its context was lost (GPU reset, laptop waking):
 * tfjs cannot revive a lost context, so the backend is replaced by a fresh one, which creates a
 * new canvas and context; where that fails the CPU backend takes over.
 */
import { tf } from './tf';
import { initBackend, type BackendChoice } from './backend';

interface WebglBackendLike {
  gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext };
}

/** The WebGL context of the active tfjs backend, or null when the backend is not WebGL. */
export function computeContext(): WebGLRenderingContext | WebGL2RenderingContext | null {
  if (tf.getBackend() !== 'webgl') return null;
  return (tf.backend() as unknown as WebglBackendLike).gpgpu?.gl ?? null;
}

/** Whether the active tfjs backend is WebGL and its context is lost. */
export function computeContextLost(): boolean {
  return computeContext()?.isContextLost() ?? false;
}

/**
 * Replaces the WebGL backend with a fresh instance (same factory, so the kernels stay registered)
 * and activates it, falling back to CPU; tensors of the old backend are gone, so every grid must
 * be computed again afterwards.
 */
export async function recoverComputeBackend(): Promise<BackendChoice> {
  const factory = tf.findBackendFactory('webgl');
  if (factory) {
    tf.removeBackend('webgl');
    tf.registerBackend('webgl', factory, 2);
  }
  return initBackend('webgl');
}

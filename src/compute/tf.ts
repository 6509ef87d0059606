/**
 * The one door to tfjs: tfjs-core, its gradients and the CPU backend, instead of the whole
 * `@tensorflow/tfjs` bundle (layers, converter, data). The WebGL and WebGPU backends are loaded on
 * demand by `backend.ts`. Every compute module imports `tf` from here.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';

export { tf };

/**
 * Connects the page to its compute side: a module Web Worker where the browser offers one (tfjs
 * runs there on WASM or CPU, or a forced backend), else the same jobs in-process on the main thread,
 * in chunks that yield. Either way the caller gets one ComputeClient and the backend in use.
 */
import { ComputeClient } from '../../worker/ComputeClient';
import { ComputeServer } from '../../worker/ComputeServer';
import { inProcessPair } from '../../worker/inProcess';
import type { ClientEndpoint, FromWorker, ServerEndpoint, ToWorker } from '../../worker/protocol';
import type { InitResult } from '../../worker/computeHandlers';

/** A ready compute side. */
export interface ComputeConnection {
  readonly client: ComputeClient;
  /** 'worker' or 'main thread'. */
  readonly where: string;
  readonly backend: InitResult;
}

/** The compute side in this thread (Node tests, browsers without module workers); 'current' keeps this thread's backend. */
export async function inProcessConnection(backend: string, wasmUrls?: Readonly<Record<string, string>>): Promise<ComputeConnection> {
  const { COMPUTE_HANDLERS } = await import('../../worker/computeHandlers');
  const { a, b } = inProcessPair<ToWorker, FromWorker>();
  new ComputeServer(b as ServerEndpoint, COMPUTE_HANDLERS);
  const client = new ComputeClient(a as ClientEndpoint);
  const init = await client.run<InitResult>('init', { backend, wasmUrls });
  return { client, where: 'main thread', backend: init };
}

/** Starts the worker and its backend; rejects if the worker cannot start or load. */
async function workerConnection(backend: string, wasmUrls: Readonly<Record<string, string>>): Promise<ComputeConnection> {
  const worker = new Worker(new URL('../../worker/computeWorker.ts', import.meta.url), { type: 'module', name: 'taylor-lab-compute' });
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => reject(new Error(event.message || 'the compute worker failed to load')), { once: true });
  });
  const client = new ComputeClient(worker as unknown as ClientEndpoint);
  try {
    const init = await Promise.race([client.run<InitResult>('init', { backend, wasmUrls }), failed]);
    return { client, where: 'worker', backend: init };
  } catch (error) {
    worker.terminate();
    throw error;
  }
}

/**
 * The page's compute side: the worker, or in-process when workers are missing or fail to start
 * (then `fallbackReason` of the result says why, beside the backend's own).
 */
export async function connectCompute(backend: string): Promise<ComputeConnection & { workerProblem: string | null }> {
  // A link that forces a GPU backend gets it for the network too: on this thread, where its context is.
  if (backend === 'webgl' || backend === 'webgpu') return { ...(await inProcessConnection('current')), workerProblem: `backend=${backend} runs the network on the main thread` };
  const { WASM_FILE_URLS } = await import('../../worker/wasmAssets');
  if (typeof Worker !== 'undefined') {
    try {
      return { ...(await workerConnection(backend, WASM_FILE_URLS)), workerProblem: null };
    } catch (error) {
      return { ...(await inProcessConnection('current')), workerProblem: `the compute worker did not start (${(error as Error).message})` };
    }
  }
  return { ...(await inProcessConnection('current')), workerProblem: 'this browser has no module workers' };
}

/**
 * The table of compute jobs by kind, shared by the worker entry and the in-process fallback, and
 * the `init` job that picks the backend for this side's work: WASM (SIMD) first on a machine
 * without a GPU, where a small network's passes beat a GPU backend's launch overhead, then CPU.
 */
import { tf } from '../compute/tf';
import { initBackend, parseBackendPreference } from '../compute/backend';
import { initWasmBackend } from '../compute/wasmBackend';
import type { JobHandler } from './ComputeServer';
import { eigenJob, gridJob, trainJob } from './networkJobs';
import { breakdownJob, criticalJob, pointJob } from './criticalJobs';
import { eosJob, gdmapDiagramJob } from './gdmapJobs';
import { spectrumJob, spectrumTrackJob } from './spectrumJobs';

/** What the compute side should run on, and where the WASM files are. */
export interface InitJob {
  /** 'auto' (WASM, else CPU), 'current' (keep this thread's), or a backend the link forces. */
  readonly backend: string;
  /** WASM file name → URL; absent in Node. */
  readonly wasmUrls?: Readonly<Record<string, string>>;
}

/** The backend in use, and why the preferred one was not (null when it was). */
export interface InitResult {
  readonly name: string;
  readonly fallbackReason: string | null;
}

/** Activates the compute backend: a forced WebGPU/WebGL/CPU one through backend.ts, else WASM, else CPU. */
export async function initJob(job: InitJob): Promise<InitResult> {
  if (job.backend === 'current') {
    await tf.ready();
    return { name: tf.getBackend(), fallbackReason: null };
  }
  const preference = job.backend === 'wasm' ? 'wasm' : parseBackendPreference(job.backend);
  if (preference !== 'auto' && preference !== 'wasm') {
    const choice = await initBackend(preference);
    return { name: choice.name, fallbackReason: choice.fallbackReason };
  }
  const reason = await initWasmBackend(job.wasmUrls);
  if (reason === null) return { name: tf.getBackend(), fallbackReason: null };
  await tf.setBackend('cpu');
  await tf.ready();
  return { name: tf.getBackend(), fallbackReason: reason };
}

/** Every job the compute side runs, by kind. */
export const COMPUTE_HANDLERS: Readonly<Record<string, JobHandler>> = {
  init: initJob as JobHandler,
  train: trainJob as JobHandler,
  grid: gridJob as JobHandler,
  eigen: eigenJob as JobHandler,
  critical: criticalJob as JobHandler,
  point: pointJob as JobHandler,
  breakdown: breakdownJob as JobHandler,
  gdmapDiagram: gdmapDiagramJob as JobHandler,
  eos: eosJob as JobHandler,
  spectrum: spectrumJob as JobHandler,
  spectrumTrack: spectrumTrackJob as JobHandler,
};

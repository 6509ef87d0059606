/**
 * The grid pass of a network slice through any SliceGridEngine: the n × n nodes of GridEvaluator
 * (same float32 coordinates, to the bit), chunk by chunk with progress and cancellation between
 * chunks, NaN derivatives where the loss is not finite; and the choice of engine per backend.
 */
import type { Domain, GridField } from '../../core/types';
import type { FieldBuffer, SliceGridEngine, SliceProblem } from '../../core/network/sliceGridEngine';
import { SliceJetEngineF64 } from '../../core/network/SliceJetEngineF64';
import { gridCoordinates } from '../GridEvaluator';
import { AutodiffSliceEngine } from './AutodiffSliceEngine';
import { TfJetGridEngine } from './TfJetGridEngine';

/** Progress and cancellation of one slice grid pass. */
export interface SliceGridOptions {
  /** Called after each chunk with the share of grid points done (0..1]. */
  readonly onProgress?: (done: number) => void;
  /** Asked before each chunk; true stops the pass, which then resolves to null. */
  readonly isCancelled?: () => boolean;
}

/** Which kind of engine to build: Taylor-mode jets (the fast one for the backend) or the nested reference. */
export type SliceEngineKind = 'jets' | 'autodiff';

/** Lets other tasks (a cancel message, a frame) run between chunks: a macrotask, not a microtask. */
function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs the engine over all n² nodes into out (6 × n², field k at k·n²) in chunks of about
 * maxPointsPerPass points (evened out so the last is not tiny); false when cancelled.
 */
async function runGrid(engine: SliceGridEngine, domain: Domain, n: number, out: FieldBuffer, options: SliceGridOptions): Promise<boolean> {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`grid size must be an integer >= 2, got ${n}`);
  const { xs, ys } = gridCoordinates(domain, n);
  const size = n * n;
  const chunks = Math.ceil(size / Math.max(1, Math.floor(engine.maxPointsPerPass)));
  const chunk = Math.ceil(size / chunks);
  for (let begin = 0; begin < size; begin += chunk) {
    if (options.isCancelled?.() === true) return false;
    const count = Math.min(chunk, size - begin);
    await engine.fields(xs, ys, begin, count, out, size);
    options.onProgress?.((begin + count) / size);
    if (begin + count < size) await yieldToEventLoop();
  }
  if (options.isCancelled?.() === true) return false;
  for (let k = 0; k < size; k++) {
    if (Number.isFinite(out[k])) continue;
    for (let f = 1; f < 6; f++) out[f * size + k] = NaN;
  }
  return true;
}

/** f, ∂a, ∂b, ∂²a, ∂a∂b, ∂²b of the slice on the n × n grid over domain (a = x, b = y); null when cancelled. */
export async function evaluateSliceGrid(engine: SliceGridEngine, domain: Domain, n: number, options: SliceGridOptions = {}): Promise<GridField | null> {
  const size = n * n;
  const data = new Float32Array(6 * size);
  if (!(await runGrid(engine, domain, n, data, options))) return null;
  const [f, gx, gy, hxx, hxy, hyy] = [0, 1, 2, 3, 4, 5].map((k) => data.subarray(k * size, (k + 1) * size));
  return { n, domain: { ...domain }, f, gx, gy, hxx, hxy, hyy };
}

/**
 * The same grid pass into one float64 buffer (6 × n², field k at k·n²) for the CLI: the float64
 * engine's values keep every digit; a float32 engine's are widened. Null when cancelled.
 */
export async function evaluateSliceGridF64(engine: SliceGridEngine, domain: Domain, n: number, options: SliceGridOptions = {}): Promise<Float64Array | null> {
  const data = new Float64Array(6 * n * n);
  return (await runGrid(engine, domain, n, data, options)) ? data : null;
}

/**
 * The engine for a slice: 'autodiff' is the nested reference; 'jets' is the float64 loop on tfjs's
 * CPU backend (faster there, and exact) and jets as tfjs ops on any other backend.
 */
export function createSliceEngine(problem: SliceProblem, kind: SliceEngineKind, backendName: string): SliceGridEngine {
  if (kind === 'autodiff') return new AutodiffSliceEngine(problem);
  return backendName === 'cpu' ? new SliceJetEngineF64(problem) : new TfJetGridEngine(problem);
}

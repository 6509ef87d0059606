/**
 * The main thread's side of the compute protocol: `run` posts a job and resolves with its result,
 * calling `onProgress` for each partial one. Jobs on the same channel follow "the newest request
 * wins": starting one cancels the one before it (its promise rejects with an AbortError and the
 * worker is told to stop it), and nothing a superseded job sends reaches its caller.
 */
import { abortError, transferablesOf, type ClientEndpoint, type FromWorker } from './protocol';

/** Options of one job. */
export interface RunOptions<P> {
  /** Jobs sharing a channel supersede each other; absent = a channel of its own. */
  readonly channel?: string;
  /** Called with each progress payload, in order, while the job is the newest on its channel. */
  readonly onProgress?: (progress: P) => void;
  /** Aborting cancels the job like a newer request would. */
  readonly signal?: AbortSignal;
  /** Transfer the payload's typed arrays instead of copying them (the caller gives them up). */
  readonly transfer?: boolean;
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress?: (progress: unknown) => void;
  readonly channel?: string;
}

/** Posts jobs to a compute endpoint (a Worker or an in-process server) and routes the answers. */
export class ComputeClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly channels = new Map<string, number>();

  /** Listens to the endpoint's answers. */
  constructor(private readonly endpoint: ClientEndpoint) {
    endpoint.addEventListener('message', (event) => this.receive(event.data));
  }

  /** Number of jobs still waiting for a result (for tests and the page's busy state). */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Starts a job; resolves with its result, rejects with its error or an AbortError when superseded. */
  run<R, P = never>(kind: string, payload: unknown, options: RunOptions<P> = {}): Promise<R> {
    const id = this.nextId++;
    if (options.channel !== undefined) {
      const previous = this.channels.get(options.channel);
      if (previous !== undefined) this.cancel(previous);
      this.channels.set(options.channel, id);
    }
    return new Promise<R>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(abortError('cancelled before it started'));
        return;
      }
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress: options.onProgress as ((p: unknown) => void) | undefined, channel: options.channel });
      options.signal?.addEventListener('abort', () => this.cancel(id, 'cancelled'), { once: true });
      this.endpoint.postMessage({ type: 'request', id, kind, payload }, options.transfer ? transferablesOf(payload) : []);
    });
  }

  /** Cancels every job on a channel (leaving the network, say); a no-op when none runs. */
  cancelChannel(channel: string): void {
    const id = this.channels.get(channel);
    if (id !== undefined) this.cancel(id, 'cancelled');
  }

  private cancel(id: number, why = 'superseded by a newer request'): void {
    const job = this.pending.get(id);
    if (!job) return;
    this.finish(id, job);
    this.endpoint.postMessage({ type: 'cancel', id });
    job.reject(abortError(why));
  }

  private finish(id: number, job: Pending): void {
    this.pending.delete(id);
    if (job.channel !== undefined && this.channels.get(job.channel) === id) this.channels.delete(job.channel);
  }

  private receive(message: FromWorker): void {
    const job = this.pending.get(message.id);
    // A cancelled job's late messages have no one to go to.
    if (!job) return;
    if (message.type === 'progress') {
      job.onProgress?.(message.payload);
      return;
    }
    this.finish(message.id, job);
    if (message.type === 'result') job.resolve(message.payload);
    else {
      const error = new Error(message.message);
      error.name = message.name;
      job.reject(error);
    }
  }
}

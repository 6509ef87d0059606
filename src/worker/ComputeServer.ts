/**
 * The worker's side of the compute protocol: each request runs its kind's handler with a context
 * that reports progress and says whether the job was cancelled. Handlers check `signal` between
 * chunks; a cancel message aborts it, and the job then ends with an AbortError that the client
 * has already stopped listening for.
 */
import { transferablesOf, type ServerEndpoint, type ToWorker } from './protocol';

/** What a handler gets besides its payload. */
export interface JobContext {
  /** Aborted when the client cancels the job or supersedes it. */
  readonly signal: AbortSignal;
  /** Sends a partial result; its typed arrays are transferred (the handler must not reuse them). */
  progress(payload: unknown): void;
}

/** Runs one kind of job. */
export type JobHandler = (payload: never, context: JobContext) => Promise<unknown>;

/** Serves jobs from an endpoint with a table of handlers by kind. */
export class ComputeServer {
  private readonly running = new Map<number, AbortController>();

  /** Starts answering the endpoint's requests. */
  constructor(private readonly endpoint: ServerEndpoint, private readonly handlers: Readonly<Record<string, JobHandler>>) {
    endpoint.addEventListener('message', (event) => this.receive(event.data));
  }

  private receive(message: ToWorker): void {
    if (message.type === 'cancel') {
      this.running.get(message.id)?.abort();
      return;
    }
    void this.serve(message.id, message.kind, message.payload);
  }

  private async serve(id: number, kind: string, payload: unknown): Promise<void> {
    const handler = this.handlers[kind];
    if (!handler) {
      this.endpoint.postMessage({ type: 'error', id, name: 'Error', message: `unknown job kind '${kind}'` });
      return;
    }
    const abort = new AbortController();
    this.running.set(id, abort);
    const context: JobContext = {
      signal: abort.signal,
      progress: (p) => {
        if (!abort.signal.aborted) this.endpoint.postMessage({ type: 'progress', id, payload: p }, transferablesOf(p));
      },
    };
    try {
      const result = await handler(payload as never, context);
      this.endpoint.postMessage({ type: 'result', id, payload: result }, transferablesOf(result));
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      this.endpoint.postMessage({ type: 'error', id, name: abort.signal.aborted ? 'AbortError' : e.name, message: e.message });
    } finally {
      this.running.delete(id);
    }
  }
}

/**
 * The compute worker's message protocol: a request names a job kind and carries its payload; the
 * worker answers with any number of progress messages, then one result or one error; a cancel
 * message ends a job at its next check (between chunks, between HVPs). Typed arrays in payloads
 * travel as transferred buffers, never as copies of the main thread's memory it still needs.
 */

/** Starts job `id` of a kind with its payload. */
export interface RequestMessage {
  readonly type: 'request';
  readonly id: number;
  readonly kind: string;
  readonly payload: unknown;
}

/** Asks the worker to stop job `id` at its next check. */
export interface CancelMessage {
  readonly type: 'cancel';
  readonly id: number;
}

/** A partial result of job `id` (a training chunk, a coarse grid level). */
export interface ProgressMessage {
  readonly type: 'progress';
  readonly id: number;
  readonly payload: unknown;
}

/** The final result of job `id`. */
export interface ResultMessage {
  readonly type: 'result';
  readonly id: number;
  readonly payload: unknown;
}

/** Job `id` failed (name 'AbortError' when it was cancelled). */
export interface ErrorMessage {
  readonly type: 'error';
  readonly id: number;
  readonly name: string;
  readonly message: string;
}

/** What the main thread sends. */
export type ToWorker = RequestMessage | CancelMessage;
/** What the worker sends back. */
export type FromWorker = ProgressMessage | ResultMessage | ErrorMessage;

/** One side of a message channel: a Worker, the worker's global scope, or an in-process fake. */
export interface Endpoint<In, Out> {
  postMessage(message: Out, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: In }) => void): void;
}

/** The main thread's side. */
export type ClientEndpoint = Endpoint<FromWorker, ToWorker>;
/** The worker's side. */
export type ServerEndpoint = Endpoint<ToWorker, FromWorker>;

/** The ArrayBuffers under every typed array in a value (each once), for postMessage's transfer list. */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== 'object' || depth > 8) return;
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) found.add(v.buffer);
      return;
    }
    for (const item of Array.isArray(v) ? v : Object.values(v)) visit(item, depth + 1);
  };
  visit(value, 0);
  return [...found];
}

/** An Error named AbortError, as a cancelled or superseded job rejects with. */
export function abortError(message = 'superseded by a newer request'): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}

/**
 * Two connected endpoints in one thread: what the compute protocol runs on where there is no
 * Worker (Node tests, a browser without module workers). Messages are structured-cloned and
 * delivered on a later macrotask, as a real worker's would be, so callers cannot depend on
 * synchronous answers that a real worker would never give.
 */
import type { Endpoint } from './protocol';

type Listener<T> = (event: { data: T }) => void;

/** A pair of endpoints: what `a` posts, `b` receives, and the reverse. */
export function inProcessPair<A, B>(): { a: Endpoint<B, A>; b: Endpoint<A, B> } {
  const toA: Listener<B>[] = [];
  const toB: Listener<A>[] = [];
  const deliver = <T>(listeners: Listener<T>[], message: T, transfer?: Transferable[]): void => {
    const data = structuredClone(message, { transfer: transfer as Transferable[] | undefined });
    setTimeout(() => {
      for (const listener of listeners) listener({ data });
    }, 0);
  };
  return {
    a: { postMessage: (m, t) => deliver(toB, m, t), addEventListener: (_type, l) => void toA.push(l) },
    b: { postMessage: (m, t) => deliver(toA, m, t), addEventListener: (_type, l) => void toB.push(l) },
  };
}

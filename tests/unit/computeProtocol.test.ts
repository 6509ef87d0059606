import { describe, expect, it } from 'vitest';
import { ComputeClient } from '../../src/worker/ComputeClient';
import { ComputeServer, type JobContext, type JobHandler } from '../../src/worker/ComputeServer';
import { inProcessPair } from '../../src/worker/inProcess';
import { transferablesOf, type ClientEndpoint, type FromWorker, type ServerEndpoint, type ToWorker } from '../../src/worker/protocol';

/** A macrotask, so the fake worker's queued messages can move. */
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A job of `chunks` chunks that reports each one and records how it ended. */
function chunkedJob(log: { ended: Map<string, string> }): JobHandler {
  return (async (payload: { name: string; chunks: number }, context: JobContext) => {
    for (let c = 0; c < payload.chunks; c++) {
      await tick();
      if (context.signal.aborted) {
        log.ended.set(payload.name, `cancelled at chunk ${c}`);
        throw new Error('stopped');
      }
      context.progress({ name: payload.name, chunk: c });
    }
    log.ended.set(payload.name, 'done');
    return { name: payload.name, values: new Float64Array([1, 2, 3]) };
  }) as JobHandler;
}

function setup(extra: Record<string, JobHandler> = {}) {
  const log = { ended: new Map<string, string>() };
  const { a, b } = inProcessPair<ToWorker, FromWorker>();
  const serverSide = b as ServerEndpoint;
  new ComputeServer(serverSide, { chunks: chunkedJob(log), fail: (async () => { throw new RangeError('bad size'); }) as JobHandler, ...extra });
  return { client: new ComputeClient(a as ClientEndpoint), log };
}

/** Resolves once `predicate` holds, polling between macrotasks (bounded: fails after 500 ticks). */
async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !predicate(); i++) await tick();
  expect(predicate()).toBe(true);
}

describe('compute protocol (fake worker in-process)', () => {
  it('delivers each progress in order, then the result with its typed arrays', async () => {
    const { client } = setup();
    const seen: number[] = [];
    const result = await client.run<{ name: string; values: Float64Array }, { chunk: number }>('chunks', { name: 'a', chunks: 4 }, { onProgress: (p) => seen.push(p.chunk) });
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(result.name).toBe('a');
    expect(Array.from(result.values)).toEqual([1, 2, 3]);
    expect(client.inFlight).toBe(0);
  });

  it('the newest request on a channel wins: the older one rejects, stops at its next chunk and reports nothing more', async () => {
    const { client, log } = setup();
    const oldProgress: number[] = [];
    const older = client.run('chunks', { name: 'old', chunks: 1000 }, { channel: 'grid', onProgress: (p: { chunk: number }) => oldProgress.push(p.chunk) });
    const olderOutcome = older.then(() => 'resolved', (e: Error) => e.name);
    await until(() => oldProgress.length >= 2);
    const newer = client.run<{ name: string }>('chunks', { name: 'new', chunks: 3 }, { channel: 'grid' });
    const countAtCancel = oldProgress.length;
    expect(await olderOutcome).toBe('AbortError');
    expect((await newer).name).toBe('new');
    await until(() => log.ended.has('old'));
    // The worker-side job saw the cancel within a chunk or two of it, and none of its later chunks reached the caller.
    expect(log.ended.get('old')).toMatch(/^cancelled at chunk \d+$/);
    const stoppedAt = Number(/\d+/.exec(log.ended.get('old') ?? '')?.[0]);
    expect(stoppedAt).toBeLessThanOrEqual(countAtCancel + 2);
    expect(oldProgress.length).toBe(countAtCancel);
  });

  it('jobs on different channels run side by side', async () => {
    const { client } = setup();
    const [x, y] = await Promise.all([client.run<{ name: string }>('chunks', { name: 'x', chunks: 3 }, { channel: 'grid' }), client.run<{ name: string }>('chunks', { name: 'y', chunks: 3 }, { channel: 'train' })]);
    expect([x.name, y.name]).toEqual(['x', 'y']);
  });

  it('an AbortSignal cancels a job like a newer request, and cancelChannel does too', async () => {
    const { client, log } = setup();
    const abort = new AbortController();
    const first = client.run('chunks', { name: 's', chunks: 1000 }, { signal: abort.signal }).catch((e: Error) => e.name);
    await tick();
    abort.abort();
    expect(await first).toBe('AbortError');
    const second = client.run('chunks', { name: 'c', chunks: 1000 }, { channel: 'train' }).catch((e: Error) => e.name);
    await tick();
    client.cancelChannel('train');
    expect(await second).toBe('AbortError');
    await until(() => log.ended.has('s') && log.ended.has('c'));
    expect(log.ended.get('s')).toMatch(/^cancelled/);
    expect(log.ended.get('c')).toMatch(/^cancelled/);
    expect(client.inFlight).toBe(0);
  });

  it('a failing job rejects with its message and name; an unknown kind is named', async () => {
    const { client } = setup();
    await expect(client.run('fail', {})).rejects.toMatchObject({ name: 'RangeError', message: 'bad size' });
    await expect(client.run('nope', {})).rejects.toThrow(/unknown job kind 'nope'/);
  });

  it('transfers typed-array buffers when asked (the sender gives them up) and lists each buffer once', async () => {
    const echo = (async (p: { v: Float32Array }) => ({ sum: p.v.reduce((s, x) => s + x, 0) })) as JobHandler;
    const { client } = setup({ echo });
    const shared = new Float32Array([1, 2, 3, 4]);
    expect(transferablesOf({ a: shared.subarray(0, 2), b: shared, c: [shared] })).toEqual([shared.buffer]);
    const v = new Float32Array([1, 2, 3]);
    const result = await client.run<{ sum: number }>('echo', { v }, { transfer: true });
    expect(result.sum).toBe(6);
    expect(v.byteLength).toBe(0);
    const kept = new Float32Array([5]);
    await client.run('echo', { v: kept });
    expect(kept.byteLength).toBe(4);
  });
});

/**
 * Finished training runs by their key, least recently used first out, within a byte budget:
 * training is deterministic, so the same settings (a scene revisited, Back, a reload of the
 * link in the same page) reuse the run instead of training it again.
 */

/** A bounded least-recently-used map from run keys to values of a stated size. */
export class RunCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  /** Keeps at most `budgetBytes` of values (a single larger value is not kept at all). */
  constructor(private readonly budgetBytes: number) {}

  /** The value under key (and marks it as just used), or undefined. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores a value of `bytes` bytes, dropping the least recently used ones until the budget holds. */
  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.budgetBytes) return;
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
    }
  }

  /** Forgets a key (retraining on purpose). */
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
  }

  /** Keys from least to most recently used, and the bytes held (for tests and the page). */
  get usage(): { keys: string[]; bytes: number } {
    return { keys: [...this.entries.keys()], bytes: this.total };
  }
}

/** Bytes held by the typed arrays of a value (one level of arrays deep), for the cache's budget. */
export function typedArrayBytes(value: Readonly<Record<string, unknown>>): number {
  let bytes = 0;
  for (const v of Object.values(value)) {
    if (ArrayBuffer.isView(v)) bytes += v.byteLength;
    else if (Array.isArray(v)) for (const item of v) if (ArrayBuffer.isView(item)) bytes += item.byteLength;
  }
  return bytes;
}

import type { LabState } from './schema';

/** Called with the new state and the keys that changed. */
export type Listener = (state: Readonly<LabState>, changed: ReadonlySet<keyof LabState>) => void;

/** Holds the LabState and tells subscribers which keys each change touched. */
export class Store {
  private state: LabState;
  private readonly listeners = new Set<Listener>();
  /** The state when the outermost batch began (null outside a batch). */
  private batchStart: LabState | null = null;

  /** Creates a store around an initial state (copied). */
  constructor(initial: LabState) {
    this.state = { ...initial };
  }

  /** The current state; treat it as read-only. */
  get(): Readonly<LabState> {
    return this.state;
  }

  /** Applies a partial change and notifies once, with only the keys whose value really changed. */
  set(patch: Partial<LabState>): void {
    const changed = new Set<keyof LabState>();
    const next = { ...this.state };
    for (const key of Object.keys(patch) as (keyof LabState)[]) {
      const value = patch[key];
      if (value === undefined || Object.is(next[key], value)) continue;
      (next as Record<keyof LabState, unknown>)[key] = value;
      changed.add(key);
    }
    if (changed.size === 0) return;
    this.state = next;
    if (this.batchStart === null) this.notify(changed);
  }

  /**
   * Runs `change` (which may call set any number of times) and notifies once at the end, with the
   * keys whose value then differs from before it: subscribers never see a passing state (a link's
   * defaults before its scene is applied), and a key set and set back is no change.
   */
  batch(change: () => void): void {
    if (this.batchStart !== null) {
      change();
      return;
    }
    const start = this.state;
    this.batchStart = start;
    try {
      change();
    } finally {
      this.batchStart = null;
      const changed = new Set((Object.keys(this.state) as (keyof LabState)[]).filter((key) => !Object.is(start[key], this.state[key])));
      if (changed.size > 0) this.notify(changed);
    }
  }

  private notify(changed: ReadonlySet<keyof LabState>): void {
    for (const listener of this.listeners) listener(this.state, changed);
  }

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

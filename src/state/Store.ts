import type { LabState } from './schema';

/** Called with the new state and the keys that changed. */
export type Listener = (state: Readonly<LabState>, changed: ReadonlySet<keyof LabState>) => void;

/** Holds the LabState and tells subscribers which keys each change touched. */
export class Store {
  private state: LabState;
  private readonly listeners = new Set<Listener>();

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
    for (const listener of this.listeners) listener(this.state, changed);
  }

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

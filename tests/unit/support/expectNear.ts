/** Float comparison helpers for the core unit tests: every check states its tolerance. */
import { expect } from 'vitest';

/** Asserts |actual - expected| <= tol (absolute). */
export function expectNear(actual: number, expected: number, tol: number, what = 'value'): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected} (abs tol ${tol})`).toBeLessThanOrEqual(tol);
}

/** Asserts |actual - expected| <= tol * max(|expected|, floor) (relative, with an absolute floor). */
export function expectRelNear(actual: number, expected: number, tol: number, what = 'value', floor = 0): void {
  const bound = tol * Math.max(Math.abs(expected), floor);
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected} (rel tol ${tol})`).toBeLessThanOrEqual(bound);
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so failing cases can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seeded pseudo-random numbers for the network landscape (data sets, initialisation, random
 * directions): mulberry32 for uniforms, Box–Muller for normals. The same seed gives the same
 * sequence on every machine, which is what makes a permalink reproduce a trained network.
 */

/** A deterministic stream of random numbers. */
export interface Random {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

/** Scrambles a seed into a 32-bit state, so nearby seeds (0, 1, 2) start far apart. */
function mixSeed(seed: number): number {
  let h = Math.imul((Math.trunc(seed) ^ 0x9e3779b9) >>> 0, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A seeded random stream (any finite number is a seed; its integer part is used). */
export function createRandom(seed: number): Random {
  let state = mixSeed(Number.isFinite(seed) ? seed : 0);
  // Box–Muller makes normals in pairs; the second is kept for the next call.
  let spare: number | undefined;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return z;
    }
    const u1 = 1 - uniform(); // in (0, 1]: log(u1) is finite
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };
  return { uniform, range: (lo, hi) => lo + (hi - lo) * uniform(), normal };
}

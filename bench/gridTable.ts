/** Grid-pass and network figures as plain data and their tables (no tfjs: bench.ts prints them from Node). */

/** One timing: the first call (shader compilation included) and the median of the rest, ms. */
export interface Timing {
  first: number;
  median: number;
}

/** Grid-pass figures of one backend, keyed by N. */
export interface BackendFigures {
  /** The grid evaluator's pass (two nested passes). */
  passes: Record<number, Timing>;
  /** The tiled variant (one nested pass over the points fed twice), same backend, same N. */
  tiledPasses: Record<number, Timing>;
  kernels: Record<number, number>;
  tiledKernels: Record<number, number>;
  tensorsAfter: number;
}

/** Network figures of one backend (issue 8): training step, slice grid pass per N, HVP power iteration. */
export interface NetworkFigures {
  /** 2-8-8-1 tanh, 200 samples, Adam, ms per step (median over chunks of steps). */
  trainStep: number;
  gridPasses: Record<number, Timing>;
  /** Kernels of one whole slice grid pass at N = kernelN (all its chunks), and grid points per chunk. */
  gridKernels: number;
  kernelN: number;
  pointsPerPass: number;
  /** topEigenpairs(k 1, maxIter 1): first call and median, ms; and ms per iteration over 10. */
  hvpIteration: Timing;
  hvpPerIteration: number;
  tensorsAfter: number;
}

const fmt = (t?: Timing): string => (t ? `${t.median.toFixed(1)} (${t.first.toFixed(0)})` : 'n/a');

/** One table row per N: this pass, the tiled pass, tiled/pass time, kernels, closed-form loop, pass/loop. */
export function formatGridTable(name: string, f: BackendFigures, loops: Record<number, Timing>): string[] {
  const lines = [`${name}: tensors left ${f.tensorsAfter}`];
  lines.push('  N     pass ms median (first)  tiled ms median (first)  tiled/pass time  kernels pass/tiled  closed-form loop ms  pass/loop');
  for (const n of Object.keys(f.passes).map(Number)) {
    const p = f.passes[n];
    const o = f.tiledPasses[n];
    const l = loops[n];
    const kernels = `${f.kernels[n]}/${f.tiledKernels[n]}`;
    lines.push(
      `  ${String(n).padEnd(6)}${fmt(p).padEnd(24)}${fmt(o).padEnd(25)}${(o.median / p.median).toFixed(2).padEnd(17)}${kernels.padEnd(20)}${l.median.toFixed(2).padEnd(21)}${(p.median / l.median).toFixed(0)}`,
    );
  }
  return lines;
}

/** The network figures of one backend as lines. */
export function formatNetworkTable(name: string, f: NetworkFigures): string[] {
  const lines = [`${name}: training step (2-8-8-1 tanh, 200 samples, Adam) ${f.trainStep.toFixed(2)} ms; tensors left ${f.tensorsAfter}`];
  lines.push(`  slice grid pass ms median (first): ${Object.entries(f.gridPasses).map(([n, t]) => `N=${n} ${fmt(t)}`).join('  ')}`);
  const chunks = Math.ceil((f.kernelN * f.kernelN) / f.pointsPerPass);
  lines.push(`  slice grid pass at N=${f.kernelN}: ${f.gridKernels} kernels in ${chunks} chunks of up to ${f.pointsPerPass} grid points (${Math.round(f.gridKernels / chunks)} per chunk)`);
  lines.push(`  HVP power iteration (topEigenpairs k=1 maxIter=1) ${fmt(f.hvpIteration)} ms; ${f.hvpPerIteration.toFixed(2)} ms per iteration over 10`);
  return lines;
}

/** Ratios a/b of two backends' network figures, as one line. */
export function formatNetworkRatios(label: string, a: NetworkFigures, b: NetworkFigures): string {
  const grid = Object.keys(a.gridPasses).filter((n) => Number(n) in b.gridPasses).map((n) => `grid N=${n} ${(a.gridPasses[Number(n)].median / b.gridPasses[Number(n)].median).toFixed(2)}`);
  return `${label}: training step ${(a.trainStep / b.trainStep).toFixed(2)}  ${grid.join('  ')}  HVP iteration ${(a.hvpPerIteration / b.hvpPerIteration).toFixed(2)}`;
}

/** Ratios a/b of two backends' grid pass medians per N, as one line. */
export function formatGridRatios(label: string, a: BackendFigures, b: BackendFigures): string {
  return `${label}: ${Object.keys(a.passes).map((n) => `N=${n} ${(a.passes[Number(n)].median / b.passes[Number(n)].median).toFixed(2)}`).join('  ')}`;
}

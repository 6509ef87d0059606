/** Grid-pass figures as plain data and their table (no tfjs: bench.ts prints it from Node). */

/** One timing: the first call (shader compilation included) and the median of the rest, ms. */
export interface Timing {
  first: number;
  median: number;
}

/** Figures of one backend. */
export interface BackendFigures {
  passes: Record<number, Timing>;
  /** The old structure (two nested passes), same backend, same N: the before of before/after. */
  oldPasses: Record<number, Timing>;
  kernels: number;
  oldKernels: number;
  tensorsAfter: number;
}

/** One table row per N: this pass, the old pass, old/new, closed-form loop, pass/loop. */
export function formatGridTable(name: string, f: BackendFigures, loops: Record<number, Timing>): string[] {
  const fmt = (t?: Timing): string => (t ? `${t.median.toFixed(1)} (${t.first.toFixed(0)})` : 'n/a');
  const lines = [`${name}: kernels per pass ${f.kernels} (old structure ${f.oldKernels}, ratio ${(f.oldKernels / f.kernels).toFixed(2)}); tensors left ${f.tensorsAfter}`];
  lines.push('  N     pass ms median (first)  old pass ms        old/new  closed-form loop ms  pass/loop');
  for (const n of Object.keys(f.passes).map(Number)) {
    const p = f.passes[n];
    const o = f.oldPasses[n];
    const l = loops[n];
    lines.push(
      `  ${String(n).padEnd(6)}${fmt(p).padEnd(24)}${fmt(o).padEnd(19)}${(o.median / p.median).toFixed(2).padEnd(9)}${l.median.toFixed(2).padEnd(21)}${(p.median / l.median).toFixed(0)}`,
    );
  }
  return lines;
}

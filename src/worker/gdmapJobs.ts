/**
 * The GD-map view's compute jobs: the bifurcation diagram of x ← x − η f′(x) for a typed f (coarse
 * columns first, then the full resolution in chunks of η, checking the signal between chunks), and
 * the edge-of-stability run (edgeOfStability.ts), which reports its steps as it goes.
 */
import type { Expr } from '../core/expr/ast';
import { formatParseError, parseExpression } from '../core/expr/parser';
import { etaGrid, flipMarks, gdMapDiagram, gdMap1D, sampleColumns } from '../core/gdmap/diagram';
import { analyzeFlips, type MinimumFlip } from '../core/gdmap/flipAnalysis';
import type { DiagramColumn, GdMapDiagramData, XWindow } from '../core/gdmap/types';
import { compileSlope, jetOfExpr } from '../core/gdmap/univariateJet';
import type { JobContext } from './ComputeServer';
import { runEdgeOfStability, type EosChunk, type EosResult, type EosSettings } from './edgeOfStability';
import { abortError } from './protocol';

/** A diagram request: f(x) as typed, the x window, the coarse and the final number of η columns. */
export interface GdmapDiagramJob {
  readonly formula: string;
  readonly xMin: number;
  readonly xMax: number;
  readonly coarse: number;
  readonly resolution: number;
}

/** A diagram with the flips of its minima (a progress report holds the coarse one). */
export interface GdmapDiagramResult {
  readonly level: 'coarse' | 'full';
  readonly flips: MinimumFlip[];
  readonly diagram: GdMapDiagramData;
  /** Milliseconds this level took in the worker. */
  readonly ms: number;
}

/** Columns computed between two checks of the signal. */
const COLUMNS_PER_CHUNK = 40;

function parseF(text: string): Expr {
  const parsed = parseExpression(text, ['x']);
  if (!parsed.ok) throw new Error(formatParseError(text, parsed.error));
  return parsed.expr;
}

async function pause(signal: AbortSignal): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (signal.aborted) throw abortError();
}

/** The full-resolution columns over the coarse diagram's η range, in chunks. */
async function fineColumns(expr: Expr, window: XWindow, coarse: GdMapDiagramData, resolution: number, signal: AbortSignal): Promise<DiagramColumn[]> {
  const map = gdMap1D(compileSlope(expr));
  const etas = etaGrid(coarse.etaMin, coarse.etaMax, resolution);
  const starts = coarse.starts.map((s) => [s]);
  const columns: DiagramColumn[] = [];
  for (let i = 0; i < etas.length; i += COLUMNS_PER_CHUNK) {
    await pause(signal);
    columns.push(...sampleColumns(map, starts, etas.subarray(i, i + COLUMNS_PER_CHUNK), window.xMax - window.xMin, {}));
  }
  return columns;
}

/**
 * The diagram with a buffer of its own under every orbit: the core gives every diverged orbit one
 * shared empty array, which a transfer would detach for all later diagrams of this worker.
 */
function ownBuffers(d: GdMapDiagramData): GdMapDiagramData {
  const columns = d.columns.map((c) => ({ eta: c.eta, orbits: c.orbits.map((o) => ({ ...o, points: o.points.length === 0 ? new Float64Array(0) : o.points })) }));
  return { ...d, columns };
}

/** The diagram of f: the coarse level as progress, then the full one as the result. */
export async function gdmapDiagramJob(job: GdmapDiagramJob, context: JobContext): Promise<GdmapDiagramResult> {
  const t0 = performance.now();
  const expr = parseF(job.formula);
  if (!(job.xMax > job.xMin)) throw new Error(`the x window needs xmin < xmax, got [${job.xMin}, ${job.xMax}]`);
  const window = { xMin: job.xMin, xMax: job.xMax };
  const flips = analyzeFlips(jetOfExpr(expr), window);
  const minima = flips.map((f) => f.minimum);
  const coarse = gdMapDiagram(compileSlope(expr), minima, window, { resolution: job.coarse });
  context.progress({ level: 'coarse', flips, diagram: ownBuffers(coarse), ms: performance.now() - t0 } satisfies GdmapDiagramResult);
  const t1 = performance.now();
  const columns = await fineColumns(expr, window, coarse, job.resolution, context.signal);
  const diagram: GdMapDiagramData = { ...coarse, columns, flips: flipMarks(minima) };
  return { level: 'full', flips, diagram: ownBuffers(diagram), ms: performance.now() - t1 };
}

/** The edge-of-stability run; each report is an EosChunk. */
export async function eosJob(job: EosSettings, context: JobContext): Promise<EosResult> {
  return runEdgeOfStability(job, { signal: context.signal, onChunk: (chunk: EosChunk) => context.progress(chunk) });
}

/**
 * `taylor-lab spectrum run.json`: the Hessian's spectrum at the θ* of a saved network run
 * (taylor-lab-network/1): top and bottom eigenpairs by Lanczos with residuals and HVPs spent, and on
 * request the Hutchinson trace ± standard error, the SLQ density on a grid, the exact spectrum
 * (P ≤ 3000 by default) and the Gauss–Newton matrix's. The file is read by savedRunFile.ts;
 * output layout: docs/formats/spectrum.md.
 */
import type { Dataset, NetworkSpec } from '../core/network/types';
import type { EigenPair } from '../core/spectrum/lanczos';
import { initBackend } from '../compute/backend';
import { EXACT_MAX_PARAMETERS, hessianSpectrum, type ExactSpectrum, type HessianSpectrum, type SpectrumOptions } from '../compute/network/hessianSpectrum';
import type { ParsedArgs } from './cliArgs';
import { CliError, parseIntegerInRange, parseNumber } from './cliArgs';
import type { ReportValue } from './jsonOutput';
import { readSavedRun } from './savedRunFile';

/** Valued options of `spectrum`. */
export const SPECTRUM_OPTIONS = ['top', 'bottom', 'tol', 'max-steps', 'seed', 'probes', 'density-probes', 'density-steps', 'sigma', 'points', 'exact-max', 'engine'] as const;
/** Flags of `spectrum`. */
export const SPECTRUM_FLAGS = ['trace', 'density', 'exact', 'gauss-newton'] as const;
/** Name of the report layout. */
export const SPECTRUM_FORMAT = 'taylor-lab-spectrum/1';

/** A saved run as the spectrum needs it. */
export interface LoadedRun {
  readonly spec: NetworkSpec;
  readonly data: Dataset;
  readonly theta: Float64Array;
}

/** The spectrum options of one command line, checked (P bounds top and bottom). */
export function parseSpectrumOptions(args: ParsedArgs, parameters: number): SpectrumOptions {
  const get = (name: string) => args.values.get(name);
  const int = (name: string, fallback: number, min: number, max: number, why: string) => parseIntegerInRange(get(name) ?? String(fallback), `--${name}`, min, max, why);
  const top = int('top', Math.min(5, parameters), 1, parameters, 'eigenpairs (at most the parameter count)');
  const bottom = int('bottom', 1, 0, parameters - top, 'eigenpairs (top + bottom at most the parameter count)');
  const tolText = get('tol');
  const tol = tolText === undefined ? undefined : parseNumber(tolText, '--tol');
  if (tol !== undefined && !(tol > 0 && tol < 1)) throw new CliError(`--tol must be in (0, 1), got '${tolText}'`);
  const sigmaText = get('sigma');
  const sigma = sigmaText === undefined ? undefined : parseNumber(sigmaText, '--sigma');
  if (sigma !== undefined && !(sigma > 0)) throw new CliError(`--sigma must be > 0, got '${sigmaText}'`);
  const engine = get('engine') ?? 'tfjs';
  if (engine !== 'tfjs' && engine !== 'float64') throw new CliError(`unknown engine '${engine}': expected tfjs or float64`);
  return {
    engine,
    top,
    bottom,
    tol,
    maxSteps: get('max-steps') === undefined ? undefined : int('max-steps', 0, 1, parameters, 'Lanczos steps (at most the parameter count)'),
    seed: int('seed', 0, 0, 2 ** 31 - 1, 'for the random start and probe vectors'),
    trace: args.flags.has('trace') ? { probes: int('probes', 100, 2, 100_000, 'Hutchinson probes') } : false,
    density: args.flags.has('density')
      ? { probes: int('density-probes', 10, 1, 1000, 'SLQ probes'), steps: int('density-steps', Math.min(parameters, 80), 1, parameters, 'Lanczos steps per probe'), sigma, points: int('points', 256, 2, 100_000, 'grid points') }
      : false,
    exact: args.flags.has('exact') ? { maxParameters: int('exact-max', EXACT_MAX_PARAMETERS, 1, 20_000, 'parameters for the exact spectrum') } : false,
    gaussNewton: args.flags.has('gauss-newton'),
  };
}

const pairsJson = (pairs: readonly EigenPair[]): ReportValue => pairs.map((p) => ({ value: p.value, residual: p.residual }));

function exactJson(exact: ExactSpectrum, s: HessianSpectrum): ReportValue {
  const n = exact.eigenvalues.length;
  const top = s.lanczos.top.map((_, i) => exact.eigenvalues[n - 1 - i]);
  const bottom = s.lanczos.bottom.map((_, i) => exact.eigenvalues[i]);
  return { eigenvalues: Array.from(exact.eigenvalues), trace: exact.trace, moments: exact.moments, top, bottom };
}

/** The report of one spectrum (see docs/formats/spectrum.md). */
export function spectrumReport(file: string, run: LoadedRun, s: HessianSpectrum): Record<string, ReportValue> {
  const { lanczos, trace, density, exact, gaussNewton } = s;
  return {
    format: SPECTRUM_FORMAT,
    file,
    engine: s.engine,
    widths: [...run.spec.widths],
    activation: run.spec.activation,
    task: run.spec.task,
    weightDecay: run.spec.weightDecay,
    parameters: s.parameters,
    samples: run.data.size,
    lambdaMax: s.lambdaMax,
    lambdaMin: s.lambdaMin,
    stableLearningRate: s.stableLearningRate,
    eigenpairs: { top: pairsJson(lanczos.top), bottom: pairsJson(lanczos.bottom), hvps: lanczos.hvps, steps: lanczos.steps, converged: lanczos.converged, tol: lanczos.tol, scale: lanczos.scale },
    trace: trace && { estimate: trace.trace, standardError: trace.standardError, probes: trace.probes, hvps: trace.hvps },
    density: density && { grid: Array.from(density.grid), density: Array.from(density.density), sigma: density.sigma, hvps: density.hvps, rules: density.rules.map((r) => ({ nodes: Array.from(r.nodes), weights: Array.from(r.weights) })) },
    exact: exact ? exactJson(exact, s) : s.exactSkipped ? { skipped: s.exactSkipped } : null,
    gaussNewton: gaussNewton && { top: pairsJson(gaussNewton.top), exact: gaussNewton.exact && exactJson(gaussNewton.exact, s) },
    hvps: s.hvps,
  };
}

/** Runs `spectrum` on parsed arguments: reads the run, computes what the flags ask for, returns the report. */
export async function spectrumCommand(args: ParsedArgs): Promise<ReportValue> {
  if (args.positionals.length !== 1) throw new CliError(`spectrum takes one saved run (taylor-lab network --save run.json), got ${args.positionals.length} files`);
  const file = args.positionals[0];
  const saved = readSavedRun(file);
  const run: LoadedRun = { spec: saved.spec, data: saved.data, theta: Float64Array.from(saved.thetaStar) };
  const options = parseSpectrumOptions(args, run.theta.length);
  await initBackend('cpu');
  return spectrumReport(file, run, await hessianSpectrum(run.spec, run.data, run.theta, options));
}

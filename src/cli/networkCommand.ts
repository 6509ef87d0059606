/**
 * `taylor-lab network`: trains a small MLP on one of the lab's data sets with tfjs on the CPU
 * backend, picks two slice directions (filter-normalised random, top Hessian eigenvectors, or the
 * training path's principal components) and reports the loss, accuracy, the top (largest algebraic)
 * Hessian eigenvalues by Lanczos on HVPs with their residuals and the HVPs spent, and the slice's
 * value, gradient and Hessian at (0, 0) from exact float64 jets. `--save` writes the run in the
 * documented taylor-lab-network/1 layout.
 */
import { writeFileSync } from 'node:fs';
import { DATASET_INFO, DATASET_KINDS, isDatasetKind, makeDataset } from '../core/network/datasets';
import type { DatasetKind } from '../core/network/datasets';
import { accuracy, layersToNested, networkLoss, parameterCount } from '../core/network/mlp';
import { NetworkSliceLandscape } from '../core/network/NetworkSliceLandscape';
import type { Activation, Dataset, NetworkSpec } from '../core/network/types';
import { ACTIVATIONS } from '../core/network/types';
import { derivativesFromCoefficients } from '../core/landscape/Landscape';
import { initBackend } from '../compute/backend';
import { filterNormalizedDirections, hessianDirections, pathDirections } from '../compute/network/directions';
import { stableLearningRate, topEigenpairs } from '../compute/network/hessian';
import { MAX_TRAIN_STEPS, trainNetwork } from '../compute/network/train';
import type { OptimizerKind, TrainResult } from '../compute/network/train';
import type { ParsedArgs } from './cliArgs';
import { CliError, parseIntegerInRange, parseNumber } from './cliArgs';
import type { ReportValue } from './jsonOutput';
import { formatJson, replaceNonFinite } from './jsonOutput';

/** Valued options of `network`. */
export const NETWORK_OPTIONS = ['data', 'hidden', 'activation', 'steps', 'seed', 'directions', 'lr', 'optimizer', 'noise', 'weight-decay', 'save'] as const;

/** The slice directions the CLI can take. */
export const DIRECTION_KINDS = ['filter', 'hessian', 'path'] as const;
/** One kind of slice directions. */
export type DirectionKind = (typeof DIRECTION_KINDS)[number];

/** Name of the saved-run layout written by `--save`. */
export const SAVED_RUN_FORMAT = 'taylor-lab-network/1';

/** Widest hidden layer and most hidden layers the CLI accepts (it trains on the CPU). */
const MAX_WIDTH = 256;
const MAX_HIDDEN_LAYERS = 8;
/** Snapshots of the path kept over a run, for the path directions. */
const PATH_SNAPSHOTS = 50;

/** Everything one `network` command line asks for, checked. */
export interface NetworkSettings {
  readonly data: DatasetKind;
  readonly noise: number;
  readonly spec: NetworkSpec;
  readonly steps: number;
  readonly seed: number;
  readonly lr: number;
  readonly optimizer: OptimizerKind;
  readonly directions: DirectionKind;
  readonly save: string | undefined;
}

/** One of the allowed words, or a CliError listing them. */
function oneOf<T extends string>(text: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(text)) throw new CliError(`unknown ${option} '${text}': expected ${allowed.join(', ')}`);
  return text as T;
}

/** Hidden widths "8,8" (an empty text means no hidden layer), each a whole number from 1 to MAX_WIDTH. */
function parseHidden(text: string): number[] {
  if (text.trim() === '') return [];
  const widths = text.split(',').map((part) => {
    const w = Number(part);
    if (!/^\s*\d+\s*$/.test(part) || w < 1 || w > MAX_WIDTH) {
      throw new CliError(`--hidden widths must be whole numbers from 1 to ${MAX_WIDTH} separated by commas (e.g. 8,8), got '${text}'`);
    }
    return w;
  });
  if (widths.length > MAX_HIDDEN_LAYERS) throw new CliError(`--hidden allows at most ${MAX_HIDDEN_LAYERS} hidden layers, got ${widths.length}`);
  return widths;
}

/** A finite number >= 0 from an option, or a CliError. */
function nonNegative(text: string, option: string): number {
  const value = parseNumber(text, option);
  if (value < 0) throw new CliError(`${option} must be >= 0, got '${text}'`);
  return value;
}

/** Reads and checks every option of `network`; throws CliError (exit 2) for bad input. */
export function parseNetworkSettings(args: ParsedArgs): NetworkSettings {
  if (args.positionals.length > 0) throw new CliError(`network takes options only, got '${args.positionals[0]}' (try taylor-lab --help)`);
  const get = (name: string, fallback: string) => args.values.get(name) ?? fallback;
  const dataText = get('data', 'spiral');
  if (!isDatasetKind(dataText)) throw new CliError(`unknown data set '${dataText}': expected ${DATASET_KINDS.join(', ')}`);
  const task = DATASET_INFO[dataText].task;
  const hidden = parseHidden(get('hidden', '8,8'));
  const activation: Activation = oneOf(get('activation', 'tanh'), ACTIVATIONS, 'activation');
  const optimizer: OptimizerKind = oneOf(get('optimizer', 'adam'), ['gd', 'adam'] as const, 'optimizer');
  const lr = parseNumber(get('lr', optimizer === 'adam' ? '0.01' : '0.1'), '--lr');
  if (!(lr > 0)) throw new CliError(`--lr must be a number > 0, got '${get('lr', '')}'`);
  return {
    data: dataText,
    noise: nonNegative(get('noise', '0.1'), '--noise'),
    spec: { widths: [dataText === 'sine' ? 1 : 2, ...hidden, 1], activation, task, weightDecay: nonNegative(get('weight-decay', '0'), '--weight-decay') },
    steps: parseIntegerInRange(get('steps', '500'), '--steps', 1, MAX_TRAIN_STEPS, 'optimizer steps'),
    seed: parseIntegerInRange(get('seed', '1'), '--seed', 0, 2 ** 31 - 1, 'for the data, the initialisation and the directions'),
    lr,
    optimizer,
    directions: oneOf(get('directions', 'filter'), DIRECTION_KINDS, 'directions'),
    save: args.values.get('save'),
  };
}

/** The slice directions of the chosen kind, and what they add to the report. */
async function chooseDirections(settings: NetworkSettings, data: Dataset, run: TrainResult): Promise<{ d1: Float64Array; d2: Float64Array; about: Record<string, ReportValue> }> {
  const { spec, seed } = settings;
  if (settings.directions === 'filter') return { ...filterNormalizedDirections(spec, run.theta, seed), about: {} };
  if (settings.directions === 'hessian') {
    const found = await hessianDirections(spec, data, run.theta, { seed });
    return { d1: found.d1, d2: found.d2, about: { eigenvalues: found.eigenvalues } };
  }
  try {
    const path = pathDirections(run.snapshots, run.theta);
    return { d1: path.d1, d2: path.d2, about: { explained: path.explained, snapshots: run.snapshots.length } };
  } catch (e) {
    throw new CliError(`path directions: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The slice directions and the top two (largest algebraic) Hessian eigenpairs at θ*. A failure of
 * the eigen-solve (a Hessian that is not finite at θ*) is reported as a CliError: it comes from
 * the settings, not from a bug.
 */
async function curvature(settings: NetworkSettings, data: Dataset, run: TrainResult): Promise<{ directions: Awaited<ReturnType<typeof chooseDirections>>; eigen: { eigenvalues: number[]; residuals: number[]; hvps: number } }> {
  try {
    const directions = await chooseDirections(settings, data, run);
    const eigen = await topEigenpairs(settings.spec, data, run.theta, { k: 2, seed: settings.seed });
    return { directions, eigen };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`no curvature at the trained parameters: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Runs `network` on parsed arguments: trains, slices and reports; throws CliError for bad input or a diverged run. */
export async function networkCommand(args: ParsedArgs): Promise<ReportValue> {
  const settings = parseNetworkSettings(args);
  const { spec, seed } = settings;
  await initBackend('cpu');
  const data = makeDataset(settings.data, { seed, noise: settings.noise });
  const run = await trainNetwork(spec, data, {
    optimizer: settings.optimizer,
    lr: settings.lr,
    steps: settings.steps,
    seed,
    snapshotEvery: Math.max(1, Math.floor(settings.steps / PATH_SNAPSHOTS)),
  });
  if (run.reason === 'diverged') {
    throw new CliError(`training diverged: the loss stopped being finite after step ${run.steps} of ${settings.steps}; try a smaller --lr than ${settings.lr}`);
  }
  const { directions, eigen } = await curvature(settings, data, run);
  const slice = new NetworkSliceLandscape(spec, data, run.theta, directions.d1, directions.d2, { dataName: settings.data });
  const d = derivativesFromCoefficients(slice.coefficients(0, 0, 2));
  const report = {
    loss: networkLoss(spec, run.theta, data),
    trainingLoss: run.loss,
    accuracy: accuracy(spec, run.theta, data),
    lambdaMax: eigen.eigenvalues[0],
    stableLearningRate: stableLearningRate(eigen.eigenvalues[0]),
    eigenvalues: eigen.eigenvalues,
    residuals: eigen.residuals,
    hvps: eigen.hvps,
    slice: { value: d.f, gradient: [d.gx, d.gy], hessian: [[d.hxx, d.hxy], [d.hxy, d.hyy]] },
  };
  const summary = {
    data: settings.data,
    task: spec.task,
    widths: [...spec.widths],
    activation: spec.activation,
    weightDecay: spec.weightDecay,
    parameters: parameterCount(spec),
    optimizer: settings.optimizer,
    lr: settings.lr,
    steps: run.steps,
    seed,
    noise: settings.noise,
    directions: { kind: settings.directions, ...directions.about },
    ...report,
  };
  if (settings.save !== undefined) {
    saveRun(settings.save, { settings, data, theta: run.theta, d1: directions.d1, d2: directions.d2, report });
    return { ...summary, saved: settings.save };
  }
  return summary;
}

/** What `--save` writes. */
interface SavedRun {
  readonly settings: NetworkSettings;
  readonly data: Dataset;
  readonly theta: Float64Array;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  readonly report: ReportValue;
}

/** The run in the taylor-lab-network/1 layout (see the README), as a JSON value. */
export function savedRunJson(run: SavedRun): ReportValue {
  const { spec } = run.settings;
  const { data } = run;
  const nested = (p: Float64Array) => layersToNested(spec, p).map((l) => ({ weights: l.weights, bias: l.bias }));
  return {
    format: SAVED_RUN_FORMAT,
    task: spec.task,
    activation: spec.activation,
    weightDecay: spec.weightDecay,
    data: {
      inputs: Array.from({ length: data.size }, (_, k) => Array.from(data.inputs.subarray(k * data.inputDim, (k + 1) * data.inputDim))),
      targets: Array.from(data.targets),
    },
    layers: nested(run.theta),
    directions: { kind: run.settings.directions, d1: nested(run.d1), d2: nested(run.d2) },
    report: run.report,
  };
}

/** Writes the saved run; a path that cannot be written is the user's input, so it is a CliError. */
function saveRun(path: string, run: SavedRun): void {
  const { value } = replaceNonFinite(savedRunJson(run));
  try {
    writeFileSync(path, `${formatJson(value)}\n`);
  } catch (e) {
    throw new CliError(`cannot write --save file '${path}': ${e instanceof Error ? e.message : String(e)}`);
  }
}

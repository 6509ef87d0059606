/**
 * `taylor-lab network`: trains an MLP with tfjs on the CPU backend — on a synthetic set, a real one
 * (8×8 digits, MNIST, Iris, Chebyshev), a user CSV, or from an imported tfjs Layers model's weights —
 * picks two slice directions (filter-normalised random, top Hessian eigenvectors, or the training
 * path's principal components) and reports the training and test loss and accuracy, the top
 * (largest algebraic) Hessian eigenvalues by Lanczos on HVPs with their residuals, and the slice's
 * value, gradient and Hessian at (0, 0). `--save` writes taylor-lab-network/1 for the synthetic sets
 * (unchanged) and taylor-lab-network/2 for the rest.
 */
import { writeFileSync } from 'node:fs';
import type { PreparedData } from '../core/data/catalog';
import { stepsForEpochs } from '../core/data/miniBatch';
import type { ImportedModel } from '../core/network/kerasImport';
import { accuracy, initParameters, layersToNested, networkLoss, outputCount, parameterCount } from '../core/network/mlp';
import { SAVED_RUN_V1, SAVED_RUN_V2, savedRunV2Json } from '../core/network/savedRun';
import type { Dataset, NetworkSpec } from '../core/network/types';
import { initBackend } from '../compute/backend';
import { filterNormalizedDirections, hessianDirections, pathDirections } from '../compute/network/directions';
import { stableLearningRate, topEigenpairs } from '../compute/network/hessian';
import { MAX_TRAIN_STEPS, trainNetwork } from '../compute/network/train';
import type { TrainResult } from '../compute/network/train';
import type { ParsedArgs } from './cliArgs';
import { CliError } from './cliArgs';
import type { ReportValue } from './jsonOutput';
import { formatJson, replaceNonFinite } from './jsonOutput';
import type { DataChoice } from './networkData';
import { loadData, loadModel } from './networkData';
import { sliceAtOrigin } from './networkSlice';
import type { NetworkSettings } from './networkOptions';
import { NETWORK_OPTIONS as SETTINGS_OPTIONS, parseNetworkSettings } from './networkOptions';
import { parseTrackSharpness, SharpnessTrack, TRACK_SHARPNESS_OPTION } from './sharpnessTrack';

export { DIRECTION_KINDS, parseNetworkSettings } from './networkOptions';
/** Valued options of `network`: the settings' and --track-sharpness K. */
export const NETWORK_OPTIONS = [...SETTINGS_OPTIONS, TRACK_SHARPNESS_OPTION] as const;
export type { DirectionKind, NetworkSettings } from './networkOptions';

/** Name of the saved-run layout written by `--save` for the synthetic sets (version 1, read by savedRunFile.ts). */
export const SAVED_RUN_FORMAT = SAVED_RUN_V1;
/** Name of the layout written for real data, CSV files, imported models and multi-class networks. */
export const SAVED_RUN_FORMAT_V2 = SAVED_RUN_V2;

/** Snapshots of the path kept over a run, for the path directions. */
const PATH_SNAPSHOTS = 50;

/** The network a run uses: the model's, or the settings' hidden widths around the data's inputs and outputs. */
interface RunSetup {
  readonly spec: NetworkSpec;
  readonly prepared: PreparedData;
  readonly model: ImportedModel | null;
}

/** Outputs for a data set: one per class from three classes on, else one (logistic or regression). */
function outputsFor(data: Dataset): number {
  return data.task === 'classification' && (data.classes ?? 2) > 2 ? data.classes! : 1;
}

/** Checks that an imported model fits the data (inputs, task, classes); CliError otherwise. */
function modelSpec(model: ImportedModel, prepared: PreparedData, weightDecay: number, file: string): NetworkSpec {
  const { train } = prepared;
  const spec = { ...model.spec, weightDecay };
  if (spec.widths[0] !== train.inputDim) throw new CliError(`${file}: the model takes ${spec.widths[0]} inputs, the data set ${prepared.source} has ${train.inputDim}`);
  if (spec.task !== train.task) throw new CliError(`${file}: the model does ${spec.task}, the data set ${prepared.source} is for ${train.task}`);
  const classes = train.classes ?? 2;
  const K = outputCount(spec);
  if (spec.task === 'classification' && (K === 1 ? classes !== 2 : K !== classes)) throw new CliError(`${file}: the model has ${K} outputs, the data set ${prepared.source} has ${classes} classes`);
  return spec;
}

/** Loads the data (and model) a command line names and settles the network. */
function setUp(settings: NetworkSettings): RunSetup {
  const prepared = loadData(settings.data, { seed: settings.seed, noise: settings.noise, degree: settings.degree });
  const { train } = prepared;
  if (settings.model !== undefined) {
    const model = loadModel(settings.model, { linearOutputTask: train.task });
    return { spec: modelSpec(model, prepared, settings.weightDecay, settings.model), prepared, model };
  }
  const spec: NetworkSpec = { widths: [train.inputDim, ...settings.hidden, outputsFor(train)], activation: settings.activation, task: train.task, weightDecay: settings.weightDecay };
  return { spec, prepared, model: null };
}

/** Trains (from the seeded start or the model's θ), or takes the model's θ as it is when no steps were asked for. */
async function trainOrTake(settings: NetworkSettings, setup: RunSetup, track: SharpnessTrack | null = null): Promise<TrainResult> {
  const { spec, prepared, model } = setup;
  const { train } = prepared;
  const steps = settings.steps ?? (settings.epochs !== null ? stepsForEpochs(train.size, settings.batchSize ?? train.size, settings.epochs) : null);
  if (steps === null && model) {
    const loss = networkLoss(spec, model.theta, train);
    return { theta: model.theta, lossHistory: Float64Array.of(loss), loss, accuracy: accuracy(spec, model.theta, train), snapshots: [model.theta], snapshotSteps: [0], steps: 0, reason: 'done' };
  }
  if (steps === null || steps > MAX_TRAIN_STEPS) throw new CliError(`--epochs gives ${steps} optimizer steps; at most ${MAX_TRAIN_STEPS}`);
  await track?.sample(0, model?.theta ?? initParameters(spec, settings.seed));
  const run = await trainNetwork(spec, train, {
    optimizer: settings.optimizer,
    lr: settings.lr,
    steps,
    seed: settings.seed,
    momentum: settings.momentum,
    batchSize: settings.batchSize,
    initialTheta: model?.theta,
    snapshotEvery: Math.max(1, Math.floor(steps / PATH_SNAPSHOTS)),
    ...(track ? { yieldEvery: track.every, onParameters: (step: number, theta: Float64Array) => track.sample(step, theta) } : {}),
  });
  if (run.reason === 'diverged') {
    throw new CliError(`training diverged: the loss stopped being finite after step ${run.steps} of ${steps}; try a smaller --lr than ${settings.lr}`);
  }
  return run;
}

/** The slice directions of the chosen kind, and what they add to the report. */
async function chooseDirections(settings: NetworkSettings, spec: NetworkSpec, data: Dataset, run: TrainResult): Promise<{ d1: Float64Array; d2: Float64Array; about: Record<string, ReportValue> }> {
  const { seed } = settings;
  if (settings.directions === 'filter') return { ...filterNormalizedDirections(spec, run.theta, seed), about: {} };
  if (settings.directions === 'hessian') {
    const found = await hessianDirections(spec, data, run.theta, { seed });
    return { d1: found.d1, d2: found.d2, about: { eigenvalues: found.eigenvalues } };
  }
  try {
    const path = pathDirections(run.snapshots, run.theta);
    return { d1: path.d1, d2: path.d2, about: { explained: path.explained, snapshots: run.snapshots.length } };
  } catch (e) {
    throw new CliError(`path directions: ${e instanceof Error ? e.message : String(e)}${run.steps === 0 ? ' (a model that is not trained has no path: add --steps)' : ''}`);
  }
}

/**
 * The slice directions and the top two (largest algebraic) Hessian eigenpairs at θ*. A failure of
 * the eigen-solve (a Hessian that is not finite at θ*) is reported as a CliError: it comes from
 * the settings, not from a bug.
 */
async function curvature(settings: NetworkSettings, spec: NetworkSpec, data: Dataset, run: TrainResult): Promise<{ directions: Awaited<ReturnType<typeof chooseDirections>>; eigen: { eigenvalues: number[]; residuals: number[]; hvps: number } }> {
  try {
    const directions = await chooseDirections(settings, spec, data, run);
    const eigen = await topEigenpairs(spec, data, run.theta, { k: 2, seed: settings.seed });
    return { directions, eigen };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`no curvature at the trained parameters: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** What the data choice is called in the report. */
function dataName(choice: DataChoice): string {
  return choice.kind === 'csv' ? choice.path : choice.name;
}

/** Runs `network` on parsed arguments: trains, slices and reports; throws CliError for bad input or a diverged run. */
export async function networkCommand(args: ParsedArgs): Promise<ReportValue> {
  const settings = parseNetworkSettings(args);
  await initBackend('cpu');
  const setup = setUp(settings);
  const { spec, prepared } = setup;
  const { train, test } = prepared;
  const every = parseTrackSharpness(args);
  const track = every === null ? null : new SharpnessTrack(spec, train, every, settings.lr);
  const run = await trainOrTake(settings, setup, track);
  const { directions, eigen } = await curvature(settings, spec, train, run);
  const slice = sliceAtOrigin(spec, train, run.theta, directions.d1, directions.d2, dataName(settings.data));
  const report = {
    loss: networkLoss(spec, run.theta, train),
    trainingLoss: run.loss,
    accuracy: accuracy(spec, run.theta, train),
    testLoss: test ? networkLoss(spec, run.theta, test) : null,
    testAccuracy: test ? accuracy(spec, run.theta, test) : null,
    objective: { samples: train.size, part: 'the whole training set' },
    lambdaMax: eigen.eigenvalues[0],
    stableLearningRate: stableLearningRate(eigen.eigenvalues[0]),
    eigenvalues: eigen.eigenvalues,
    residuals: eigen.residuals,
    hvps: eigen.hvps,
    slice: { ...slice },
    ...(track ? { sharpness: track.report(settings.optimizer) } : {}),
  };
  const summary = {
    data: dataName(settings.data),
    ...(settings.data.kind === 'synthetic' ? {} : { dataLabel: prepared.label, trainSize: train.size, testSize: test?.size ?? 0 }),
    ...(settings.model !== undefined ? { model: settings.model } : {}),
    task: spec.task,
    ...(outputCount(spec) > 1 ? { classes: outputCount(spec) } : {}),
    widths: [...spec.widths],
    activation: spec.activation,
    weightDecay: spec.weightDecay,
    parameters: parameterCount(spec),
    optimizer: settings.optimizer,
    lr: settings.lr,
    ...(settings.batchSize !== undefined ? { batchSize: settings.batchSize } : {}),
    steps: run.steps,
    seed: settings.seed,
    ...(settings.data.kind === 'synthetic' ? { noise: settings.noise } : {}),
    directions: { kind: settings.directions, ...directions.about },
    ...report,
  };
  if (settings.save !== undefined) {
    saveRun(settings.save, savedJson({ settings, setup, theta: run.theta, d1: directions.d1, d2: directions.d2, report }));
    return { ...summary, saved: settings.save };
  }
  return summary;
}

/** What `--save` writes. */
interface SavedRun {
  readonly settings: NetworkSettings;
  readonly setup: RunSetup;
  readonly theta: Float64Array;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  readonly report: ReportValue;
}

/** Version 1 for a synthetic set trained in the CLI (unchanged), version 2 for everything else. */
function savedJson(run: SavedRun): ReportValue {
  const { settings, setup } = run;
  if (settings.data.kind === 'synthetic' && setup.model === null) return savedRunJson(run);
  const { prepared } = setup;
  const source: Record<string, string | number | null> = { kind: settings.data.kind, name: dataName(settings.data), label: prepared.label };
  if (settings.data.kind === 'csv') Object.assign(source, { target: settings.data.target, task: settings.data.task });
  if (settings.data.kind === 'named' && settings.data.name === 'chebyshev') source.degree = settings.degree;
  if (settings.model !== undefined) source.model = settings.model;
  const json = savedRunV2Json({
    spec: setup.spec,
    theta: run.theta,
    d1: run.d1,
    d2: run.d2,
    directionsKind: settings.directions,
    rawTrain: prepared.rawTrain,
    rawTest: prepared.rawTest,
    standardization: prepared.standardization,
    split: prepared.split,
    classNames: prepared.classNames,
    source,
  });
  return { ...(json as Record<string, ReportValue>), report: run.report };
}

/** The run in the taylor-lab-network/1 layout (see the README), as a JSON value. */
export function savedRunJson(run: SavedRun): ReportValue {
  const { spec, prepared } = run.setup;
  const data = prepared.train;
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
function saveRun(path: string, json: ReportValue): void {
  const { value } = replaceNonFinite(json);
  try {
    writeFileSync(path, `${formatJson(value)}\n`);
  } catch (e) {
    throw new CliError(`cannot write --save file '${path}': ${e instanceof Error ? e.message : String(e)}`);
  }
}

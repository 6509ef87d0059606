/**
 * From the state's network keys to what training needs: the architecture, the data set and the
 * optimizer settings, with one clear message for anything no run can use. The synthetic sets are
 * made here from the seed; a real set (digits, MNIST, Iris, Chebyshev, the user's CSV) comes in
 * prepared (split, standardised: networkSources.ts), and an imported model brings its own spec and θ*.
 */
import type { PreparedData } from '../../core/data/catalog';
import { stepsForEpochs } from '../../core/data/miniBatch';
import { subsetDataset } from '../../core/data/split';
import { DATASET_INFO, isDatasetKind, makeDataset } from '../../core/network/datasets';
import { checkNetworkFits } from '../../core/network/mlp';
import type { Dataset, NetworkSpec } from '../../core/network/types';
import type { LabState } from '../../state/schema';
import type { UserModel } from '../../ui/UserFiles';

/** Most steps the page trains for in one run (the CLI has the same bound). */
export const MAX_PAGE_STEPS = 100_000;
/** Widest hidden layer the page accepts (784-128-64-10 and wider fit). */
export const MAX_WIDTH = 256;
/** Most hidden layers. */
export const MAX_HIDDEN_LAYERS = 4;

/** How many of the training samples the slice, the Hessian and every curvature figure use. */
export interface ObjectiveInfo {
  /** Samples in the objective. */
  readonly size: number;
  /** Samples in the training set. */
  readonly of: number;
  /** True when the objective is a fixed seeded subset (size < of). */
  readonly subset: boolean;
}

/** Everything one training run is made of. */
export interface NetworkSettings {
  readonly spec: NetworkSpec;
  /** The stated objective: the slice, the grid, the Hessian and λmax are of the loss on these samples. */
  readonly data: Dataset;
  readonly optimizer: LabState['netOptimizer'];
  readonly lr: number;
  /** Optimizer steps (0: an imported model shown as loaded, no training). */
  readonly steps: number;
  readonly seed: number;
  readonly directions: LabState['netDirections'];
  readonly dataName: string;
  /** Whether λmax is tracked while training. */
  readonly sharpness: boolean;
  /** Identity of the run: the same key trains the same network (training is deterministic). */
  readonly key: string;
  /** The samples training sees (absent: `data`); larger than `data` when the objective is a subset. */
  readonly trainData?: Dataset;
  /** Samples per step (absent: full batch). */
  readonly batchSize?: number;
  /** Start from these parameters (an imported model) instead of the seeded initialisation. */
  readonly initialTheta?: Float64Array;
  /** The real data set behind the run (test part, class names, image size), or absent for a synthetic set. */
  readonly prepared?: PreparedData;
  readonly objective?: ObjectiveInfo;
  /** Name of the imported model, when θ* starts from one. */
  readonly modelName?: string;
}

/** The keys of the state that define a run. */
export const NETWORK_KEYS = [
  'netData', 'netNoise', 'netSamples', 'netHidden', 'netActivation', 'netWeightDecay', 'netOptimizer', 'netLr', 'netSteps', 'netSeed', 'netDirections', 'netSharpness',
  'netDegree', 'netBatch', 'netEpochs', 'netObjective', 'netCsvName', 'netCsvTarget', 'netCsvTask', 'netModelName', 'netModelTrain',
] as const;

/** The keys every run's identity contains (the real-data keys join only when they matter). */
const BASE_KEYS = NETWORK_KEYS.slice(0, 12);

/** Hidden widths from text ("8,8"), or a message saying what is wrong. */
export function parseHiddenWidths(text: string): number[] | string {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return 'give at least one hidden width, e.g. 8,8';
  if (parts.length > MAX_HIDDEN_LAYERS) return `at most ${MAX_HIDDEN_LAYERS} hidden layers`;
  const widths = parts.map(Number);
  if (widths.some((w) => !Number.isInteger(w) || w < 1 || w > MAX_WIDTH)) return `hidden widths must be whole numbers from 1 to ${MAX_WIDTH} (got "${text}")`;
  return widths;
}

/** A learning rate or step count problem, or null when the values can train. */
export function trainingProblem(lr: number, steps: number): string | null {
  if (!Number.isFinite(lr) || lr <= 0) return `the learning rate must be a number > 0 (got ${lr})`;
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_PAGE_STEPS) return `steps must be a whole number from 1 to ${MAX_PAGE_STEPS} (got ${steps})`;
  return null;
}

/** What a real-data run needs beyond the state: the prepared data, the user's model, a fingerprint of the user's files. */
export interface SettingsInputs {
  readonly prepared?: PreparedData | null;
  readonly model?: UserModel | null;
  /** Identity of the user's files the run uses ('' when none). */
  readonly files?: string;
}

/** The run the state describes, or a message for the user; a real data set must come prepared in `inputs`. */
export function networkSettings(s: Readonly<LabState>, inputs: SettingsInputs = {}): NetworkSettings | string {
  if (!isDatasetKind(s.netData) || s.netModelName !== '') return realDataSettings(s, inputs);
  const hidden = parseHiddenWidths(s.netHidden);
  if (typeof hidden === 'string') return hidden;
  const problem = trainingProblem(s.netLr, s.netSteps);
  if (problem) return problem;
  const info = DATASET_INFO[s.netData];
  const data = makeDataset(s.netData, { seed: s.netSeed, noise: s.netNoise, size: s.netSamples });
  const spec: NetworkSpec = { widths: [data.inputDim, ...hidden, 1], activation: s.netActivation, task: info.task, weightDecay: s.netWeightDecay };
  const key = BASE_KEYS.map((k) => `${k}=${String(s[k])}`).join('&');
  const extra = s.netOptimizer === 'momentum' || s.netBatch > 0 || s.netEpochs > 0 ? `&netBatch=${s.netBatch}&netEpochs=${s.netEpochs}` : '';
  const batchSize = s.netBatch > 0 && s.netBatch < data.size ? s.netBatch : undefined;
  const steps = s.netEpochs > 0 ? stepsForEpochs(data.size, batchSize ?? data.size, s.netEpochs) : s.netSteps;
  const tooMany = trainingProblem(s.netLr, steps);
  if (tooMany) return `${s.netEpochs} epochs: ${tooMany}`;
  return { spec, data, optimizer: s.netOptimizer, lr: s.netLr, steps, seed: s.netSeed, directions: s.netDirections, dataName: info.label, sharpness: s.netSharpness, key: key + extra, batchSize };
}

/** Outputs of a network for the data: K for K >= 3 classes, else 1 (a logit, or the regression value). */
function outputsFor(data: Dataset): number {
  return data.task === 'classification' && (data.classes ?? 2) > 2 ? (data.classes ?? 2) : 1;
}

/** Steps of the run: none for a loaded model left as it is, else netEpochs epochs or netSteps steps. */
function stepsOf(s: Readonly<LabState>, train: Dataset, batchSize: number | undefined, model: boolean): number | string {
  if (model && !s.netModelTrain) return 0;
  const steps = s.netEpochs > 0 ? stepsForEpochs(train.size, batchSize ?? train.size, s.netEpochs) : s.netSteps;
  const problem = trainingProblem(s.netLr, steps);
  return problem ? (s.netEpochs > 0 ? `${s.netEpochs} epochs of ${batchSize ?? train.size} samples: ${problem}` : problem) : steps;
}

/** A run on prepared real data, or from the user's model, or a message. */
function realDataSettings(s: Readonly<LabState>, inputs: SettingsInputs): NetworkSettings | string {
  const prepared = inputs.prepared;
  if (!prepared) return `the ${s.netData} data set is not loaded yet`;
  const train = prepared.train;
  const model = s.netModelName !== '' ? (inputs.model ?? null) : null;
  if (s.netModelName !== '' && !model) return `the model ${s.netModelName} is not loaded in this page`;
  let spec: NetworkSpec;
  if (model) {
    spec = { ...model.model.spec, weightDecay: s.netWeightDecay };
    try {
      checkNetworkFits(spec, model.model.theta, train);
    } catch (e) {
      return `the model ${model.name} does not fit ${prepared.label}: ${(e as Error).message}`;
    }
  } else {
    const hidden = parseHiddenWidths(s.netHidden);
    if (typeof hidden === 'string') return hidden;
    spec = { widths: [train.inputDim, ...hidden, outputsFor(train)], activation: s.netActivation, task: train.task, weightDecay: s.netWeightDecay };
  }
  const batchSize = s.netBatch > 0 && s.netBatch < train.size ? s.netBatch : undefined;
  const steps = stepsOf(s, train, batchSize, model !== null);
  if (typeof steps === 'string') return steps;
  const objectiveSize = s.netObjective > 0 ? Math.min(s.netObjective, train.size) : train.size;
  const data = objectiveSize < train.size ? subsetDataset(train, objectiveSize, s.netSeed).data : train;
  const keys = NETWORK_KEYS.filter((k) => k !== 'netNoise' && k !== 'netSamples');
  const key = `${keys.map((k) => `${k}=${String(s[k])}`).join('&')}&files=${inputs.files ?? ''}`;
  // Without training there is no path to take directions from: the random ones stand in.
  const directions = steps === 0 && s.netDirections === 'path' ? 'filter' : s.netDirections;
  return {
    spec, data, trainData: train, batchSize, optimizer: s.netOptimizer, lr: s.netLr, steps, seed: s.netSeed, directions, dataName: prepared.label, sharpness: s.netSharpness && steps > 0, key,
    prepared, objective: { size: data.size, of: train.size, subset: data.size < train.size }, initialTheta: model?.model.theta, modelName: model?.name,
  };
}

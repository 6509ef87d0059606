/**
 * The saved network run, version 2 (taylor-lab-network/2, docs/formats/network-run.md): what
 * version 1 holds (task, activation, weight decay, nested layers, directions, report, the
 * objective's inputs and targets) plus the outputs (K logits with softmax cross-entropy), the class
 * names, the source, the held-out test part, the seeded split and the standardisation. Inputs are
 * stored as given (pixels, CSV values); the network sees (x_j - mean[j]) / scale[j]. Pure: JSON
 * values in and out. parseSavedRun also reads version 1.
 */
import type { NestedLayer } from './mlp';
import { layersToNested, nestedToLayers, outputCount } from './mlp';
import type { Activation, Dataset, NetworkSpec, Task } from './types';
import { ACTIVATIONS } from './types';

/** Format names of the two versions. */
export const SAVED_RUN_V1 = 'taylor-lab-network/1';
/** The version that covers multiple outputs, the split and standardisation. */
export const SAVED_RUN_V2 = 'taylor-lab-network/2';

/** Standardisation as stored: network input j = (x_j - mean[j]) / scale[j]. */
export interface StoredStandardization {
  readonly mode: string;
  readonly mean: ArrayLike<number>;
  readonly scale: ArrayLike<number>;
}

/** Everything a version 2 file holds, in the lab's flat and typed form. */
export interface SavedRunContent {
  readonly spec: NetworkSpec;
  readonly theta: ArrayLike<number>;
  readonly d1: ArrayLike<number>;
  readonly d2: ArrayLike<number>;
  readonly directionsKind: string;
  /** The training objective's samples before standardisation. */
  readonly rawTrain: Dataset;
  readonly rawTest: Dataset | null;
  readonly standardization: StoredStandardization;
  readonly split: { readonly seed: number | null; readonly testFraction: number | null; readonly trainIndices: ArrayLike<number>; readonly testIndices: ArrayLike<number> } | null;
  readonly classNames: readonly string[] | null;
  readonly source: Readonly<Record<string, string | number | null>>;
}

/** A saved run read back: the network, θ*, directions and the standardised data it reports on. */
export interface ParsedSavedRun {
  readonly format: typeof SAVED_RUN_V1 | typeof SAVED_RUN_V2;
  readonly spec: NetworkSpec;
  readonly thetaStar: Float64Array;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  readonly directionsKind: string;
  /** The objective's samples as the network sees them (standardised). */
  readonly data: Dataset;
  readonly test: Dataset | null;
  readonly classes: number | null;
}

/** A file that is not a saved run of either version; the message names the field. */
export class SavedRunError extends Error {
  override readonly name = 'SavedRunError';
}

/** The loss name of a spec, as version 2 writes it. */
function lossName(spec: NetworkSpec): string {
  if (spec.task === 'regression') return 'squared-error';
  return outputCount(spec) > 1 ? 'softmax-cross-entropy' : 'logistic';
}

function rows(data: Dataset): number[][] {
  return Array.from({ length: data.size }, (_, k) => Array.from(data.inputs.subarray(k * data.inputDim, (k + 1) * data.inputDim)));
}

/** The run as a version 2 JSON object (the caller adds "report" and writes it). */
export function savedRunV2Json(run: SavedRunContent): Record<string, unknown> {
  const { spec } = run;
  const nested = (p: ArrayLike<number>) => layersToNested(spec, p).map((l) => ({ weights: l.weights, bias: l.bias }));
  const samples = (d: Dataset) => ({ inputs: rows(d), targets: Array.from(d.targets) });
  return {
    format: SAVED_RUN_V2,
    task: spec.task,
    activation: spec.activation,
    weightDecay: spec.weightDecay,
    outputs: outputCount(spec),
    loss: lossName(spec),
    classes: spec.task === 'classification' ? (run.rawTrain.classes ?? 2) : null,
    classNames: run.classNames ? [...run.classNames] : null,
    source: { ...run.source },
    data: { ...samples(run.rawTrain), standardize: run.standardization.mode, mean: Array.from(run.standardization.mean), scale: Array.from(run.standardization.scale) },
    test: run.rawTest ? samples(run.rawTest) : null,
    split: run.split && { seed: run.split.seed, testFraction: run.split.testFraction, trainIndices: Array.from(run.split.trainIndices), testIndices: Array.from(run.split.testIndices) },
    layers: nested(run.theta),
    directions: { kind: run.directionsKind, d1: nested(run.d1), d2: nested(run.d2) },
  };
}

type Json = unknown;

function isRecord(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function numbers(v: Json, field: string, length?: number): number[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) throw new SavedRunError(`"${field}" must be a list of finite numbers`);
  if (length !== undefined && v.length !== length) throw new SavedRunError(`"${field}" must hold ${length} numbers, got ${v.length}`);
  return v as number[];
}

/** Samples {inputs, targets} standardised by mean and scale. */
function samples(v: Json, field: string, task: Task, classes: number | null, mean: number[] | null, scale: number[] | null): Dataset {
  if (!isRecord(v) || !Array.isArray(v.inputs) || v.inputs.length === 0) throw new SavedRunError(`"${field}.inputs" must be a non-empty list of rows`);
  const targets = numbers(v.targets, `${field}.targets`, v.inputs.length);
  const inputDim = Array.isArray(v.inputs[0]) ? v.inputs[0].length : 0;
  const inputs = new Float64Array(v.inputs.length * inputDim);
  v.inputs.forEach((row: Json, k: number) => {
    const x = numbers(row, `${field}.inputs[${k}]`, inputDim);
    for (let j = 0; j < inputDim; j++) inputs[k * inputDim + j] = mean && scale ? (x[j] - mean[j]) / scale[j] : x[j];
  });
  if (classes !== null && !targets.every((t) => Number.isInteger(t) && t >= 0 && t < classes)) throw new SavedRunError(`"${field}.targets" must be class indices 0 .. ${classes - 1}`);
  return { task, inputDim, size: v.inputs.length, inputs, targets: Float64Array.from(targets), ...(classes !== null && classes !== 2 ? { classes } : {}) };
}

function nestedLayers(v: Json, field: string): NestedLayer[] {
  if (!Array.isArray(v) || v.length === 0) throw new SavedRunError(`"${field}" must be a non-empty list of layers`);
  return v.map((layer: Json, l: number) => {
    if (!isRecord(layer) || !Array.isArray(layer.weights)) throw new SavedRunError(`"${field}[${l}]" must have "weights" and "bias"`);
    return { weights: layer.weights.map((r: Json, k: number) => numbers(r, `${field}[${l}].weights[${k}]`)), bias: numbers(layer.bias, `${field}[${l}].bias`) };
  });
}

/** The spec of a file from its header fields and layers. */
function specOf(json: Record<string, Json>, layers: NestedLayer[]): NetworkSpec {
  const task = json.task;
  if (task !== 'classification' && task !== 'regression') throw new SavedRunError('"task" must be "classification" or "regression"');
  if (!ACTIVATIONS.includes(json.activation as Activation)) throw new SavedRunError(`"activation" must be one of ${ACTIVATIONS.join(', ')}`);
  const weightDecay = json.weightDecay;
  if (typeof weightDecay !== 'number' || !(weightDecay >= 0) || !Number.isFinite(weightDecay)) throw new SavedRunError('"weightDecay" must be a finite number >= 0');
  return { widths: [layers[0].weights[0]?.length ?? 0, ...layers.map((l) => l.weights.length)], activation: json.activation as Activation, task, weightDecay };
}

/** Reads a saved run of version 1 or 2; throws SavedRunError naming the first field that is wrong. */
export function parseSavedRun(json: Json): ParsedSavedRun {
  if (!isRecord(json) || (json.format !== SAVED_RUN_V1 && json.format !== SAVED_RUN_V2)) throw new SavedRunError(`not a saved network run: expected "format": "${SAVED_RUN_V1}" or "${SAVED_RUN_V2}"`);
  const layers = nestedLayers(json.layers, 'layers');
  const spec = specOf(json, layers);
  const K = spec.widths[spec.widths.length - 1];
  const classes = spec.task === 'regression' ? null : json.format === SAVED_RUN_V2 && typeof json.classes === 'number' ? json.classes : K > 1 ? K : 2;
  const v2 = json.format === SAVED_RUN_V2;
  const d = isRecord(json.data) ? json.data : {};
  const n = spec.widths[0];
  const mean = v2 ? numbers(d.mean, 'data.mean', n) : null;
  const scale = v2 ? numbers(d.scale, 'data.scale', n) : null;
  if (scale && !scale.every((s) => s > 0)) throw new SavedRunError('"data.scale" must be positive');
  const data = samples(json.data, 'data', spec.task, classes, mean, scale);
  const test = v2 && json.test !== null && json.test !== undefined ? samples(json.test, 'test', spec.task, classes, mean, scale) : null;
  if (data.inputDim !== n) throw new SavedRunError(`the first layer takes ${n} inputs, the data rows have ${data.inputDim}`);
  const flat = (v: Json, field: string): Float64Array => {
    try {
      return nestedToLayers(spec, nestedLayers(v, field));
    } catch (e) {
      throw e instanceof SavedRunError ? e : new SavedRunError(`"${field}": ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const directions = isRecord(json.directions) ? json.directions : {};
  return {
    format: json.format,
    spec,
    thetaStar: flat(json.layers, 'layers'),
    d1: flat(directions.d1, 'directions.d1'),
    d2: flat(directions.d2, 'directions.d2'),
    directionsKind: String(directions.kind ?? 'unknown'),
    data,
    test,
    classes,
  };
}

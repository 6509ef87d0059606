/**
 * Reads a saved network run (taylor-lab-network/1, written by `taylor-lab network --save`, layout in
 * the README) back into a slice problem: spec, data set, θ* and the two directions in the flat
 * layout. Every shape is checked; anything wrong is a CliError naming the file and the field.
 */
import { readFileSync } from 'node:fs';
import type { NestedLayer } from '../core/network/mlp';
import { nestedToLayers } from '../core/network/mlp';
import type { SliceProblem } from '../core/network/sliceGridEngine';
import type { Activation, Dataset, NetworkSpec, Task } from '../core/network/types';
import { ACTIVATIONS } from '../core/network/types';
import { CliError } from './cliArgs';
import { SAVED_RUN_FORMAT } from './networkCommand';

/** A saved run as a slice problem, with the kind of its directions. */
export interface SavedRunProblem extends SliceProblem {
  readonly directionsKind: string;
}

type Json = unknown;

function isRecord(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNumbers(v: Json): v is number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** Nested layers from JSON, or a CliError naming the field; shapes are checked against the widths later. */
function nestedLayers(v: Json, field: string, fail: (m: string) => never): NestedLayer[] {
  if (!Array.isArray(v) || v.length === 0) fail(`"${field}" must be a non-empty list of layers`);
  return v.map((layer: Json, l: number) => {
    if (!isRecord(layer) || !Array.isArray(layer.weights) || !layer.weights.every(isNumbers) || !isNumbers(layer.bias)) {
      fail(`"${field}[${l}]" must have "weights" (rows of finite numbers) and "bias" (finite numbers)`);
    }
    return { weights: layer.weights as number[][], bias: layer.bias };
  });
}

/** The data set of the file: inputs rows of equal length and one finite target each. */
function dataset(v: Json, task: Task, fail: (m: string) => never): Dataset {
  if (!isRecord(v) || !Array.isArray(v.inputs) || !isNumbers(v.targets)) fail('"data" must have "inputs" (rows of numbers) and "targets" (numbers)');
  const rows = v.inputs as Json[];
  const targets = v.targets as number[];
  if (rows.length === 0 || rows.length !== targets.length) fail(`"data" has ${rows.length} inputs and ${targets.length} targets; they must match and not be empty`);
  const inputDim = Array.isArray(rows[0]) ? rows[0].length : 0;
  if (inputDim === 0 || !rows.every((r) => isNumbers(r) && r.length === inputDim)) fail(`every row of "data.inputs" must hold ${inputDim || 'the same number of'} finite numbers`);
  return { task, inputDim, size: rows.length, inputs: Float64Array.from((rows as number[][]).flat()), targets: Float64Array.from(targets) };
}

/** The run's spec, data, θ* and directions; throws CliError for a file that is missing, not JSON or not this format. */
export function readSavedRun(path: string): SavedRunProblem {
  const fail = (message: string): never => {
    throw new CliError(`${path}: ${message}`);
  };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read run file '${path}': ${e instanceof Error ? e.message : String(e)}`);
  }
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail(`not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isRecord(json) || json.format !== SAVED_RUN_FORMAT) return fail(`not a saved network run: expected "format": "${SAVED_RUN_FORMAT}"`);
  const task = json.task;
  if (task !== 'classification' && task !== 'regression') return fail('"task" must be "classification" or "regression"');
  const activation = json.activation as Activation;
  if (!ACTIVATIONS.includes(activation)) return fail(`"activation" must be one of ${ACTIVATIONS.join(', ')}`);
  const weightDecay = json.weightDecay;
  if (typeof weightDecay !== 'number' || !(weightDecay >= 0) || !Number.isFinite(weightDecay)) return fail('"weightDecay" must be a finite number >= 0');
  const data = dataset(json.data, task, fail);
  const layers = nestedLayers(json.layers, 'layers', fail);
  const spec: NetworkSpec = { widths: [layers[0].weights[0]?.length ?? 0, ...layers.map((l) => l.weights.length)], activation, task, weightDecay };
  if (spec.widths[0] !== data.inputDim) return fail(`the first layer takes ${spec.widths[0]} inputs, the data rows have ${data.inputDim}`);
  if (spec.widths[spec.widths.length - 1] !== 1) return fail(`the last layer must have one output, got ${spec.widths[spec.widths.length - 1]}`);
  const directions = json.directions;
  if (!isRecord(directions)) return fail('"directions" must hold "d1" and "d2"');
  const flat = (v: Json, field: string): Float64Array => {
    try {
      return nestedToLayers(spec, nestedLayers(v, field, fail));
    } catch (e) {
      if (e instanceof CliError) throw e;
      return fail(`"${field}": ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const thetaStar = flat(json.layers, 'layers');
  return { spec, data, thetaStar, d1: flat(directions.d1, 'directions.d1'), d2: flat(directions.d2, 'directions.d2'), directionsKind: String(directions.kind ?? 'unknown') };
}

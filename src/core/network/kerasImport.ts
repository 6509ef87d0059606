/**
 * Imports a tfjs Layers model (model.json + weight files, as tensorflowjs_converter writes them from
 * Keras) as a NetworkSpec and flat θ in the lab's layout. Keras Dense kernels are [in, out]; the
 * lab's W is [out, in] row-major, so each kernel is transposed. Hidden layers must share one
 * supported activation; the last layer is linear (regression, or logits), sigmoid with one unit
 * (binary classification: the lab's z is the logit) or softmax (K classes).
 */
import type { Activation, NetworkSpec, Task } from './types';
import { ACTIVATIONS, parameterLayout } from './types';
import type { DenseLayerInfo } from './kerasTopology';
import { denseChain, ModelImportError } from './kerasTopology';

export { ModelImportError } from './kerasTopology';

/** A model the lab can slice: its spec, θ* and what its last layer computed. */
export interface ImportedModel {
  readonly spec: NetworkSpec;
  readonly theta: Float64Array;
  /** Number of classes of a classifier (2 for a sigmoid unit), null for regression. */
  readonly classes: number | null;
  readonly outputActivation: 'linear' | 'sigmoid' | 'softmax';
  /** The Dense layers' names, input to output. */
  readonly layerNames: readonly string[];
  readonly notes: readonly string[];
}

/** Options: the task of a one-unit linear output (default regression; classification reads it as a logit). */
export interface ImportOptions {
  readonly linearOutputTask?: Task;
}

/** One weight's place in its group's bytes. */
interface WeightEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly group: number;
  readonly offset: number;
}

/** The weight-file paths that model.json asks for, in manifest order (what the page must ask the user for). */
export function weightFilePaths(modelJson: unknown): string[] {
  return manifestGroups(modelJson).flatMap((g) => g.paths);
}

/** The manifest's groups, checked for shape. */
function manifestGroups(modelJson: unknown): { paths: string[]; weights: { name: string; shape: number[]; dtype: string; quantized: boolean }[] }[] {
  const manifest = (modelJson as { weightsManifest?: unknown })?.weightsManifest;
  if (!Array.isArray(manifest)) throw new ModelImportError('model.json has no weightsManifest (export it with tensorflowjs_converter --input_format keras)');
  return manifest.map((group: { paths?: unknown; weights?: unknown }, g) => {
    if (!Array.isArray(group?.paths) || !Array.isArray(group.weights)) throw new ModelImportError(`weightsManifest group ${g + 1} needs paths and weights lists`);
    const weights = group.weights.map((w: { name?: unknown; shape?: unknown; dtype?: unknown; quantization?: unknown }) => {
      if (typeof w?.name !== 'string' || !Array.isArray(w.shape) || !w.shape.every((d) => Number.isInteger(d) && d >= 0)) {
        throw new ModelImportError(`weightsManifest group ${g + 1} has a weight without a name or shape`);
      }
      return { name: w.name, shape: w.shape as number[], dtype: String(w.dtype ?? 'float32'), quantized: w.quantization !== undefined };
    });
    return { paths: group.paths.map(String), weights };
  });
}

/** Each weight's group and byte offset; ModelImportError for a dtype or quantisation the lab cannot read. */
function weightEntries(modelJson: unknown): { entries: Map<string, WeightEntry>; groupBytes: number[]; paths: string[][] } {
  const entries = new Map<string, WeightEntry>();
  const groups = manifestGroups(modelJson);
  const groupBytes = groups.map((group, g) => {
    let offset = 0;
    for (const w of group.weights) {
      if (w.quantized) throw new ModelImportError(`weight '${w.name}' is quantized: convert the model without --quantize_* options`);
      if (w.dtype !== 'float32') throw new ModelImportError(`weight '${w.name}' has dtype ${w.dtype}; only float32 weights can be imported`);
      entries.set(w.name, { name: w.name, shape: w.shape, group: g, offset });
      offset += 4 * w.shape.reduce((a, b) => a * b, 1);
    }
    return offset;
  });
  return { entries, groupBytes, paths: groups.map((g) => g.paths) };
}

/** A file's bytes by its manifest path, or by its base name (a browser's file picker gives names only). */
function findFile(files: ReadonlyMap<string, ArrayBuffer>, path: string): ArrayBuffer | undefined {
  const base = path.split('/').pop() ?? path;
  return files.get(path) ?? files.get(base) ?? [...files].find(([name]) => name.split('/').pop() === base)?.[1];
}

/** Each group's files joined into one little-endian float32 array; ModelImportError for a missing file or a wrong size. */
function groupData(paths: string[][], groupBytes: number[], files: ReadonlyMap<string, ArrayBuffer>): Float32Array[] {
  return paths.map((groupPaths, g) => {
    const missing = groupPaths.filter((p) => findFile(files, p) === undefined);
    if (missing.length > 0) throw new ModelImportError(`missing weight file${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} (choose model.json together with its .bin files)`);
    const buffers = groupPaths.map((p) => new Uint8Array(findFile(files, p)!));
    const total = buffers.reduce((s, b) => s + b.length, 0);
    if (total !== groupBytes[g]) throw new ModelImportError(`the weight files ${groupPaths.map((p) => `'${p}'`).join(', ')} hold ${total} bytes, the manifest needs ${groupBytes[g]}`);
    const joined = new Uint8Array(total);
    let at = 0;
    for (const b of buffers) {
      joined.set(b, at);
      at += b.length;
    }
    const view = new DataView(joined.buffer);
    return Float32Array.from({ length: total / 4 }, (_, k) => view.getFloat32(4 * k, true));
  });
}

/** The manifest entry of a Dense layer's kernel or bias (exact name, or a name ending in /layer/part). */
function findWeight(entries: Map<string, WeightEntry>, layer: string, part: 'kernel' | 'bias'): WeightEntry | undefined {
  const exact = entries.get(`${layer}/${part}`);
  if (exact) return exact;
  const suffix = `/${layer}/${part}`;
  return [...entries.values()].find((e) => e.name.endsWith(suffix));
}

/** The spec's task, classes and hidden activation from the chain's activations. */
function specFromChain(chain: readonly DenseLayerInfo[], inputSize: number, options: ImportOptions): { spec: NetworkSpec; classes: number | null; output: ImportedModel['outputActivation'] } {
  const hidden = chain.slice(0, -1);
  const last = chain[chain.length - 1];
  const activation = hidden[0]?.activation ?? 'tanh';
  const odd = hidden.find((l) => !(ACTIVATIONS as readonly string[]).includes(l.activation) || l.activation !== activation);
  if (odd) {
    const why = (ACTIVATIONS as readonly string[]).includes(odd.activation) ? `differs from the first hidden layer's '${activation}' (all hidden layers must share one)` : `is not supported (use ${ACTIVATIONS.join(', ')})`;
    throw new ModelImportError(`the activation '${odd.activation}' of Dense layer '${odd.name}' ${why}`);
  }
  const widths = [inputSize, ...chain.map((l) => l.units)];
  const base = { widths, activation: activation as Activation, weightDecay: 0 };
  const K = last.units;
  if (last.activation === 'softmax') {
    if (K < 2) throw new ModelImportError(`the softmax layer '${last.name}' has one unit: a classifier needs at least two`);
    return { spec: { ...base, task: 'classification' }, classes: K, output: 'softmax' };
  }
  if (last.activation === 'sigmoid' && K === 1) return { spec: { ...base, task: 'classification' }, classes: 2, output: 'sigmoid' };
  if (last.activation !== 'linear') throw new ModelImportError(`the last layer '${last.name}' has activation '${last.activation}': use linear, sigmoid with one unit, or softmax`);
  if (K > 1) return { spec: { ...base, task: 'classification' }, classes: K, output: 'linear' };
  const task = options.linearOutputTask ?? 'regression';
  return { spec: { ...base, task }, classes: task === 'classification' ? 2 : null, output: 'linear' };
}

/** Writes one Dense layer's transposed kernel and bias into θ; ModelImportError for a missing or misshapen weight. */
function fillLayer(theta: Float64Array, slot: { weights: number; bias: number; rows: number; cols: number }, layer: DenseLayerInfo, entries: Map<string, WeightEntry>, data: Float32Array[]): void {
  const kernel = findWeight(entries, layer.name, 'kernel');
  if (!kernel) throw new ModelImportError(`no kernel for Dense layer '${layer.name}' in the weightsManifest (expected '${layer.name}/kernel')`);
  if (kernel.shape.length !== 2 || kernel.shape[0] !== slot.cols || kernel.shape[1] !== slot.rows) {
    throw new ModelImportError(`kernel '${kernel.name}' has shape [${kernel.shape.join(', ')}], expected [${slot.cols}, ${slot.rows}]`);
  }
  const k = data[kernel.group].subarray(kernel.offset / 4);
  for (let r = 0; r < slot.rows; r++) for (let c = 0; c < slot.cols; c++) theta[slot.weights + r * slot.cols + c] = k[c * slot.rows + r];
  if (!layer.useBias) return;
  const bias = findWeight(entries, layer.name, 'bias');
  if (!bias) throw new ModelImportError(`no bias for Dense layer '${layer.name}' in the weightsManifest (expected '${layer.name}/bias')`);
  if (bias.shape.length !== 1 || bias.shape[0] !== slot.rows) throw new ModelImportError(`bias '${bias.name}' has shape [${bias.shape.join(', ')}], expected [${slot.rows}]`);
  const b = data[bias.group].subarray(bias.offset / 4);
  for (let r = 0; r < slot.rows; r++) theta[slot.bias + r] = b[r];
}

/** The model as spec + θ*; `files` maps weight-file paths (or base names) to their bytes. Throws ModelImportError. */
export function importLayersModel(modelJson: unknown, files: ReadonlyMap<string, ArrayBuffer>, options: ImportOptions = {}): ImportedModel {
  if (typeof modelJson === 'string') {
    try {
      modelJson = JSON.parse(modelJson);
    } catch (e) {
      throw new ModelImportError(`model.json is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const chain = denseChain((modelJson as { modelTopology?: unknown })?.modelTopology);
  const { entries, groupBytes, paths } = weightEntries(modelJson);
  const firstKernel = findWeight(entries, chain.layers[0].name, 'kernel');
  const inputSize = chain.inputSize ?? firstKernel?.shape[0];
  if (!inputSize) throw new ModelImportError('the model states no input size and its first kernel is missing');
  const { spec, classes, output } = specFromChain(chain.layers, inputSize, options);
  const data = groupData(paths, groupBytes, files);
  const layout = parameterLayout(spec.widths);
  const theta = new Float64Array(layout.count);
  chain.layers.forEach((layer, l) => fillLayer(theta, layout.layers[l], layer, entries, data));
  const notes = [...chain.notes];
  if (output === 'linear' && classes !== null && classes > 2) notes.push(`the last layer is linear with ${classes} units: read as logits of ${classes} classes (softmax cross-entropy)`);
  if (chain.layers.some((l) => !l.useBias)) notes.push('layers without bias get zero biases, which the lab treats as parameters');
  return { spec, theta, classes, outputActivation: output, layerNames: chain.layers.map((l) => l.name), notes };
}

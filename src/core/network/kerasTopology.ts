/**
 * Reads the `modelTopology` of a tfjs Layers model.json (tensorflowjs_converter from Keras 2 or 3,
 * or tfjs's own model.save) into the chain of Dense layers the lab can use: Sequential, or
 * Functional/Model whose layers form one linear chain. InputLayer, Flatten and Dropout (identity
 * at inference) are passed over; an Activation layer is folded into the linear Dense before it.
 * Anything else is refused with the class and name of the first such layer.
 */

/** A model file the importer cannot use; the message says why in the user's terms. */
export class ModelImportError extends Error {
  override readonly name = 'ModelImportError';
}

/** One Dense layer of the chain, as the topology describes it. */
export interface DenseLayerInfo {
  readonly name: string;
  readonly units: number;
  readonly activation: string;
  readonly useBias: boolean;
}

/** The chain of Dense layers and the input size the topology states (null when it states none). */
export interface DenseChain {
  readonly layers: readonly DenseLayerInfo[];
  readonly inputSize: number | null;
  /** Layers passed over (Dropout, Flatten, InputLayer) and other remarks for the user. */
  readonly notes: readonly string[];
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The model_config of a converter's topology, or the topology itself when tfjs wrote it. */
function modelConfig(topology: unknown): Json {
  if (!isObject(topology)) throw new ModelImportError('model.json has no modelTopology object (is it a tfjs Layers model? graph models are not supported)');
  const config = isObject(topology.model_config) ? topology.model_config : topology;
  if (typeof config.class_name !== 'string') throw new ModelImportError('modelTopology names no model class (expected Sequential or a Functional model)');
  return config;
}

/** The layer list of a Sequential config (Keras 2 and 3 keep it in config.layers; very old files in config itself). */
function layerList(config: Json): Json[] {
  const inner = config.config;
  const layers = Array.isArray(inner) ? inner : isObject(inner) ? inner.layers : undefined;
  if (!Array.isArray(layers) || !layers.every(isObject)) throw new ModelImportError(`the ${String(config.class_name)} model lists no layers`);
  return layers;
}

/** Names of the layers feeding one Functional layer (Keras 2/tfjs nested arrays, or Keras 3 keras_history). */
function inboundNames(layer: Json): string[] {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return [];
  if (nodes.length > 1) throw new ModelImportError(`layer '${String(layer.name)}' is used more than once (shared layers are not a simple chain)`);
  const node = nodes[0];
  if (Array.isArray(node)) return node.map((inbound) => String(Array.isArray(inbound) ? inbound[0] : inbound));
  const args = isObject(node) && Array.isArray(node.args) ? node.args : [];
  return args.flatMap((arg) => {
    const history = isObject(arg) && isObject(arg.config) ? arg.config.keras_history : undefined;
    return Array.isArray(history) ? [String(history[0])] : [];
  });
}

/** The Functional model's layers from input to output; ModelImportError unless they form one chain. */
function functionalChain(config: Json): Json[] {
  const layers = layerList(config);
  const inner = config.config as Json;
  const byName = new Map(layers.map((l) => [String(l.name ?? (isObject(l.config) ? l.config.name : '')), l]));
  const outputs = inner.output_layers;
  if (!Array.isArray(outputs) || outputs.length !== 1) throw new ModelImportError('the Functional model must have exactly one output');
  const chain: Json[] = [];
  let name: string | undefined = String(Array.isArray(outputs[0]) ? outputs[0][0] : outputs[0]);
  while (name !== undefined) {
    const layer = byName.get(name);
    if (!layer) throw new ModelImportError(`the Functional model refers to a layer '${name}' it does not define`);
    chain.unshift(layer);
    const inbound = inboundNames(layer);
    if (inbound.length > 1) throw new ModelImportError(`layer '${name}' (${String(layer.class_name)}) has ${inbound.length} inputs: only a single chain of layers can be imported`);
    name = inbound[0];
  }
  if (chain.length !== layers.length) throw new ModelImportError('the Functional model has layers outside its input-to-output chain');
  return chain;
}

/** An activation as a name: Keras 2 and tfjs write a string, Keras 3 may write {class_name, config: 'relu'}. */
function activationName(value: unknown): string {
  if (value === undefined || value === null) return 'linear';
  if (isObject(value)) return String(typeof value.config === 'string' ? value.config : (value.registered_name ?? value.class_name));
  return String(value);
}

/** The product of a shape's sizes after the batch dimension, or null if any is unknown. */
function featureCount(shape: unknown): number | null {
  if (!Array.isArray(shape) || shape.length < 2) return null;
  const dims = shape.slice(1);
  return dims.every((d) => Number.isInteger(d) && d > 0) ? dims.reduce((a: number, b: number) => a * b, 1) : null;
}

/** A layer config's declared input shape (batch_input_shape in Keras 2/tfjs, batch_shape in Keras 3). */
function declaredInput(config: Json): number | null {
  return featureCount(config.batch_input_shape ?? config.batch_shape);
}

/** The Dense chain of a topology, or a ModelImportError naming the first layer that is not supported. */
export function denseChain(topology: unknown): DenseChain {
  const config = modelConfig(topology);
  const kind = String(config.class_name);
  let layers: Json[];
  if (kind === 'Sequential') layers = layerList(config);
  else if (kind === 'Model' || kind === 'Functional') layers = functionalChain(config);
  else throw new ModelImportError(`model class '${kind}' is not supported (expected Sequential or a Functional model)`);
  const dense: DenseLayerInfo[] = [];
  const notes: string[] = [];
  let inputSize: number | null = null;
  for (const layer of layers) {
    const cls = String(layer.class_name);
    const cfg = isObject(layer.config) ? layer.config : {};
    const name = String(cfg.name ?? layer.name ?? '?');
    if (dense.length === 0 && inputSize === null) inputSize = declaredInput(cfg);
    if (cls === 'InputLayer' || cls === 'Flatten') continue;
    if (cls === 'Dropout') {
      notes.push(`Dropout layer '${name}' is the identity at inference and was passed over`);
      continue;
    }
    if (cls === 'Activation' && dense.length > 0 && dense[dense.length - 1].activation === 'linear') {
      dense[dense.length - 1] = { ...dense[dense.length - 1], activation: activationName(cfg.activation) };
      continue;
    }
    if (cls !== 'Dense') throw new ModelImportError(`unsupported layer ${cls} '${name}': only Dense layers (with InputLayer, Flatten and Dropout around them) can be imported`);
    const units = cfg.units;
    if (!Number.isInteger(units) || (units as number) < 1) throw new ModelImportError(`Dense layer '${name}' has no valid units (${String(units)})`);
    dense.push({ name, units: units as number, activation: activationName(cfg.activation), useBias: cfg.use_bias !== false });
  }
  if (dense.length === 0) throw new ModelImportError('the model has no Dense layer');
  return { layers: dense, inputSize, notes };
}

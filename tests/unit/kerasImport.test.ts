import { describe, expect, it } from 'vitest';
import { importLayersModel, ModelImportError, weightFilePaths } from '../../src/core/network/kerasImport';
import { forwardVector } from '../../src/core/network/mlp';
import { parameterLayout } from '../../src/core/network/types';
import { expectRelNear } from './support/expectNear';

/** A Dense layer as Keras 2 / tensorflowjs_converter writes it. */
function dense(name: string, units: number, activation: string, extra: Record<string, unknown> = {}) {
  return { class_name: 'Dense', config: { name, trainable: true, dtype: 'float32', units, activation, use_bias: true, ...extra } };
}

/** Kernel [in, out] and bias [out] with values that make transposition mistakes visible. */
function weights(inputs: number, outputs: number, salt: number): { kernel: number[][]; bias: number[] } {
  return {
    kernel: Array.from({ length: inputs }, (_, i) => Array.from({ length: outputs }, (_, o) => Math.round(100 * Math.sin(salt + 3 * i + 7 * o)) / 64)),
    bias: Array.from({ length: outputs }, (_, o) => (o - salt) / 8),
  };
}

/** float32 little-endian bytes of the numbers. */
function f32(values: number[]): ArrayBuffer {
  return new Float32Array(values).buffer;
}

/** A 3-4-3 tanh/softmax Sequential model.json and its one weight file, written the converter's way. */
function sequentialModel() {
  const w1 = weights(3, 4, 1);
  const w2 = weights(4, 3, 2);
  const json = {
    format: 'layers-model',
    generatedBy: 'keras v2.15.0',
    convertedBy: 'TensorFlow.js Converter v4.22.0',
    modelTopology: {
      keras_version: '2.15.0',
      backend: 'tensorflow',
      model_config: {
        class_name: 'Sequential',
        config: {
          name: 'sequential',
          layers: [
            { class_name: 'InputLayer', config: { batch_input_shape: [null, 3], dtype: 'float32', name: 'input_1' } },
            dense('dense', 4, 'tanh'),
            { class_name: 'Dropout', config: { name: 'dropout', rate: 0.5 } },
            dense('dense_1', 3, 'softmax'),
          ],
        },
      },
    },
    weightsManifest: [
      {
        paths: ['group1-shard1of1.bin'],
        weights: [
          { name: 'dense/kernel', shape: [3, 4], dtype: 'float32' },
          { name: 'dense/bias', shape: [4], dtype: 'float32' },
          { name: 'dense_1/kernel', shape: [4, 3], dtype: 'float32' },
          { name: 'dense_1/bias', shape: [3], dtype: 'float32' },
        ],
      },
    ],
  };
  const bytes = f32([...w1.kernel.flat(), ...w1.bias, ...w2.kernel.flat(), ...w2.bias]);
  return { json, bytes, w1, w2 };
}

/** Keras's own forward pass: x K + b, layer by layer, softmax at the end. */
function kerasForward(x: number[], layers: { kernel: number[][]; bias: number[] }[]): number[] {
  let h = x;
  layers.forEach((l, k) => {
    const z = l.bias.map((b, o) => h.reduce((s, v, i) => s + v * l.kernel[i][o], b));
    h = k + 1 < layers.length ? z.map(Math.tanh) : z;
  });
  const m = Math.max(...h);
  const e = h.map((v) => Math.exp(v - m));
  return e.map((v) => v / e.reduce((a, b) => a + b, 0));
}

function softmax(z: ArrayLike<number>): number[] {
  const m = Math.max(...Array.from(z));
  const e = Array.from(z, (v) => Math.exp(v - m));
  return e.map((v) => v / e.reduce((a, b) => a + b, 0));
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ModelImportError);
    return (e as Error).message;
  }
  throw new Error('expected a ModelImportError');
}

describe('importLayersModel', () => {
  it('reads a Sequential Dense model: spec, transposed kernels, the same probabilities as Keras (float32 weights, 1e-12)', () => {
    const { json, bytes, w1, w2 } = sequentialModel();
    expect(weightFilePaths(json)).toEqual(['group1-shard1of1.bin']);
    const model = importLayersModel(json, new Map([['group1-shard1of1.bin', bytes]]));
    expect(model.spec).toEqual({ widths: [3, 4, 3], activation: 'tanh', task: 'classification', weightDecay: 0 });
    expect([model.classes, model.outputActivation, model.layerNames]).toEqual([3, 'softmax', ['dense', 'dense_1']]);
    expect(model.notes.join(' ')).toMatch(/Dropout layer 'dropout'/);
    const slot = parameterLayout(model.spec.widths).layers[0];
    expect(model.theta[slot.weights + 2 * 3 + 1]).toBe(Math.fround(w1.kernel[1][2]));
    const f32w = (l: typeof w1) => ({ kernel: l.kernel.map((r) => r.map(Math.fround)), bias: l.bias.map(Math.fround) });
    for (const x of [[0.3, -1, 2], [1, 1, 1]]) {
      const p = softmax(forwardVector(model.spec, model.theta, x));
      kerasForward(x, [f32w(w1), f32w(w2)]).forEach((q, k) => expectRelNear(p[k], q, 1e-12, `p${k}`));
    }
  });

  it('reads a Functional chain in the Keras 3 layout, weights split over two files and found by base name', () => {
    const { bytes, w1, w2 } = sequentialModel();
    const tensor = (name: string) => ({ class_name: '__keras_tensor__', config: { shape: [null, 3], dtype: 'float32', keras_history: [name, 0, 0] } });
    const json = {
      modelTopology: {
        class_name: 'Functional',
        config: {
          name: 'functional',
          layers: [
            { class_name: 'InputLayer', name: 'inp', config: { batch_shape: [null, 3], name: 'inp' }, inbound_nodes: [] },
            { ...dense('hidden', 4, { module: 'keras.activations', class_name: 'function', config: 'tanh' } as never), name: 'hidden', inbound_nodes: [{ args: [tensor('inp')], kwargs: {} }] },
            { ...dense('out', 3, 'linear'), name: 'out', inbound_nodes: [{ args: [tensor('hidden')], kwargs: {} }] },
            { class_name: 'Activation', name: 'act', config: { name: 'act', activation: 'softmax' }, inbound_nodes: [{ args: [tensor('out')], kwargs: {} }] },
          ],
          input_layers: [['inp', 0, 0]],
          output_layers: [['act', 0, 0]],
        },
      },
      weightsManifest: [
        {
          paths: ['weights/a.bin', 'weights/b.bin'],
          weights: [
            { name: 'functional/hidden/kernel', shape: [3, 4], dtype: 'float32' },
            { name: 'functional/hidden/bias', shape: [4], dtype: 'float32' },
            { name: 'functional/out/kernel', shape: [4, 3], dtype: 'float32' },
            { name: 'functional/out/bias', shape: [3], dtype: 'float32' },
          ],
        },
      ],
    };
    const model = importLayersModel(JSON.stringify(json), new Map([['a.bin', bytes.slice(0, 20)], ['b.bin', bytes.slice(20)]]));
    expect(model.spec.widths).toEqual([3, 4, 3]);
    expect(model.outputActivation).toBe('softmax');
    const p = softmax(forwardVector(model.spec, model.theta, [0.5, 0, -0.5]));
    const f32w = (l: typeof w1) => ({ kernel: l.kernel.map((r) => r.map(Math.fround)), bias: l.bias.map(Math.fround) });
    kerasForward([0.5, 0, -0.5], [f32w(w1), f32w(w2)]).forEach((q, k) => expectRelNear(p[k], q, 1e-12, `p${k}`));
  });

  it('maps the last layer: sigmoid unit → binary classifier, linear unit → regression (or a logit on request)', () => {
    const one = (activation: string) => {
      const { json, bytes } = sequentialModel();
      const layers = json.modelTopology.model_config.config.layers;
      layers[3] = dense('dense_1', 1, activation);
      json.weightsManifest[0].weights[2].shape = [4, 1];
      json.weightsManifest[0].weights[3].shape = [1];
      return { json, files: new Map([['group1-shard1of1.bin', bytes.slice(0, 4 * (12 + 4 + 4 + 1))]]) };
    };
    const s = one('sigmoid');
    expect(importLayersModel(s.json, s.files)).toMatchObject({ spec: { task: 'classification', widths: [3, 4, 1] }, classes: 2, outputActivation: 'sigmoid' });
    const l = one('linear');
    expect(importLayersModel(l.json, l.files)).toMatchObject({ spec: { task: 'regression' }, classes: null });
    expect(importLayersModel(l.json, l.files, { linearOutputTask: 'classification' })).toMatchObject({ spec: { task: 'classification' }, classes: 2 });
  });

  it('refuses a Conv2D model, naming the first unsupported layer', () => {
    const { json, bytes } = sequentialModel();
    json.modelTopology.model_config.config.layers.splice(1, 0, { class_name: 'Conv2D', config: { name: 'conv2d', filters: 8, kernel_size: [3, 3] } } as never);
    expect(errorOf(() => importLayersModel(json, new Map([['group1-shard1of1.bin', bytes]])))).toBe(
      "unsupported layer Conv2D 'conv2d': only Dense layers (with InputLayer, Flatten and Dropout around them) can be imported",
    );
  });

  it.each([
    ['a missing weight file', (m: ReturnType<typeof sequentialModel>) => ({ ...m, files: new Map() }), /missing weight file 'group1-shard1of1.bin'/],
    ['a short weight file', (m: ReturnType<typeof sequentialModel>) => ({ ...m, files: new Map([['group1-shard1of1.bin', m.bytes.slice(8)]]) }), /hold 116 bytes, the manifest needs 124/],
    ['a float16 weight', (m: ReturnType<typeof sequentialModel>) => (m.json.weightsManifest[0].weights[1].dtype = 'float16', m), /weight 'dense\/bias' has dtype float16; only float32/],
    ['a wrong kernel shape', (m: ReturnType<typeof sequentialModel>) => (m.json.weightsManifest[0].weights[0].shape = [4, 3], m), /kernel 'dense\/kernel' has shape \[4, 3\], expected \[3, 4\]/],
    ['a missing kernel', (m: ReturnType<typeof sequentialModel>) => (m.json.weightsManifest[0].weights[2].name = 'other/kernel', m), /no kernel for Dense layer 'dense_1'/],
    ['mixed hidden activations', (m: ReturnType<typeof sequentialModel>) => (m.json.modelTopology.model_config.config.layers.splice(2, 0, dense('extra', 4, 'relu') as never), m), /activation 'relu' of Dense layer 'extra' differs from the first hidden layer's 'tanh'/],
    ['an unsupported hidden activation', (m: ReturnType<typeof sequentialModel>) => ((m.json.modelTopology.model_config.config.layers[1].config as { activation: string }).activation = 'elu', m), /activation 'elu' of Dense layer 'dense' is not supported/],
    ['a tanh output', (m: ReturnType<typeof sequentialModel>) => ((m.json.modelTopology.model_config.config.layers[3].config as { activation: string }).activation = 'tanh', m), /last layer 'dense_1' has activation 'tanh'/],
    ['no topology', (m: ReturnType<typeof sequentialModel>) => ({ ...m, json: { weightsManifest: [] } as never }), /no modelTopology object/],
    ['no manifest', (m: ReturnType<typeof sequentialModel>) => ({ ...m, json: { modelTopology: m.json.modelTopology } as never }), /no weightsManifest/],
  ])('refuses %s', (_what, change, message) => {
    const m = sequentialModel();
    const { json, files } = change({ ...m, files: new Map([['group1-shard1of1.bin', m.bytes]]) } as never) as unknown as { json: unknown; files: Map<string, ArrayBuffer> };
    expect(errorOf(() => importLayersModel(json, files))).toMatch(message);
  });

  it('refuses text that is not JSON and a branching Functional model', () => {
    expect(errorOf(() => importLayersModel('{oops', new Map()))).toMatch(/model.json is not valid JSON/);
    const branching = {
      modelTopology: {
        class_name: 'Model',
        config: {
          layers: [
            { class_name: 'InputLayer', name: 'a', config: { name: 'a', batch_input_shape: [null, 2] }, inbound_nodes: [] },
            { class_name: 'Dense', name: 'b', config: { name: 'b', units: 2, activation: 'tanh' }, inbound_nodes: [[['a', 0, 0, {}]]] },
            { class_name: 'Add', name: 'c', config: { name: 'c' }, inbound_nodes: [[['a', 0, 0, {}], ['b', 0, 0, {}]]] },
          ],
          input_layers: [['a', 0, 0]],
          output_layers: [['c', 0, 0]],
        },
      },
      weightsManifest: [],
    };
    expect(errorOf(() => importLayersModel(branching, new Map()))).toMatch(/layer 'c' \(Add\) has 2 inputs: only a single chain/);
  });
});

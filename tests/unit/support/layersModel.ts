/**
 * A small tfjs Layers model written the way tensorflowjs_converter writes one from Keras: a
 * Sequential model.json of Dense layers and one float32 weight file, with seeded weights. The unit
 * and browser tests load it through the page's own path (the importer, the panel's file picker).
 */

/** model.json (text) and its weight file. */
export interface LayersModelFiles {
  readonly json: string;
  readonly binName: string;
  readonly bin: Uint8Array;
}

/** Seeded weights in [-scale, scale] (a small LCG: the tests need fixed numbers, not quality). */
function seeded(seed: number, scale: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return scale * (2 * (s / 2 ** 32) - 1);
  };
}

/** A Dense chain widths[0] → … → widths[L] with `activation` inside and `output` on the last layer. */
export function layersModelFiles(widths: readonly number[], activation: string, output: string, seed = 1, layerClass = 'Dense'): LayersModelFiles {
  const next = seeded(seed, 0.5);
  const layers: unknown[] = [{ class_name: 'InputLayer', config: { batch_input_shape: [null, widths[0]], dtype: 'float32', name: 'input_1' } }];
  const manifest: { name: string; shape: number[]; dtype: string }[] = [];
  const values: number[] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const name = l === 0 ? 'dense' : `dense_${l}`;
    const units = widths[l + 1];
    layers.push({ class_name: layerClass, config: { name, trainable: true, dtype: 'float32', units, activation: l + 2 === widths.length ? output : activation, use_bias: true } });
    manifest.push({ name: `${name}/kernel`, shape: [widths[l], units], dtype: 'float32' }, { name: `${name}/bias`, shape: [units], dtype: 'float32' });
    for (let k = 0; k < widths[l] * units; k++) values.push(next() / Math.sqrt(widths[l]) * 2);
    for (let k = 0; k < units; k++) values.push(next() / 4);
  }
  const binName = 'group1-shard1of1.bin';
  const json = {
    format: 'layers-model',
    generatedBy: 'keras v2.15.0',
    convertedBy: 'TensorFlow.js Converter v4.22.0',
    modelTopology: { keras_version: '2.15.0', backend: 'tensorflow', model_config: { class_name: 'Sequential', config: { name: 'sequential', layers } } },
    weightsManifest: [{ paths: [binName], weights: manifest }],
  };
  return { json: JSON.stringify(json), binName, bin: new Uint8Array(new Float32Array(values).buffer) };
}

/**
 * Taylor-mode jets of a network slice as a plain float64 loop (no tfjs): at a point (a, b) every
 * weight is affine, W(a, b) = W* + a·D1 + b·D2, so value, first and second derivatives in (a, b)
 * go forward through the network together, six numbers per unit ([v, ∂a, ∂b, ∂²a, ∂a∂b, ∂²b]),
 * by the product rule against W(a, b), D1, D2 and the chain rule through each activation and the
 * loss (softmax cross-entropy over K output jets for a K-class network: softmaxJets.ts). The first
 * layer's pre-activations are P0 + a·P1 + b·P2 with P_k = X·W_kᵀ + b_k computed once.
 * Exact to roundoff and, on tfjs's CPU backend, faster than any tensor pass.
 */
import { sigmoid, softplus } from '../univariateSeries';
import type { FieldBuffer, SliceGridEngine, SliceProblem } from './sliceGridEngine';
import { addWeightDecayFields, checkSliceVectors, firstLayerPart, weightGram } from './sliceGridEngine';
import { checkNetworkFits, outputCount } from './mlp';
import { checkClassIndex, softmaxLossJetInPlace } from './softmaxJets';
import type { Activation, Task } from './types';
import { parameterLayout } from './types';

/** Work units (multiply-adds of the 12-term jet product, per sample) one chunk aims at: ~25 ms of loop. */
const CHUNK_WORK = 2_000_000;

/** A layer after the first: W*, D1, D2 (rows × cols), the bias parts, and per-point scratch W(a, b), c(a, b). */
interface LaterLayer {
  readonly rows: number;
  readonly cols: number;
  readonly w: Float64Array;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  readonly c: Float64Array;
  readonly e1: Float64Array;
  readonly e2: Float64Array;
  readonly wab: Float64Array;
  readonly cab: Float64Array;
  readonly hidden: boolean;
}

/** d[0..2] = σ(u), σ'(u), σ''(u) of a hidden activation (ReLU: σ'' = 0, slope 0 at u = 0). */
export function activationDerivatives(activation: Activation, u: number, d: Float64Array): void {
  switch (activation) {
    case 'tanh': {
      const h = Math.tanh(u);
      d[0] = h;
      d[1] = 1 - h * h;
      d[2] = -2 * h * d[1];
      return;
    }
    case 'sigmoid': {
      const h = sigmoid(u);
      d[0] = h;
      d[1] = h * (1 - h);
      d[2] = d[1] * (1 - 2 * h);
      return;
    }
    case 'softplus': {
      const s = sigmoid(u);
      d[0] = softplus(u);
      d[1] = s;
      d[2] = s * (1 - s);
      return;
    }
    case 'relu':
      d[0] = u > 0 ? u : 0;
      d[1] = u > 0 ? 1 : 0;
      d[2] = 0;
  }
}

/** jet[o..o+5] = g(jet) by the chain rule, given d = [g, g', g''] at the jet's value. */
function chainInPlace(d: Float64Array, jet: Float64Array, o: number): void {
  const ua = jet[o + 1];
  const ub = jet[o + 2];
  jet[o] = d[0];
  jet[o + 1] = d[1] * ua;
  jet[o + 2] = d[1] * ub;
  jet[o + 3] = d[2] * ua * ua + d[1] * jet[o + 3];
  jet[o + 4] = d[2] * ua * ub + d[1] * jet[o + 4];
  jet[o + 5] = d[2] * ub * ub + d[1] * jet[o + 5];
}

/** One sample's loss as a jet, in place on the single output jet z[0..5]: softplus(z) − t·z or (z − t)². */
export function sampleLossJetInPlace(task: Task, z: Float64Array, target: number, d: Float64Array): void {
  const z0 = z[0];
  if (task === 'classification') {
    const s = sigmoid(z0);
    d[0] = softplus(z0) - target * z0;
    d[1] = s - target;
    d[2] = s * (1 - s);
  } else {
    d[0] = (z0 - target) * (z0 - target);
    d[1] = 2 * (z0 - target);
    d[2] = 2;
  }
  chainInPlace(d, z, 0);
}

/** The float64 Taylor-mode grid engine ('jets-f64'). */
export class SliceJetEngineF64 implements SliceGridEngine {
  readonly name = 'jets-f64';
  readonly maxPointsPerPass: number;
  private readonly activation: Activation;
  private readonly task: Task;
  private readonly weightDecay: number;
  private readonly samples: number;
  private readonly targets: Float64Array;
  /** Outputs K: 1 (logistic or squared loss) or the classes of a softmax network. */
  private readonly outputs: number;
  private readonly probabilities: Float64Array;
  /** First layer: width and the three S × width parts of its pre-activation. */
  private readonly width1: number;
  private readonly p: [Float64Array, Float64Array, Float64Array];
  private readonly later: LaterLayer[];
  private readonly gram: Float64Array;
  private readonly jetsA: Float64Array;
  private readonly jetsB: Float64Array;
  private readonly d = new Float64Array(3);
  private readonly point = new Float64Array(6);

  /** Copies what it needs from the problem; throws RangeError when shapes do not fit the spec. */
  constructor(problem: SliceProblem) {
    const { spec, data } = problem;
    checkNetworkFits(spec, problem.thetaStar, data);
    const layout = parameterLayout(spec.widths);
    checkSliceVectors(problem, layout.count);
    this.activation = spec.activation;
    this.task = spec.task;
    this.weightDecay = spec.weightDecay;
    this.samples = data.size;
    this.targets = Float64Array.from(data.targets);
    this.outputs = outputCount(spec);
    this.probabilities = new Float64Array(this.outputs);
    if (this.outputs > 1) for (const t of this.targets) checkClassIndex(t, this.outputs);
    this.gram = weightGram(problem, layout.layers);
    const [first, ...rest] = layout.layers;
    this.width1 = first.rows;
    const vectors = [problem.thetaStar, problem.d1, problem.d2];
    this.p = vectors.map((v) => firstLayerPart(v, first, data.inputs, data.size)) as [Float64Array, Float64Array, Float64Array];
    this.later = rest.map((slot, l) => {
      const part = (v: ArrayLike<number>, begin: number, length: number) => Float64Array.from({ length }, (_, k) => v[begin + k]);
      const [w, d1, d2] = vectors.map((v) => part(v, slot.weights, slot.rows * slot.cols));
      const [c, e1, e2] = vectors.map((v) => part(v, slot.bias, slot.rows));
      const wab = new Float64Array(slot.rows * slot.cols);
      return { rows: slot.rows, cols: slot.cols, w, d1, d2, c, e1, e2, wab, cab: new Float64Array(slot.rows), hidden: l + 1 < rest.length };
    });
    const widest = Math.max(...spec.widths);
    this.jetsA = new Float64Array(6 * widest);
    this.jetsB = new Float64Array(6 * widest);
    // Per sample: the layers' multiply-adds, and the softmax's ~12 operations per output.
    const work = this.later.reduce((s, l) => s + l.rows * l.cols + l.rows, this.width1) + (this.outputs > 1 ? 12 * this.outputs : 0);
    this.maxPointsPerPass = Math.max(1, Math.floor(CHUNK_WORK / (work * data.size)));
  }

  /** Writes the six fields of points [begin, begin + count) into out[field * size + k] (float64 buffers keep every digit). */
  fields(a: Float32Array, b: Float32Array, begin: number, count: number, out: FieldBuffer, size: number): Promise<void> {
    const jets = this.point;
    for (let k = begin; k < begin + count; k++) {
      this.pointFields(a[k], b[k], jets);
      for (let f = 0; f < 6; f++) out[f * size + k] = jets[f];
    }
    return Promise.resolve();
  }

  /** Nothing to free: the engine holds plain arrays only. */
  dispose(): void {}

  /** out[0..5] = the six fields of the slice at (a, b). */
  pointFields(a: number, b: number, out: Float64Array): void {
    for (const layer of this.later) combineLayer(layer, a, b);
    out.fill(0);
    const S = this.samples;
    const later = this.later;
    for (let s = 0; s < S; s++) {
      this.firstLayerJets(s, a, b);
      // Swapped by hand: a destructuring swap would allocate an array per layer and sample.
      let h = this.jetsA;
      let next = this.jetsB;
      for (let l = 0; l < later.length; l++) {
        propagate(later[l], h, next);
        const done = next;
        next = h;
        h = done;
        if (later[l].hidden) this.activateAll(h, later[l].rows);
      }
      if (this.outputs === 1) sampleLossJetInPlace(this.task, h, this.targets[s], this.d);
      else softmaxLossJetInPlace(h, this.outputs, this.targets[s], this.probabilities);
      for (let f = 0; f < 6; f++) out[f] += h[f];
    }
    for (let f = 0; f < 6; f++) out[f] /= S;
    addWeightDecayFields(this.weightDecay, this.gram, a, b, out);
  }

  /** jetsA = the first hidden layer's jets for sample s: σ of P0 + a·P1 + b·P2, whose second parts vanish. */
  private firstLayerJets(s: number, a: number, b: number): void {
    const [p0, p1, p2] = this.p;
    const jets = this.jetsA;
    const d = this.d;
    const w = this.width1;
    const hidden = this.later.length > 0;
    for (let r = 0, i = s * w; r < w; r++, i++) {
      const o = 6 * r;
      jets[o] = p0[i] + a * p1[i] + b * p2[i];
      jets[o + 1] = p1[i];
      jets[o + 2] = p2[i];
      jets[o + 3] = 0;
      jets[o + 4] = 0;
      jets[o + 5] = 0;
      if (hidden) {
        activationDerivatives(this.activation, jets[o], d);
        chainInPlace(d, jets, o);
      }
    }
  }

  /** The activation applied to every unit's jet of one layer, in place. */
  private activateAll(jets: Float64Array, rows: number): void {
    const d = this.d;
    for (let r = 0; r < rows; r++) {
      activationDerivatives(this.activation, jets[6 * r], d);
      chainInPlace(d, jets, 6 * r);
    }
  }
}

/** The layer's W(a, b) = W* + a·D1 + b·D2 and c(a, b), once per point. */
function combineLayer(layer: LaterLayer, a: number, b: number): void {
  const { w, d1, d2, wab, c, e1, e2, cab } = layer;
  for (let k = 0; k < wab.length; k++) wab[k] = w[k] + a * d1[k] + b * d2[k];
  for (let k = 0; k < cab.length; k++) cab[k] = c[k] + a * e1[k] + b * e2[k];
}

/**
 * out = the pre-activation jets of the layer from the previous layer's jets h (6 per unit):
 * u = W h + c, u_a = W h_a + D1 h + e1, u_aa = W h_aa + 2 D1 h_a, u_ab = W h_ab + D1 h_b + D2 h_a, …
 */
function propagate(layer: LaterLayer, h: Float64Array, out: Float64Array): void {
  const { rows, cols, wab, d1, d2, cab, e1, e2 } = layer;
  for (let r = 0; r < rows; r++) {
    let u = cab[r];
    let ua = e1[r];
    let ub = e2[r];
    let uaa = 0;
    let uab = 0;
    let ubb = 0;
    for (let c = 0, k = r * cols; c < cols; c++, k++) {
      const w = wab[k];
      const p = d1[k];
      const q = d2[k];
      const o = 6 * c;
      const hv = h[o];
      const ha = h[o + 1];
      const hb = h[o + 2];
      u += w * hv;
      ua += w * ha + p * hv;
      ub += w * hb + q * hv;
      uaa += w * h[o + 3] + 2 * p * ha;
      uab += w * h[o + 4] + p * hb + q * ha;
      ubb += w * h[o + 5] + 2 * q * hb;
    }
    const o = 6 * r;
    out[o] = u;
    out[o + 1] = ua;
    out[o + 2] = ub;
    out[o + 3] = uaa;
    out[o + 4] = uab;
    out[o + 5] = ubb;
  }
}

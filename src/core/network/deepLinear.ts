/**
 * A deep linear network z = W_L ⋯ W₂ W₁ x (no biases, identity activations) in float64 on plain
 * arrays: the small-initialisation preset of the edge-of-stability experiment (issue 18), whose
 * sharpness starts near zero and rises as the network learns (progressive sharpening).
 *
 * Flat layout: W₁, W₂, …, W_L in order, each rows = outputs × cols = inputs, row-major, as the MLP's
 * weights (types.ts) without the biases. Loss: the core's regression loss, the mean over samples of
 * (z − t)² with one output (MSE, not ½·MSE). Gradient by backpropagation and the exact
 * Hessian-vector product by the R-operator (Pearlmutter 1994); identity activations have slope 1
 * and no second derivative, so the only second-order terms are the products of two layers'
 * tangents.
 */
import { createRandom } from './random';
import type { Dataset } from './types';

/** Widths from input to output, e.g. [5, 10, 10, 10, 1]; the last width must be 1 (one output). */
export interface DeepLinearSpec {
  readonly widths: readonly number[];
}

/** Parameters of the net: Σ widths[l]·widths[l+1]. */
export function deepLinearCount(spec: DeepLinearSpec): number {
  checkDeepLinear(spec);
  let n = 0;
  for (let l = 0; l + 1 < spec.widths.length; l++) n += spec.widths[l] * spec.widths[l + 1];
  return n;
}

function checkDeepLinear(spec: DeepLinearSpec): void {
  const w = spec.widths;
  if (w.length < 2 || w.some((x) => !Number.isInteger(x) || x < 1)) throw new RangeError(`widths must be at least two positive integers, got [${w.join(', ')}]`);
  if (w[w.length - 1] !== 1) throw new RangeError(`a deep linear net here has one output, got ${w[w.length - 1]}`);
}

/** Every weight N(0, scale²) from the seed (scale ≪ 1/√width: the small initialisation). */
export function initDeepLinear(spec: DeepLinearSpec, seed: number, scale: number): Float64Array {
  const rng = createRandom(seed);
  return Float64Array.from({ length: deepLinearCount(spec) }, () => scale * rng.normal());
}

/** out = W h for one layer (W rows × cols at offset o of θ). */
function matVec(theta: ArrayLike<number>, o: number, rows: number, cols: number, h: ArrayLike<number>, out: Float64Array, add = false): void {
  for (let r = 0; r < rows; r++) {
    let s = add ? out[r] : 0;
    const row = o + r * cols;
    for (let c = 0; c < cols; c++) s += theta[row + c] * h[c];
    out[r] = s;
  }
}

/** out = Wᵀ g for one layer (accumulated when `add`). */
function matTVec(theta: ArrayLike<number>, o: number, rows: number, cols: number, g: ArrayLike<number>, out: Float64Array, add = false): void {
  if (!add) out.fill(0);
  for (let r = 0; r < rows; r++) {
    const gr = g[r];
    const row = o + r * cols;
    for (let c = 0; c < cols; c++) out[c] += theta[row + c] * gr;
  }
}

/** The network's output at each sample. */
export function deepLinearOutputs(spec: DeepLinearSpec, theta: ArrayLike<number>, data: Dataset): Float64Array {
  checkDeepLinear(spec);
  const w = spec.widths;
  const z = new Float64Array(data.size);
  for (let s = 0; s < data.size; s++) {
    let h: Float64Array = data.inputs.subarray(s * w[0], (s + 1) * w[0]);
    let o = 0;
    for (let l = 0; l + 1 < w.length; l++) {
      const next = new Float64Array(w[l + 1]);
      matVec(theta, o, w[l + 1], w[l], h, next);
      o += w[l + 1] * w[l];
      h = next;
    }
    z[s] = h[0];
  }
  return z;
}

/** The loss mean over samples of (z − t)². */
export function deepLinearLoss(spec: DeepLinearSpec, theta: ArrayLike<number>, data: Dataset): number {
  const z = deepLinearOutputs(spec, theta, data);
  let sum = 0;
  for (let s = 0; s < data.size; s++) sum += (z[s] - data.targets[s]) ** 2;
  return sum / data.size;
}

/** ∇L(θ) and, when v is given, the exact Hessian-vector product H(θ)·v. */
export function deepLinearGradientAndHvp(spec: DeepLinearSpec, theta: ArrayLike<number>, data: Dataset, v: ArrayLike<number> | null): { gradient: Float64Array; hv: Float64Array | null } {
  checkDeepLinear(spec);
  const w = spec.widths;
  const L = w.length - 1;
  const offsets: number[] = [];
  let count = 0;
  for (let l = 0; l < L; l++) {
    offsets.push(count);
    count += w[l + 1] * w[l];
  }
  const gradient = new Float64Array(count);
  const hv = v ? new Float64Array(count) : null;
  const n = data.size;
  for (let s = 0; s < n; s++) {
    // Forward: h[l] the input of layer l (h[0] = x, h[L] = z) and its tangent Rh[l] along v.
    const h: Float64Array[] = [data.inputs.subarray(s * w[0], (s + 1) * w[0])];
    const Rh: Float64Array[] = [new Float64Array(w[0])];
    for (let l = 0; l < L; l++) {
      const out = new Float64Array(w[l + 1]);
      matVec(theta, offsets[l], w[l + 1], w[l], h[l], out);
      h.push(out);
      if (v) {
        const Rout = new Float64Array(w[l + 1]);
        matVec(v, offsets[l], w[l + 1], w[l], h[l], Rout);
        matVec(theta, offsets[l], w[l + 1], w[l], Rh[l], Rout, true);
        Rh.push(Rout);
      }
    }
    // Backward: g = ∂ℓ/∂h[l+1] (ℓ = (z − t)²/n) and its tangent Rg.
    let g = Float64Array.of((2 * (h[L][0] - data.targets[s])) / n);
    let Rg = v ? Float64Array.of((2 * Rh[L][0]) / n) : null;
    for (let l = L - 1; l >= 0; l--) {
      const rows = w[l + 1];
      const cols = w[l];
      const o = offsets[l];
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          gradient[o + r * cols + c] += g[r] * h[l][c];
          if (hv && Rg) hv[o + r * cols + c] += Rg[r] * h[l][c] + g[r] * Rh[l][c];
        }
      }
      if (l === 0) break;
      const below = new Float64Array(cols);
      matTVec(theta, o, rows, cols, g, below);
      if (v && Rg) {
        const Rbelow = new Float64Array(cols);
        matTVec(v, o, rows, cols, g, Rbelow);
        matTVec(theta, o, rows, cols, Rg, Rbelow, true);
        Rg = Rbelow;
      }
      g = below;
    }
  }
  return { gradient, hv };
}

/**
 * The fixed regression problem of the preset: `size` inputs x ~ N(0, I_d) and targets t = βᵀx with
 * β ~ N(0, I_d)/√d scaled to ‖β‖ = `norm` (a linear teacher, no noise), all from `seed`.
 */
export function linearTeacherData(inputDim: number, size: number, norm: number, seed: number): Dataset {
  const rng = createRandom(seed);
  const beta = Float64Array.from({ length: inputDim }, () => rng.normal());
  const b = Math.hypot(...beta);
  for (let i = 0; i < inputDim; i++) beta[i] *= norm / b;
  const inputs = Float64Array.from({ length: size * inputDim }, () => rng.normal());
  const targets = new Float64Array(size);
  for (let s = 0; s < size; s++) for (let i = 0; i < inputDim; i++) targets[s] += beta[i] * inputs[s * inputDim + i];
  return { task: 'regression', inputDim, size, inputs, targets };
}

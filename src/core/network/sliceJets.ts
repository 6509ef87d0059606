/**
 * Exact Taylor coefficients of a network's loss along a 2D slice of weight space: every parameter
 * is the bivariate jet θ_i + d1_i·da + d2_i·db, pushed through the whole network and the loss in
 * float64 truncated-series arithmetic (taylorLayout.ts order). Two shortcuts keep order 4 fast:
 * a parameter jet is linear, so W·h costs three scalar-times-jet terms instead of a full product,
 * and the first layer's pre-activations are linear too, so their activation jets have closed forms.
 */
import { mulInto, productPlan } from '../jetArithmetic';
import type { ProductPlan } from '../jetArithmetic';
import { coefficientIndex } from '../taylorLayout';
import { unarySeries } from '../univariateSeries';
import { checkNetworkFits, outputCount } from './mlp';
import { softmaxCrossEntropySeries } from './softmaxJets';
import type { Activation, Dataset, LayerSlot, NetworkSpec } from './types';
import { parameterLayout } from './types';

/** Index tables of one order: (i, j) -> (i - 1, j) and (i, j - 1), or `size` (a slot that holds 0). */
interface ShiftTables {
  readonly plan: ProductPlan;
  readonly downA: Int32Array;
  readonly downB: Int32Array;
  /** binomial(i + j, i) per coefficient, for g(u0 + ua da + ub db). */
  readonly binomial: Float64Array;
  readonly degreeA: Int32Array;
  readonly degreeB: Int32Array;
}

const tables = new Map<number, ShiftTables>();

function shiftTables(order: number): ShiftTables {
  const cached = tables.get(order);
  if (cached !== undefined) return cached;
  const plan = productPlan(order);
  const { size } = plan;
  const downA = new Int32Array(size);
  const downB = new Int32Array(size);
  const binomial = new Float64Array(size);
  const degreeA = new Int32Array(size);
  const degreeB = new Int32Array(size);
  for (let d = 0; d <= order; d++) {
    for (let j = 0; j <= d; j++) {
      const i = d - j;
      const m = coefficientIndex(i, j);
      downA[m] = i > 0 ? coefficientIndex(i - 1, j) : size;
      downB[m] = j > 0 ? coefficientIndex(i, j - 1) : size;
      let c = 1;
      for (let k = 1; k <= i; k++) c = (c * (j + k)) / k;
      binomial[m] = c;
      degreeA[m] = i;
      degreeB[m] = j;
    }
  }
  const t = { plan, downA, downB, binomial, degreeA, degreeB };
  tables.set(order, t);
  return t;
}

/** Univariate series of an activation at u0 (ReLU: value and slope, higher terms 0; slope 0 at u0 = 0). */
function activationSeries(activation: Activation, u0: number, order: number, g: Float64Array): void {
  if (activation === 'relu') {
    g.fill(0);
    g[0] = u0 > 0 ? u0 : 0;
    if (order >= 1) g[1] = u0 > 0 ? 1 : 0;
    return;
  }
  unarySeries(activation, u0, order, g);
}

/** out = g(u0 + ua da + ub db): coefficient (i, j) is g_(i+j) C(i+j, i) ua^i ub^j. */
function composeLinear(g: Float64Array, ua: number, ub: number, t: ShiftTables, work: Work, out: Float64Array, offset: number): void {
  const { size, order } = t.plan;
  const { powA, powB } = work;
  powA[0] = 1;
  powB[0] = 1;
  for (let n = 1; n <= order; n++) {
    powA[n] = powA[n - 1] * ua;
    powB[n] = powB[n - 1] * ub;
  }
  for (let m = 0; m < size; m++) {
    const i = t.degreeA[m];
    const j = t.degreeB[m];
    out[offset + m] = g[i + j] * t.binomial[m] * powA[i] * powB[j];
  }
}

/**
 * out[offset ..] = g(u) by Horner in δ = u - u0, as jetArithmetic's compose does, but into
 * preallocated buffers: this runs once per neuron and sample, where allocation would dominate.
 */
function composeInto(g: Float64Array, u: Float64Array, t: ShiftTables, work: Work, out: Float64Array, offset: number): void {
  const { start, left, right, size, order } = t.plan;
  let acc = work.acc;
  let tmp = work.tmp;
  acc.fill(0);
  acc[0] = g[order];
  for (let n = order - 1; n >= 0; n--) {
    for (let m = 0; m < size; m++) {
      let s = 0;
      // Pairs reading u[0] are skipped: δ has no constant term.
      for (let k = start[m]; k < start[m + 1]; k++) if (right[k] !== 0) s += acc[left[k]] * u[right[k]];
      tmp[m] = s;
    }
    [acc, tmp] = [tmp, acc];
    acc[0] = g[n];
  }
  for (let m = 0; m < size; m++) out[offset + m] = acc[m];
}

/** The parameter jets' three parts: base value θ* + a d1 + b d2, and the slopes d1, d2. */
interface ParameterJets {
  readonly base: Float64Array;
  readonly d1: ArrayLike<number>;
  readonly d2: ArrayLike<number>;
}

/** Adds (w + wa da + wb db) * h to acc (both padded jets: slot `size` holds 0). */
function addLinearTimesJet(acc: Float64Array, w: number, wa: number, wb: number, h: Float64Array, h0: number, t: ShiftTables): void {
  const { size } = t.plan;
  const { downA, downB } = t;
  for (let m = 0; m < size; m++) acc[m] += w * h[h0 + m] + wa * h[h0 + downA[m]] + wb * h[h0 + downB[m]];
}

/** The network's output jets for one input vector, layer by layer in padded per-neuron buffers: output r at r·(size + 1). */
function outputJets(spec: NetworkSpec, p: ParameterJets, x: Float64Array, x0: number, t: ShiftTables, work: Work): Float64Array {
  const { layers } = work;
  const { size, order } = t.plan;
  const stride = size + 1;
  let h = work.h0;
  let next = work.h1;
  for (let l = 0; l < layers.length; l++) {
    const { weights, bias, rows, cols } = layers[l];
    const last = l + 1 === layers.length;
    for (let r = 0; r < rows; r++) {
      const u = work.u;
      u.fill(0);
      u[0] = p.base[bias + r];
      if (order >= 1) {
        u[coefficientIndex(1, 0)] = p.d1[bias + r];
        u[coefficientIndex(0, 1)] = p.d2[bias + r];
      }
      for (let c = 0; c < cols; c++) {
        const k = weights + r * cols + c;
        if (l === 0) {
          // Inputs are constants: the pre-activation stays linear in (da, db).
          const xc = x[x0 + c];
          u[0] += p.base[k] * xc;
          if (order >= 1) {
            u[coefficientIndex(1, 0)] += p.d1[k] * xc;
            u[coefficientIndex(0, 1)] += p.d2[k] * xc;
          }
        } else {
          addLinearTimesJet(u, p.base[k], p.d1[k], p.d2[k], h, c * stride, t);
        }
      }
      if (last) {
        next.set(u.subarray(0, size), r * stride);
      } else {
        activationSeries(spec.activation, u[0], order, work.g);
        if (l === 0 && order >= 1) composeLinear(work.g, u[coefficientIndex(1, 0)], u[coefficientIndex(0, 1)], t, work, next, r * stride);
        else composeInto(work.g, u, t, work, next, r * stride);
      }
      next[r * stride + size] = 0;
    }
    [h, next] = [next, h];
  }
  return h;
}

/** Scratch buffers of one evaluation, sized for the widest layer. */
interface Work {
  readonly layers: readonly LayerSlot[];
  readonly h0: Float64Array;
  readonly h1: Float64Array;
  readonly u: Float64Array;
  readonly g: Float64Array;
  readonly loss: Float64Array;
  readonly acc: Float64Array;
  readonly tmp: Float64Array;
  readonly powA: Float64Array;
  readonly powB: Float64Array;
}

/** Adds (weightDecay / 2) Σ (w + wa da + wb db)² over the weights to the loss jet. */
function addWeightPenalty(spec: NetworkSpec, p: ParameterJets, out: Float64Array): void {
  if (spec.weightDecay === 0) return;
  const s = [0, 0, 0, 0, 0, 0]; // Σ w², Σ 2 w wa, Σ 2 w wb, Σ wa², Σ 2 wa wb, Σ wb²
  for (const { weights, rows, cols } of parameterLayout(spec.widths).layers) {
    for (let k = weights; k < weights + rows * cols; k++) {
      const [w, wa, wb] = [p.base[k], p.d1[k], p.d2[k]];
      s[0] += w * w;
      s[1] += 2 * w * wa;
      s[2] += 2 * w * wb;
      s[3] += wa * wa;
      s[4] += 2 * wa * wb;
      s[5] += wb * wb;
    }
  }
  const n = Math.min(out.length, 6);
  for (let m = 0; m < n; m++) out[m] += 0.5 * spec.weightDecay * s[m];
}

/**
 * Taylor coefficients (taylorLayout.ts order) of L(θ* + (a + da) d1 + (b + db) d2) in (da, db), to
 * the given order: the mean sample loss softplus(z) - t z, (z - t)² or, for K >= 2 outputs, the
 * softmax cross-entropy log Σ e^{z_c} - z_t (softmaxJets.ts), plus the weight-decay term.
 */
export function sliceLossCoefficients(
  spec: NetworkSpec,
  data: Dataset,
  thetaStar: ArrayLike<number>,
  d1: ArrayLike<number>,
  d2: ArrayLike<number>,
  a: number,
  b: number,
  order: number,
): Float64Array {
  checkNetworkFits(spec, thetaStar, data);
  const t = shiftTables(order);
  const { size } = t.plan;
  const base = new Float64Array(thetaStar.length);
  for (let k = 0; k < base.length; k++) base[k] = thetaStar[k] + a * d1[k] + b * d2[k];
  const p: ParameterJets = { base, d1, d2 };
  const widest = Math.max(...spec.widths);
  const work: Work = {
    layers: parameterLayout(spec.widths).layers,
    h0: new Float64Array(widest * (size + 1)),
    h1: new Float64Array(widest * (size + 1)),
    u: new Float64Array(size + 1),
    g: new Float64Array(order + 1),
    loss: new Float64Array(size),
    acc: new Float64Array(size),
    tmp: new Float64Array(size),
    powA: new Float64Array(order + 1),
    powB: new Float64Array(order + 1),
  };
  const total = new Float64Array(size);
  const n = data.inputDim;
  const K = outputCount(spec);
  for (let s = 0; s < data.size; s++) {
    const z = outputJets(spec, p, data.inputs, s * n, t, work);
    if (K === 1) sampleLossJet(spec, z.subarray(0, size), data.targets[s], t, work);
    else softmaxCrossEntropySeries(z, size + 1, K, data.targets[s], t.plan, work.loss);
    for (let m = 0; m < size; m++) total[m] += work.loss[m];
  }
  for (let m = 0; m < size; m++) total[m] /= data.size;
  addWeightPenalty(spec, p, total);
  return total;
}

/** work.loss = softplus(z) - t z or (z - t)² as jets. */
function sampleLossJet(spec: NetworkSpec, z: Float64Array, target: number, t: ShiftTables, work: Work): void {
  const { size, order } = t.plan;
  if (spec.task === 'classification') {
    unarySeries('softplus', z[0], order, work.g);
    composeInto(work.g, z, t, work, work.loss, 0);
    for (let m = 0; m < size; m++) work.loss[m] -= target * z[m];
    return;
  }
  const e = work.u;
  e.set(z);
  e[0] -= target;
  mulInto(e, e, work.loss, t.plan);
}

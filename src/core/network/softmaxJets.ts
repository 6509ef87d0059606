/**
 * Softmax cross-entropy log Σ_c e^{z_c} − z_t as a jet in (a, b), for K output jets z_c: at any
 * order by truncated bivariate series (exp of each shifted logit, summed, then log; the largest
 * logit value m is shifted out so no exponential overflows and the sum's value is in [1, K]), and
 * at order 2 in closed form with p = softmax(z0):
 * L_a = Σ p_c z_c,a − z_t,a and
 * L_ab = Σ p_c z_c,ab + Σ p_c z_c,a z_c,b − (Σ p_c z_c,a)(Σ p_c z_c,b) − z_t,ab.
 */
import { compose } from '../jetArithmetic';
import type { ProductPlan } from '../jetArithmetic';
import { unarySeries } from '../univariateSeries';

/** Throws RangeError unless t is one of the class indices 0 .. K − 1. */
export function checkClassIndex(t: number, K: number): void {
  if (!Number.isInteger(t) || t < 0 || t >= K) throw new RangeError(`class index ${t} is not one of 0 .. ${K - 1}`);
}

/**
 * out[0 .. size) = the jet of log Σ_c e^{z_c} − z_t, where z_c is the jet at z[c·stride ..
 * c·stride + size) (taylorLayout order, the plan's order); exact to roundoff in float64.
 */
export function softmaxCrossEntropySeries(z: Float64Array, stride: number, K: number, target: number, plan: ProductPlan, out: Float64Array): void {
  checkClassIndex(target, K);
  const { size, order } = plan;
  let m = -Infinity;
  for (let c = 0; c < K; c++) m = Math.max(m, z[c * stride]);
  const g = new Float64Array(order + 1);
  const sum = new Float64Array(size);
  for (let c = 0; c < K; c++) {
    const zc = z.subarray(c * stride, c * stride + size);
    unarySeries('exp', zc[0] - m, order, g);
    const e = compose(g, zc, plan);
    for (let k = 0; k < size; k++) sum[k] += e[k];
  }
  unarySeries('log', sum[0], order, g);
  const lse = compose(g, sum, plan);
  const zt = target * stride;
  for (let k = 0; k < size; k++) out[k] = lse[k] - z[zt + k];
  out[0] += m;
}

/**
 * The order-2 jet of one sample's softmax cross-entropy, in place on z[0..5]: the K output jets
 * sit at z[6c .. 6c + 5] ([v, ∂a, ∂b, ∂²a, ∂a∂b, ∂²b]); p is scratch of at least K entries.
 */
export function softmaxLossJetInPlace(z: Float64Array, K: number, target: number, p: Float64Array): void {
  let m = -Infinity;
  for (let c = 0; c < K; c++) m = Math.max(m, z[6 * c]);
  let total = 0;
  for (let c = 0; c < K; c++) {
    p[c] = Math.exp(z[6 * c] - m);
    total += p[c];
  }
  let ga = 0;
  let gb = 0;
  let haa = 0;
  let hab = 0;
  let hbb = 0;
  for (let c = 0, o = 0; c < K; c++, o += 6) {
    const pc = p[c] / total;
    const za = z[o + 1];
    const zb = z[o + 2];
    ga += pc * za;
    gb += pc * zb;
    haa += pc * (z[o + 3] + za * za);
    hab += pc * (z[o + 4] + za * zb);
    hbb += pc * (z[o + 5] + zb * zb);
  }
  // The target's parts are read before z[0..5] (possibly the target's own jet) is overwritten.
  const t = 6 * target;
  const zt = z[t];
  const zta = z[t + 1];
  const ztb = z[t + 2];
  const ztaa = z[t + 3];
  const ztab = z[t + 4];
  const ztbb = z[t + 5];
  z[0] = m + Math.log(total) - zt;
  z[1] = ga - zta;
  z[2] = gb - ztb;
  z[3] = haa - ga * ga - ztaa;
  z[4] = hab - ga * gb - ztab;
  z[5] = hbb - gb * gb - ztbb;
}

/**
 * Second-order Taylor-mode jets in (a, b) as tfjs ops, for the 'jets-tfjs' grid engine: a jet is
 * six SEPARATE tensors [v, ∂a, ∂b, ∂²a, ∂a∂b, ∂²b] of one shape (never slices of a stacked one:
 * on WASM a slice copies its whole input). Call everything here inside tf.tidy.
 */
import { tf } from '../tf';
import type { Activation, Task } from '../../core/network/types';

/** The six parts of a jet; the second-order parts are null where they are known to be zero. */
export type TensorJet = [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor | null, tf.Tensor | null, tf.Tensor | null];

/** [g, g', g''] of a hidden activation at u (ReLU: g'' = 0, given as null; slope 0 at u = 0). */
function activationDerivatives(activation: Activation, u: tf.Tensor): [tf.Tensor, tf.Tensor, tf.Tensor | null] {
  switch (activation) {
    case 'tanh': {
      // tanh(u) = 2σ(2u) − 1: tfjs-wasm's sigmoid is vectorised, its tanh several times slower.
      const s = tf.sigmoid(tf.mul(u, 2));
      const g = tf.sub(tf.mul(s, 2), 1);
      const g1 = tf.mul(tf.sub(s, tf.square(s)), 4);
      return [g, g1, tf.mul(tf.mul(g, g1), -2)];
    }
    case 'sigmoid': {
      const g = tf.sigmoid(u);
      const g1 = tf.sub(g, tf.square(g));
      return [g, g1, tf.mul(g1, tf.sub(1, tf.mul(g, 2)))];
    }
    case 'softplus': {
      const s = tf.sigmoid(u);
      return [tf.softplus(u), s, tf.sub(s, tf.square(s))];
    }
    case 'relu':
      return [tf.relu(u), tf.step(u, 0), null];
  }
}

/** g'' q + g' r, skipping the terms that are zero (null). */
function secondPart(g2: tf.Tensor | null, q: tf.Tensor, g1: tf.Tensor, r: tf.Tensor | null): tf.Tensor | null {
  const curvature = g2 === null ? null : tf.mul(g2, q);
  const carried = r === null ? null : tf.mul(g1, r);
  if (curvature === null) return carried;
  return carried === null ? curvature : tf.add(curvature, carried);
}

/** Part k (0..5) of g(u) by the chain rule, from [g, g', g''] at u's value; null where it is zero. */
function chainPart(k: number, d: [tf.Tensor, tf.Tensor, tf.Tensor | null], u: TensorJet): tf.Tensor | null {
  const [g, g1, g2] = d;
  const [, ua, ub] = u;
  const q = (x: tf.Tensor, y: tf.Tensor) => (g2 === null ? x : x === y ? tf.square(x) : tf.mul(x, y));
  switch (k) {
    case 0:
      return g;
    case 1:
      return tf.mul(g1, ua);
    case 2:
      return tf.mul(g1, ub);
    case 3:
      return secondPart(g2, q(ua, ua), g1, u[3]);
    case 4:
      return secondPart(g2, q(ua, ub), g1, u[4]);
    default:
      return secondPart(g2, q(ub, ub), g1, u[5]);
  }
}

/** g(u) as a jet by the chain rule, from [g, g', g''] at u's value. */
export function chainJet(d: [tf.Tensor, tf.Tensor, tf.Tensor | null], u: TensorJet): TensorJet {
  return [0, 1, 2, 3, 4, 5].map((k) => chainPart(k, d, u)) as TensorJet;
}

/**
 * The hidden activation applied to a pre-activation jet, one part at a time (each in its own tidy)
 * so that only g, g', g'' and one part's temporaries are alive beside the input and output jets.
 */
export function activationJet(activation: Activation, u: TensorJet): TensorJet {
  const kept = tf.tidy(() => activationDerivatives(activation, u[0]).filter((t): t is tf.Tensor => t !== null));
  const d: [tf.Tensor, tf.Tensor, tf.Tensor | null] = [kept[0], kept[1], kept[2] ?? null];
  const jet = [d[0], ...[1, 2, 3, 4, 5].map((k) => tf.tidy(() => chainPart(k, d, u) ?? undefined) ?? null)] as TensorJet;
  d[1].dispose();
  d[2]?.dispose();
  return jet;
}
/**
 * Per-sample loss jets from the output jet z ([M, S] parts) and targets t ([1, S], broadcast):
 * softplus(z) − t·z (classification) or (z − t)² (regression). The step a multi-output loss replaces.
 */
export function sampleLossJet(task: Task, z: TensorJet, t: tf.Tensor): TensorJet {
  const z0 = z[0];
  if (task === 'classification') {
    const s = tf.sigmoid(z0);
    return chainJet([tf.sub(tf.softplus(z0), tf.mul(t, z0)), tf.sub(s, t), tf.sub(s, tf.square(s))], z);
  }
  const e = tf.sub(z0, t);
  return chainJet([tf.square(e), tf.mul(e, 2), tf.fill(e.shape, 2)], z);
}

/**
 * Σ over the S samples of each point's softmax cross-entropy jet, as six [M] tensors, from the K
 * output jets (parts [M·S, K], rows point by point). The target logits are picked by a matMul
 * with the persistent one-hot pick matrix [S·K, c] (c equal columns: one column leaves XNNPACK)
 * instead of a one-hot tiled to [M·S, K]: Σ_s z_{s,t_s} = reshape(z, [M, S·K])·onehot / c summed.
 * With p = softmax(z0): L = m + log Σ e^{z0 − m} − z_t, L_a = Σ p z_a − z_t,a and
 * L_ab = Σ p (z_ab + z_a z_b) − (Σ p z_a)(Σ p z_b) − z_t,ab (sums over classes, then samples).
 */
export function softmaxLossSums(z: TensorJet, M: number, pick: tf.Tensor2D): tf.Tensor[] {
  const [z0, za, zb, zaa, zab, zbb] = z;
  const perPoint = (x: tf.Tensor) => tf.sum(tf.reshape(x, [M, -1]), 1);
  const picked = (x: tf.Tensor) => tf.div(tf.sum(tf.matMul(tf.reshape(x, [M, -1]) as tf.Tensor2D, pick), 1), pick.shape[1]);
  const m = tf.max(z0, 1, true);
  const e = tf.tidy(() => tf.exp(tf.sub(z0, m)));
  const total = tf.sum(e, 1, true);
  const p = tf.div(e, total);
  const value = tf.sub(perPoint(tf.add(m, tf.log(total))), picked(z0));
  const [pa, pb] = [tf.mul(p, za), tf.mul(p, zb)];
  const [ga, gb] = [tf.sum(pa, 1), tf.sum(pb, 1)];
  const second = (x: tf.Tensor | null, px: tf.Tensor, y: tf.Tensor, gx: tf.Tensor, gy: tf.Tensor) =>
    tf.tidy(() => {
      const curvature = tf.sub(perPoint(tf.mul(px, y)), perPoint(tf.mul(gx, gy)));
      return x === null ? curvature : tf.sub(tf.add(curvature, perPoint(tf.mul(p, x))), picked(x));
    });
  return [value, tf.sub(perPoint(ga), picked(za)), tf.sub(perPoint(gb), picked(zb)), second(zaa, pa, za, ga, ga), second(zab, pa, zb, ga, gb), second(zbb, pb, zb, gb, gb)];
}

/** The per-chunk columns a later layer scales by: a and b of each row's point ([M·S, 1]). */
export interface ChunkColumns {
  readonly a: tf.Tensor2D;
  readonly b: tf.Tensor2D;
}

/** A later layer's persistent pieces: W*ᵀ, D1ᵀ, D2ᵀ ([cols, rows]) and the bias parts c*, e1, e2 ([rows]). */
export interface LayerMatrices {
  readonly w: tf.Tensor2D;
  readonly d1: tf.Tensor2D;
  readonly d2: tf.Tensor2D;
  readonly c: tf.Tensor1D;
  readonly e1: tf.Tensor1D;
  readonly e2: tf.Tensor1D;
}

/** x·W*ᵀ, x·D1ᵀ, x·D2ᵀ (plus the bias parts when given): three shared-weight 2D matMuls. */
function products(x: tf.Tensor, m: LayerMatrices, withBias = false): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const mm = (w: tf.Tensor2D, bias: tf.Tensor1D) => (withBias ? tf.fused.matMul({ a: x as tf.Tensor2D, b: w, bias }) : tf.matMul(x as tf.Tensor2D, w));
  return [mm(m.w, m.c), mm(m.d1, m.e1), mm(m.d2, m.e2)];
}

/** W(a, b)·x = x·W*ᵀ + a (x·D1ᵀ) + b (x·D2ᵀ) plus the extra terms, as one addN. */
function combine(y: [tf.Tensor, tf.Tensor, tf.Tensor], cols: ChunkColumns, extra: tf.Tensor[]): tf.Tensor {
  return tf.addN([y[0], tf.mul(cols.a, y[1]), tf.mul(cols.b, y[2]), ...extra]);
}

/**
 * The next layer's pre-activation jet from the previous layer's jet h ([M·S, cols] parts), with
 * W(a, b) = W* + a D1 + b D2 never formed per point (no per-point weights, no batched matMul):
 * u = W h + c, u_a = W h_a + D1 h + e1, u_aa = W h_aa + 2 D1 h_a, u_ab = W h_ab + D1 h_b + D2 h_a, …
 * where W h_p = h_p·W*ᵀ + a (h_p·D1ᵀ) + b (h_p·D2ᵀ); the D1 h_p, D2 h_p products are reused as the
 * cross terms. No concatenation and no slice: on WASM both copy slowly.
 */
export function layerJet(h: TensorJet, cols: ChunkColumns, m: LayerMatrices): TensorJet {
  const [v, ha, hb, haa, hab, hbb] = h;
  const yv = products(v, m, true);
  const ya = products(ha, m);
  const yb = products(hb, m);
  const second = (x: tf.Tensor | null, extra: tf.Tensor[]) => tf.tidy(() => (x === null ? tf.addN(extra) : combine(products(x, m), cols, extra)));
  const jet: TensorJet = [
    tf.tidy(() => combine(yv, cols, [])),
    tf.tidy(() => combine(ya, cols, [yv[1]])),
    tf.tidy(() => combine(yb, cols, [yv[2]])),
    second(haa, [ya[1], ya[1]]),
    second(hab, [ya[2], yb[1]]),
    second(hbb, [yb[2], yb[2]]),
  ];
  for (const t of [...yv, ...ya, ...yb]) t.dispose();
  return jet;
}

/** Disposes the parts of a jet. */
export function disposeJet(jet: TensorJet): void {
  for (const t of jet) t?.dispose();
}

/** Runs f in a tf.tidy and keeps only its jet (null parts stay null). */
export function tidyJet(f: () => TensorJet): TensorJet {
  let present: boolean[] = [];
  const kept = tf.tidy(() => {
    const jet = f();
    present = jet.map((t) => t !== null);
    return jet.filter((t): t is tf.Tensor => t !== null);
  });
  let k = 0;
  return present.map((p) => (p ? kept[k++] : null)) as TensorJet;
}

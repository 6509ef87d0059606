/**
 * Softmax cross-entropy in float64, written from the log-sum-exp: CE(z, t) = log Σ_k e^{z_k} - z_t,
 * with the largest logit shifted out so no exponential overflows. Its gradient in z is p - e_t
 * (p the softmax) and its Hessian diag(p) - p pᵀ: smooth everywhere, so every Hessian of the
 * network loss exists. With two classes it is the binary loss softplus(z_1 - z_0) - t (z_1 - z_0).
 */

/** log Σ_k e^{z_k} over z[offset .. offset + count), stable for large |z|. */
export function logSumExp(z: ArrayLike<number>, offset = 0, count = z.length - offset): number {
  let m = -Infinity;
  for (let k = 0; k < count; k++) m = Math.max(m, z[offset + k]);
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (let k = 0; k < count; k++) s += Math.exp(z[offset + k] - m);
  return m + Math.log(s);
}

/** The softmax probabilities of z[offset .. offset + count) into out[0 .. count). */
export function softmaxInto(z: ArrayLike<number>, offset: number, count: number, out: Float64Array): Float64Array {
  const lse = logSumExp(z, offset, count);
  for (let k = 0; k < count; k++) out[k] = Math.exp(z[offset + k] - lse);
  return out;
}

/** One sample's softmax cross-entropy for logits z[offset .. offset + count) and class index t. */
export function softmaxCrossEntropy(z: ArrayLike<number>, offset: number, count: number, t: number): number {
  if (!Number.isInteger(t) || t < 0 || t >= count) throw new RangeError(`class index ${t} is not one of 0 .. ${count - 1}`);
  return logSumExp(z, offset, count) - z[offset + t];
}

/** The index of the largest of z[offset .. offset + count) (the first on a tie): the predicted class. */
export function argmax(z: ArrayLike<number>, offset = 0, count = z.length - offset): number {
  let best = 0;
  for (let k = 1; k < count; k++) if (z[offset + k] > z[offset + best]) best = k;
  return best;
}

/** confusion[t][p]: how many samples of true class t were predicted as p. */
export function confusionMatrix(predicted: ArrayLike<number>, targets: ArrayLike<number>, classes: number): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let k = 0; k < targets.length; k++) m[targets[k]][predicted[k]]++;
  return m;
}

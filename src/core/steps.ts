/** Step-size sequences for error-vs-step studies. */

/**
 * `count` step sizes from hMin to hMax, equally spaced in log h and ascending, endpoints exact
 * (count = 1 gives [hMin]). Throws RangeError unless 0 < hMin <= hMax are finite and count is a
 * positive integer, because a silent empty or NaN sequence would only surface later as an empty plot.
 */
export function logSpacedSteps(hMin: number, hMax: number, count: number): number[] {
  if (!(hMin > 0 && hMax >= hMin && Number.isFinite(hMax))) {
    throw new RangeError(`logSpacedSteps needs 0 < hMin <= hMax, got ${hMin}, ${hMax}`);
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`logSpacedSteps needs a positive integer count, got ${count}`);
  }
  if (count === 1) return [hMin];
  const logMin = Math.log(hMin);
  const logStep = (Math.log(hMax) - logMin) / (count - 1);
  const steps = Array.from({ length: count }, (_, k) => Math.exp(logMin + k * logStep));
  // exp(log(h)) can miss by an ulp; the ends are the values the user typed, so pin them.
  steps[0] = hMin;
  steps[count - 1] = hMax;
  return steps;
}

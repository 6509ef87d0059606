/**
 * The training run projected on the slice (path directions): the snapshots' (a_t, b_t), lifted
 * onto the loss surface with the slice's float64 values, as the scene's path data. Only the part
 * from the first snapshot inside the slice window onward is drawn (the start of training usually
 * lies far outside it).
 */
import type { Landscape } from '../../core/landscape/Landscape';
import type { Domain } from '../../core/types';
import type { PathRunData } from '../../scene/OptimizerPaths';

/** Samples per segment between two snapshots (straight in (a, b), lifted onto the surface). */
const SAMPLES_PER_STEP = 4;
/** Okabe–Ito reddish purple: apart from the optimizer runs' colours. */
const PATH_COLOR = '#cc79a7';

/** Path data of the training run inside the domain, or null when no snapshot falls inside it. */
export function trainingPathData(slice: Landscape, a: ArrayLike<number>, b: ArrayLike<number>, domain: Domain): PathRunData | null {
  const inside = (k: number) => a[k] >= domain.xmin && a[k] <= domain.xmax && b[k] >= domain.ymin && b[k] <= domain.ymax;
  let first = 0;
  while (first < a.length && !inside(first)) first++;
  const count = a.length - first;
  if (count < 2) return null;
  const iterates = new Float64Array(3 * count);
  const path = new Float64Array(3 * ((count - 1) * SAMPLES_PER_STEP + 1));
  for (let k = 0; k < count; k++) {
    const [x, y] = [a[first + k], b[first + k]];
    iterates.set([x, y, slice.value(x, y)], 3 * k);
    if (k + 1 === count) break;
    const [nx, ny] = [a[first + k + 1], b[first + k + 1]];
    for (let s = 0; s < SAMPLES_PER_STEP; s++) {
      const t = s / SAMPLES_PER_STEP;
      const [px, py] = [x + t * (nx - x), y + t * (ny - y)];
      path.set([px, py, slice.value(px, py)], 3 * (k * SAMPLES_PER_STEP + s));
    }
  }
  path.set(iterates.subarray(3 * (count - 1)), path.length - 3);
  return { color: PATH_COLOR, path, samplesPerStep: SAMPLES_PER_STEP, iterates, shown: count - 1, model: null };
}

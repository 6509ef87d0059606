/**
 * A parsed CSV table as a data set: the user names the target column (by header name or by
 * 0-based index, -1 the last) and the task. Classification needs integer targets with at least two
 * distinct values, mapped in increasing order to class indices 0 .. K - 1 (the original values are
 * kept as class labels); regression takes any finite target.
 */
import type { Dataset, Task } from '../network/types';
import type { CsvTable } from './csv';
import { CsvError } from './csv';

/** Most classes a CSV classification target may have. */
export const CSV_MAX_CLASSES = 100;

/** Which column is the target and what the network should do with it. */
export interface CsvTargetChoice {
  /** A header name, or a 0-based column index (negative counts from the end); a numeric string is tried as a name first. */
  readonly target: string | number;
  readonly task: Task;
}

/** The data set of a CSV with what is needed to describe it. */
export interface CsvDataset {
  readonly data: Dataset;
  /** Name (or "column N") of each input feature and of the target. */
  readonly featureNames: readonly string[];
  readonly targetName: string;
  readonly targetColumn: number;
  /** Classification: the original target value of each class index. */
  readonly classLabels: readonly number[] | null;
}

/** The 0-based target column, or a CsvError listing what could have been meant. */
export function resolveTargetColumn(table: CsvTable, target: string | number): number {
  if (typeof target === 'string') {
    const byName = table.header?.indexOf(target.trim()) ?? -1;
    if (byName >= 0) return byName;
    if (!/^\s*-?\d+\s*$/.test(target)) {
      const names = table.header ? `: the columns are ${table.header.map((h) => `'${h}'`).join(', ')}` : ' (the file has no header row: give a column index from 0)';
      throw new CsvError(`no target column named '${target}'${names}`);
    }
    target = Number(target);
  }
  const index = target < 0 ? table.columns + target : target;
  if (!Number.isInteger(target) || index < 0 || index >= table.columns) {
    throw new CsvError(`target column ${target} does not exist: the file has ${table.columns} columns (indices 0 to ${table.columns - 1}, or -1 for the last)`);
  }
  return index;
}

/** The table as a data set with the chosen target; throws CsvError for a target the task cannot use. */
export function csvDataset(table: CsvTable, choice: CsvTargetChoice): CsvDataset {
  const targetColumn = resolveTargetColumn(table, choice.target);
  const name = (c: number) => table.header?.[c] || `column ${c}`;
  if (table.columns < 2) throw new CsvError('the file needs at least one input column besides the target');
  if (table.rows < 2) throw new CsvError(`the file has ${table.rows} data row; at least 2 are needed`);
  const inputDim = table.columns - 1;
  const inputs = new Float64Array(table.rows * inputDim);
  const raw = new Float64Array(table.rows);
  for (let r = 0; r < table.rows; r++) {
    let j = 0;
    for (let c = 0; c < table.columns; c++) {
      const v = table.values[r * table.columns + c];
      if (c === targetColumn) raw[r] = v;
      else inputs[r * inputDim + j++] = v;
    }
  }
  const featureNames = Array.from({ length: table.columns }, (_, c) => name(c)).filter((_, c) => c !== targetColumn);
  const common = { featureNames, targetName: name(targetColumn), targetColumn };
  if (choice.task === 'regression') {
    return { ...common, data: { task: 'regression', inputDim, size: table.rows, inputs, targets: raw }, classLabels: null };
  }
  const { targets, classLabels } = classIndices(table, raw, name(targetColumn), targetColumn);
  return { ...common, data: { task: 'classification', inputDim, size: table.rows, inputs, targets, classes: classLabels.length }, classLabels };
}

/** Integer targets to class indices in increasing order of value; CsvError for a fraction, one class or too many. */
function classIndices(table: CsvTable, raw: Float64Array, targetName: string, column: number): { targets: Float64Array; classLabels: number[] } {
  const bad = raw.findIndex((v) => !Number.isInteger(v));
  if (bad >= 0) {
    const line = table.lines[bad];
    throw new CsvError(`line ${line}, column ${column + 1} ('${targetName}'): ${raw[bad]} is not an integer class (choose regression for a continuous target)`, line, column + 1);
  }
  const classLabels = Array.from(new Set(raw)).sort((a, b) => a - b);
  if (classLabels.length < 2) throw new CsvError(`the target '${targetName}' has one class only (${classLabels[0]}): classification needs at least two`);
  if (classLabels.length > CSV_MAX_CLASSES) throw new CsvError(`the target '${targetName}' has ${classLabels.length} classes; the limit is ${CSV_MAX_CLASSES} (choose regression?)`);
  const index = new Map(classLabels.map((v, k) => [v, k]));
  return { targets: raw.map((v) => index.get(v)!), classLabels };
}

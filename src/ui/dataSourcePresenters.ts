/**
 * The words of the network panel's data section, as pure functions (Node-testable): the data menu's
 * labels, the CSV and model file checks with the core's messages, and the lines that state the
 * split, the objective, the scores and what a link can and cannot carry.
 */
import type { PreparedData } from '../core/data/catalog';
import { DATA_SOURCE_INFO, isDataSourceName } from '../core/data/catalog';
import { checkCsvSize, CSV_MAX_BYTES, CSV_MAX_COLUMNS, CSV_MAX_ROWS, CsvError, parseCsv, type CsvTable } from '../core/data/csv';
import { csvDataset } from '../core/data/csvDataset';
import { DATASET_INFO, isDatasetKind } from '../core/network/datasets';
import { importLayersModel, ModelImportError } from '../core/network/kerasImport';
import type { LabState, NetDataChoice } from '../state/schema';
import { fingerprintOf, type UserCsv, type UserModel } from './UserFiles';

/** The data menu's label of each choice. */
export function netDataLabel(choice: NetDataChoice): string {
  if (choice === 'csv') return 'your CSV…';
  if (isDatasetKind(choice)) return DATASET_INFO[choice].label;
  if (choice === 'chebyshev') return 'Chebyshev T_k, 20 points (regression)';
  return DATA_SOURCE_INFO[choice].label;
}

/** The limits a CSV must keep, as the panel states them. */
export const CSV_LIMITS_TEXT = `Numeric columns only, at most ${CSV_MAX_ROWS.toLocaleString('en-US')} rows, ${CSV_MAX_COLUMNS.toLocaleString('en-US')} columns and ${CSV_MAX_BYTES / 1024 / 1024} MB; a header row is optional. The file stays in this page: nothing is uploaded.`;

/** What the page says about links to a run on user files. */
export const CSV_LINK_NOTE = 'The CSV is not in the link: a link names the file, its target and task only, and opening it asks for the file again.';
/** The same for an imported model. */
export const MODEL_LINK_NOTE = 'The model is not in the link: its weights stay in this page, and opening a link to this run asks for model.json and its weight files again.';

/** The state patch for choosing a data set: MNIST's slice and curvature use a seeded subset of 500 unless one is set. */
export function dataChoicePatch(choice: NetDataChoice, s: Readonly<LabState>): Partial<LabState> {
  const patch: Partial<LabState> = { netData: choice };
  if ((choice === 'mnist' || choice === 'mnist14') && s.netObjective === 0) patch.netObjective = 500;
  return patch;
}

/** A chosen CSV file's text checked and parsed: the UserCsv, or the core's message naming the file. */
export function loadCsvText(name: string, text: string, bytes: number): { csv: UserCsv } | { error: string } {
  try {
    checkCsvSize(bytes);
    const table = parseCsv(text, { byteLength: bytes });
    return { csv: { name, bytes, table, fingerprint: fingerprintOf(new TextEncoder().encode(text)) } };
  } catch (e) {
    if (e instanceof CsvError) return { error: `${name}: ${e.message}` };
    throw e;
  }
}

/** The problem with a target and task for this table (one class, a fraction, no such column), or null. */
export function csvTargetProblem(table: CsvTable, target: string, task: 'classification' | 'regression'): string | null {
  try {
    csvDataset(table, { target, task });
    return null;
  } catch (e) {
    if (e instanceof CsvError) return e.message;
    throw e;
  }
}

/** The target column menu: label → the value netCsvTarget takes (a header name, or the index). */
export function csvTargetOptions(table: CsvTable): Record<string, string> {
  return Object.fromEntries(Array.from({ length: table.columns }, (_, c) => {
    const name = table.header?.[c];
    return [name ? `${name} (column ${c + 1})` : `column ${c + 1}`, name ?? String(c)];
  }));
}

/** One line about a parsed CSV. */
export function csvSummary(csv: UserCsv): string {
  const { table } = csv;
  const header = table.header ? `columns ${table.header.slice(0, 6).join(', ')}${table.header.length > 6 ? ', …' : ''}` : 'no header row';
  return `${csv.name}: ${table.rows.toLocaleString('en-US')} rows × ${table.columns} columns (${header}).`;
}

/** The chosen model files imported: the UserModel, or the importer's message. */
export function loadModelFiles(files: readonly { name: string; bytes: ArrayBuffer }[]): { model: UserModel } | { error: string } {
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsons.length !== 1) return { error: jsons.length === 0 ? 'choose model.json together with its weight files (.bin)' : `choose one model.json, got ${jsons.map((f) => f.name).join(', ')}` };
  const json = jsons[0];
  const weights = new Map(files.filter((f) => f !== json).map((f) => [f.name, f.bytes]));
  try {
    const model = importLayersModel(new TextDecoder().decode(json.bytes), weights);
    const fingerprint = fingerprintOf(new Uint8Array(Float64Array.from(model.theta).buffer));
    return { model: { name: json.name, files: files.map((f) => f.name), model, fingerprint } };
  } catch (e) {
    if (e instanceof ModelImportError) return { error: `${json.name}: ${e.message}` };
    throw e;
  }
}

/** One line about an imported model. */
export function modelSummary(m: UserModel): string {
  const { spec, outputActivation, notes } = m.model;
  const kind = spec.task === 'regression' ? 'regression' : `${m.model.classes} classes (${outputActivation} output)`;
  return `${m.name}: ${spec.widths.join('-')} ${spec.activation} MLP, ${m.model.theta.length.toLocaleString('en-US')} weights, ${kind}.${notes.length ? ` ${notes.join('; ')}.` : ''}`;
}

/** The split and standardisation of a prepared data set, in one line. */
export function splitText(p: PreparedData): string {
  const test = p.test ? `${p.test.size.toLocaleString('en-US')} test` : 'no test part';
  const how = p.split.seed === null ? 'the data set’s fixed split' : p.split.testFraction === 0 ? 'all samples train' : `a ${Math.round(100 * (p.split.testFraction ?? 0))} % split seeded ${p.split.seed}`;
  const std = p.standardization.mode === 'none' ? 'inputs as they are' : `inputs standardised (${p.standardization.mode === 'global' ? 'one mean and scale for all pixels' : 'per feature'}) with training statistics`;
  return `${p.train.size.toLocaleString('en-US')} training / ${test} samples (${how}); ${std}.`;
}

/** The stated objective: which samples the slice, the Hessian and every curvature figure use. */
export function objectiveText(objective: { size: number; of: number; subset: boolean }, seed: number): string {
  if (!objective.subset) return `Objective: the full training set (${objective.of.toLocaleString('en-US')} samples): the surface, the Hessian and λmax are of this loss.`;
  return `Objective: a fixed subset of ${objective.size.toLocaleString('en-US')} of the ${objective.of.toLocaleString('en-US')} training samples (seed ${seed}), to keep each pass short: the surface, the Hessian and λmax are of the loss on these samples; training used all of them.`;
}

/** A score in percent (classification) or as R² (regression). */
export function scoreText(value: number | null, task: 'classification' | 'regression'): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return task === 'classification' ? `${(100 * value).toFixed(1)}%` : `R² ${value.toFixed(3)}`;
}

/** Whether a data choice needs an asset, and its name (for a loading line). */
export function assetOf(choice: NetDataChoice): string | null {
  return isDataSourceName(choice) ? (DATA_SOURCE_INFO[choice].asset?.name ?? null) : null;
}

/** Largest CSV file the page reads (checked before reading it). */
export const CSV_MAX_FILE_BYTES = CSV_MAX_BYTES;

/** The message for a file over the size limit, before it is read. */
export function csvTooLarge(name: string, bytes: number): string {
  try {
    checkCsvSize(bytes);
    return `${name}: too large`;
  } catch (e) {
    return `${name}: ${(e as Error).message}`;
  }
}

/** Inputs each data choice gives a network (null for a CSV, whose columns decide). */
const INPUTS: Partial<Record<NetDataChoice, number>> = { circles: 2, xor: 2, gaussians: 2, spiral: 2, sine: 1, digits: 64, mnist: 784, mnist14: 196, iris: 4, chebyshev: 1 };

/** The inputs the data choice gives a network (a CSV: its columns but the target), or null when unknown. */
export function inputsOf(choice: NetDataChoice, csv: UserCsv | null): number | null {
  if (choice === 'csv') return csv ? csv.table.columns - 1 : null;
  return INPUTS[choice] ?? null;
}

/** A data set that fits a loaded model when the current one does not (64 inputs: digits, 784: MNIST, …), else null. */
export function dataForModel(m: UserModel, current: NetDataChoice, files: { csv: UserCsv | null }): NetDataChoice | null {
  const inputs = m.model.spec.widths[0];
  if (inputsOf(current, files.csv) === inputs) return null;
  const fits = (Object.keys(INPUTS) as NetDataChoice[]).filter((c) => INPUTS[c] === inputs && (m.model.spec.task === 'regression') === (c === 'sine' || c === 'chebyshev'));
  return fits.find((c) => c === 'digits' || c === 'mnist' || c === 'mnist14' || c === 'iris') ?? fits[0] ?? null;
}

/**
 * Where `taylor-lab network` gets its data and model from disk: the lab's synthetic sets, the
 * committed image assets (read from the repository, the same bytes the page fetches), Iris,
 * Chebyshev, a user CSV, and a tfjs Layers model.json with its weight files. Every refusal is a
 * CliError carrying the same words the page shows.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSourceName, PreparedData } from '../core/data/catalog';
import { DATA_SOURCE_INFO, prepareCsv, prepareData, prepareSource } from '../core/data/catalog';
import { checkCsvSize, CsvError, parseCsv } from '../core/data/csv';
import { csvDataset } from '../core/data/csvDataset';
import { AssetError } from '../core/data/imageAsset';
import { DATASET_INFO, makeDataset } from '../core/network/datasets';
import type { DatasetKind } from '../core/network/datasets';
import type { ImportedModel, ImportOptions } from '../core/network/kerasImport';
import { importLayersModel, ModelImportError, weightFilePaths } from '../core/network/kerasImport';
import type { Task } from '../core/network/types';
import { CliError } from './cliArgs';

/** The data a command line names: a synthetic set, a named real set, or a CSV file. */
export type DataChoice =
  | { readonly kind: 'synthetic'; readonly name: DatasetKind }
  | { readonly kind: 'named'; readonly name: DataSourceName }
  | { readonly kind: 'csv'; readonly path: string; readonly target: string; readonly task: Task };

/** Seed, noise (synthetic sets) and Chebyshev degree of a data choice. */
export interface DataOptions {
  readonly seed: number;
  readonly noise: number;
  readonly degree: number;
}

/** The repository root, two folders above this file. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A file's bytes as an ArrayBuffer of their own. */
function readBytes(file: string): ArrayBuffer {
  const b = readFileSync(file);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/** A user file's text, or a CliError saying it cannot be read. */
function readUserFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${what} '${file}': ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The prepared data of a choice: split, standardised, with the test part when there is one. */
export function loadData(choice: DataChoice, options: DataOptions): PreparedData {
  if (choice.kind === 'synthetic') {
    const raw = makeDataset(choice.name, { seed: options.seed, noise: options.noise });
    return prepareData(raw, { source: choice.name, label: DATASET_INFO[choice.name].label, seed: options.seed, testFraction: null, standardize: 'none', classNames: null });
  }
  if (choice.kind === 'named') {
    const asset = DATA_SOURCE_INFO[choice.name].asset;
    try {
      const bytes = asset ? readBytes(path.join(ROOT, asset.path)) : undefined;
      return prepareSource(choice.name, { seed: options.seed, chebyshevDegree: options.degree }, bytes);
    } catch (e) {
      if (e instanceof AssetError) throw new CliError(`data set ${choice.name}: ${e.message}`);
      if (e instanceof Error && 'code' in e) throw new CliError(`data set ${choice.name}: cannot read ${asset?.path}: ${e.message}`);
      throw e;
    }
  }
  return loadCsv(choice, options.seed);
}

/** A CSV file parsed, validated and prepared; CsvError becomes a CliError naming the file. */
function loadCsv(choice: Extract<DataChoice, { kind: 'csv' }>, seed: number): PreparedData {
  try {
    let size: number;
    try {
      size = statSync(choice.path).size;
    } catch (e) {
      throw new CliError(`cannot read --csv file '${choice.path}': ${e instanceof Error ? e.message : String(e)}`);
    }
    checkCsvSize(size);
    const table = parseCsv(readUserFile(choice.path, '--csv file'), { byteLength: size });
    return prepareCsv(csvDataset(table, { target: choice.target, task: choice.task }), { seed, name: path.basename(choice.path) });
  } catch (e) {
    if (e instanceof CsvError) throw new CliError(`${choice.path}: ${e.message}`);
    throw e;
  }
}

/** A tfjs Layers model.json and the weight files its manifest names (paths relative to it). */
export function loadModel(file: string, options: ImportOptions = {}): ImportedModel {
  const text = readUserFile(file, '--model file');
  try {
    const json: unknown = JSON.parse(text);
    const files = new Map<string, ArrayBuffer>();
    for (const p of weightFilePaths(json)) {
      try {
        files.set(p, readBytes(path.join(path.dirname(file), p)));
      } catch {
        // A missing file is reported by the importer, with every missing name.
      }
    }
    return importLayersModel(json, files, options);
  } catch (e) {
    if (e instanceof ModelImportError) throw new CliError(`${file}: ${e.message}`);
    if (e instanceof SyntaxError) throw new CliError(`${file}: model.json is not valid JSON: ${e.message}`);
    throw e;
  }
}

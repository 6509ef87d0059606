/**
 * Where a network run's data comes from in the page: the committed image assets, fetched once from
 * the built site (never a CDN) and kept in memory; Iris and Chebyshev made in code; the user's CSV
 * and model from the files chosen in this page (UserFiles). Prepared data sets are cached by what
 * makes them (source, seed, degree; CSV fingerprint, target, task), so moving a slider does not
 * re-standardise MNIST. A link can name a CSV or a model but not carry it: such a state resolves to
 * a `missingFile` message instead of another landscape.
 */
import type { DataSourceName, PreparedData } from '../../core/data/catalog';
import { DATA_SOURCE_INFO, isDataSourceName, prepareCsv, prepareData, prepareSource } from '../../core/data/catalog';
import { CsvError } from '../../core/data/csv';
import { csvDataset } from '../../core/data/csvDataset';
import { DATASET_INFO, isDatasetKind, makeDataset } from '../../core/network/datasets';
import type { LabState } from '../../state/schema';
import type { UserFiles } from '../../ui/UserFiles';
import { NETWORK_KEYS, networkSettings, type NetworkSettings } from './networkSettings';

/** Fetches a committed asset by its repository path (the page: its built URL; tests: the file). */
export type AssetFetcher = (path: string) => Promise<ArrayBuffer>;

/** What resolving the state gave: settings, a message for a setting no run can use, or a file the page does not hold. */
export type ResolvedSettings = NetworkSettings | { readonly problem: string } | { readonly missingFile: string };

/** Most prepared data sets kept (MNIST's is ~20 MB of float64). */
const PREPARED_KEPT = 4;

/** The message for a link (or a choice) that names a user file this page does not hold, or null. */
export function missingFileMessage(s: Readonly<LabState>, files: UserFiles | null): string | null {
  if (s.netModelName !== '' && files?.model?.name !== s.netModelName) {
    return `This run uses your model ${s.netModelName}, which a link cannot carry (its weights never leave the page where it was loaded): load model.json and its weight files in the network panel to rebuild it.`;
  }
  if (s.netData !== 'csv') return null;
  if (!files?.csv) {
    const named = s.netCsvName ? ` ${s.netCsvName} (target '${s.netCsvTarget}', ${s.netCsvTask})` : '';
    return `This run uses your CSV${named}, which a link cannot carry (the file never leaves the page where it was chosen): choose it in the network panel to rebuild the run.`;
  }
  if (s.netCsvName !== '' && files.csv.name !== s.netCsvName) return `This run names the CSV ${s.netCsvName}, but the file chosen in this page is ${files.csv.name}: choose ${s.netCsvName}, or pick the target again.`;
  return null;
}

/** Resolves the state's network settings, fetching and preparing real data sets as needed. */
export class NetworkSources {
  private readonly bytes = new Map<string, Promise<ArrayBuffer>>();
  private readonly prepared = new Map<string, PreparedData>();

  /** `files`: the user's files in this page (null: none can be chosen); `fetchAsset`: how assets are read. */
  constructor(
    readonly files: UserFiles | null,
    private readonly fetchAsset: AssetFetcher,
  ) {}

  /** Settings for the state, a problem message, or the user file it needs. */
  async resolve(s: Readonly<LabState>): Promise<ResolvedSettings> {
    const missing = missingFileMessage(s, this.files);
    if (missing) return { missingFile: missing };
    if (isDatasetKind(s.netData) && s.netModelName === '') return wrap(networkSettings(s));
    let prepared: PreparedData;
    try {
      prepared = await this.prepare(s);
    } catch (e) {
      if (e instanceof CsvError) return { problem: `your CSV: ${e.message}` };
      return { problem: (e as Error).message };
    }
    const model = s.netModelName !== '' ? this.files?.model : null;
    const files = [s.netData === 'csv' ? this.files?.csv?.fingerprint : '', model?.fingerprint ?? ''].join(':');
    return wrap(networkSettings(s, { prepared, model, files }));
  }

  /** The prepared data the state names (cached). */
  async prepare(s: Readonly<LabState>): Promise<PreparedData> {
    const key = this.preparedKey(s);
    const hit = this.prepared.get(key);
    if (hit) return hit;
    const made = await this.make(s);
    this.prepared.set(key, made);
    for (const old of this.prepared.keys()) if (this.prepared.size > PREPARED_KEPT) this.prepared.delete(old);
    return made;
  }

  /** An asset's bytes, fetched once. */
  assetBytes(name: DataSourceName): Promise<ArrayBuffer> | undefined {
    const asset = DATA_SOURCE_INFO[name].asset;
    if (!asset) return undefined;
    let pending = this.bytes.get(asset.path);
    if (!pending) {
      pending = this.fetchAsset(asset.path);
      // A failed fetch is not cached: the next request tries again.
      pending.catch(() => this.bytes.delete(asset.path));
      this.bytes.set(asset.path, pending);
    }
    return pending;
  }

  private preparedKey(s: Readonly<LabState>): string {
    if (s.netData === 'csv') return `csv:${this.files?.csv?.fingerprint}:${s.netCsvTarget}:${s.netCsvTask}:${s.netSeed}`;
    if (isDatasetKind(s.netData)) return `${s.netData}:${s.netSeed}:${s.netNoise}:${s.netSamples}`;
    return `${s.netData}:${s.netSeed}:${s.netData === 'chebyshev' ? s.netDegree : ''}`;
  }

  private async make(s: Readonly<LabState>): Promise<PreparedData> {
    if (s.netData === 'csv') {
      const csv = this.files?.csv;
      if (!csv) throw new Error('no CSV chosen');
      return prepareCsv(csvDataset(csv.table, { target: s.netCsvTarget, task: s.netCsvTask }), { seed: s.netSeed, name: csv.name });
    }
    if (isDatasetKind(s.netData)) {
      const raw = makeDataset(s.netData, { seed: s.netSeed, noise: s.netNoise, size: s.netSamples });
      return prepareData(raw, { source: s.netData, label: DATASET_INFO[s.netData].label, seed: s.netSeed, testFraction: null, standardize: 'none', classNames: null });
    }
    if (!isDataSourceName(s.netData)) throw new Error(`unknown data set '${String(s.netData)}'`);
    const bytes = await this.assetBytes(s.netData);
    return prepareSource(s.netData, { seed: s.netSeed, chebyshevDegree: s.netDegree }, bytes);
  }
}

function wrap(settings: NetworkSettings | string): ResolvedSettings {
  return typeof settings === 'string' ? { problem: settings } : settings;
}

/** An AssetFetcher for the page: the asset's URL in the built site, by `fetch`. */
export function siteFetcher(urls: Readonly<Record<string, string>>): AssetFetcher {
  return async (path) => {
    const url = urls[path];
    if (!url) throw new Error(`no URL for the asset ${path}`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`could not load ${path} from the site (HTTP ${response.status})`);
    return response.arrayBuffer();
  };
}

/** Whether two states describe the same run (and both show the network in 2D). */
export function sameRun(a: Readonly<LabState>, b: Readonly<LabState>): boolean {
  return a.landscape === b.landscape && a.mode === b.mode && NETWORK_KEYS.every((k) => a[k] === b[k]);
}

/**
 * The files a user gave the page: a CSV table and a tfjs Layers model, parsed and validated when
 * they are chosen. They live in this page's memory only: nothing is uploaded, and a link cannot
 * carry them (it names the file, the target and the task, so the page can say what is missing).
 */
import type { CsvTable } from '../core/data/csv';
import type { ImportedModel } from '../core/network/kerasImport';
import { crc32 } from '../core/data/crc32';

/** A parsed CSV as chosen: its name, size and a fingerprint of its bytes. */
export interface UserCsv {
  readonly name: string;
  readonly bytes: number;
  readonly table: CsvTable;
  /** CRC-32 of the text (hex): a file chosen again with other contents is a different run. */
  readonly fingerprint: string;
}

/** An imported model as chosen: the name of its model.json, its files and a fingerprint of θ*. */
export interface UserModel {
  readonly name: string;
  readonly files: readonly string[];
  readonly model: ImportedModel;
  readonly fingerprint: string;
}

/** CRC-32 of some bytes as 8 hex digits. */
export function fingerprintOf(bytes: Uint8Array): string {
  return crc32(bytes).toString(16).padStart(8, '0');
}

/** The user's CSV and model in this page, with listeners for changes. */
export class UserFiles {
  private csvFile: UserCsv | null = null;
  private modelFile: UserModel | null = null;
  private readonly listeners = new Set<() => void>();

  /** The CSV chosen in this page, or null. */
  get csv(): UserCsv | null {
    return this.csvFile;
  }

  /** The model loaded in this page, or null. */
  get model(): UserModel | null {
    return this.modelFile;
  }

  /** Replaces the CSV (null forgets it). */
  setCsv(csv: UserCsv | null): void {
    this.csvFile = csv;
    this.notify();
  }

  /** Replaces the model (null forgets it). */
  setModel(model: UserModel | null): void {
    this.modelFile = model;
    this.notify();
  }

  /** Calls `listener` after every change; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

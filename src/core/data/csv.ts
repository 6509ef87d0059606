/**
 * A strict parser for a user's CSV of numeric columns (RFC 4180 quoting, comma / semicolon / tab
 * detected from the first line, optional header row detected or forced). Every refusal is a
 * CsvError whose message names the file line and column, so the page and the CLI can show the same
 * words. Limits: 10 MB, 20,000 data rows, 1,024 columns. Nothing here reads files or the network.
 */

/** Largest file accepted, in bytes. */
export const CSV_MAX_BYTES = 10 * 1024 * 1024;
/** Most data rows (the header not counted). */
export const CSV_MAX_ROWS = 20_000;
/** Most columns. */
export const CSV_MAX_COLUMNS = 1024;

/** A CSV that cannot be used, with the 1-based file line and column when the fault has a place. */
export class CsvError extends Error {
  override readonly name = 'CsvError';
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** A parsed table of finite numbers. */
export interface CsvTable {
  /** Column names from the header row, or null when the file has none. */
  readonly header: readonly string[] | null;
  readonly rows: number;
  readonly columns: number;
  /** rows × columns values, row-major. */
  readonly values: Float64Array;
  /** The 1-based file line each data row starts on (for messages about rows). */
  readonly lines: Int32Array;
}

/** Options of parseCsv: whether the first row is a header ('auto' detects one), the file's size in bytes when known. */
export interface CsvOptions {
  readonly header?: boolean | 'auto';
  readonly byteLength?: number;
}

/** One record's cells and the file line it starts on. */
interface CsvRecord {
  readonly cells: string[];
  readonly line: number;
}

/** The delimiter of the first line: the most frequent of comma, semicolon and tab outside quotes (comma on a tie). */
function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = (end < 0 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = first.split(',').length;
  for (const d of [';', '\t']) {
    const count = first.split(d).length;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/** Splits the text into records (RFC 4180: quoted fields may hold delimiters, "" and newlines); blank lines are skipped. */
function splitRecords(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let k = 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0].trim() === '')) records.push({ cells, line: start });
    cells = [];
    cell = '';
  };
  while (k < text.length) {
    const ch = text[k];
    if (ch === '"' && cell.trim() === '') {
      const close = readQuoted(text, k, line);
      cell = close.value;
      line = close.line;
      k = close.next;
      const after = text[k];
      if (k < text.length && after !== delimiter && after !== '\n' && after !== '\r') {
        throw new CsvError(`line ${line}: text after a closing quote in column ${cells.length + 1}`, line, cells.length + 1);
      }
      continue;
    }
    if (ch === '"') throw new CsvError(`line ${line}, column ${cells.length + 1}: a quote inside an unquoted cell`, line, cells.length + 1);
    if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[k + 1] === '\n') k++;
      endRecord();
      line++;
      start = line;
    } else {
      cell += ch;
    }
    k++;
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

/** Reads a quoted field starting at text[k] === '"'; returns its value, the index after the closing quote and the line reached. */
function readQuoted(text: string, k: number, line: number): { value: string; next: number; line: number } {
  let value = '';
  let j = k + 1;
  while (j < text.length) {
    if (text[j] === '"') {
      if (text[j + 1] === '"') {
        value += '"';
        j += 2;
        continue;
      }
      return { value, next: j + 1, line };
    }
    if (text[j] === '\n') line++;
    value += text[j++];
  }
  throw new CsvError(`line ${line}: a quoted cell is never closed`, line);
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** A cell as a finite number, or the reason it is not one. */
function cellValue(cell: string): number | string {
  const t = cell.trim();
  if (t === '') return 'is empty (a missing value)';
  if (NON_FINITE.test(t)) return `is '${t}': NaN and ∞ are not allowed`;
  if (!DECIMAL.test(t)) return `'${t.length > 40 ? `${t.slice(0, 40)}…` : t}' is not a number`;
  const v = Number(t);
  return Number.isFinite(v) ? v : `'${t}' overflows to ∞`;
}

/** True when every cell of the record is a finite number. */
function allNumeric(record: CsvRecord): boolean {
  return record.cells.every((c) => typeof cellValue(c) === 'number');
}

/** Throws CsvError when a file of this many bytes is over the limit (check before reading it). */
export function checkCsvSize(bytes: number): void {
  if (bytes > CSV_MAX_BYTES) throw new CsvError(`the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${CSV_MAX_BYTES / 1024 / 1024} MB`);
}

/** Checks size and emptiness, then splits the text into records with a header decision. */
function recordsOf(text: string, options: CsvOptions): { header: string[] | null; body: CsvRecord[] } {
  checkCsvSize(options.byteLength ?? text.length);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records = splitRecords(body, detectDelimiter(body));
  if (records.length === 0) throw new CsvError('the file is empty');
  const mode = options.header ?? 'auto';
  // A header has a non-numeric cell and either no numeric cell at all or numbers in the row below.
  const first = records[0];
  const looksLikeHeader = !allNumeric(first) && (first.cells.every((c) => typeof cellValue(c) === 'string') || records.length === 1 || allNumeric(records[1]));
  const hasHeader = mode === 'auto' ? looksLikeHeader : mode;
  const header = hasHeader ? records[0].cells.map((c) => c.trim()) : null;
  const rows = hasHeader ? records.slice(1) : records;
  if (rows.length === 0) throw new CsvError('the file has a header but no data rows');
  return { header, body: rows };
}

/** Parses and validates a CSV of numeric columns; throws CsvError with the line and column of the first fault. */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const { header, body } = recordsOf(text, options);
  const columns = header?.length ?? body[0].cells.length;
  if (columns > CSV_MAX_COLUMNS) throw new CsvError(`the file has ${columns} columns; the limit is ${CSV_MAX_COLUMNS}`);
  if (body.length > CSV_MAX_ROWS) throw new CsvError(`the file has ${body.length} data rows; the limit is ${CSV_MAX_ROWS.toLocaleString('en-US')}`);
  const values = new Float64Array(body.length * columns);
  const lines = new Int32Array(body.length);
  body.forEach((record, r) => {
    if (record.cells.length !== columns) {
      throw new CsvError(`line ${record.line} has ${record.cells.length} cells, expected ${columns} (ragged rows)`, record.line);
    }
    lines[r] = record.line;
    record.cells.forEach((cell, c) => {
      const v = cellValue(cell);
      if (typeof v === 'string') {
        const name = header ? ` ('${header[c]}')` : '';
        throw new CsvError(`line ${record.line}, column ${c + 1}${name}: ${v}`, record.line, c + 1);
      }
      values[r * columns + c] = v;
    });
  });
  return { header, rows: body.length, columns, values, lines };
}

/**
 * JSON output of the CLI: non-finite numbers become null with a warning naming where they were, and
 * the text is indented, with short arrays and objects (a gradient, one coefficient) kept on one line.
 */

/** A JSON-compatible value as the reports build it; numbers may still be NaN or infinite. */
export type ReportValue = number | string | boolean | null | readonly ReportValue[] | { readonly [key: string]: ReportValue };

/** At most this many warnings are listed one by one; the rest are counted in a last entry. */
const MAX_WARNINGS = 20;
/** Arrays and objects whose one-line JSON is at most this long stay on one line. */
const INLINE_WIDTH = 100;

/**
 * The value with every NaN or ±Infinity replaced by null, and one warning per replacement ("eval.f[2]
 * is NaN, written as null"), followed by `notes[path]` where the caller knows what an infinite value
 * means there.
 */
export function replaceNonFinite(
  value: ReportValue,
  notes: Readonly<Record<string, string>> = {},
): { value: ReportValue; warnings: string[] } {
  const paths: string[] = [];
  const walk = (v: ReportValue, path: string): ReportValue => {
    if (typeof v === 'number') {
      if (Number.isFinite(v)) return v;
      const note = !Number.isNaN(v) && Object.hasOwn(notes, path) ? ` (${notes[path]})` : '';
      paths.push(`${path} is ${v}, written as null${note}`);
      return null;
    }
    if (Array.isArray(v)) return v.map((item: ReportValue, k: number) => walk(item, `${path}[${k}]`));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, ReportValue> = {};
      for (const [key, item] of Object.entries(v)) out[key] = walk(item, memberPath(path, key));
      return out;
    }
    return v;
  };
  const cleaned = walk(value, '');
  const warnings = paths.slice(0, MAX_WARNINGS);
  if (paths.length > MAX_WARNINGS) warnings.push(`... and ${paths.length - MAX_WARNINGS} more non-finite values written as null`);
  return { value: cleaned, warnings };
}

/** JSON text with two-space indentation and short containers on one line; numbers keep full double precision. */
export function formatJson(value: ReportValue, indent = ''): string {
  const inline = formatInline(value);
  if (value === null || typeof value !== 'object' || (indent !== '' && inline.length <= INLINE_WIDTH)) return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item: ReportValue) => formatJson(item, inner));
    const flat = value.every((item: ReportValue) => item === null || typeof item === 'number' || typeof item === 'boolean');
    return `[\n${(flat ? packLines(items, inner) : items.map((item) => inner + item)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatJson(item, inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/** JSON on one line with a space after each comma and colon, as people write it. */
function formatInline(value: ReportValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item: ReportValue) => formatInline(item)).join(', ')}]`;
  const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${formatInline(item)}`);
  return `{${entries.join(', ')}}`;
}

/** Numbers or booleans of a long array, several to a line as in a printed table, each line starting with indent. */
function packLines(items: readonly string[], indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line !== '' && indent.length + line.length + 2 + item.length > INLINE_WIDTH) {
      lines.push(indent + line);
      line = item;
    } else {
      line = line === '' ? item : `${line}, ${item}`;
    }
  }
  lines.push(indent + line);
  return lines;
}

/** path.key for a plain name, path['key'] otherwise (eval.orders['0']), as JavaScript would read it. */
function memberPath(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${path}['${key}']`;
  return path === '' ? key : `${path}.${key}`;
}

import { describe, expect, it } from 'vitest';
import { prepareCsv } from '../../src/core/data/catalog';
import { CSV_MAX_BYTES, CsvError, parseCsv } from '../../src/core/data/csv';
import { csvDataset, resolveTargetColumn } from '../../src/core/data/csvDataset';

const IRISH = 'a,b,label\n1,2,0\n3,4,1\n5,6,1\n';

/** The CsvError a text gives (fails the test if it parses). */
function errorOf(run: () => unknown): CsvError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(CsvError);
    return e as CsvError;
  }
  throw new Error('expected a CsvError');
}

describe('parseCsv', () => {
  it('reads a header and numbers (CRLF, BOM, blank lines, signs, exponents, quotes)', () => {
    const t = parseCsv('\ufeffx,"y, quoted",t\r\n-1.5,2e-3,0\r\n\r\n+.5,"7",1\r\n');
    expect(t.header).toEqual(['x', 'y, quoted', 't']);
    expect([t.rows, t.columns]).toEqual([2, 3]);
    expect(Array.from(t.values)).toEqual([-1.5, 0.002, 0, 0.5, 7, 1]);
    expect(Array.from(t.lines)).toEqual([2, 4]);
  });

  it('detects a missing header, and semicolons or tabs as separators', () => {
    expect(parseCsv('1,2\n3,4').header).toBeNull();
    expect(parseCsv('1;2\n3;4').columns).toBe(2);
    expect(Array.from(parseCsv('a\tb\n1\t2\n').values)).toEqual([1, 2]);
    expect(parseCsv('1,2\n3,4', { header: true }).header).toEqual(['1', '2']);
  });

  it.each([
    ['an empty file', '', /the file is empty/],
    ['only blank lines', '\n\n  \n', /the file is empty/],
    ['a header only', 'a,b\n', /header but no data rows/],
    ['a non-numeric cell (line and column named)', 'a,b\n1,2\n3,x7\n', /line 3, column 2 \('b'\): 'x7' is not a number/],
    ['an empty cell', 'a,b\n1,\n', /line 2, column 2 \('b'\): is empty \(a missing value\)/],
    ['NaN', 'a,b\n1,NaN\n', /line 2, column 2 \('b'\): is 'NaN': NaN and ∞ are not allowed/],
    ['infinity', '1,2\n-inf,3\n', /line 2, column 1: is '-inf': NaN and ∞ are not allowed/],
    ['an overflowing number', '1,2\n1e999,3\n', /line 2, column 1: '1e999' overflows to ∞/],
    ['a ragged row', 'a,b\n1,2\n3\n', /line 3 has 1 cells, expected 2 \(ragged rows\)/],
    ['an unclosed quote', 'a,b\n1,"2\n', /quoted cell is never closed/],
    ['a stray quote', 'a,b\n1,2"\n', /line 2, column 2: a quote inside an unquoted cell/],
    ['hex numbers', 'a\n0x1f\n', /'0x1f' is not a number/],
  ])('refuses %s with its message', (_what, text, message) => {
    expect(errorOf(() => parseCsv(text)).message).toMatch(message);
  });

  it('names the line and column in the error object too', () => {
    const e = errorOf(() => parseCsv('a,b\n1,2\n3,x\n'));
    expect([e.line, e.column]).toEqual([3, 2]);
  });

  it('refuses more than 20,000 rows, more than 1,024 columns and more than 10 MB', () => {
    expect(errorOf(() => parseCsv('1,2\n'.repeat(20_001))).message).toMatch(/20001 data rows; the limit is 20,000/);
    expect(parseCsv('1,2\n'.repeat(20_000)).rows).toBe(20_000);
    const wide = Array.from({ length: 1025 }, (_, k) => k).join(',');
    expect(errorOf(() => parseCsv(`${wide}\n${wide}\n`)).message).toMatch(/1025 columns; the limit is 1024/);
    expect(errorOf(() => parseCsv('1,2\n', { byteLength: CSV_MAX_BYTES + 1 })).message).toMatch(/10\.0 MB; the limit is 10 MB/);
  });
});

describe('csvDataset', () => {
  it('takes the target by name or index (0-based, -1 the last) and keeps the other columns as inputs', () => {
    const t = parseCsv(IRISH);
    expect(resolveTargetColumn(t, 'label')).toBe(2);
    expect(resolveTargetColumn(t, '0')).toBe(0);
    expect(resolveTargetColumn(t, -1)).toBe(2);
    const d = csvDataset(t, { target: 'a', task: 'regression' });
    expect(d.data).toMatchObject({ task: 'regression', inputDim: 2, size: 3 });
    expect(Array.from(d.data.inputs)).toEqual([2, 0, 4, 1, 6, 1]);
    expect(Array.from(d.data.targets)).toEqual([1, 3, 5]);
    expect(d.featureNames).toEqual(['b', 'label']);
  });

  it('maps integer classes in increasing order to 0 .. K - 1 and keeps the labels', () => {
    const d = csvDataset(parseCsv('x,y\n0.1,7\n0.2,-3\n0.3,7\n0.4,10\n'), { target: 'y', task: 'classification' });
    expect(d.data.classes).toBe(3);
    expect(d.classLabels).toEqual([-3, 7, 10]);
    expect(Array.from(d.data.targets)).toEqual([1, 0, 1, 2]);
  });

  it.each([
    ['an unknown column name', IRISH, 'colour', 'classification', /no target column named 'colour': the columns are 'a', 'b', 'label'/],
    ['a column index out of range', IRISH, 3, 'classification', /target column 3 does not exist: the file has 3 columns/],
    ['a name in a file without header', '1,2\n3,4\n', 'y', 'regression', /no target column named 'y' \(the file has no header row/],
    ['one class only', 'a,c\n1,4\n2,4\n', 'c', 'classification', /the target 'c' has one class only \(4\)/],
    ['a fractional class', 'a,c\n1,0\n2,0.5\n', 'c', 'classification', /line 3, column 2 \('c'\): 0.5 is not an integer class/],
    ['no input column', 'c\n1\n2\n', 'c', 'regression', /at least one input column besides the target/],
    ['one row', 'a,c\n1,2\n', 'c', 'regression', /1 data row; at least 2 are needed/],
  ] as const)('refuses %s', (_what, text, target, task, message) => {
    expect(errorOf(() => csvDataset(parseCsv(text), { target, task })).message).toMatch(message);
  });

  it('prepares a CSV: seeded 20 % test split, per-feature standardisation', () => {
    const rows = Array.from({ length: 50 }, (_, k) => `${k},${k % 3},${k % 2}`).join('\n');
    const p = prepareCsv(csvDataset(parseCsv(`u,v,w\n${rows}`), { target: 'w', task: 'classification' }), { seed: 3, name: 'mine.csv' });
    expect([p.train.size, p.test?.size, p.train.classes, p.classNames]).toEqual([40, 10, 2, ['0', '1']]);
    expect(p.label).toBe("mine.csv: 50 rows, target 'w'");
    expect(p.standardization.mode).toBe('feature');
  });
});

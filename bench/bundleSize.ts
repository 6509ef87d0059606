/**
 * `npx tsx bench/bundleSize.ts [dist]`: raw and gzip sizes of the built JavaScript and CSS
 * (dist/assets/*.js, *.css), one row per file and a total, after `npm run build`. gzip at level 9
 * approximates what a static host sends; fonts and images are left out because they load lazily.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Raw and gzip bytes of one built file. */
export interface AssetSize {
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
}

/** Sizes of every .js and .css file in <dist>/assets, largest first. */
export function assetSizes(dist: string): AssetSize[] {
  const dir = path.join(dist, 'assets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .map((file) => {
      const bytes = readFileSync(path.join(dir, file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.raw - a.raw);
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1).padStart(9);
}

function main(): void {
  const dist = process.argv[2] ?? 'dist';
  const sizes = assetSizes(dist);
  console.log(`bundle in ${dist}/assets (KiB)`);
  console.log(`${'file'.padEnd(44)}${'raw'.padStart(9)}${'gzip'.padStart(9)}`);
  for (const s of sizes) console.log(`${s.file.padEnd(44)}${kb(s.raw)}${kb(s.gzip)}`);
  const js = sizes.filter((s) => s.file.endsWith('.js'));
  const sum = (list: AssetSize[], k: 'raw' | 'gzip') => list.reduce((t, s) => t + s[k], 0);
  console.log(`${'total .js'.padEnd(44)}${kb(sum(js, 'raw'))}${kb(sum(js, 'gzip'))}`);
  console.log(`${'total .js + .css'.padEnd(44)}${kb(sum(sizes, 'raw'))}${kb(sum(sizes, 'gzip'))}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();

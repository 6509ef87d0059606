/**
 * The lab's binary image-set asset (made by scripts/make-digits-asset.py and
 * scripts/make-mnist-asset.mjs, layout in docs/data.md): a 32-byte little-endian header, then
 * count × rows × cols uint8 pixels (image by image, row-major), then count uint8 labels. Decoding
 * is pure: an ArrayBuffer in, typed arrays out, every field and the payload's CRC-32 checked.
 */
import { crc32 } from './crc32';

/** The four bytes every asset starts with ("Taylor Lab IMages"). */
export const IMAGE_ASSET_MAGIC = 'TLIM';
/** The header version this decoder reads. */
export const IMAGE_ASSET_VERSION = 1;
/** Size of the header in bytes. */
export const IMAGE_ASSET_HEADER_BYTES = 32;

/** A decoded image set: pixels and labels plus the header's description of them. */
export interface ImageSet {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  readonly classes: number;
  /** Largest possible pixel value (16 for the 8×8 digits, 255 for MNIST). */
  readonly maxValue: number;
  /** The first trainCount images are the training part (count when the asset fixes no split). */
  readonly trainCount: number;
  /** count × rows × cols pixels, image by image, row-major. */
  readonly pixels: Uint8Array;
  /** count labels, each 0 .. classes - 1. */
  readonly labels: Uint8Array;
}

/** What a caller expects of an asset; any field given is checked against the header. */
export interface ImageSetExpectation {
  readonly name: string;
  readonly count?: number;
  readonly rows?: number;
  readonly cols?: number;
  readonly classes?: number;
}

/** An asset that is not what it should be (wrong file, truncated, corrupted). */
export class AssetError extends Error {
  override readonly name = 'AssetError';
}

/** Reads and checks the header fields; throws AssetError naming the asset and the field. */
function readHeader(view: DataView, name: string): Omit<ImageSet, 'pixels' | 'labels'> & { crc: number } {
  if (view.byteLength < IMAGE_ASSET_HEADER_BYTES) throw new AssetError(`${name}: ${view.byteLength} bytes is too short for the ${IMAGE_ASSET_HEADER_BYTES}-byte header`);
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== IMAGE_ASSET_MAGIC) throw new AssetError(`${name}: not a Taylor Lab image asset (starts with '${magic}', expected '${IMAGE_ASSET_MAGIC}')`);
  const version = view.getUint16(4, true);
  if (version !== IMAGE_ASSET_VERSION) throw new AssetError(`${name}: asset version ${version}, this build reads version ${IMAGE_ASSET_VERSION}`);
  const headerBytes = view.getUint16(6, true);
  if (headerBytes !== IMAGE_ASSET_HEADER_BYTES) throw new AssetError(`${name}: header of ${headerBytes} bytes, expected ${IMAGE_ASSET_HEADER_BYTES}`);
  const header = {
    count: view.getUint32(8, true),
    rows: view.getUint16(12, true),
    cols: view.getUint16(14, true),
    classes: view.getUint16(16, true),
    maxValue: view.getUint16(18, true),
    trainCount: view.getUint32(20, true),
    crc: view.getUint32(24, true),
  };
  if (header.count < 1 || header.rows < 1 || header.cols < 1 || header.classes < 2 || header.maxValue < 1 || header.maxValue > 255) {
    throw new AssetError(`${name}: impossible header (count ${header.count}, ${header.rows}×${header.cols}, ${header.classes} classes, max ${header.maxValue})`);
  }
  if (header.trainCount > header.count) throw new AssetError(`${name}: ${header.trainCount} training images of ${header.count}`);
  return header;
}

/** Decodes an image-set asset; throws AssetError for a wrong magic, version, size, CRC-32 or value. */
export function decodeImageSet(buffer: ArrayBuffer, expected: ImageSetExpectation): ImageSet {
  const { name } = expected;
  const header = readHeader(new DataView(buffer), name);
  for (const key of ['count', 'rows', 'cols', 'classes'] as const) {
    const want = expected[key];
    if (want !== undefined && header[key] !== want) throw new AssetError(`${name}: header says ${key} = ${header[key]}, expected ${want}`);
  }
  const pixelCount = header.count * header.rows * header.cols;
  const size = IMAGE_ASSET_HEADER_BYTES + pixelCount + header.count;
  if (buffer.byteLength !== size) throw new AssetError(`${name}: ${buffer.byteLength} bytes, the header promises ${size} (truncated or wrong file?)`);
  const payload = new Uint8Array(buffer, IMAGE_ASSET_HEADER_BYTES);
  const crc = crc32(payload);
  if (crc !== header.crc) throw new AssetError(`${name}: payload CRC-32 ${hex(crc)} does not match the header's ${hex(header.crc)} (corrupted file)`);
  const pixels = payload.slice(0, pixelCount);
  const labels = payload.slice(pixelCount);
  const badPixel = pixels.findIndex((p) => p > header.maxValue);
  if (badPixel >= 0) throw new AssetError(`${name}: pixel ${badPixel} is ${pixels[badPixel]}, above the maximum ${header.maxValue}`);
  const badLabel = labels.findIndex((l) => l >= header.classes);
  if (badLabel >= 0) throw new AssetError(`${name}: label ${badLabel} is ${labels[badLabel]}, not a class of ${header.classes}`);
  const { count, rows, cols, classes, maxValue, trainCount } = header;
  return { count, rows, cols, classes, maxValue, trainCount, pixels, labels };
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

/** The SHA-256 of the bytes as lowercase hex (Web Crypto: browsers in a secure context, Node >= 19). */
export async function sha256Hex(buffer: ArrayBuffer): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

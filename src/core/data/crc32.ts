/**
 * CRC-32 (IEEE 802.3, the polynomial of zlib, gzip and PNG): the payload check stored in the header
 * of the lab's binary data assets, computed the same way by Python's zlib.crc32 and Node's zlib.crc32.
 */

let table: Uint32Array | undefined;

/** The 256-entry lookup table of the reflected polynomial 0xEDB88320, built once. */
function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** The CRC-32 of the bytes, as an unsigned 32-bit integer. */
export function crc32(bytes: Uint8Array): number {
  const t = crcTable();
  let c = 0xffffffff;
  for (let k = 0; k < bytes.length; k++) c = t[(c ^ bytes[k]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

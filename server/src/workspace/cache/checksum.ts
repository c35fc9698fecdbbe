import * as zlib from 'zlib';

/*
 * The CRC-32 (as gzip and zip compute it) that guards a shard's payload
 * against damage on disk. zlib.crc32 is native from Node 20.15 and 22.2; on
 * an older Node 20 the same sum is computed here, from a table.
 */

const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

/** The CRC-32 of the bytes, computed in JavaScript (what crc32 falls back to; exported for tests). */
export function tableCrc32(bytes: Uint8Array): number {
  const t = (table ??= crcTable());
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The CRC-32 of the bytes, as an unsigned 32-bit number. */
export function crc32(bytes: Uint8Array): number {
  return native ? native(bytes) >>> 0 : tableCrc32(bytes);
}

/*
 * 32-bit hashing for feature ids. Features are hashed rather than interned as
 * strings so that extraction never concatenates strings in the hot loop: a
 * template id is mixed with the hash of a word (computed once per word type).
 */

import { fnv1a32 } from '../../../../common/strings';

/** FNV-1a over UTF-16 code units, seeded so different uses of one string differ. */
export { fnv1a32 as hashString } from '../../../../common/strings';

/** hashString(s.slice(start, end), seed) for 0 <= start, without making the substring. */
export function hashRange(s: string, start: number, end: number, seed: number): number {
  return fnv1a32(s, seed, start, Math.min(end, s.length));
}

/** Combines two 32-bit values; avalanche so that nearby inputs spread over the table. */
export function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b ^ (b >>> 15), 0x2c1b3c6d)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  // 0 marks an empty slot in the lookup table, so it is never a feature.
  return h >>> 0 || 1;
}

export function mix3(a: number, b: number, c: number): number {
  return mix(mix(a, b), c);
}

/**
 * `mix` as a signed 32-bit integer: the same bits, but V8 keeps the value unboxed (a uint32 above 2^31
 * is a heap number whenever it crosses a call), so the per-token hashing allocates nothing.
 */
export function mixInt(a: number, b: number): number {
  let h = a ^ Math.imul(b ^ (b >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return h || 1;
}

export function mix3Int(a: number, b: number, c: number): number {
  return mixInt(mixInt(a, b), c);
}

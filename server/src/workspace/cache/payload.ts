import { gunzipSync, gzipSync } from 'zlib';

/** A shard's payload: gzip of JSON { text, analysis }. Level 1: most of the size for a fraction of the time. */
export function shardPayload(text: string, analysis: unknown): Uint8Array {
  const bytes = gzipSync(JSON.stringify({ text, analysis }), { level: 1 });
  // Its own buffer (not a slice of Node's pool), so that it can be transferred between threads.
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** The payload's JSON, unchecked (see ShardStore.readFull for the checks). */
export function readPayload(payload: Uint8Array): unknown {
  return JSON.parse(gunzipSync(payload).toString('utf8'));
}

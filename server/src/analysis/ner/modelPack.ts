import { decodeRows } from '../learn/weightRows';
import type { ModelFile } from './modelFile';
import { NUM_LABELS } from './viterbi';

/*
 * dist/data/ner-model.bin: ner-model.json with its base64 payload decoded,
 * derived by the build (esbuild.mjs), never trained or edited. Reading the
 * 2 MB JSON as text, parsing it and decoding the base64 cost each analysis
 * thread about 50 ms; this loads as views of the file's bytes.
 *
 * Layout: "DNM" and a format byte, the header's length (u32 LE), the header
 * (the JSON file without `data`), then, 8-byte aligned, the payload as
 * decoded: hashes (u32 LE x rows), scales (f32 LE x rows), weights (i8 x rows x labels).
 */

const MAGIC = [0x44, 0x4e, 0x4d, 1];

export type ModelHeader = Omit<ModelFile, 'data'>;

export interface ModelRows {
  hashes: Uint32Array;
  q: Int8Array;
  scales: Float32Array;
}

const align = (n: number) => (n + 7) & ~7;

/** The binary form of a model file's text. */
export function packModel(modelText: string): Uint8Array {
  const { data, ...header } = JSON.parse(modelText) as ModelFile;
  const { hashes, q, scales } = decodeRows(data, header.rows, NUM_LABELS, 'NER model');
  const head = new TextEncoder().encode(JSON.stringify(header));
  const first = align(8 + head.length);
  const out = new Uint8Array(first + hashes.byteLength + scales.byteLength + q.byteLength);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, head.length, true);
  out.set(head, 8);
  out.set(new Uint8Array(hashes.buffer), first);
  out.set(new Uint8Array(scales.buffer), first + hashes.byteLength);
  out.set(new Uint8Array(q.buffer), first + hashes.byteLength + scales.byteLength);
  return out;
}

/** The header and the payload's arrays (views of `bin` when it is aligned) from `packModel`'s bytes. */
export function unpackModel(bin: Uint8Array): { header: ModelHeader; rows: ModelRows } {
  if (bin.length < 8 || MAGIC.some((b, i) => bin[i] !== b)) throw new Error('not a Dossier NER model (or an older binary format)');
  const headLength = new DataView(bin.buffer, bin.byteOffset, bin.byteLength).getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bin.subarray(8, 8 + headLength))) as ModelHeader;
  const first = align(8 + headLength);
  const n = header.rows;
  if (bin.length !== first + n * (8 + NUM_LABELS)) throw new Error('NER model payload has the wrong size');
  // Typed arrays need aligned offsets: copy once when the caller's bytes are not 4-byte aligned.
  const body = (bin.byteOffset + first) % 4 === 0 ? bin.subarray(first) : bin.slice(first);
  return {
    header,
    rows: {
      hashes: new Uint32Array(body.buffer, body.byteOffset, n),
      scales: new Float32Array(body.buffer, body.byteOffset + n * 4, n),
      q: new Int8Array(body.buffer, body.byteOffset + n * 8, n * NUM_LABELS),
    },
  };
}

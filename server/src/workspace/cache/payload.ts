import type { Block, DocumentAnalysis } from '../../analysis/types';
import { Decoder, Encoder, isRecord, list, record, stringList } from './payloadColumns';
import { ByteReader, isSmallInt } from './varints';
import { crc32 } from './checksum';

/*
 * A shard's payload: a compact form of the analysis, without the document's
 * text, behind a CRC-32 of its bytes. The shard is keyed by the text's hash,
 * so whoever reads it has the text (an editor's, or the file's) and checks it
 * against that hash first (shardStore.ts, checkPayload). Making the payload
 * was once a sixth of an analysis thread's time: JSON with key names repeated
 * on every mention, the text of every span (a copy of what the document's
 * text already holds), offsets in decimal, a copy of the text, and gzip
 * reading all that. So:
 *
 *   u32 LE CRC-32 of the rest · u32 LE head length · head JSON · columns (varints.ts)
 *
 *   - the columns hold, in this order, the sentence ends, the structure's
 *     blocks, the mentions, the demonyms, the entities and the claims, as
 *     varints: offsets as steps from the previous one, lengths, indices into
 *     the head's table of strings, the entity type and block kind as numbers;
 *   - the head holds the rest of the analysis, the strings, the fields of
 *     entities and claims the columns have no place for (facts, place,
 *     speaker, score …), and the elements kept whole;
 *   - the text of a span is put back from the document's text on reading.
 *
 * An element that does not have the expected shape (a text that is not its
 * span's, an unknown type, a missing field, a number that is no small
 * integer) is kept whole in the head, so decoding gives back exactly what
 * JSON gave before, whatever the engine puts in an analysis.
 */

/**
 * 4: not compressed, a CRC-32 in front (3 was the same bytes through gzip: gzip level 1 cost an analysis
 * thread about 0.3 ms a document, a fortieth of its time, to make a seed-sized shard 10 KB smaller).
 * 3: without the text, columns as varints (2 held the text, and its columns in JSON).
 */
const VERSION = 4;
/** The lists the columns hold; the analysis's other fields go to the head as they are. */
const IN_COLUMNS = new Set(['mentions', 'demonyms', 'entities', 'claims']);

interface Head {
  v: typeof VERSION;
  /** The length of the text it was made from: a payload read against another text of another length is refused at once. */
  length: number;
  /** The analysis without the lists in the columns (and without its structure's blocks or sentence ends when they are there). */
  rest: Record<string, unknown>;
  strings: string[];
  /** Elements kept whole, in the order the columns meet them. */
  whole: unknown[];
  /** Fields of encoded entities and claims the columns have no place for, in the order the columns meet them. */
  others: Array<Record<string, unknown>>;
}

/** The payload of a shard: the analysis of `text`, encoded, behind the CRC-32 of the encoding (the text itself is not in it). */
export function shardPayload(text: string, analysis: DocumentAnalysis): Uint8Array {
  const encoded = encodePayload(text, analysis);
  // Its own buffer (not a slice of Node's pool), so that it can be transferred between threads.
  const out = new Uint8Array(4 + encoded.length);
  new DataView(out.buffer).setUint32(0, crc32(encoded), true);
  out.set(encoded, 4);
  return out;
}

/**
 * The analysis a payload holds, its spans' texts put back from `text`, or
 * undefined when unreadable. `text` must be the one the payload was made
 * from: the caller checks it against the shard's hash (see checkPayload).
 */
export function readPayload(payload: Uint8Array, text: string): DocumentAnalysis | undefined {
  try {
    if (payload.length < 4) return undefined;
    const encoded = payload.subarray(4);
    // Damage on disk: the bytes are not the ones written (their shape alone would let a changed offset through).
    if (new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0, true) !== crc32(encoded)) return undefined;
    return decodePayload(encoded, text);
  } catch {
    return undefined;
  }
}

/** The payload without its CRC-32. */
export function encodePayload(text: string, analysis: DocumentAnalysis): Buffer {
  const e = new Encoder(text);
  const rest: Record<string, unknown> = {};
  for (const key in analysis) if (!IN_COLUMNS.has(key)) rest[key] = (analysis as unknown as Record<string, unknown>)[key];
  const ends: unknown = analysis.sentenceEnds;
  if (Array.isArray(ends) && ends.every(isSmallInt)) {
    e.out.unsigned(1);
    e.steps(ends);
    rest.sentenceEnds = undefined;
  } else e.out.unsigned(0);
  const structure = analysis.structure as unknown;
  if (isRecord(structure) && Array.isArray(structure.blocks)) {
    e.out.unsigned(1);
    e.list(structure.blocks as Block[], (b, previous) => e.block(b, previous));
    rest.structure = { ...structure, blocks: undefined };
  } else e.out.unsigned(0);
  e.list(analysis.mentions, (m, previous) => e.mention(m, previous));
  e.list(analysis.demonyms, (d, previous) => e.demonym(d, previous));
  e.list(analysis.entities, (x) => e.entity(x));
  e.list(analysis.claims, (c, previous) => e.claim(c, previous));
  const head: Head = { v: VERSION, length: text.length, rest, strings: e.strings, whole: e.whole, others: e.others };
  const json = JSON.stringify(head);
  const headLength = Buffer.byteLength(json);
  const out = Buffer.allocUnsafe(4 + headLength + e.out.length);
  out.writeUInt32LE(headLength, 0);
  out.write(json, 4);
  e.out.copyTo(out, 4 + headLength);
  return out;
}

export function decodePayload(bytes: Uint8Array, text: string): DocumentAnalysis {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 4) throw new Error('not a payload');
  const headLength = buffer.readUInt32LE(0);
  if (4 + headLength > buffer.length) throw new Error('not a payload');
  const head: unknown = JSON.parse(buffer.toString('utf8', 4, 4 + headLength));
  if (!isRecord(head) || head.v !== VERSION || !isRecord(head.rest)) throw new Error('not a payload');
  if (head.length !== text.length) throw new Error('made from another text');
  const d = new Decoder(text, new ByteReader(bytes, 4 + headLength), stringList(head.strings), list(head.whole), list(head.others));
  const rest: Record<string, unknown> = { ...head.rest };
  if (d.input.unsigned()) rest.sentenceEnds = d.steps();
  if (d.input.unsigned()) rest.structure = { ...record(rest.structure), blocks: d.list(() => d.block()) };
  const mentions = d.list(() => d.mention());
  const demonyms = d.list(() => d.demonym());
  const entities = d.list(() => d.entity());
  const claims = d.list(() => d.claim());
  d.finish();
  return { ...rest, mentions, entities, demonyms, claims } as unknown as DocumentAnalysis;
}

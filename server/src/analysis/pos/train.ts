import {
  BOUNDARY_WORD,
  CHUNK_DENSE,
  chunkDenseCodes,
  denseHash,
  POS_DENSE,
  posDenseCodes,
  posWordGroups,
  type PosWordGroups,
} from './features';
import { trainGreedy } from './greedy';
import type { TrainedPos } from './tagger';

/*
 * Training of the part-of-speech tagger and the chunker (tagger.ts) from
 * tagged sentences. Here rather than in scripts/ so that unit tests can train
 * a toy model. The chunker learns from the gold tags of its training data and
 * reads predicted ones at run time.
 */

export interface TaggedDoc {
  words: readonly string[];
  sentences: ReadonlyArray<readonly [number, number]>;
  /** Gold indices into posTags / chunkTags, one per word. */
  pos: Uint8Array;
  chunk: Uint8Array;
}

const POS_PER_TOKEN = 14;
const CHUNK_PER_TOKEN = 3;

export function trainPosChunker(
  docs: readonly TaggedDoc[],
  posTags: string[],
  chunkTags: string[],
  opts: { posEpochs: number; chunkEpochs: number; seed: number; minCount: number },
): TrainedPos {
  const K = posTags.length;
  const C = chunkTags.length;
  let n = 0;
  let nSent = 0;
  for (const d of docs) {
    n += d.words.length;
    nSent += d.sentences.length;
  }
  const groups = new Map<string, PosWordGroups>();
  const g = (w: string) => {
    let x = groups.get(w);
    if (!x) groups.set(w, (x = posWordGroups(w)));
    return x;
  };
  const edge = g(BOUNDARY_WORD);
  const posHashes = new Uint32Array(n * POS_PER_TOKEN);
  const chunkHashes = new Uint32Array(n * CHUNK_PER_TOKEN);
  const pos = new Uint8Array(n);
  const chunk = new Uint8Array(n);
  const sequences = new Int32Array(nSent * 2);
  let base = 0;
  let si = 0;
  for (const d of docs) {
    pos.set(d.pos, base);
    chunk.set(d.chunk, base);
    for (const [s, e] of d.sentences) {
      sequences[si++] = base + s;
      sequences[si++] = base + e;
      for (let i = s; i < e; i++) {
        const at = (j: number) => (j >= s && j < e ? g(d.words[j]) : edge);
        let o = (base + i) * POS_PER_TOKEN;
        for (const h of at(i).self) posHashes[o++] = h;
        for (const h of at(i - 1).prev) posHashes[o++] = h;
        for (const h of at(i + 1).next) posHashes[o++] = h;
        for (const h of at(i - 2).prev2) posHashes[o++] = h;
        for (const h of at(i + 2).next2) posHashes[o++] = h;
        o = (base + i) * CHUNK_PER_TOKEN;
        chunkHashes[o++] = at(i).chunkSelf[0];
        chunkHashes[o++] = at(i - 1).chunkPrev[0];
        chunkHashes[o++] = at(i + 1).chunkNext[0];
      }
    }
    base += d.words.length;
  }
  const codes = new Int32Array(CHUNK_DENSE.length);
  const posW = trainGreedy(
    {
      labels: K,
      hashes: posHashes,
      perToken: POS_PER_TOKEN,
      gold: pos,
      sequences,
      minCount: opts.minCount,
      dynamic: (t, s, _e, pred, out) => {
        posDenseCodes(K, t > s + 1 ? pred[t - 2] : K, t > s ? pred[t - 1] : K, codes);
        for (let j = 0; j < POS_DENSE.length; j++) out[j] = denseHash(POS_DENSE[j], codes[j]);
        return POS_DENSE.length;
      },
    },
    { epochs: opts.posEpochs, seed: opts.seed },
  );
  const chunkW = trainGreedy(
    {
      labels: C,
      hashes: chunkHashes,
      perToken: CHUNK_PER_TOKEN,
      gold: chunk,
      sequences,
      minCount: opts.minCount,
      dynamic: (t, s, e, pred, out) => {
        chunkDenseCodes(K, C, pos, pred, t, s, e, codes);
        for (let j = 0; j < CHUNK_DENSE.length; j++) out[j] = denseHash(CHUNK_DENSE[j], codes[j]);
        return CHUNK_DENSE.length;
      },
    },
    { epochs: opts.chunkEpochs, seed: opts.seed + 1 },
  );
  return { posTags, chunkTags, pos: posW, chunk: chunkW };
}

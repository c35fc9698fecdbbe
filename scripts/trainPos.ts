/*
 * Trains the part-of-speech tagger and chunker (server/src/analysis/pos/) on
 * the POS and chunk columns of CoNLL-2003 train, scores them on valid
 * (predicted tags throughout: the chunker reads the tagger's output) and
 * measures the tagging speed.
 *
 *   npm run compile && node out/scripts/trainPos.js [--out file] [--epochs N]
 */
import * as fs from 'fs';
import * as path from 'path';
import { PosChunker, serializePosModel } from '../server/src/analysis/pos/tagger';
import { trainPosChunker, type TaggedDoc } from '../server/src/analysis/pos/train';
import { conllDocuments } from './eval/ner';
import { requireShared } from './shared';

export const POS_SEED = 20261206;
export const POS_EPOCHS = 6;
export const CHUNK_EPOCHS = 6;

export interface TagSets {
  posTags: string[];
  chunkTags: string[];
}

/** CoNLL documents with gold POS and chunk indices; tag sets are grown as new tags appear (sorted at the end by tagSets). */
export function taggedDocs(dataDir: string, split: 'train' | 'valid', sets: TagSets): TaggedDoc[] {
  const index = (list: string[], t: string) => {
    let i = list.indexOf(t);
    if (i < 0) {
      i = list.length;
      list.push(t);
    }
    return i;
  };
  return conllDocuments(dataDir, split).map((doc) => {
    const words: string[] = [];
    const pos: number[] = [];
    const chunk: number[] = [];
    const sentences: Array<[number, number]> = [];
    for (const s of doc) {
      const start = words.length;
      s.words.forEach((w, i) => {
        words.push(w);
        pos.push(index(sets.posTags, s.pos[i]));
        chunk.push(index(sets.chunkTags, s.chunk[i]));
      });
      sentences.push([start, words.length]);
    }
    return { words, sentences, pos: Uint8Array.from(pos), chunk: Uint8Array.from(chunk) };
  });
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const dataDir = path.join(requireShared('trainPos'), 'data');
  const sets: TagSets = { posTags: [], chunkTags: [] };
  const t0 = Date.now();
  const train = taggedDocs(dataDir, 'train', sets);
  const valid = taggedDocs(dataDir, 'valid', sets);
  const epochs = Number(arg('--epochs') ?? POS_EPOCHS);
  const trained = trainPosChunker(train, sets.posTags, sets.chunkTags, {
    posEpochs: epochs,
    chunkEpochs: CHUNK_EPOCHS,
    seed: POS_SEED,
    minCount: Number(arg('--min-count') ?? 2),
  });
  const file = serializePosModel(trained, { trainedOn: ['conll2003/train'] });
  const text = JSON.stringify(file);
  console.log(
    `trained in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${file.pos.rows} + ${file.chunk.rows} rows, ${(text.length / 1e6).toFixed(2)} MB`,
  );
  const l0 = performance.now();
  const tagger = new PosChunker(JSON.parse(text) as typeof file);
  console.log(`loaded in ${(performance.now() - l0).toFixed(0)} ms`);
  let n = 0;
  let posOk = 0;
  let chunkOk = 0;
  for (const d of valid) {
    const { pos, chunk } = tagger.tag(d.words, d.sentences);
    for (let i = 0; i < d.words.length; i++) {
      n++;
      if (pos[i] === d.pos[i]) posOk++;
      if (chunk[i] === d.chunk[i]) chunkOk++;
    }
  }
  console.log(
    `CoNLL valid: POS accuracy ${((100 * posOk) / n).toFixed(2)}, chunk tag accuracy ${((100 * chunkOk) / n).toFixed(2)} (${n} tokens)`,
  );
  // Speed: repeated passes over valid (word caches warm, as in a long-running server).
  for (let r = 0; r < 2; r++) for (const d of valid) tagger.tag(d.words, d.sentences);
  const c0 = process.cpuUsage();
  const passes = 5;
  for (let r = 0; r < passes; r++) for (const d of valid) tagger.tag(d.words, d.sentences);
  const c = process.cpuUsage(c0);
  console.log(`tagging speed: ${((passes * n) / ((c.user + c.system) / 1e6) / 1e3).toFixed(0)} k tokens per CPU second`);
  const out = arg('--out');
  if (out) {
    fs.writeFileSync(out, text);
    console.log(`wrote ${out}`);
  }
}

if (require.main === module) main();

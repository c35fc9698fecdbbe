/*
 * Trains the named-entity tagger (averaged perceptron, BIO over PER/ORG/LOC/MISC)
 * on CoNLL-2003 train plus the silver NER of PolNeAR train, and writes
 * server/data/ner-model.json.
 *
 *   npm run train [-- <dataDir>] [--epochs N] [--out file]
 *
 * dataDir defaults to ../shared/data relative to the repo root (the cwd).
 * Deterministic: the only randomness is the seeded shuffle and case augmentation.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Gazetteer, type GazetteerData } from '../server/src/analysis/gazetteer';
import { FeatureExtractor, NUM_FEATURES, type DocInput } from '../server/src/analysis/ner/features';
import { taggerFromWeights, type PerceptronTagger, serializeModel } from '../server/src/analysis/ner/model';
import { rng, trainPerceptron, type TrainingSet } from '../server/src/analysis/ner/perceptron';
import { LABELS, NUM_LABELS, spansOf, type LabelSpan } from '../server/src/analysis/ner/viterbi';
import { splitSentences, tokenize } from '../server/src/analysis/tokenize';
import { conllDocuments, polnearDocuments } from './eval/ner';

const SEED = 20240611;
/** Share of training sentences rewritten in UPPER or lower case so the tagger copes with shouting and lowercase comments. */
const CASE_AUGMENT = 0.06;
/** Features seen fewer times than this are left out of the model. */
const MIN_COUNT = 2;
/** Averaged weights whose row maximum is below this are pruned from the file. */
const MIN_WEIGHT = 0.02;

interface LabeledDoc extends DocInput {
  labels: Uint8Array;
}

const LABEL_INDEX = new Map<string, number>(LABELS.map((l, i) => [l, i]));

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function conllDocs(dataDir: string, split: 'train' | 'valid'): LabeledDoc[] {
  return conllDocuments(dataDir, split).map((doc) => {
    const words: string[] = [];
    const labels: number[] = [];
    const sentences: Array<[number, number]> = [];
    for (const s of doc) {
      const start = words.length;
      s.words.forEach((w, i) => {
        words.push(w);
        labels.push(LABEL_INDEX.get(s.tags[i]) ?? 0);
      });
      sentences.push([start, words.length]);
    }
    return { words, sentences, labels: Uint8Array.from(labels) };
  });
}

/** PolNeAR text through our tokenizer; a token overlapping a silver span gets its label. */
function polnearDocs(dataDir: string): LabeledDoc[] {
  return polnearDocuments(dataDir, 'train').map((doc) => {
    const tokens = tokenize(doc.text);
    const sents = splitSentences(doc.text, tokens);
    const labels = new Uint8Array(tokens.length);
    const ents = [...doc.entities].sort((a, b) => a.start - b.start);
    let k = 0;
    for (const e of ents) {
      while (k < tokens.length && tokens[k].end <= e.start) k++;
      let first = true;
      for (let j = k; j < tokens.length && tokens[j].start < e.end; j++) {
        const type = e.label;
        labels[j] = LABEL_INDEX.get(`${first ? 'B' : 'I'}-${type}`) ?? 0;
        first = false;
      }
    }
    return { words: tokens.map((t) => t.text), sentences: sents.map((s) => [s.tokenStart, s.tokenEnd] as [number, number]), labels };
  });
}

function augmentCase(docs: LabeledDoc[], random: () => number): void {
  for (const d of docs) {
    const words = d.words as string[];
    for (const [s, e] of d.sentences) {
      const r = random();
      if (r < CASE_AUGMENT / 2) for (let i = s; i < e; i++) words[i] = words[i].toUpperCase();
      else if (r < CASE_AUGMENT) for (let i = s; i < e; i++) words[i] = words[i].toLowerCase();
    }
  }
}

/** Entity-level F1 (PER/ORG/LOC, MISC ignored) of the raw tagger on labelled documents. */
function tokenLevelF1(tagger: PerceptronTagger, docs: LabeledDoc[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const d of docs) {
    const pred = tagger.labelDocument(d);
    const ps: LabelSpan[] = [];
    const gs: LabelSpan[] = [];
    for (const [s, e] of d.sentences) {
      spansOf(pred, s, e, ps);
      spansOf(d.labels, s, e, gs);
    }
    const key = (x: LabelSpan) => `${x.tokenStart}:${x.tokenEnd}:${x.type}`;
    const g = new Set(gs.filter((x) => x.type !== 3).map(key));
    const p = new Set(ps.filter((x) => x.type !== 3).map(key));
    for (const x of p) {
      if (g.has(x)) tp++;
      else fp++;
    }
    for (const x of g) if (!p.has(x)) fn++;
  }
  const pr = tp / Math.max(1, tp + fp);
  const re = tp / Math.max(1, tp + fn);
  return pr + re ? (2 * pr * re) / (pr + re) : 0;
}

function main(): void {
  const t0 = Date.now();
  const repoRoot = process.cwd();
  const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(i > 0 && all[i - 1].startsWith('--')));
  const dataDir = path.resolve(positional[0] ?? path.join(repoRoot, '..', 'shared', 'data'));
  const epochs = Number(arg('--epochs') ?? 12);
  const outFile = path.resolve(arg('--out') ?? path.join(repoRoot, 'server', 'data', 'ner-model.json'));
  if (!fs.existsSync(path.join(dataDir, 'conll2003', 'train.txt')) || !fs.existsSync(path.join(dataDir, 'polnear', 'train'))) {
    console.error(`Training data not found under ${dataDir} (need conll2003/train.txt and polnear/train).`);
    console.error('Pass the data directory as an argument: npm run train -- /path/to/shared/data');
    process.exit(1);
  }
  const gazFile = path.join(repoRoot, 'dist', 'data', 'gazetteer.json');
  if (!fs.existsSync(gazFile)) {
    console.error(`${gazFile} not found; build it first: node scripts/build-gazetteer.mjs`);
    process.exit(1);
  }
  const gazetteer = new Gazetteer(JSON.parse(fs.readFileSync(gazFile, 'utf8')) as GazetteerData);
  const extractor = new FeatureExtractor(gazetteer);

  const docs = [...conllDocs(dataDir, 'train'), ...(process.argv.includes('--no-polnear') ? [] : polnearDocs(dataDir))];
  augmentCase(docs, rng(SEED + 1));
  const valid = conllDocs(dataDir, 'valid');
  let nTokens = 0;
  let nSent = 0;
  for (const d of docs) {
    nTokens += d.words.length;
    nSent += d.sentences.length;
  }
  console.log(`${docs.length} documents, ${nSent} sentences, ${nTokens} tokens (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // Feature hashes of every token, then dense ids for those seen at least MIN_COUNT times.
  const hashes = new Uint32Array(nTokens * NUM_FEATURES);
  const gold = new Uint8Array(nTokens);
  const sentences = new Int32Array(nSent * 2);
  let tok = 0;
  let si = 0;
  for (const d of docs) {
    hashes.set(extractor.extract(d), tok * NUM_FEATURES);
    gold.set(d.labels, tok);
    for (const [s, e] of d.sentences) {
      sentences[si++] = tok + s;
      sentences[si++] = tok + e;
    }
    tok += d.words.length;
  }
  const sorted = hashes.slice().sort();
  const uniq: number[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i >= MIN_COUNT) uniq.push(sorted[i]);
    i = j;
  }
  const featHashes = Uint32Array.from(uniq);
  const feats = new Int32Array(hashes.length);
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i];
    let lo = 0;
    let hi = featHashes.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = featHashes[mid];
      if (v === h) {
        found = mid;
        break;
      }
      if (v < h) lo = mid + 1;
      else hi = mid - 1;
    }
    feats[i] = found;
  }
  console.log(`${featHashes.length} features (seen >= ${MIN_COUNT} times) (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  const set: TrainingSet = { feats, gold, sentences, numFeatures: featHashes.length };
  const { weights, transitions } = trainPerceptron(set, {
    epochs,
    seed: SEED,
    onEpoch: (epoch, w, t, mistakes) => {
      const tagger = taggerFromWeights(featHashes, w, t, gazetteer);
      const f1 = tokenLevelF1(tagger, valid);
      console.log(
        `epoch ${epoch}: ${mistakes} sentences wrong; CoNLL valid tagger F1 ${(100 * f1).toFixed(2)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      );
    },
  });

  const text = serializeModel(featHashes, weights, transitions, MIN_WEIGHT, {
    trainedOn: ['conll2003/train', 'polnear/train (silver)'],
    epochs,
    seed: SEED,
    labels: NUM_LABELS,
  });
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, text);
  console.log(`wrote ${outFile} (${(text.length / 1e6).toFixed(1)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main();

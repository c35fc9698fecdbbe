import * as assert from 'assert';
import { Gazetteer } from '../../server/src/analysis/gazetteer';
import { FeatureExtractor, NUM_FEATURES, NUM_CONTEXT } from '../../server/src/analysis/ner/features';
import { mix, mix3, mix3Int, mixInt } from '../../server/src/analysis/ner/hash';
import { loadPerceptron, loadTagger, serializeModel, taggerFromWeights } from '../../server/src/analysis/ner/model';
import { trainPerceptron, type TrainingSet } from '../../server/src/analysis/ner/perceptron';
import { ALLOWED, LABELS, NUM_LABELS, START, spansOf, viterbi, type LabelSpan } from '../../server/src/analysis/ner/viterbi';
import { splitSentences, tokenize } from '../../server/src/analysis/tokenize';
import { WordClusters } from '../../server/src/analysis/ner/clusters';

const gazetteer = new Gazetteer({
  countries: [
    { id: 'iraq', name: 'Iraq', cca2: 'IQ', aliases: [], demonyms: ['Iraqi'], capital: 'Baghdad', lat: 33, lon: 44, independent: true },
  ],
  cities: [['Baghdad', 'IQ', 33.3, 44.4, 7000000, 'PPLC']],
  regions: [],
});

const L = (s: string) => LABELS.indexOf(s as (typeof LABELS)[number]);

/** Trains a tiny model on a handful of sentences; enough to check the machinery end to end. */
function toyModel(clusters?: string[]): string {
  const sents: Array<Array<[string, string]>> = [
    [
      ['Hakim', 'B-PER'],
      ['Zamili', 'I-PER'],
      ['visited', 'O'],
      ['Baghdad', 'B-LOC'],
      ['.', 'O'],
    ],
    [
      ['Ali', 'B-PER'],
      ['Hassan', 'I-PER'],
      ['left', 'O'],
      ['Iraq', 'B-LOC'],
      ['.', 'O'],
    ],
    [
      ['The', 'O'],
      ['Pentagon', 'B-ORG'],
      ['said', 'O'],
      ['Omar', 'B-PER'],
      ['Khan', 'I-PER'],
      ['spoke', 'O'],
      ['.', 'O'],
    ],
    [
      ['NATO', 'B-ORG'],
      ['met', 'O'],
      ['in', 'O'],
      ['Baghdad', 'B-LOC'],
      ['.', 'O'],
    ],
  ];
  const ex = new FeatureExtractor(gazetteer, clusters ? new WordClusters(clusters) : null);
  const words = sents.flat().map((x) => x[0]);
  const gold = Uint8Array.from(sents.flat().map((x) => L(x[1])));
  const ranges: Array<[number, number]> = [];
  let k = 0;
  for (const s of sents) {
    ranges.push([k, k + s.length]);
    k += s.length;
  }
  const hashes = ex.extract({ words, sentences: ranges });
  const uniq = Uint32Array.from(new Set(hashes)).sort();
  const index = new Map<number, number>();
  uniq.forEach((h, i) => index.set(h, i));
  const set: TrainingSet = {
    feats: Int32Array.from(hashes, (h) => index.get(h) ?? -1),
    gold,
    sentences: Int32Array.from(ranges.flat()),
    numFeatures: uniq.length,
  };
  const { weights, transitions } = trainPerceptron(set, { epochs: 8, seed: 1 });
  return serializeModel(uniq, weights, transitions, 0, undefined, undefined, clusters);
}

describe('ner: hashing', () => {
  it('mixes to the same bits as signed integers as it does unsigned', () => {
    let seed = 11;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let k = 0; k < 2000; k++) {
      const [a, b, c] = [rnd(), rnd(), k % 7 === 0 ? 0 : rnd()];
      assert.strictEqual(mixInt(a, b), mix(a, b) | 0);
      assert.strictEqual(mixInt(a | 0, b | 0) >>> 0, mix(a, b));
      assert.strictEqual(mix3Int(a, b, c), mix3(a, b, c) | 0);
    }
  });
});

describe('ner: viterbi', () => {
  it('never starts an entity with I-', () => {
    const emit = new Float32Array(2 * NUM_LABELS);
    emit[L('I-PER')] = 10;
    emit[NUM_LABELS + L('I-PER')] = 10;
    const out = new Uint8Array(2);
    viterbi(emit, new Float32Array((NUM_LABELS + 1) * NUM_LABELS), 0, 2, out, new Uint8Array(2 * NUM_LABELS));
    assert.notStrictEqual(out[0], L('I-PER'));
    assert.strictEqual(ALLOWED[START * NUM_LABELS + L('I-ORG')], 0);
    assert.strictEqual(ALLOWED[L('B-ORG') * NUM_LABELS + L('I-ORG')], 1);
    assert.strictEqual(ALLOWED[L('B-PER') * NUM_LABELS + L('I-ORG')], 0);
  });

  it('finds the best allowed label sequence (the unrolled decoder against exhaustive search)', () => {
    // Seeded pseudo-random scores; every allowed sequence of up to 4 labels is scored by brute force.
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 20 - 10;
    for (let round = 0; round < 40; round++) {
      const n = 1 + (round % 4);
      const emit = Float32Array.from({ length: (n + 1) * NUM_LABELS }, rnd);
      const trans = Float32Array.from({ length: (NUM_LABELS + 1) * NUM_LABELS }, rnd);
      const out = new Uint8Array(n + 1);
      viterbi(emit, trans, 1, n + 1, out, new Uint8Array(n * NUM_LABELS));
      let best = -Infinity;
      let bestSeq: number[] = [];
      const walk = (seq: number[], score: number) => {
        if (seq.length === n) {
          if (score > best) [best, bestSeq] = [score, seq];
          return;
        }
        const prev = seq.length ? seq[seq.length - 1] : START;
        for (let c = 0; c < NUM_LABELS; c++) {
          if (!ALLOWED[prev * NUM_LABELS + c]) continue;
          walk([...seq, c], score + trans[prev * NUM_LABELS + c] + emit[(seq.length + 1) * NUM_LABELS + c]);
        }
      };
      walk([], 0);
      assert.deepStrictEqual([...out.subarray(1)], bestSeq, `round ${round}`);
    }
  });

  it("decodes closed words' forced O with the short path to the same labels as the full one", () => {
    let seed = 11;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 400 - 200;
    for (let round = 0; round < 200; round++) {
      const n = 2 + (round % 30);
      const emit = Float32Array.from({ length: (n + 1) * NUM_LABELS }, rnd);
      const trans = Float32Array.from({ length: (NUM_LABELS + 1) * NUM_LABELS }, rnd);
      const forced = new Uint8Array(n + 1);
      for (let i = 1; i <= n; i++) {
        if (rnd() < 0) continue;
        forced[i] = 1;
        emit[i * NUM_LABELS] = 0;
        for (let l = 1; l < NUM_LABELS; l++) emit[i * NUM_LABELS + l] = -1e7;
      }
      const full = new Uint8Array(n + 1);
      const short = new Uint8Array(n + 1);
      viterbi(emit, trans, 1, n + 1, full, new Uint8Array(n * NUM_LABELS));
      viterbi(emit, trans, 1, n + 1, short, new Uint8Array(n * NUM_LABELS), forced);
      assert.deepStrictEqual([...short], [...full], `round ${round}`);
      for (let i = 1; i <= n; i++) if (forced[i]) assert.strictEqual(short[i], 0);
    }
  });

  it('reads spans from BIO labels', () => {
    const labels = Uint8Array.from([L('B-PER'), L('I-PER'), L('O'), L('B-LOC'), L('B-LOC')]);
    const spans: LabelSpan[] = [];
    spansOf(labels, 0, 5, spans);
    assert.deepStrictEqual(spans, [
      { tokenStart: 0, tokenEnd: 2, type: 0 },
      { tokenStart: 3, tokenEnd: 4, type: 2 },
      { tokenStart: 4, tokenEnd: 5, type: 2 },
    ]);
  });
});

describe('ner: features', () => {
  it('gives every token the same number of features, deterministically', () => {
    const ex = new FeatureExtractor(gazetteer);
    const doc = { words: ['Iraqi', 'PM', 'Abadi', 'visited', 'Baghdad', '.'], sentences: [[0, 6]] as Array<[number, number]> };
    const a = ex.extract(doc);
    const b = new FeatureExtractor(gazetteer).extract(doc);
    assert.strictEqual(a.length, 6 * NUM_FEATURES);
    assert.deepStrictEqual(a, b);
    assert.strictEqual(ex.extract(doc, false).length, 6 * NUM_CONTEXT);
    assert.ok(a.every((h) => h !== 0));
  });

  it('sees a word differently in a SHOUTING sentence', () => {
    const ex = new FeatureExtractor(gazetteer);
    const normal = ex.extract({ words: ['They', 'left', 'Iraq', 'today'], sentences: [[0, 4]] }, false);
    const shout = ex.extract({ words: ['THEY', 'LEFT', 'IRAQ', 'TODAY'], sentences: [[0, 4]] }, false);
    assert.notDeepStrictEqual(normal.slice(2 * NUM_CONTEXT, 3 * NUM_CONTEXT), shout.slice(2 * NUM_CONTEXT, 3 * NUM_CONTEXT));
  });
});

describe('ner: perceptron model', () => {
  const text = toyModel();

  it('round-trips through the file format and tags the training data', () => {
    const tagger = loadTagger(text, gazetteer);
    const doc = 'Hakim Zamili visited Baghdad.';
    const tokens = tokenize(doc);
    const spans = tagger.tag(doc, tokens, splitSentences(doc, tokens));
    assert.deepStrictEqual(
      spans.map((s) => [doc.slice(s.start, s.end), s.label]),
      [
        ['Hakim Zamili', 'PER'],
        ['Baghdad', 'LOC'],
      ],
    );
  });

  it('is deterministic', () => {
    assert.strictEqual(toyModel(), text);
  });

  it('rejects files that are not models or have other features', () => {
    assert.throws(() => loadTagger('{"format":"x"}', gazetteer), /not a Dossier NER model/);
    const other = JSON.parse(text) as { featureVersion: number };
    other.featureVersion = -1;
    assert.throws(() => loadTagger(JSON.stringify(other), gazetteer), /features v-1/);
  });

  it('tags the same with float weights as with the quantised file', () => {
    const fromFile = loadPerceptron(text, gazetteer);
    const model = JSON.parse(text) as { rows: number; data: string; transitions: number[] };
    const bytes = Buffer.from(model.data, 'base64');
    const hashes = new Uint32Array(model.rows);
    const weights = new Float32Array(model.rows * NUM_LABELS);
    for (let r = 0; r < model.rows; r++) {
      hashes[r] = bytes.readUInt32LE(r * 4);
      const scale = bytes.readFloatLE(model.rows * 4 + r * 4);
      for (let l = 0; l < NUM_LABELS; l++) weights[r * NUM_LABELS + l] = bytes.readInt8(model.rows * 8 + r * NUM_LABELS + l) * scale;
    }
    const direct = taggerFromWeights(hashes, weights, Float32Array.from(model.transitions), gazetteer);
    const doc = { words: ['Ali', 'Hassan', 'visited', 'Iraq', '.'], sentences: [[0, 5]] as Array<[number, number]> };
    assert.deepStrictEqual(direct.labelDocument(doc), fromFile.labelDocument(doc));
  });

  it("scores tokens at run time exactly as the sum of their extracted features' weights", () => {
    const tagger = loadPerceptron(text, gazetteer);
    const model = JSON.parse(text) as { rows: number; data: string };
    const bytes = Buffer.from(model.data, 'base64');
    const byHash = new Map<number, number[]>();
    for (let r = 0; r < model.rows; r++) {
      const scale = bytes.readFloatLE(model.rows * 4 + r * 4);
      const w: number[] = [];
      for (let l = 0; l < NUM_LABELS; l++) w.push(bytes.readInt8(model.rows * 8 + r * NUM_LABELS + l) * scale);
      byHash.set(bytes.readUInt32LE(r * 4), w);
    }
    const docs = [
      { words: ['Ali', 'Hassan', 'visited', 'Iraq', 'and', 'Baghdad', '.'], sentences: [[0, 7]] as Array<[number, number]> },
      {
        words: ['NATO', 'MET', 'IN', 'BAGHDAD', '"', 'Omar', '"', 'said'],
        sentences: [
          [0, 4],
          [4, 8],
        ] as Array<[number, number]>,
      },
    ];
    for (const doc of docs) {
      const feats = new FeatureExtractor(gazetteer).extract(doc);
      const emit = tagger.emissions(doc);
      for (let i = 0; i < doc.words.length; i++) {
        const want = new Array<number>(NUM_LABELS).fill(0);
        for (let k = 0; k < NUM_FEATURES; k++) {
          const w = byHash.get(feats[i * NUM_FEATURES + k]);
          if (w) for (let l = 0; l < NUM_LABELS; l++) want[l] += w[l];
        }
        for (let l = 0; l < NUM_LABELS; l++) assert.ok(Math.abs(emit[i * NUM_LABELS + l] - want[l]) < 1e-3, `token ${i} label ${l}`);
      }
    }
  });
});

describe('ner: a model with word clusters', () => {
  const clusters = ['Hakim Ali Omar Kareem', 'Baghdad Iraq Basra', 'visited left met'];
  const text = toyModel(clusters);

  it('keeps its clusters in the file and scores tokens as the sum of the features extracted with them', () => {
    assert.deepStrictEqual((JSON.parse(text) as { clusters: string[] }).clusters, clusters);
    const tagger = loadPerceptron(text, gazetteer);
    const model = JSON.parse(text) as { rows: number; data: string };
    const bytes = Buffer.from(model.data, 'base64');
    const byHash = new Map<number, number[]>();
    for (let r = 0; r < model.rows; r++) {
      const scale = bytes.readFloatLE(model.rows * 4 + r * 4);
      const w: number[] = [];
      for (let l = 0; l < NUM_LABELS; l++) w.push(bytes.readInt8(model.rows * 8 + r * NUM_LABELS + l) * scale);
      byHash.set(bytes.readUInt32LE(r * 4), w);
    }
    // "Kareem" and "Basra" were never in the training sentences: their clusters' features score them.
    const doc = {
      words: ['Kareem', 'Mahdi', 'visited', 'Basra', 'and', 'Ministry', 'of', 'Oil', '.'],
      sentences: [[0, 9]] as Array<[number, number]>,
    };
    const feats = new FeatureExtractor(gazetteer, new WordClusters(clusters)).extract(doc);
    const without = new FeatureExtractor(gazetteer).extract(doc);
    assert.notDeepStrictEqual(feats.subarray(0, NUM_FEATURES), without.subarray(0, NUM_FEATURES));
    const emit = tagger.emissions(doc);
    for (let i = 0; i < doc.words.length; i++) {
      const want = new Array<number>(NUM_LABELS).fill(0);
      for (let k = 0; k < NUM_FEATURES; k++) {
        const w = byHash.get(feats[i * NUM_FEATURES + k]);
        if (w) for (let l = 0; l < NUM_LABELS; l++) want[l] += w[l];
      }
      for (let l = 0; l < NUM_LABELS; l++) assert.ok(Math.abs(emit[i * NUM_LABELS + l] - want[l]) < 1e-3, `token ${i} label ${l}`);
    }
  });
});

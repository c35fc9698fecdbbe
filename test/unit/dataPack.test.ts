import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Gazetteer, type GazetteerData } from '../../server/src/analysis/gazetteer';
import { packGazetteer, unpackGazetteer } from '../../server/src/analysis/gazetteerPack';
import { loadPerceptron, loadTaggerBinary } from '../../server/src/analysis/ner/model';
import { packModel } from '../../server/src/analysis/ner/modelPack';
import { splitSentences, tokenize } from '../../server/src/analysis/tokenize';
import { dataDir, loadGazetteer } from '../../server/src/workspace/resources';
import { repoRoot, seedsDir } from './util';

/** Small, but with what the packed form must keep: shared names across kinds, non-ASCII, cities with and without a division. */
const data: GazetteerData = {
  countries: [
    {
      id: 'georgia',
      name: 'Georgia',
      cca2: 'GE',
      aliases: ['Sakartvelo'],
      demonyms: ['Georgian'],
      capital: 'Tbilisi',
      lat: 42,
      lon: 43.5,
      independent: true,
      borders: ['TR'],
    },
    {
      id: 'turkey',
      name: 'Türkiye',
      cca2: 'TR',
      aliases: ['Turkey'],
      demonyms: ['Turkish'],
      capital: 'Ankara',
      lat: 39,
      lon: 35,
      independent: true,
    },
  ],
  cities: [
    ['İstanbul', 'TR', 41.0138, 28.9497, 14804116, 'PPLA', 1],
    ['Tbilisi', 'GE', 41.6941, 44.8337, 1049498, 'PPLC'],
    ['Georgia', 'TR', -0.1, 1e-7, 5000, 'PPL', 0],
    ['Saint George Town', 'GE', 1.5, -2.25, 6000, 'PPLX'],
  ],
  regions: [
    ['Georgia', 'GE', 0],
    ['Ankara Province', 'TR', 1],
  ],
  divisions: [
    ['Adjara', 'GE', 41.6, 42, ['Ajaria'], 0],
    ['Istanbul', 'TR', null, null, [], 1],
  ],
  cityAliases: [['Saint George', 3]],
};

const probes = [
  'Georgia',
  'georgia',
  'Türkiye',
  'Turkey',
  'istanbul',
  'İstanbul',
  'Tbilisi',
  'Saint George Town',
  'Saint George',
  'saint',
  'Ajaria',
  'Adjara',
  'Ankara Province',
  'Ankara',
  'Nowhere',
  '',
];

/** Everything a host asks of a gazetteer, for a list of names. */
function answers(g: Gazetteer, names: readonly string[]): unknown {
  return names.map((n) => [
    n,
    g.lookup(n),
    g.candidateRefs(n),
    g.knows(n),
    g.primaryRef(n),
    g.firstWords.has(n.toLowerCase()),
    g.demonym(n),
  ]);
}

describe('data files in binary form (gazetteer.bin, ner-model.bin)', () => {
  it('loads a gazetteer that answers as the one built from its JSON, with the same data', () => {
    const packed = unpackGazetteer(packGazetteer(JSON.parse(JSON.stringify(data)) as GazetteerData));
    const fast = new Gazetteer(packed.data, packed.index);
    const slow = new Gazetteer(data);
    assert.deepStrictEqual(answers(fast, probes), answers(slow, probes));
    assert.strictEqual(fast.maxWords, slow.maxWords);
    assert.deepStrictEqual(fast.borders('GE'), ['TR']);
    // The cities, made on first read: the array behaves as the JSON's.
    assert.strictEqual(JSON.stringify(fast.data), JSON.stringify(data));
    assert.deepStrictEqual(Object.keys(fast.data), Object.keys(data));
    const cities = fast.data.cities;
    assert.ok(Array.isArray(cities));
    assert.strictEqual(cities.length, 4);
    assert.strictEqual(cities[1].length, 6);
    assert.strictEqual(cities[0][6], 1);
    assert.strictEqual(cities[4], undefined);
    assert.ok(2 in cities);
    assert.deepStrictEqual(
      cities.map((c) => c[0]),
      data.cities.map((c) => c[0]),
    );
    assert.ok(Object.is(cities[2][3], 1e-7));
  });

  it('answers as the JSON-built gazetteer when its name tables are large (index bits and hash tags in each slot)', () => {
    // 5,000 cities: each table's slots hold a key index of 13 bits and a hash tag above it, and probes pass
    // many occupied slots; every name, its words, and names one letter off must answer the same.
    const big = JSON.parse(JSON.stringify(data)) as GazetteerData;
    const names: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const name = `${['Al', 'Ban', 'Cor', 'Dur', 'Él'][i % 5]}${i.toString(36)} ${['Town', 'City', 'Wells', 'Abad'][i % 4]}`;
      names.push(name);
      big.cities.push([name, i % 2 ? 'GE' : 'TR', i / 100, -(i + 1) / 100, 5000 - i, 'PPL', -1]);
    }
    const packed = unpackGazetteer(packGazetteer(JSON.parse(JSON.stringify(big)) as GazetteerData));
    const fast = new Gazetteer(packed.data, packed.index);
    const slow = new Gazetteer(big);
    const asked = [
      ...probes,
      ...names,
      ...names.map((n) => n.split(' ')[0]),
      ...names.map((n) => `${n}x`),
      ...names.map((n) => n.slice(1)),
    ];
    assert.deepStrictEqual(answers(fast, asked), answers(slow, asked));
  });

  it('refuses bytes that are not a packed gazetteer', () => {
    assert.throws(() => unpackGazetteer(new TextEncoder().encode(JSON.stringify(data))), /not a Dossier gazetteer/);
    assert.throws(() => unpackGazetteer(new Uint8Array(3)), /not a Dossier gazetteer/);
  });

  it('reads the built gazetteer.bin as gazetteer.json, and the JSON when the .bin is missing or older', () => {
    const dir = dataDir();
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'gazetteer.json'), 'utf8')) as GazetteerData;
    const fromJson = new Gazetteer(json);
    const fromBin = loadGazetteer(dir);
    const words = new Set<string>(probes);
    for (const f of fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt'))) {
      const text = fs.readFileSync(path.join(seedsDir, f), 'utf8');
      for (const m of text.matchAll(/\p{Lu}[\p{L}.'-]*(?: \p{Lu}[\p{L}.'-]*){0,2}/gu)) words.add(m[0]);
    }
    assert.deepStrictEqual(answers(fromBin, [...words]), answers(fromJson, [...words]));
    assert.deepStrictEqual(fromBin.data.cities.slice(0, 50), json.cities.slice(0, 50));

    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-pack-'));
    try {
      fs.writeFileSync(path.join(tmp, 'gazetteer.json'), JSON.stringify(data));
      assert.deepStrictEqual(answers(loadGazetteer(tmp), probes), answers(new Gazetteer(data), probes));
      // A .bin from another gazetteer, older than the JSON beside it (the JSON was written since the build): not read.
      const other = { ...data, cities: data.cities.slice(1) };
      fs.writeFileSync(path.join(tmp, 'gazetteer.bin'), packGazetteer(other));
      const past = new Date(Date.now() - 60_000);
      fs.utimesSync(path.join(tmp, 'gazetteer.bin'), past, past);
      assert.strictEqual(loadGazetteer(tmp).data.cities.length, 4);
      fs.utimesSync(path.join(tmp, 'gazetteer.json'), new Date(past.getTime() - 60_000), new Date(past.getTime() - 60_000));
      assert.strictEqual(loadGazetteer(tmp).data.cities.length, 3);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('loads the NER model from its binary form into a tagger with the same scores', () => {
    const text = fs.readFileSync(path.join(repoRoot, 'server', 'data', 'ner-model.json'), 'utf8');
    const gazetteer = new Gazetteer(data);
    const fromJson = loadPerceptron(text, gazetteer);
    const bin = packModel(text);
    // Unaligned bytes (as a Buffer from Node's pool may be) load the same.
    const shifted = new Uint8Array(bin.length + 1).subarray(1);
    shifted.set(bin);
    for (const fromBin of [loadTaggerBinary(bin, gazetteer), loadTaggerBinary(shifted, gazetteer)]) {
      for (const f of fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt'))) {
        const doc = fs.readFileSync(path.join(seedsDir, f), 'utf8');
        const tokens = tokenize(doc);
        const sentences = splitSentences(doc, tokens);
        const input = { words: tokens.map((t) => t.text), sentences: sentences.map((s) => [s.tokenStart, s.tokenEnd] as const) };
        const n = input.words.length * 9;
        assert.deepStrictEqual(fromBin.emissions(input).slice(0, n), fromJson.emissions(input).slice(0, n), f);
        assert.deepStrictEqual(fromBin.tag(doc, tokens, sentences), fromJson.tag(doc, tokens, sentences), f);
      }
    }
    assert.throws(() => loadTaggerBinary(bin.subarray(0, bin.length - 1), gazetteer), /wrong size/);
    assert.throws(() => loadTaggerBinary(new TextEncoder().encode(text), gazetteer), /not a Dossier NER model/);
  });
});

import * as assert from 'assert';
import { Gazetteer } from '../../server/src/analysis/gazetteer';
import { NO_CLUSTER, WordClusters } from '../../server/src/analysis/ner/clusters';
import { FeatureExtractor, H_SELF } from '../../server/src/analysis/ner/features';
import { NUM_SELF } from '../../server/src/analysis/ner/templates';
import { induceClusters } from '../../scripts/nerClusters';

const gazetteer = new Gazetteer({ countries: [], cities: [], regions: [] });

describe('ner: word clusters', () => {
  const clusters = new WordClusters(['Pirelli Fiat', 'Moscow', '', 'said']);

  it('finds a word by its form, then as a Title-case name, then in lowercase', () => {
    assert.strictEqual(clusters.of('Pirelli'), 0);
    assert.strictEqual(clusters.of('PIRELLI'), 0, 'a SHOUTED headline word');
    assert.strictEqual(clusters.of('moscow'), 1, 'a lowercase comment');
    assert.strictEqual(clusters.of('Said'), 3, 'a sentence-initial capital');
    assert.strictEqual(clusters.of('Olivetti'), NO_CLUSTER);
  });

  it("puts a word's cluster into its features, so words of one cluster share them", () => {
    const ex = new FeatureExtractor(gazetteer, clusters);
    const plain = new FeatureExtractor(gazetteer);
    const self = (e: FeatureExtractor, w: string) => Array.from(e.info(w).hashes.subarray(H_SELF + NUM_SELF - 2, H_SELF + NUM_SELF));
    assert.deepStrictEqual(self(ex, 'Pirelli'), self(ex, 'Fiat'));
    assert.notDeepStrictEqual(self(ex, 'Pirelli'), self(ex, 'Moscow'));
    assert.notDeepStrictEqual(self(ex, 'Pirelli'), self(plain, 'Pirelli'));
  });

  it('induces clusters from the contexts words share, deterministically', () => {
    const sentences: string[][] = [];
    const companies = ['Pirelli', 'Fiat', 'Olivetti', 'Benetton'];
    const cities = ['Rome', 'Milan', 'Turin', 'Naples'];
    const verbs = ['rose', 'fell', 'gained', 'slipped'];
    for (let k = 0; k < 4; k++) {
      for (const c of companies) sentences.push(['Shares', 'of', c, verbs[k], 'on', 'Monday', '.']);
      for (const c of cities) sentences.push(['He', 'flew', 'to', c, 'from', 'Paris', '.']);
    }
    // More word types than clusters, each in contexts of its own, so that the clustering has to choose.
    for (let k = 0; k < 90; k++) for (let r = 0; r < 3; r++) sentences.push([`a${k}`, `w${k}`, `b${k}`]);
    const lists = induceClusters(sentences);
    assert.deepStrictEqual(induceClusters(sentences), lists, 'same input, same clusters');
    const of = new WordClusters(lists);
    const company = new Set(companies.map((w) => of.of(w)));
    const city = new Set(cities.map((w) => of.of(w)));
    assert.strictEqual(company.size, 1, 'the companies share a cluster');
    assert.strictEqual(city.size, 1, 'the cities share a cluster');
    assert.notDeepStrictEqual([...company], [...city]);
    assert.strictEqual(of.of('Olivetti') === NO_CLUSTER, false);
  });

  it('leaves out words seen fewer than three times', () => {
    const lists = induceClusters([
      ['Acme', 'rose', '.'],
      ['Acme', 'fell', '.'],
      ['Zeta', 'rose', '.'],
      ['Zeta', 'fell', '.'],
      ['Zeta', 'rose', '.'],
    ]);
    const of = new WordClusters(lists);
    assert.strictEqual(of.of('Acme'), NO_CLUSTER);
    assert.notStrictEqual(of.of('Zeta'), NO_CLUSTER);
  });
});

describe('ner: capitalised runs and their context classes', () => {
  const runs = (words: string[]) => {
    const ex = new FeatureExtractor(gazetteer);
    const ctx = ex.context({ words, sentences: [[0, words.length]] });
    return { inner: Array.from(ctx.runs.inner.subarray(0, words.length)), edge: Array.from(ctx.runs.edge.subarray(0, words.length)) };
  };

  it('gives every word of a club name the score that follows the whole name', () => {
    const score = runs(['Rotor', 'Volgograd', '2', 'Lada', 'Togliatti', '1']);
    const said = runs(['Rotor', 'Volgograd', 'said', 'Lada', 'Togliatti', 'won']);
    // The second word differs only in what follows the run two words away.
    assert.notStrictEqual(score.edge[1], said.edge[1]);
    assert.strictEqual(score.edge[2], 0, 'a number is in no run');
    assert.notStrictEqual(score.edge[3], 0);
  });

  it('marks a run that holds a corporate designator or an institution head, across "of"', () => {
    const spa = runs(['Pirelli', 'SpA', 'rose']);
    const per = runs(['Pirelli', 'Rossi', 'rose']);
    assert.notStrictEqual(spa.inner[0], per.inner[0], 'the designator reaches the first word');
    const ministry = runs(['the', 'Ministry', 'of', 'Defence', 'said']);
    assert.strictEqual(ministry.inner[0], 0, 'a lowercase function word is in no run');
    assert.ok(ministry.inner[1] > 0 && ministry.inner[3] > 0 && ministry.inner[2] > 0, 'one run over "of"');
    assert.notStrictEqual(ministry.inner[3], runs(['the', 'Bank', 'Defence', 'said']).inner[2]);
  });

  it('finds no runs in a SHOUTED sentence, where case says nothing', () => {
    assert.deepStrictEqual(runs(['ROTOR', 'VOLGOGRAD', 'BEAT', 'LADA', 'TOGLIATTI']).inner, [0, 0, 0, 0, 0]);
  });
});

import * as assert from 'assert';
import { Gazetteer } from '../../server/src/analysis/gazetteer';
import { DOC_OFFSETS, DocStage, NUM_DOC } from '../../server/src/analysis/ner/docStage';
import { FeatureExtractor } from '../../server/src/analysis/ner/features';
import { LABELS, NUM_LABELS } from '../../server/src/analysis/ner/viterbi';
import { analyzeDocument } from '../../server/src/analysis/pipeline';
import { loadResources } from '../../server/src/workspace/resources';

const gazetteer = new Gazetteer({ countries: [], cities: [['Southampton', 'GB', 50.9, -1.4, 250000, 'PPL']], regions: [] });
const L = (s: string) => LABELS.indexOf(s as (typeof LABELS)[number]);

/** Second-stage feature ids of every token, given first-stage labels (zero scores: the label features alone). */
function docCodes(words: string[], labels: string[]): Int32Array {
  const ex = new FeatureExtractor(gazetteer);
  const doc = { words, sentences: [[0, words.length] as const] };
  const ctx = ex.context(doc);
  const n = words.length;
  const out = new Int32Array(n * NUM_DOC);
  const zeros = new Float32Array(n * NUM_LABELS);
  new DocStage().codes(ctx, doc.sentences, n, Uint8Array.from(labels.map(L)), zeros, new Float32Array(NUM_LABELS), new Int32Array(n), out);
  return out;
}

describe('ner: document-level second stage', () => {
  const words = ['Magna', 'rose', 'and', 'Magna', 'Corp', 'fell', 'while', 'Magna', 'waited'];
  it("gives a token the first stage's labels of the other occurrences of its word as features", () => {
    const asOrg = docCodes(words, ['B-PER', 'O', 'O', 'B-ORG', 'I-ORG', 'O', 'O', 'B-ORG', 'O']);
    const asPer = docCodes(words, ['B-PER', 'O', 'O', 'B-PER', 'I-PER', 'O', 'O', 'B-PER', 'O']);
    // Token 0 is labelled the same in both; only what the document says elsewhere differs.
    assert.notStrictEqual(asOrg[0], asPer[0], 'token-majority feature');
    assert.notStrictEqual(asOrg[1], asPer[1], 'entity-majority feature');
    // "rose" is no name: the same in both.
    assert.deepStrictEqual(Array.from(asOrg.subarray(NUM_DOC, 2 * NUM_DOC)), Array.from(asPer.subarray(NUM_DOC, 2 * NUM_DOC)));
  });
  it('marks a name that appears inside a longer entity elsewhere', () => {
    const codes = docCodes(words, ['B-ORG', 'O', 'O', 'B-ORG', 'I-ORG', 'O', 'O', 'B-ORG', 'O']);
    const lone = docCodes(['Magna', 'rose', 'and', 'Magna', 'fell'], ['B-ORG', 'O', 'O', 'B-ORG', 'O']);
    assert.notStrictEqual(codes[2], lone[2], '"Magna" is part of "Magna Corp" in the first document only');
    assert.ok(codes[2] >= DOC_OFFSETS[2] && codes[2] < DOC_OFFSETS[3]);
  });
  it('gives a word seen once, and a function word, no document evidence', () => {
    const codes = docCodes(['The', 'Magna', 'deal'], ['O', 'B-ORG', 'O']);
    const other = docCodes(['The', 'Acme', 'deal'], ['O', 'B-ORG', 'O']);
    assert.deepStrictEqual(Array.from(codes), Array.from(other));
  });
});

describe('ner: entity types through the engine (committed model)', () => {
  const typesOf = (text: string, name: string) =>
    analyzeDocument(text, loadResources())
      .mentions.filter((m) => m.text.toLowerCase() === name.toLowerCase())
      .map((m) => m.type);

  it('types a name the same across a document, from the occurrences whose context is clear', () => {
    const text = [
      'Magna said on Friday it would buy the seating maker for $ 135 million.',
      'Shares of Magna rose 1/8 to 48-1/4 on the New York Stock Exchange.',
      "The deal will beef up Magna 's North American business, Magna chairman Frank Stronach said.",
      'Analysts said Magna would gain critical mass.',
    ].join('\n');
    const types = typesOf(text, 'Magna');
    assert.ok(types.length >= 4, `found ${types.length} mentions of Magna`);
    assert.deepStrictEqual(new Set(types), new Set(['organization']), types.join(', '));
  });
  it("types a company's short name as the company its full name with a legal form names", () => {
    const text = [
      'Magna International Inc agreed to buy it .',
      'Magna was up 1/8 .',
      "The deal will beef up Markham , Ontario-based Magna 's business .",
      'Magna said .',
    ].join('\n');
    const types = typesOf(text, 'Magna');
    assert.strictEqual(types.length, 3, types.join(', '));
    assert.deepStrictEqual(new Set(types), new Set(['organization']), types.join(', '));
  });
  it("finds a person's surname alone when it is also the name of a small town only", () => {
    const text = [
      'U.S. captain Billie Jean King named Monica Seles to the Fed Cup team on Friday .',
      'Seles easily won both her singles matches and King is counting on the co-world number one to lead the team .',
      '" I told Monica we need her if we want to win , " King said .',
    ].join('\n');
    assert.deepStrictEqual(typesOf(text, 'King'), ['person', 'person']);
  });
  it('types a club by the club word in its name', () => {
    const text = [
      'Spanish first division team Deportivo Coruna will be without key midfielder Mauro Silva for Saturday .',
      'Deportivo started strongly , taking the lead midway through the first half .',
    ].join('\n');
    const types = analyzeDocument(text, loadResources())
      .mentions.filter((m) => m.text.startsWith('Deportivo'))
      .map((m) => m.type);
    assert.strictEqual(types.length, 2, types.join(', '));
    assert.deepStrictEqual(new Set(types), new Set(['organization']), types.join(', '));
  });
  it('types a name in apposition to a media noun as the outlet', () => {
    const text = [
      'Ruch SA , Zycie Warszawy daily said on Saturday .',
      'Zycie Warszawy said its own publisher would join the consortium .',
    ].join('\n');
    const types = typesOf(text, 'Zycie Warszawy');
    assert.strictEqual(types.length, 2, types.join(', '));
    assert.deepStrictEqual(new Set(types), new Set(['organization']), types.join(', '));
  });
  it('types a club named after a place as an organisation by its context, and the place as a place', () => {
    const club = typesOf(
      'Southampton beat Leeds 2-1 on Saturday.\nSouthampton manager Graeme Souness said the win was deserved.',
      'Southampton',
    );
    assert.deepStrictEqual(new Set(club), new Set(['organization']), club.join(', '));
    const place = typesOf('He was born in Southampton and moved to London in 1990.', 'Southampton');
    assert.deepStrictEqual(place, ['city']);
  });
});

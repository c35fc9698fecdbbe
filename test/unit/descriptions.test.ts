import * as assert from 'assert';
import { clusterMentions } from '../../server/src/analysis/entities/clusters';
import { attachDescriptions } from '../../server/src/analysis/entities/descriptions';
import type { RawMention } from '../../server/src/analysis/entities/rawMention';
import { Gazetteer } from '../../server/src/analysis/gazetteer';
import { splitSentences, tokenize } from '../../server/src/analysis/tokenize';
import type { EntityType } from '../../server/src/analysis/types';
import { engineData } from '../../server/src/workspace/resources';

const gazetteer = new Gazetteer({ countries: [], cities: [], regions: [] });

function describeAll(text: string, names: Array<[string, EntityType]>): Map<string, string[]> {
  const raw: RawMention[] = [];
  for (const [name, type] of names) {
    let at = text.indexOf(name);
    while (at >= 0) {
      raw.push({ start: at, end: at + name.length, text: name, type });
      at = text.indexOf(name, at + name.length);
    }
  }
  raw.sort((a, b) => a.start - b.start);
  const tokens = tokenize(text);
  const sentences = splitSentences(text, tokens);
  const { mentions, entities } = clusterMentions(raw, { gazetteer, aliases: engineData().aliases }, text);
  attachDescriptions(text, tokens, sentences, mentions, entities);
  const out = new Map<string, string[]>();
  for (const e of entities) {
    out.set(
      e.canonical,
      e.descriptions.map((d) => d.text),
    );
    for (const d of e.descriptions) {
      assert.strictEqual(text.slice(d.start, d.end), d.text);
      assert.ok(d.sentence.start <= d.start && d.end <= d.sentence.end, 'description lies in its sentence');
    }
  }
  return out;
}

describe('attachDescriptions', () => {
  it('takes a pre-posed appositive without its article', () => {
    const text =
      'Intro line.\n\nThe head of the regional council on water and energy, Karim al-Rubaie, in a statement on Monday, said the dam was safe.';
    const d = describeAll(text, [['Karim al-Rubaie', 'person']]);
    assert.deepStrictEqual(d.get('Karim al-Rubaie'), ['head of the regional council on water and energy']);
  });

  it('takes post-posed appositives, also when the closing comma is missing', () => {
    const text =
      'Salim Tamimi, a senior Kurdish lawmaker, said the vote was rigged. Omar Haddad, a spokesman for the Northern Water Authority told reporters he agreed.';
    const d = describeAll(text, [
      ['Salim Tamimi', 'person'],
      ['Omar Haddad', 'person'],
      ['Northern Water Authority', 'organization'],
    ]);
    assert.deepStrictEqual(d.get('Salim Tamimi'), ['a senior Kurdish lawmaker']);
    assert.deepStrictEqual(d.get('Omar Haddad'), ['a spokesman for the Northern Water Authority']);
  });

  it('takes titles written before a name, and both forms around one mention', () => {
    const text =
      'Iraqi Prime Minister Haider Obeidi urged calm. “It is over,” committee member Hamid Rashid, a veteran lawmaker told the paper.';
    const d = describeAll(text, [
      ['Haider Obeidi', 'person'],
      ['Hamid Rashid', 'person'],
    ]);
    assert.deepStrictEqual(d.get('Haider Obeidi'), ['Iraqi Prime Minister']);
    assert.deepStrictEqual(d.get('Hamid Rashid')?.sort(), ['a veteran lawmaker', 'committee member']);
  });

  it('ignores lists, clauses and phrases that name no role', () => {
    const text =
      'Fighting spread to Mosul, Tikrit and Ramadi. Syria, an announcement said, was next. Kirkuk, the loss of which hurt, fell. Erbil, the regional capital, was calm.';
    const d = describeAll(text, [
      ['Mosul', 'city'],
      ['Tikrit', 'city'],
      ['Ramadi', 'city'],
      ['Syria', 'country'],
      ['Kirkuk', 'city'],
      ['Erbil', 'city'],
    ]);
    assert.deepStrictEqual(d.get('Mosul'), []);
    assert.deepStrictEqual(d.get('Syria'), []);
    assert.deepStrictEqual(d.get('Kirkuk'), []);
    assert.deepStrictEqual(d.get('Erbil'), ['regional capital']);
  });

  it('deduplicates repeated descriptions', () => {
    const text = 'Spokesman Ali Karimi spoke. Later spokesman Ali Karimi spoke again.';
    const d = describeAll(text, [['Ali Karimi', 'person']]);
    assert.deepStrictEqual(d.get('Ali Karimi'), ['Spokesman']);
  });
});

import * as assert from 'assert';
import { clusterMentions } from '../../server/src/analysis/entities/clusters';
import { oneTypoApart } from '../../server/src/analysis/entities/misspellings';
import type { RawMention } from '../../server/src/analysis/entities/rawMention';
import { Gazetteer, type GazetteerData } from '../../server/src/analysis/gazetteer';
import type { EntityType } from '../../server/src/analysis/types';
import { engineData } from '../../server/src/workspace/resources';

const country = (id: string, name: string, cca2: string) => ({
  id,
  name,
  cca2,
  aliases: [],
  demonyms: [],
  capital: '',
  lat: 0,
  lon: 0,
  independent: true,
});
const data: GazetteerData = {
  countries: [country('iraq', 'Iraq', 'IQ'), country('iran', 'Iran', 'IR')],
  cities: [],
  regions: [],
};
const res = { gazetteer: new Gazetteer(data), aliases: engineData().aliases };

/** One sentence per name, in order; returns the text and the id of every mention by its text. */
function cluster(names: Array<[string, EntityType]>): { ids: Map<string, string>; canonical: Map<string, string> } {
  let text = '';
  const raw: RawMention[] = [];
  for (const [name, type] of names) {
    raw.push({ start: text.length, end: text.length + name.length, text: name, type });
    text += `${name} said so. `;
  }
  const { mentions, entities } = clusterMentions(raw, res, text);
  const ids = new Map(mentions.map((m) => [m.text, m.id]));
  const canonical = new Map(entities.map((e) => [e.id, e.canonical]));
  return { ids, canonical };
}

describe('misspelled names', () => {
  it('counts one insertion, deletion, substitution or swap of adjacent letters as one typo', () => {
    assert.ok(oneTypoApart('international', 'internatioanal'));
    assert.ok(oneTypoApart('finance', 'fiance'));
    assert.ok(oneTypoApart('erdogan', 'erdgoan'));
    assert.ok(oneTypoApart('peshmerga', 'peshmarga'));
    assert.ok(!oneTypoApart('erdogan', 'erdogan'));
    assert.ok(!oneTypoApart('austria', 'australia'));
    assert.ok(!oneTypoApart('erdogan', 'egdoran'));
  });

  it('joins a misspelled name to its correct form, which names the entity', () => {
    const { ids, canonical } = cluster([
      ['Ministry of Finance', 'organization'],
      ['Recep Tayyip Erdogan', 'person'],
      ['Ministry of Fiance', 'organization'],
      ['Erdgoan', 'person'],
      ['Ministry of Finance', 'organization'],
    ]);
    assert.strictEqual(ids.get('Ministry of Fiance'), ids.get('Ministry of Finance'));
    assert.strictEqual(canonical.get(ids.get('Ministry of Finance')!), 'Ministry of Finance');
    assert.strictEqual(ids.get('Erdgoan'), ids.get('Recep Tayyip Erdogan'));
    assert.notStrictEqual(ids.get('Erdgoan'), ids.get('Ministry of Finance'));
  });

  it('names the entity by the correct spelling when the spelling key already joined the two', () => {
    const { ids, canonical } = cluster([
      ['International Herald Tribune', 'organization'],
      ['Internatioanal Herald Tribune', 'organization'],
    ]);
    const id = ids.get('International Herald Tribune')!;
    assert.strictEqual(ids.get('Internatioanal Herald Tribune'), id);
    assert.strictEqual(canonical.get(id), 'International Herald Tribune');
  });

  it('keeps apart two known places and a person from an organisation one letter apart', () => {
    const { ids } = cluster([
      ['Iraq', 'country'],
      ['Iran', 'country'],
      ['Nouri Hashemi', 'person'],
      ['Nouri Hashimi', 'organization'],
    ]);
    assert.notStrictEqual(ids.get('Iraq'), ids.get('Iran'));
    assert.notStrictEqual(ids.get('Nouri Hashemi'), ids.get('Nouri Hashimi'));
  });

  it('finds the same misspellings and transliterations among hundreds of other names', () => {
    // Over 200 forms and people the candidates are looked up by key (typoIndex.ts) instead of compared in pairs.
    const consonants = 'bdfgjlmnprstwz';
    const code = (k: number) => consonants[k % 14] + consonants[Math.floor(k / 14) % 14];
    const fillers: Array<[string, EntityType]> = [];
    for (let k = 0; k < 190; k++)
      fillers.push([`Ole ${code(k)}x`, 'person'], [`Ida ${code(k)}y`, 'person'], [`Ub${code(k)} Corp`, 'organization']);
    const { ids, canonical } = cluster([
      ['Ministry of Finance', 'organization'],
      ['Recep Tayyip Erdogan', 'person'],
      ...fillers,
      ['Mustafa Kadhimi', 'person'],
      ['Ministry of Fiance', 'organization'],
      ['Erdgoan', 'person'],
      ['Ministry of Finance', 'organization'],
      ['Mustafa Kazimi', 'person'],
    ]);
    assert.strictEqual(ids.get('Ministry of Fiance'), ids.get('Ministry of Finance'));
    assert.strictEqual(canonical.get(ids.get('Ministry of Finance')!), 'Ministry of Finance');
    assert.strictEqual(ids.get('Erdgoan'), ids.get('Recep Tayyip Erdogan'));
    assert.strictEqual(ids.get('Mustafa Kazimi'), ids.get('Mustafa Kadhimi'));
    assert.notStrictEqual(ids.get('Ole bbx'), ids.get('Ole dbx'));
    assert.strictEqual(new Set(ids.values()).size, 3 * 190 + 3);
  });
});

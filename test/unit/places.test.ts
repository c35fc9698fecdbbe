import * as assert from 'assert';
import { clusterMentions } from '../../server/src/analysis/entities/clusters';
import { findDemonyms } from '../../server/src/analysis/entities/demonyms';
import type { RawMention } from '../../server/src/analysis/entities/rawMention';
import { Gazetteer, type GazetteerData } from '../../server/src/analysis/gazetteer';
import { placeEntities } from '../../server/src/analysis/places';
import { containersOf } from '../../server/src/analysis/places/evidence';
import { parseStructure } from '../../server/src/analysis/structure';
import { tokenize } from '../../server/src/analysis/tokenize';
import type { EntityCluster, EntityMention, EntityType } from '../../server/src/analysis/types';
import { toContract } from '../../server/src/cli/output';
import { engineData } from '../../server/src/workspace/resources';
import { joinLines } from './util';

/*
 * Place resolution on a small hand-made gazetteer, with the mentions given
 * by hand: the tests exercise the evidence a reader uses (containment,
 * dateline, demonyms, the document's other places, population last), not
 * the tagger or the real data.
 */

const country = (id: string, name: string, cca2: string, demonym: string, lat: number, lon: number, borders: string[] = []) => ({
  id,
  name,
  cca2,
  aliases: [],
  demonyms: [demonym],
  capital: null,
  lat,
  lon,
  independent: true,
  borders,
});

// Divisions: 0 North Governorate (LB), 1 Tripoli District (LY), 2 Texas, 3 Georgia (US), 4 Illinois, 5 Missouri,
// 6 Ile-de-France, 7 Attica, 8 Tbilisi (GE), 9 Beirut Governorate, 10 South Governorate.
const data: GazetteerData = {
  countries: [
    country('lebanon', 'Lebanon', 'LB', 'Lebanese', 33.8, 35.8, ['SY', 'IL']),
    country('libya', 'Libya', 'LY', 'Libyan', 25, 17, ['EG', 'TN']),
    country('united-states', 'United States', 'US', 'American', 38, -97),
    country('georgia', 'Georgia', 'GE', 'Georgian', 42, 43.5, ['RU', 'AM']),
    country('france', 'France', 'FR', 'French', 46, 2),
    country('greece', 'Greece', 'GR', 'Greek', 39, 22),
    country('russia', 'Russia', 'RU', 'Russian', 60, 100, ['GE']),
    country('armenia', 'Armenia', 'AM', 'Armenian', 40, 45, ['GE']),
  ],
  cities: [
    ['Paris', 'FR', 48.85, 2.35, 2138551, 'PPLC', 6],
    ['Tripoli', 'LY', 32.89, 13.19, 1150989, 'PPLC', 1],
    ['Athens', 'GR', 37.98, 23.73, 664046, 'PPLC', 7],
    ['Atlanta', 'US', 33.75, -84.39, 463878, 'PPLA', 3],
    ['Beirut', 'LB', 33.89, 35.5, 1916100, 'PPLC', 9],
    ['Tripoli', 'LB', 34.43, 35.84, 229398, 'PPLA', 0],
    ['Springfield', 'US', 37.22, -93.3, 166810, 'PPLA2', 5],
    ['Sidon', 'LB', 33.56, 35.37, 163554, 'PPLA', 10],
    ['Savannah', 'US', 32.08, -81.1, 145674, 'PPLA2', 3],
    ['Athens', 'US', 33.96, -83.38, 116714, 'PPLA2', 3],
    ['Springfield', 'US', 39.8, -89.64, 116565, 'PPLA', 4],
    ['Tbilisi', 'GE', 41.69, 44.83, 1049498, 'PPLC', 8],
    ['Paris', 'US', 33.66, -95.56, 24782, 'PPLA2', 2],
  ],
  regions: [
    ['Texas', 'US', 2],
    ['Georgia', 'US', 3],
    ['Illinois', 'US', 4],
    ['Missouri', 'US', 5],
  ],
  divisions: [
    ['North Governorate', 'LB', 34.3, 36, []],
    ['Tripoli District', 'LY', 32.7, 13.2, []],
    ['Texas', 'US', 31, -97.7, []],
    ['Georgia', 'US', 33.1, -83.6, []],
    ['Illinois', 'US', 40.8, -88.7, []],
    ['Missouri', 'US', 38.4, -92.5, []],
    ['Île-de-France', 'FR', 48.7, 2.5, []],
    ['Attica', 'GR', 38, 23.8, []],
    ['Tbilisi', 'GE', 41.7, 44.8, []],
    ['Beirut Governorate', 'LB', 33.9, 35.5, []],
    ['South Governorate', 'LB', 33.4, 35.4, []],
  ],
};
const gazetteer = new Gazetteer(data);

/** Mentions of the given names, in order; each name is marked in the text by its exact spelling. */
function resolve(text: string, names: Array<[string, EntityType]>): { mentions: EntityMention[]; entities: EntityCluster[] } {
  const raw: RawMention[] = [];
  for (const [name, type] of names) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      const before = at > 0 ? text[at - 1] : ' ';
      const after = text[at + name.length] ?? ' ';
      if (/\p{L}/u.test(before) || /\p{L}/u.test(after) || raw.some((m) => at < m.end && m.start < at + name.length)) continue;
      raw.push({
        start: at,
        end: at + name.length,
        text: name,
        type,
        placeId: type === 'person' || type === 'organization' ? undefined : gazetteer.lookup(name)?.id,
      });
    }
  }
  raw.sort((a, b) => a.start - b.start);
  const res = { gazetteer, ...engineData() };
  const { mentions, entities } = clusterMentions(raw, res, text);
  placeEntities(text, parseStructure(text), mentions, entities, findDemonyms(text, tokenize(text), res, mentions), gazetteer);
  return { mentions, entities };
}

/** The place, type and id of the n-th mention of a name. */
function at(r: { mentions: EntityMention[]; entities: EntityCluster[] }, name: string, n = 0) {
  const m = r.mentions.filter((x) => x.text === name)[n];
  assert.ok(m, `no mention ${name}`);
  const e = r.entities.find((x) => x.id === m.id);
  return { country: e?.place?.country, admin1: e?.place?.admin1, type: m.type, id: m.id };
}

describe('place resolution', () => {
  describe('explicit containment', () => {
    it('"X, Y": the reading inside Y, and Y the division that holds it', () => {
      const r = resolve('Paris, Texas, was hit by a tornado.', [
        ['Paris', 'city'],
        ['Texas', 'region'],
      ]);
      assert.deepStrictEqual(at(r, 'Paris'), { country: 'US', admin1: 'Texas', type: 'city', id: 'paris-united-states' });
      assert.deepStrictEqual(at(r, 'Texas'), { country: 'US', admin1: 'Texas', type: 'region', id: 'texas' });
    });

    it('"X, Y" with an ambiguous Y: "Athens, Georgia" is the US town, and Georgia the state', () => {
      const r = resolve('Students in Athens, Georgia, waited for hours.', [
        ['Athens', 'city'],
        ['Georgia', 'country'],
      ]);
      assert.deepStrictEqual([at(r, 'Athens').country, at(r, 'Athens').admin1], ['US', 'Georgia']);
      assert.deepStrictEqual([at(r, 'Georgia').country, at(r, 'Georgia').type], ['US', 'region']);
    });

    it('"X, in northern Y"', () => {
      const r = resolve('Gunmen fought in Tripoli, in northern Lebanon, on Sunday.', [
        ['Tripoli', 'city'],
        ['Lebanon', 'country'],
      ]);
      assert.strictEqual(at(r, 'Tripoli').country, 'LB');
      assert.strictEqual(at(r, 'Tripoli').admin1, 'North Governorate');
    });

    it('appositives: "X, the capital of Y", "X, Y\'s second city", "X, the Lebanese port"', () => {
      assert.strictEqual(
        at(
          resolve('Tripoli, the capital of Libya, was quiet.', [
            ['Tripoli', 'city'],
            ['Libya', 'country'],
          ]),
          'Tripoli',
        ).country,
        'LY',
      );
      assert.strictEqual(
        at(
          resolve("Tripoli, Lebanon's second city, was quiet.", [
            ['Tripoli', 'city'],
            ['Lebanon', 'country'],
          ]),
          'Tripoli',
        ).country,
        'LB',
      );
      assert.strictEqual(at(resolve('Tripoli, the Lebanese port, was quiet.', [['Tripoli', 'city']]), 'Tripoli').country, 'LB');
    });

    it('before the name: "the Lebanese city of X", "Lebanon\'s second city, X"', () => {
      assert.strictEqual(
        at(resolve('Clashes in the northern Lebanese city of Tripoli killed two.', [['Tripoli', 'city']]), 'Tripoli').country,
        'LB',
      );
      assert.strictEqual(
        at(
          resolve("Clashes in Lebanon's second city, Tripoli, killed two.", [
            ['Lebanon', 'country'],
            ['Tripoli', 'city'],
          ]),
          'Tripoli',
        ).country,
        'LB',
      );
    });

    it('the place noun before "of" is read back to a space, a tab or the start of the text, and only a short word', () => {
      // The containers of "Tripoli" from the demonym before "<noun> of": LB when the noun is a place noun.
      const countriesOf = (before: string) => {
        const text = `${before} of Tripoli, they said.`;
        const start = text.indexOf('Tripoli');
        const d = text.indexOf('Lebanese');
        const demonyms = d < 0 ? [] : [{ start: d, end: d + 'Lebanese'.length, cc: 'LB' }];
        const names = [{ start, end: start + 'Tripoli'.length, text: 'Tripoli' }];
        return containersOf(text, names, 0, demonyms, gazetteer).flatMap((c) => c.places.map((p) => p.cc));
      };
      assert.deepStrictEqual(countriesOf('Clashes in the northern Lebanese city'), ['LB']);
      assert.deepStrictEqual(countriesOf('Clashes in the northern Lebanese\tcity'), ['LB']);
      assert.deepStrictEqual(countriesOf('Lebanese city'), ['LB']);
      assert.deepStrictEqual(countriesOf('Clashes in the northern Lebanese xcity'), []);
      assert.deepStrictEqual(countriesOf('Clashes in the northern Lebanese aaaaaaaaaaaaaacity'), []);
    });

    it('AP abbreviations of states: "Springfield, Ill." and "Springfield, Mo."', () => {
      assert.strictEqual(
        at(resolve('Lawmakers met in Springfield, Ill., on Tuesday.', [['Springfield', 'city']]), 'Springfield').admin1,
        'Illinois',
      );
      assert.strictEqual(
        at(resolve('Lawmakers met in Springfield, Mo., on Tuesday.', [['Springfield', 'city']]), 'Springfield').admin1,
        'Missouri',
      );
    });

    it('a list is not containment: "Georgia, Armenia and Russia"', () => {
      const r = resolve('Talks with Georgia, Armenia and Russia resumed.', [
        ['Georgia', 'country'],
        ['Armenia', 'country'],
        ['Russia', 'country'],
      ]);
      assert.deepStrictEqual([at(r, 'Georgia').country, at(r, 'Georgia').type], ['GE', 'country']);
    });
  });

  it('the dateline: "ATLANTA (AP) —" makes "Georgia" the US state', () => {
    const text = joinLines('Runoff draws voters', '', 'ATLANTA (AP) — Voters across Georgia lined up on Tuesday.');
    const r = resolve(text, [
      ['ATLANTA', 'city'],
      ['Georgia', 'country'],
    ]);
    assert.deepStrictEqual([at(r, 'Georgia').country, at(r, 'Georgia').admin1, at(r, 'Georgia').type], ['US', 'Georgia', 'region']);
    // Without the dateline, the country's name means the country.
    const alone = resolve('Voters across Georgia lined up on Tuesday.', [['Georgia', 'country']]);
    assert.deepStrictEqual([at(alone, 'Georgia').country, at(alone, 'Georgia').type], ['GE', 'country']);
  });

  it('demonyms: "the Lebanese army" moves Tripoli to Lebanon', () => {
    const r = resolve('Fighting in Tripoli ended when the Lebanese army deployed.', [['Tripoli', 'city']]);
    assert.strictEqual(at(r, 'Tripoli').country, 'LB');
    assert.strictEqual(at(r, 'Tripoli').id, 'tripoli-lebanon');
  });

  it("the document's other places: Tripoli with Beirut and Sidon is in Lebanon; Athens with Atlanta and Savannah is in Georgia", () => {
    const r = resolve('Shops in Tripoli closed. Beirut and Sidon were calm.', [
      ['Tripoli', 'city'],
      ['Beirut', 'city'],
      ['Sidon', 'city'],
    ]);
    assert.strictEqual(at(r, 'Tripoli').country, 'LB');
    const ga = resolve('Fans drove to Athens from Atlanta and Savannah.', [
      ['Athens', 'city'],
      ['Atlanta', 'city'],
      ['Savannah', 'city'],
    ]);
    assert.deepStrictEqual([at(ga, 'Athens').country, at(ga, 'Athens').admin1], ['US', 'Georgia']);
  });

  it('population decides only when nothing else does (a capital or a state seat counts for a little more)', () => {
    assert.strictEqual(at(resolve('Flights to Tripoli resumed.', [['Tripoli', 'city']]), 'Tripoli').country, 'LY');
    assert.strictEqual(at(resolve('Flights to Athens resumed.', [['Athens', 'city']]), 'Athens').country, 'GR');
    // Springfield, Illinois, the state capital, outweighs the slightly larger Springfield, Missouri.
    assert.strictEqual(at(resolve('Flights to Springfield resumed.', [['Springfield', 'city']]), 'Springfield').admin1, 'Illinois');
  });

  it('one name keeps one reading per document', () => {
    const r = resolve('Paris, Texas, was hit by a tornado. In Paris, crews worked all night.', [
      ['Paris', 'city'],
      ['Texas', 'region'],
    ]);
    assert.deepStrictEqual(at(r, 'Paris', 1), at(r, 'Paris', 0));
    assert.strictEqual(at(r, 'Paris', 1).country, 'US');
  });

  it('unless the text places its mentions differently: "Paris, Texas" and "Paris, France" are two places', () => {
    const r = resolve('Paris, Texas, is not Paris, France. Paris, Texas, has 25,000 people.', [
      ['Paris', 'city'],
      ['Texas', 'region'],
      ['France', 'country'],
    ]);
    const [a, b, c] = [0, 1, 2].map((n) => at(r, 'Paris', n));
    assert.deepStrictEqual([a.country, b.country, c.country], ['US', 'FR', 'US']);
    assert.notStrictEqual(a.id, b.id);
    assert.strictEqual(a.id, c.id);
    assert.strictEqual(b.id, 'paris');
  });

  it('the JSON contract carries the place of every resolved place mention, and none for actors', () => {
    const text = 'The mayor of Paris, Texas, John Smith, spoke.';
    const r = resolve(text, [
      ['Paris', 'city'],
      ['Texas', 'region'],
      ['John Smith', 'person'],
    ]);
    const doc = toContract('x.txt', {
      length: text.length,
      structure: parseStructure(text),
      tokens: [],
      sentences: [],
      mentions: r.mentions,
      entities: r.entities,
      demonyms: [],
      claims: [],
    });
    const paris = doc.entities.find((e) => e.text === 'Paris');
    assert.deepStrictEqual(paris?.place, { country: 'US', admin1: 'Texas', lat: 33.66, lon: -95.56, population: 24782 });
    assert.strictEqual(doc.entities.find((e) => e.text === 'John Smith')?.place, undefined);
  });
});

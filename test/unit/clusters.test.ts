import * as assert from 'assert';
import { clusterMentions } from '../../server/src/analysis/entities/clusters';
import type { RawMention } from '../../server/src/analysis/entities/rawMention';
import { Gazetteer, type GazetteerData } from '../../server/src/analysis/gazetteer';
import type { EntityType } from '../../server/src/analysis/types';
import { engineData } from '../../server/src/workspace/resources';

const data: GazetteerData = {
  countries: [
    {
      id: 'iraq',
      name: 'Iraq',
      cca2: 'IQ',
      aliases: ['Republic of Iraq'],
      demonyms: ['Iraqi'],
      capital: 'Baghdad',
      lat: 33,
      lon: 44,
      independent: true,
    },
    {
      id: 'united-states',
      name: 'United States',
      cca2: 'US',
      aliases: ['US', 'USA'],
      demonyms: ['American'],
      capital: 'Washington',
      lat: 38,
      lon: -97,
      independent: true,
    },
  ],
  cities: [['Baghdad', 'IQ', 33.3, 44.4, 7000000, 'PPLC']],
  regions: [],
};
const gazetteer = new Gazetteer(data);
/** The real alias data with the test gazetteer. */
const res = { gazetteer, aliases: engineData().aliases };

/** Mentions of `names` (each "Name:type") in order of appearance in `text`. */
function mentionsIn(text: string, names: Array<[string, EntityType]>): RawMention[] {
  const out: RawMention[] = [];
  for (const [name, type] of names) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(name, from);
      if (at < 0) break;
      const before = at > 0 ? text[at - 1] : ' ';
      const after = text[at + name.length] ?? ' ';
      const inside = out.some((m) => at < m.end && m.start < at + name.length);
      if (!/[\p{L}-]/u.test(before) && !/[\p{L}]/u.test(after) && !inside) out.push({ start: at, end: at + name.length, text: name, type });
      from = at + name.length;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function ids(text: string, names: Array<[string, EntityType]>): Map<string, string[]> {
  const { mentions } = clusterMentions(mentionsIn(text, names), res, text);
  const out = new Map<string, string[]>();
  for (const m of mentions) out.set(m.text, [...(out.get(m.text) ?? []), m.id]);
  return out;
}

describe('clusterMentions', () => {
  it("lists an entity's distinct spellings once each, in first-seen order, however many it has", () => {
    // One place id for every mention: one entity, whose spellings pass the point (16) where a Set takes over.
    const spellings = Array.from({ length: 24 }, (_, i) => `Placename${String.fromCharCode(65 + i)}`);
    const raw: RawMention[] = [];
    let at = 0;
    for (const round of [0, 1])
      for (const text of round ? [...spellings].reverse() : spellings) {
        raw.push({ start: at, end: at + text.length, text, type: 'country', placeId: 'iraq' });
        at += text.length + 1;
      }
    const { entities, mentions } = clusterMentions(raw, res);
    assert.strictEqual(entities.length, 1);
    assert.deepStrictEqual(entities[0].aliases, spellings);
    assert.ok(mentions.every((m) => m.id === entities[0].id));
  });

  it('joins a full name, its surname and the surname with its article', () => {
    const text = 'Karim al-Rubaie spoke on Monday. Rubaie said the plan failed. Later al-Rubaie left.';
    const r = ids(text, [
      ['Karim al-Rubaie', 'person'],
      ['al-Rubaie', 'person'],
      ['Rubaie', 'person'],
    ]);
    assert.deepStrictEqual(r.get('Karim al-Rubaie'), ['karim-al-rubaie']);
    assert.deepStrictEqual(r.get('Rubaie'), ['karim-al-rubaie']);
    assert.deepStrictEqual(r.get('al-Rubaie'), ['karim-al-rubaie']);
  });

  it('keeps two people who share a surname apart and gives a bare surname to the nearest', () => {
    const text = 'Ahmed al-Tamimi met Salim al-Tamimi. Salim al-Tamimi then left, and Tamimi spoke.';
    const { mentions, entities } = clusterMentions(
      mentionsIn(text, [
        ['Ahmed al-Tamimi', 'person'],
        ['Salim al-Tamimi', 'person'],
        ['Tamimi', 'person'],
      ]),
      res,
      text,
    );
    const byText = (t: string) => mentions.filter((m) => m.text === t).map((m) => m.id);
    assert.notStrictEqual(byText('Ahmed al-Tamimi')[0], byText('Salim al-Tamimi')[0]);
    assert.deepStrictEqual(byText('Tamimi'), ['salim-al-tamimi']);
    assert.strictEqual(entities.filter((e) => e.type === 'person').length, 2);
  });

  it('joins shortened given names and bare surnames among many people of one surname', () => {
    // Over 16 clusters of a surname, given names are looked up in an index and the nearest cluster by one search.
    const given = [
      'Tarek',
      'Omar',
      'Layla',
      'Fadil',
      'Nabil',
      'Rania',
      'Samir',
      'Walid',
      'Yusra',
      'Zaid',
      'Karim',
      'Dalia',
      'Ghassan',
      'Imad',
      'Jamal',
      'Lubna',
      'Majid',
      'Nour',
    ];
    const people = given.map((g) => `${g} al-Zamili`);
    const text = `Hakim al-Zamili spoke. ${people.join(' met ')}. Zamili left. Hak al-Zamili returned. Bob Marr and Robert Marr came. Ali al-Zamili and Aly al-Zamili, the same man. Tarek al-Zamili said so; Zamili agreed.`;
    const r = ids(text, [
      ['Hakim al-Zamili', 'person'],
      ['Hak al-Zamili', 'person'],
      ...people.map((p): [string, EntityType] => [p, 'person']),
      ['Zamili', 'person'],
      ['Bob Marr', 'person'],
      ['Robert Marr', 'person'],
      ['Ali al-Zamili', 'person'],
      ['Aly al-Zamili', 'person'],
    ]);
    // Shorter names come last, after the index was made: it must hold the clusters made since.
    assert.strictEqual(r.get('Aly al-Zamili')?.[0], r.get('Ali al-Zamili')?.[0]);
    assert.strictEqual(new Set(people.map((p) => r.get(p)?.[0])).size, people.length);
    assert.strictEqual(r.get('Hak al-Zamili')?.[0], r.get('Hakim al-Zamili')?.[0]);
    // Each bare "Zamili" joins the person named last before it.
    assert.deepStrictEqual(r.get('Zamili'), [r.get('Nour al-Zamili')?.[0], r.get('Tarek al-Zamili')?.[0]]);
    assert.strictEqual(r.get('Bob Marr')?.[0], r.get('Robert Marr')?.[0]);
  });

  it('joins transliteration variants of Arabic names', () => {
    const text =
      'Haydar al-Obeidi arrived. Haider al-Obeidi said so. President Fouad Masoum and Fuad Masum. Sa’ad Jabouri and Saad Jabouri.';
    const r = ids(text, [
      ['Haydar al-Obeidi', 'person'],
      ['Haider al-Obeidi', 'person'],
      ['Fouad Masoum', 'person'],
      ['Fuad Masum', 'person'],
      ['Sa’ad Jabouri', 'person'],
      ['Saad Jabouri', 'person'],
    ]);
    assert.strictEqual(r.get('Haydar al-Obeidi')?.[0], r.get('Haider al-Obeidi')?.[0]);
    assert.strictEqual(r.get('Fouad Masoum')?.[0], r.get('Fuad Masum')?.[0]);
    assert.strictEqual(r.get('Sa’ad Jabouri')?.[0], r.get('Saad Jabouri')?.[0]);
    assert.notStrictEqual(r.get('Haider al-Obeidi')?.[0], r.get('Fuad Masum')?.[0]);
  });

  it('joins a shortened given name and a lone given name to the full name', () => {
    const text = 'Defense chief Ashton Barker visited. Ash Barker said little. Later Nadia al-Khouri spoke; Nadia was blunt.';
    const r = ids(text, [
      ['Ashton Barker', 'person'],
      ['Ash Barker', 'person'],
      ['Nadia al-Khouri', 'person'],
      ['Nadia', 'person'],
    ]);
    assert.deepStrictEqual(r.get('Ash Barker'), ['ashton-barker']);
    assert.deepStrictEqual(r.get('Nadia'), ['nadia-al-khouri']);
  });

  it('joins acronyms to their expansion, also through a parenthetical definition', () => {
    const text =
      'The Northern Water Authority (NWA) and the Jaish al-Tahrir (JTF) met. Later the NWA and the JTF, and the Council of Elders. The CoE agreed.';
    const r = ids(text, [
      ['Northern Water Authority', 'organization'],
      ['NWA', 'organization'],
      ['Jaish al-Tahrir', 'organization'],
      ['JTF', 'organization'],
      ['Council of Elders', 'organization'],
      ['CoE', 'organization'],
    ]);
    assert.deepStrictEqual(r.get('NWA'), ['northern-water-authority', 'northern-water-authority']);
    assert.deepStrictEqual(r.get('JTF'), ['jaish-al-tahrir', 'jaish-al-tahrir']);
    assert.deepStrictEqual(r.get('CoE'), ['council-of-elders']);
  });

  it('uses alias data for well-known entities and gazetteer ids for places', () => {
    const text = 'ISIS, also called Daesh or the Islamic State, fought the US. America and the U.S. Army. Baghdad is in Iraq.';
    const r = ids(text, [
      ['ISIS', 'organization'],
      ['Daesh', 'organization'],
      ['Islamic State', 'organization'],
      ['US', 'country'],
      ['America', 'country'],
      ['U.S.', 'country'],
      ['Baghdad', 'city'],
      ['Iraq', 'country'],
    ]);
    for (const t of ['ISIS', 'Daesh', 'Islamic State']) assert.deepStrictEqual(r.get(t), ['islamic-state']);
    for (const t of ['US', 'America', 'U.S.']) assert.deepStrictEqual(r.get(t), ['united-states']);
    assert.deepStrictEqual(r.get('Baghdad'), ['baghdad']);
    assert.deepStrictEqual(r.get('Iraq'), ['iraq']);
  });

  it('joins a nationality-prefixed name and a generic head to the bare name, unless ambiguous', () => {
    const text =
      'Iraqi Kurdistan voted. Kurdistan wants more. The Sinjar district and Sinjar. The Health Ministry, the Iraqi Health Ministry and the American Health Ministry.';
    const r = ids(text, [
      ['Iraqi Kurdistan', 'region'],
      ['Kurdistan', 'region'],
      ['Sinjar district', 'region'],
      ['Sinjar', 'city'],
      ['Iraqi Health Ministry', 'organization'],
      ['American Health Ministry', 'organization'],
      ['Health Ministry', 'organization'],
    ]);
    assert.strictEqual(r.get('Kurdistan')?.[0], r.get('Iraqi Kurdistan')?.[0]);
    assert.notStrictEqual(r.get('Sinjar')?.[0], r.get('Sinjar district')?.[0]);
    const health = r.get('Health Ministry')?.[0];
    assert.notStrictEqual(health, r.get('Iraqi Health Ministry')?.[0]);
    assert.notStrictEqual(health, r.get('American Health Ministry')?.[0]);
  });

  it('keeps each mention’s type, shares the id and types the cluster by majority', () => {
    const text = 'Hana Rashid spoke. Rashid said yes. Rashid said no.';
    const raw = mentionsIn(text, [
      ['Hana Rashid', 'person'],
      ['Rashid', 'person'],
    ]);
    raw[1] = { ...raw[1], type: 'organization' };
    const { mentions, entities } = clusterMentions(raw, res, text);
    assert.deepStrictEqual(
      mentions.map((m) => [m.type, m.id]),
      [
        ['person', 'hana-rashid'],
        ['organization', 'hana-rashid'],
        ['person', 'hana-rashid'],
      ],
    );
    assert.strictEqual(entities.length, 1);
    assert.strictEqual(entities[0].type, 'person');
    assert.strictEqual(entities[0].canonical, 'Hana Rashid');
    assert.deepStrictEqual(entities[0].mentions, [0, 1, 2]);
  });
});

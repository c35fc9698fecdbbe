import * as assert from 'assert';
import { detectMentions } from '../../server/src/analysis/entities/mentions';
import type { NerLabel, NerSpan, Tagger } from '../../server/src/analysis/ner';
import type { AnalysisResources } from '../../server/src/analysis/resources';
import { splitSentences, tokenize } from '../../server/src/analysis/tokenize';
import type { Token } from '../../server/src/analysis/types';
import { engineData, loadClaimModel } from '../../server/src/workspace/resources';
import { gazetteer, mentions } from './scriptedMentions';

describe('mentions', () => {
  it('types tagger labels, places through the gazetteer', () => {
    assert.deepStrictEqual(
      mentions('Hakim al-Zamili said Baghdad and the Pentagon disagree over Iraq.', [
        ['Hakim al-Zamili', 'PER'],
        ['Baghdad', 'LOC'],
        ['Pentagon', 'ORG'],
        ['Iraq', 'LOC'],
      ]),
      [
        ['Hakim al-Zamili', 'person'],
        ['Baghdad', 'city'],
        ['Pentagon', 'organization'],
        ['Iraq', 'country'],
      ],
    );
  });

  it('keeps a one-token parenthesis the tagger put inside a name, and strips other trailing punctuation', () => {
    assert.deepStrictEqual(
      mentions('Mladost ( L ) 2 Partizan 1. Fans of Partizan ( left, cheering ) and Vojvodina ) met.', [
        ['Mladost ( L )', 'ORG'],
        ['Partizan', 'ORG'],
        ['Vojvodina )', 'ORG'],
      ]),
      [
        ['Mladost ( L )', 'organization'],
        ['Partizan', 'organization'],
        ['Partizan', 'organization'],
        ['Vojvodina', 'organization'],
      ],
    );
  });

  it('drops MISC and nationality or religious adjectives', () => {
    assert.deepStrictEqual(
      mentions('Iraqi and Shiite leaders met Kurds.', [
        ['Iraqi', 'MISC'],
        ['Shiite', 'ORG'],
        ['Kurds', 'LOC'],
      ]),
      [],
    );
  });

  it('keeps titles, a leading "the" and possessives out of spans', () => {
    assert.deepStrictEqual(
      mentions("Prime Minister Haider Abadi's office and the Peshmerga.", [
        ["Prime Minister Haider Abadi's", 'PER'],
        ['the Peshmerga', 'ORG'],
      ]),
      [
        ['Haider Abadi', 'person'],
        ['Peshmerga', 'organization'],
      ],
    );
  });

  it('keeps a sentence-opening verb of saying out of a person span', () => {
    assert.deepStrictEqual(mentions('Said Dorothy Poynter, "We were proud."', [['Said Dorothy Poynter', 'PER']]), [
      ['Dorothy Poynter', 'person'],
    ]);
  });

  it('cuts hyphen compounds to the name, even when the tagger missed them', () => {
    assert.deepStrictEqual(mentions('Iran-backed militias and US-led forces.', []), [
      ['Iran', 'country'],
      ['US', 'country'],
    ]);
    assert.deepStrictEqual(mentions('The Barzani-led party.', [['Barzani-led', 'PER']]), [['Barzani', 'person']]);
  });

  it('uses cue words for regions and facilities', () => {
    assert.deepStrictEqual(
      mentions('Fighting in Sinjar district and near the Kirkuk-Ceyhan pipeline, and in Nineveh province.', [
        ['Sinjar', 'LOC'],
        ['Kirkuk-Ceyhan', 'LOC'],
        ['Nineveh', 'LOC'],
      ]),
      [
        ['Sinjar district', 'region'],
        ['Kirkuk-Ceyhan pipeline', 'facility'],
        ['Nineveh', 'region'],
      ],
    );
  });

  it('makes a document consistent: repeats and surnames of tagged names', () => {
    assert.deepStrictEqual(
      mentions('Hakim al-Zamili spoke. Later Zamili left, and Hakim al-Zamili returned.', [['Hakim al-Zamili', 'PER']]).map((m) => m[0]),
      ['Hakim al-Zamili', 'Zamili', 'Hakim al-Zamili'],
    );
  });

  it('gives one name one label within a document', () => {
    assert.deepStrictEqual(mentions('Daesh attacked. Daesh fled. Daesh lost.', [['Daesh attacked', 'ORG']]).length, 1);
    const out = mentions('Daesh attacked. Then Daesh fled. Then Daesh lost.', []);
    assert.deepStrictEqual(out, []);
  });

  it("prefers organisation evidence over the tagger's person votes", () => {
    // A head noun of an organisation name, English or transliterated Arabic.
    assert.deepStrictEqual(
      mentions("Kata'ib Hezbollah threatened them. Later Kata'ib Hezbollah left. The Sadr Bloc met.", [
        ["Kata'ib Hezbollah", 'PER'],
        ['Sadr Bloc', 'LOC'],
      ]),
      [
        ["Kata'ib Hezbollah", 'organization'],
        ["Kata'ib Hezbollah", 'organization'],
        ['Sadr Bloc', 'organization'],
      ],
    );
    // An alias of an acronym-named organisation, in brackets or with "also known as".
    assert.deepStrictEqual(
      mentions('They fear Daesh (ISIS, ISIL) most. Then Daesh struck.', [
        ['Daesh', 'PER'],
        ['ISIS', 'ORG'],
        ['ISIL', 'ORG'],
      ]).map((m) => m[1]),
      ['organization', 'organization', 'organization', 'organization'],
    );
    assert.deepStrictEqual(
      mentions('The fight against Daesh, also known as ISIL, goes on.', [
        ['Daesh', 'PER'],
        ['ISIL', 'ORG'],
      ]),
      [
        ['Daesh', 'organization'],
        ['ISIL', 'organization'],
      ],
    );
    // A dateline is not an alias.
    assert.deepStrictEqual(
      mentions('BAGHDAD (AP) - It rained.', [
        ['BAGHDAD', 'LOC'],
        ['AP', 'ORG'],
      ]),
      [
        ['BAGHDAD', 'city'],
        ['AP', 'organization'],
      ],
    );
  });

  it('finds acronyms defined in brackets and names hidden in MISC spans', () => {
    assert.deepStrictEqual(
      mentions('He sits in the Council of Representatives (CoR). The CoR voted.', [['Council of Representatives', 'ORG']]),
      [
        ['Council of Representatives', 'organization'],
        ['CoR', 'organization'],
        ['CoR', 'organization'],
      ],
    );
    assert.deepStrictEqual(mentions('They fight Islamic State fighters.', [['Islamic', 'MISC']]), [['Islamic State', 'organization']]);
    assert.deepStrictEqual(mentions('The Massoud Barzani-led government spoke.', [['Massoud Barzani-led', 'MISC']]), [
      ['Massoud Barzani', 'person'],
    ]);
    // Only participles make such compounds.
    assert.deepStrictEqual(mentions('Kim In-sook spoke.', [['Kim In-sook', 'MISC']]), []);
  });

  it('keeps no mention longer than 12 tokens or 200 characters (a run of capitalised words is no name)', () => {
    const twelve = 'Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett Kilo Lima';
    assert.deepStrictEqual(mentions(`${twelve} spoke.`, [[twelve, 'ORG']]), [[twelve, 'organization']]);
    const thirteen = `${twelve} Mike`;
    assert.deepStrictEqual(mentions(`${thirteen} spoke.`, [[thirteen, 'ORG']]), []);
    const long = `Zed${'a'.repeat(196)} Quux`;
    assert.deepStrictEqual(mentions(`${long} spoke.`, [[long, 'PER']]), []);
  });

  it('starts no mention inside a word the tokenizer cut into pieces', () => {
    // A 400-letter word is two 200-character tokens; the second starts mid-word.
    const text = `${'A'.repeat(200)}${'B'.repeat(200)} spoke.`;
    assert.strictEqual(tokenize(text)[1].text, 'B'.repeat(200));
    assert.deepStrictEqual(mentions(text, [['B'.repeat(200), 'PER']]), []);
    // A split-off "n't" may still follow a name.
    assert.deepStrictEqual(mentions('Trump Can’t Win', [['Trump Ca', 'PER']]), [['Trump Ca', 'person']]);
  });

  it('gives the surname of a person named in full the person label', () => {
    assert.deepStrictEqual(
      mentions('Hakim al-Zimili spoke. Al-Zimili had left.', [
        ['Hakim al-Zimili', 'PER'],
        ['Al-Zimili', 'ORG'],
      ]),
      [
        ['Hakim al-Zimili', 'person'],
        ['Al-Zimili', 'person'],
      ],
    );
  });

  it('splits a span that runs a name-led compound into the next name, or runs two countries together', () => {
    assert.deepStrictEqual(
      mentions('The Massoud Barzani-led Kurdistan Regional Government spoke.', [
        ['Massoud Barzani-led Kurdistan Regional Government', 'ORG'],
      ]),
      [
        ['Massoud Barzani', 'person'],
        ['Kurdistan Regional Government', 'organization'],
      ],
    );
    // The tagger's MISC span stops before the head noun, which still joins the second name.
    assert.deepStrictEqual(
      mentions('The Massoud Barzani-led Kurdistan Regional Government spoke.', [['Massoud Barzani-led Kurdistan Regional', 'MISC']]),
      [
        ['Massoud Barzani', 'person'],
        ['Kurdistan Regional Government', 'organization'],
      ],
    );
    // A hyphenated name that is no participle compound stays whole.
    assert.deepStrictEqual(mentions('The Kirkuk-Ceyhan Pipeline Company said so.', [['Kirkuk-Ceyhan Pipeline Company', 'ORG']]), [
      ['Kirkuk-Ceyhan Pipeline Company', 'organization'],
    ]);
    assert.deepStrictEqual(mentions('Iraq Could Ask Iran for Help', [['Iraq Could Ask Iran', 'LOC']]), [
      ['Iraq', 'country'],
      ['Iran', 'country'],
    ]);
    // A known place name as a whole is not split.
    assert.deepStrictEqual(mentions('He lives in the United States now.', [['United States', 'LOC']]), [['United States', 'country']]);
  });

  it('types a known place before a lowercase region word as a place, and an acronym after a prefix compound as an organisation', () => {
    assert.deepStrictEqual(mentions('They fight for control over Sinjar district today.', [['Sinjar', 'ORG']]), [
      ['Sinjar district', 'region'],
    ]);
    assert.deepStrictEqual(mentions('Another pro-Maliki CoR member spoke.', [['pro-Maliki CoR', 'MISC']]), [['CoR', 'organization']]);
  });

  it('types a name after an honorific as a person throughout the document', () => {
    assert.deepStrictEqual(mentions('Mr. Quark spoke. Quark left.', [['Quark', 'ORG']]), [
      ['Quark', 'person'],
      ['Quark', 'person'],
    ]);
  });

  it('types a name after "Mr." as a person even when a place has that name (Mr. Obama; Obama, Japan)', () => {
    assert.deepStrictEqual(mentions('Mr. Sinjar spoke. Sinjar left.', [['Sinjar', 'ORG']]), [
      ['Sinjar', 'person'],
      ['Sinjar', 'person'],
    ]);
  });

  it('keeps a place after "in" a place when the same name is a club elsewhere in the document', () => {
    const text = 'Montreal beat Florida 4-2 . Montreal won again . In Montreal , Sanders allowed one hit .';
    // The tagger's own reading per occurrence: the club twice, then the city.
    const labels: NerLabel[] = ['ORG', 'ORG', 'LOC'];
    const tagger: Tagger = {
      tag(_text: string, tokens: Token[]): NerSpan[] {
        const at = tokens.flatMap((tok, i) => (tok.text === 'Montreal' ? [i] : []));
        return at.map((i, k) => ({ start: tokens[i].start, end: tokens[i].end, label: labels[k], tokenStart: i, tokenEnd: i + 1 }));
      },
    };
    const res: AnalysisResources = { gazetteer, tagger, claims: loadClaimModel(), ...engineData() };
    const tokens = tokenize(text);
    const types = detectMentions(text, tokens, splitSentences(text, tokens), res).map((m) => m.type);
    assert.deepStrictEqual(types.slice(0, 2), ['organization', 'organization']);
    assert.notStrictEqual(types[2], 'organization');
    assert.strictEqual(types.length, 3);
  });
});

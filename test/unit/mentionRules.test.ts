import * as assert from 'assert';
import { mentions } from './scriptedMentions';

/*
 * The mention stage's span and typing rules of issue 14's second error analysis (CoNLL-2003 valid and the
 * seeds), each on a scripted tagger so that the rule alone decides the outcome.
 */

describe('mention rules (issue 14, second error analysis)', () => {
  it('keeps a capitalised "The" inside a sentence in a place\'s name, not one that opens the sentence', () => {
    assert.deepStrictEqual(mentions('England play at The Oval on Friday.', [['The Oval', 'LOC']]), [['The Oval', 'city']]);
    assert.deepStrictEqual(mentions('The Oval was full on Friday.', [['The Oval', 'LOC']]), [['Oval', 'city']]);
  });

  it('gives a newspaper title its "The" inside a sentence, and no other organisation', () => {
    assert.deepStrictEqual(
      mentions('He was loyal to the cleric, The New York Times reported, and The Pentagon agreed.', [
        ['New York Times', 'ORG'],
        ['Pentagon', 'ORG'],
      ]),
      [
        ['The New York Times', 'organization'],
        ['Pentagon', 'organization'],
      ],
    );
  });

  it('leaves out the "The" that opens the sentence of an organisation\'s name', () => {
    assert.deepStrictEqual(mentions('The Party of Democratic Action called a boycott.', [['The Party of Democratic Action', 'ORG']]), [
      ['Party of Democratic Action', 'organization'],
    ]);
  });

  it("keeps the 's of a name that is a possessive form, and strips an ordinary possessive", () => {
    assert.deepStrictEqual(
      mentions("The bid for Boatmen's Bancshares Inc. was large. Boatmen's was the prize, and everybody wanted Boatmen's.", [
        ['Boatmen', 'ORG'],
        ['Bancshares Inc.', 'ORG'],
      ]),
      [
        ["Boatmen's Bancshares Inc.", 'organization'],
        ["Boatmen's", 'organization'],
        ["Boatmen's", 'organization'],
      ],
    );
    assert.deepStrictEqual(mentions("Zamili's warning came first. Zamili said so.", [['Zamili', 'PER']]), [
      ['Zamili', 'person'],
      ['Zamili', 'person'],
    ]);
  });

  it("joins two names around an ampersand into one firm's name", () => {
    assert.deepStrictEqual(
      mentions('He added that Douglas & Lomason will stay.', [
        ['Douglas', 'ORG'],
        ['Lomason', 'PER'],
      ]),
      [['Douglas & Lomason', 'organization']],
    );
  });

  it("keeps a results table's bracketed town initial in the club's name, and adds the clubs the tagger missed", () => {
    assert.deepStrictEqual(
      mentions('Division A\nHajduk 2 Proleter ( Z ) 0\nBorac 1 Mladost ( L ) 2\nRadnicki ( N ) - Spartak', [
        ['Hajduk', 'ORG'],
        ['Borac', 'ORG'],
        ['Mladost', 'ORG'],
        ['Radnicki', 'PER'],
        ['Spartak', 'ORG'],
      ]),
      [
        ['Hajduk', 'organization'],
        ['Proleter ( Z )', 'organization'],
        ['Borac', 'organization'],
        ['Mladost ( L )', 'organization'],
        ['Radnicki ( N )', 'organization'],
        ['Spartak', 'organization'],
      ],
    );
    // One name with a bracketed letter is no table.
    assert.deepStrictEqual(mentions('Senator Smith ( R ) 45 votes.', [['Smith', 'PER']]), [['Smith', 'person']]);
  });

  it("types a world region's name read as an adjective as the region", () => {
    assert.deepStrictEqual(
      mentions('Baghdad and other interested Mid-East governments.', [
        ['Baghdad', 'LOC'],
        ['Mid-East', 'MISC'],
      ]),
      [
        ['Baghdad', 'city'],
        ['Mid-East', 'region'],
      ],
    );
  });

  it("splits a title-case headline's organisation span that runs two countries together", () => {
    assert.deepStrictEqual(mentions('Did Iran Just Invade Iraq To Protect Oil?', [['Iran Just Invade Iraq', 'ORG']]), [
      ['Iran', 'country'],
      ['Iraq', 'country'],
    ]);
  });

  it('types a name headed by an administrative area word as the area', () => {
    assert.deepStrictEqual(mentions('He knew the former Ninewa Province governor.', [['Ninewa Province', 'ORG']]), [
      ['Ninewa Province', 'region'],
    ]);
  });

  it('types a name followed by "himself" or "herself" as a person', () => {
    assert.deepStrictEqual(mentions('They fear no one other than Khamenei himself.', [['Khamenei', 'LOC']]), [['Khamenei', 'person']]);
  });

  it('types a name after a place preposition and a compass adjective as an area', () => {
    assert.deepStrictEqual(mentions('Militias clashed in eastern Salah al-Din on Monday.', [['Salah al-Din', 'PER']]), [
      ['Salah al-Din', 'region'],
    ]);
  });

  it('adds "US" and "Mid-East" the tagger left out, except in a shouted sentence', () => {
    assert.deepStrictEqual(mentions('The Pentagon will send in more US troops.', [['Pentagon', 'ORG']]), [
      ['Pentagon', 'organization'],
      ['US', 'country'],
    ]);
    assert.deepStrictEqual(mentions('LET US GO HOME NOW.', []), []);
    assert.deepStrictEqual(mentions('Russia could replace it as Mid-East superpower.', [['Russia', 'LOC']]), [
      ['Russia', 'city'],
      ['Mid-East', 'region'],
    ]);
  });

  it('drops peoples whose name is not a demonym', () => {
    assert.deepStrictEqual(
      mentions('Tajik government troops drove Azeris out.', [
        ['Tajik', 'PER'],
        ['Azeris', 'ORG'],
      ]),
      [],
    );
  });

  it('types a name after a lowercase person role as a person throughout the document', () => {
    assert.deepStrictEqual(
      mentions('Ramos thanked Indonesian president Suharto. Ramos told Suharto in a letter.', [
        ['Ramos', 'PER'],
        ['Suharto', 'ORG'],
      ]),
      [
        ['Ramos', 'person'],
        ['Suharto', 'person'],
        ['Ramos', 'person'],
        ['Suharto', 'person'],
      ],
    );
  });

  it('types a name after a lowercase organisation noun as the organisation', () => {
    assert.deepStrictEqual(mentions('Its publisher, mineral water firm Multico, objected.', [['Multico', 'PER']]), [
      ['Multico', 'organization'],
    ]);
  });

  it('drops the names of ships, wherever they stand in the document', () => {
    assert.deepStrictEqual(
      mentions('Planes on the aircraft carriers Vinson and Enterprise flew. The Vinson leads a group near Baghdad.', [
        ['Vinson', 'PER'],
        ['Enterprise', 'LOC'],
        ['Baghdad', 'LOC'],
      ]),
      [['Baghdad', 'city']],
    );
  });

  it('types a name before a lowercase geographic noun as that place', () => {
    assert.deepStrictEqual(mentions('Gunfire echoed in the nearby Pamir mountains on Friday.', [['Pamir', 'PER']]), [['Pamir', 'region']]);
  });

  it("cuts a shouted headline's verb from the name before it", () => {
    assert.deepStrictEqual(mentions('GOLF - HENKE TAKES LEAD IN MILWAUKEE .', [['HENKE TAKES', 'PER']]), [['HENKE', 'person']]);
  });

  it("keeps a person's hyphenated given name whole", () => {
    assert.deepStrictEqual(mentions('Red Cross president Li Song-ho said so.', [['Li Song-ho', 'PER']]), [['Li Song-ho', 'person']]);
  });

  it("splits a role's person and employer the tagger ran into one organisation", () => {
    assert.deepStrictEqual(
      mentions('"It slowed," said economist Lynn Reaser of Barnett Banks Inc. in Jacksonville. Reaser said more.', [
        ['Lynn Reaser of Barnett Banks Inc.', 'ORG'],
        ['Reaser', 'ORG'],
      ]),
      [
        ['Lynn Reaser', 'person'],
        ['Barnett Banks Inc.', 'organization'],
        ['Reaser', 'person'],
      ],
    );
    assert.deepStrictEqual(mentions('He joined the Bank of England in May.', [['Bank of England', 'ORG']]), [
      ['Bank of England', 'organization'],
    ]);
  });

  it('keeps a regnal number after a single name', () => {
    assert.deepStrictEqual(mentions('1533 - Queen Elizabeth I born.', [['Queen Elizabeth', 'PER']]), [['Elizabeth I', 'person']]);
  });
});

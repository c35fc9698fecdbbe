import * as assert from 'assert';
import { patternClaims } from '../../server/src/analysis/claims';
import type { Claim } from '../../server/src/analysis/types';
import { claimInput, type Named } from './claimInput';
import { joinLines } from './util';

/*
 * Quotations no cue pattern claims (looseQuotes.ts): a sentence in double
 * quotation marks is someone's words; a scare quote or a title is not.
 */

const NAMES: Named[] = [
  ['Espinoza', 'person', 'espinoza'],
  ['Daron Shaw', 'person', 'daron-shaw'],
  ['Joe Dunford', 'person', 'joe-dunford'],
  ['Abadi', 'person', 'haider-al-abadi'],
  ['Baghdad', 'city', 'baghdad'],
];

function claimsOf(...paragraphs: string[]): Claim[] {
  const text = joinLines('Report', '', ...paragraphs);
  return patternClaims(claimInput(text, NAMES, { aliases: true }));
}

describe('claims of quotations without a cue of their own', () => {
  it("takes a quotation in the sentence of a claim, with that claim's source and cue", () => {
    const claims = claimsOf('Espinoza told reporters that he would run again; “I am a proven champion for the rule of law.”');
    const loose = claims.find((c) => c.text === '“I am a proven champion for the rule of law.”');
    assert.ok(loose, JSON.stringify(claims.map((c) => c.text)));
    assert.strictEqual(loose.source?.text, 'Espinoza');
    assert.strictEqual(loose.cue?.text, 'told');
  });

  it("leaves a quotation after the speaker's sentence alone: its source is too often someone else", () => {
    const claims = claimsOf('Espinoza announced a new campaign on Friday. “I am a proven champion for the rule of law.”');
    assert.deepStrictEqual(
      claims.map((c) => c.text),
      ['a new campaign on Friday'],
    );
  });

  it('takes a quotation followed by a person named in its sentence, with no cue', () => {
    const claims = claimsOf('“I am a proven champion for the rule of law,” Espinoza beamed.');
    const loose = claims.find((c) => c.text === '“I am a proven champion for the rule of law,”');
    assert.ok(loose, JSON.stringify(claims.map((c) => c.text)));
    assert.strictEqual(loose.source?.text, 'Espinoza');
    assert.strictEqual(loose.cue, null);
  });

  it('leaves a quotation with no speaker near alone', () => {
    const claims = claimsOf('Then came the line “I am a proven champion for the rule of law.” In Baghdad, Espinoza smiled.');
    assert.deepStrictEqual(
      claims.map((c) => c.text),
      [],
    );
  });

  it('takes a quotation after a colon, its source the actor named before the colon', () => {
    const claims = claimsOf('The timing does not surprise the pollster Daron Shaw: “Lesser-known candidates have seen the biggest boost.”');
    const loose = claims.find((c) => c.text === '“Lesser-known candidates have seen the biggest boost.”');
    assert.ok(loose, JSON.stringify(claims.map((c) => c.text)));
    assert.strictEqual(loose.source?.text, 'Daron Shaw');
    assert.strictEqual(loose.cue?.text, ':');
  });

  it('after a colon, prefers the first person of the sentence to the nearest', () => {
    const claims = claimsOf('Then Gen. Joe Dunford traveled to Baghdad and gave Abadi an ultimatum: “It is either us or the Russians.”');
    const loose = claims.find((c) => c.text === '“It is either us or the Russians.”');
    assert.ok(loose, JSON.stringify(claims.map((c) => c.text)));
    assert.strictEqual(loose.source?.text, 'Joe Dunford');
  });

  it('leaves a quoted title alone, its words capitalised', () => {
    const claims = claimsOf(
      'We discussed the deployment on Saturday in “Did Turkey Just Invade Iraq To Protect Its Oil Routes?,” and you may review it.',
      'The segment ran on “Secret Lives of the Super Rich,” not on the news.',
    );
    assert.deepStrictEqual(
      claims.map((c) => c.text),
      [],
    );
  });

  it('leaves scare quotes and titles alone', () => {
    const claims = claimsOf('The “liberated” town watched “The Long Night” on Sunday, and the film’s “very sad ending” made news.');
    assert.deepStrictEqual(
      claims.map((c) => c.text),
      [],
    );
  });
});

import * as assert from 'assert';
import { detectClaims } from '../../server/src/analysis/claims';
import type { Claim } from '../../server/src/analysis/types';
import { loadClaimModel } from '../../server/src/workspace/resources';
import { claimInput, type Named } from './claimInput';
import { joinLines } from './util';

/*
 * Patterns of the rule detector (verbCue.ts), with and without the model.
 *
 * A cue in an aside between commas ("…, the agency said in a June report, …"):
 * PolNeAR's content is the whole report around the aside when the sentence goes
 * on with a clause of its own, and only the part before it when what follows is
 * an adjunct of the saying.
 */

const AGENCY: Named[] = [['the agency', 'organization', 'agency']];

function claimsOf(sentence: string, names: Named[], withModel: boolean): { text: string; claims: Claim[] } {
  const text = joinLines('Report', '', sentence);
  const input = claimInput(text, names, { aliases: true });
  return { text, claims: detectClaims(withModel ? { ...input, model: loadClaimModel() } : input) };
}

function contents(sentence: string, withModel: boolean): string[] {
  return claimsOf(sentence, AGENCY, withModel)
    .claims.filter((c) => c.cue?.text === 'said')
    .map((c) => c.text);
}

describe('claims around a cue in an aside', () => {
  for (const withModel of [false, true]) {
    const by = withModel ? 'with the model' : 'with the patterns alone';

    it(`takes the whole sentence when it resumes with "and" after the aside (${by})`, () => {
      const sentence = 'The middle fifth paid 8.9 percent, the agency said in a June report, and the bottom fifth paid 0.8 percent.';
      assert.deepStrictEqual(contents(sentence, withModel), [
        'The middle fifth paid 8.9 percent, the agency said in a June report, and the bottom fifth paid 0.8 percent',
      ]);
    });

    it(`keeps the part before the aside when an adjunct clause follows it (${by})`, () => {
      const sentence = 'The plan will fail, the agency said on Monday, as protesters gathered outside.';
      assert.deepStrictEqual(contents(sentence, withModel), ['The plan will fail']);
    });

    it(`keeps the part before the aside when the resumed clause has a cue of its own (${by})`, () => {
      const sentence = 'The plan will fail, the agency said on Monday, and its director warned that taxes would rise.';
      assert.ok(contents(sentence, withModel).includes('The plan will fail'), sentence);
    });
  }
});

/*
 * "She ended the speech by saying that …", "began by saying he would …": a
 * verb of saying as a gerund after a preposition reports what the sentence's
 * subject said.
 */
describe('claims with a gerund of saying after a preposition', () => {
  for (const withModel of [false, true]) {
    const by = withModel ? 'with the model' : 'with the patterns alone';

    it(`attributes "began by saying …" to the subject of the sentence (${by})`, () => {
      const sentence =
        'Dean, a medical doctor, then appeared on television on Tuesday and began by saying he would never diagnose a patient on air.';
      const { text, claims } = claimsOf(sentence, [['Dean', 'person', 'dean']], withModel);
      const c = claims.find((x) => x.cue?.text === 'saying');
      assert.ok(c, JSON.stringify(claims.map((x) => x.text)));
      assert.strictEqual(c.text, 'he would never diagnose a patient on air');
      assert.strictEqual(c.source && text.slice(c.source.start, c.source.end), 'Dean');
      assert.strictEqual(c.speaker, 'dean');
    });
  }

  it('takes no claim from a gerund whose object is no clause ("before declaring independence")', () => {
    const { claims } = claimsOf('The rebels seized the oil fields before declaring independence from Iraq.', [], false);
    assert.deepStrictEqual(
      claims.map((c) => c.cue?.text),
      [],
    );
  });

  it('leaves a gerund that is not a verb of saying alone ("by leaving the room")', () => {
    const { claims } = claimsOf('The mayor ended the debate by leaving the room early.', [['The mayor', 'person', 'mayor']], false);
    assert.deepStrictEqual(claims, []);
  });
});

/* "pointed to" is a cue in four of five of its PolNeAR occurrences (train and dev), like "pointed out". */
describe('claims with "pointed to"', () => {
  it('takes what follows "pointed to" as the content, from the subject', () => {
    const sentence = 'The IMF pointed to the decision to leave the union as an example of rising sentiment against trade.';
    const { text, claims } = claimsOf(sentence, [['The IMF', 'organization', 'imf']], false);
    const c = claims.find((x) => x.cue?.text === 'pointed to');
    assert.ok(c, JSON.stringify(claims.map((x) => x.cue?.text)));
    assert.strictEqual(c.text, 'the decision to leave the union as an example of rising sentiment against trade');
    assert.strictEqual(c.source && text.slice(c.source.start, c.source.end), 'The IMF');
  });

  it('still needs a particle: "the point" alone is no cue', () => {
    const { claims } = claimsOf('The IMF missed the point of the decision.', [['The IMF', 'organization', 'imf']], false);
    assert.deepStrictEqual(
      claims.map((c) => c.cue?.text),
      [],
    );
  });
});

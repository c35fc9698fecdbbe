import * as assert from 'assert';
import { patternClaims } from '../../server/src/analysis/claims';
import type { CueFrameTable } from '../../server/src/analysis/claims/learnedFrames';
import type { Claim } from '../../server/src/analysis/types';
import { engineData } from '../../server/src/workspace/resources';
import { claimInput, type Named } from './claimInput';
import { joinLines } from './util';

/* Cues learned from PolNeAR train in a frame (learnedFrames.ts, data/cue-frames.json). */

const NAMES: Named[] = [
  ['Clinton', 'person', 'hillary-clinton'],
  ['Warren', 'person', 'elizabeth-warren'],
];

/** A table of its own: the test is about the frames, not about which pairs training keeps. */
const TABLE: CueFrameTable = { frames: { 'plans|to': 0.6, 'think|clause': 0.7 } };

function claimsOf(frames: CueFrameTable | undefined, ...paragraphs: string[]): Claim[] {
  const text = joinLines('Report', '', ...paragraphs);
  return patternClaims({ ...claimInput(text, NAMES, { aliases: true }), frames });
}

describe('claims of learned cue frames', () => {
  it('takes "plans to" after a named subject, the infinitive as content', () => {
    const claims = claimsOf(TABLE, 'Clinton plans to call on Congress to raise taxes on the rich.');
    const c = claims.find((x) => x.cue?.text === 'plans');
    assert.ok(c, JSON.stringify(claims.map((x) => [x.cue?.text, x.text])));
    assert.strictEqual(c.source?.text, 'Clinton');
    assert.strictEqual(c.text, 'to call on Congress to raise taxes on the rich');
    assert.strictEqual(c.form, 'belief');
  });

  it('takes a pronoun subject with an adverb between, and a clause after', () => {
    const claims = claimsOf(TABLE, 'Warren spoke on Monday. I really think the bill will pass the Senate.');
    const c = claims.find((x) => x.cue?.text === 'think');
    assert.ok(c, JSON.stringify(claims.map((x) => [x.cue?.text, x.text])));
    assert.strictEqual(c.source?.text, 'I');
    assert.strictEqual(c.text, 'the bill will pass the Senate');
  });

  it('leaves the word out of a frame, out of the table, or without the table', () => {
    // A noun ("the plans"), no subject, and a frame the table does not keep.
    const noFrame = claimsOf(TABLE, 'The plans to build the wall were dropped.', 'Clinton plans a trip to Iowa next week.');
    assert.deepStrictEqual(
      noFrame.filter((x) => x.cue?.text === 'plans'),
      [],
    );
    const noTable = claimsOf(undefined, 'Clinton plans to call on Congress to raise taxes on the rich.');
    assert.deepStrictEqual(
      noTable.filter((x) => x.cue?.text === 'plans'),
      [],
    );
  });

  it('leaves a frame inside reported content to the pattern that reports it', () => {
    const claims = claimsOf(TABLE, 'Warren said Clinton plans to call on Congress to raise taxes.');
    assert.deepStrictEqual(
      claims.filter((x) => x.cue?.text === 'plans'),
      [],
    );
  });

  it('loads the committed table, learned from PolNeAR train', () => {
    const frames = Object.keys(engineData().cueFrames.frames);
    assert.ok(frames.length > 0);
    for (const key of frames) assert.match(key, /^[a-z][a-z'-]*\|(to|that|clause)$/);
  });
});

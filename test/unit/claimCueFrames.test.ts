import * as assert from 'assert';
import { patternClaims } from '../../server/src/analysis/claims';
import type { Claim } from '../../server/src/analysis/types';
import { claimInput, type Named } from './claimInput';
import { joinLines } from './util';

/* Cue frames of the patterns: "when asked …". */

const NAMES: Named[] = [['Christie', 'person', 'chris-christie']];

function claimsOf(...paragraphs: string[]): Claim[] {
  const text = joinLines('Report', '', ...paragraphs);
  return patternClaims(claimInput(text, NAMES, { aliases: true }));
}

describe('claims of the question in "when asked"', () => {
  it('takes the question after "when asked", up to the comma', () => {
    const claims = claimsOf('“You bet I would,” Christie said when asked whether he would issue a quarantine, as the number grew.');
    const q = claims.find((c) => c.cue?.text === 'asked');
    assert.ok(q, JSON.stringify(claims.map((c) => c.text)));
    assert.strictEqual(q.text, 'whether he would issue a quarantine');
  });

  it('puts "about" in the cue', () => {
    const claims = claimsOf('When asked about the disposition of the mayor, Christie said that was a question for the voters.');
    const q = claims.find((c) => c.cue?.text === 'asked about');
    assert.ok(q, JSON.stringify(claims.map((c) => [c.cue?.text, c.text])));
    assert.strictEqual(q.text, 'the disposition of the mayor');
  });
});

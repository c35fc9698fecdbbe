import * as assert from 'assert';
import { detectClaims } from '../../server/src/analysis/claims';
import { claimInput, type Named } from './claimInput';
import { joinLines } from './util';

/*
 * "X told <addressee> <clause>": the content is the clause after the
 * addressee, with or without "that", whether its subject is a pronoun or a
 * noun phrase ("told the AP his firm worked …"); an addressee followed by a
 * plain object ("told reporters the story of his life") is no report.
 */

function contentOf(sentence: string, names: Named[]): string[] {
  const text = joinLines('Report', '', sentence);
  const claims = detectClaims(claimInput(text, names, { aliases: true }));
  return claims.filter((c) => c.cue && text.slice(c.cue.start, c.cue.end) === 'told').map((c) => c.text);
}

describe('claims: the addressee of "told"', () => {
  const podesta: Named[] = [
    ['Podesta', 'person', 'john-podesta'],
    ['AP', 'organization', 'ap'],
  ];

  it('takes the clause after a named addressee when its subject is a noun phrase', () => {
    assert.deepStrictEqual(contentOf('Podesta told the AP his firm worked closely with the nonprofit.', podesta), [
      'his firm worked closely with the nonprofit',
    ]);
  });

  it('takes the clause after a plain addressee ("reporters")', () => {
    assert.deepStrictEqual(contentOf('Podesta told reporters the plan was dead.', podesta), ['the plan was dead']);
  });

  it('finds no report where the addressee is followed by an object, not a clause', () => {
    assert.deepStrictEqual(contentOf('Podesta told reporters the story of his life.', podesta), []);
  });
});

import * as assert from 'assert';
import { loadClaimModel } from '../../server/src/workspace/resources';
import { detectClaims } from '../../server/src/analysis/claims';
import type { Claim } from '../../server/src/analysis/types';
import { claimInput, type Named } from './claimInput';
import { joinLines } from './util';

/*
 * Speaker resolution of descriptions (issue 15, item 3): joint sources, roles
 * owned by a possessor, and a role the document gives a named holder. The
 * mentions are given by hand so that only the claim rules are exercised.
 */

function analyse(text: string, names: Named[]): Claim[] {
  return detectClaims({ ...claimInput(text, names, { aliases: true }), model: loadClaimModel() });
}

function find(claims: Claim[], content: string): Claim {
  const c = claims.find((x) => x.text === content);
  assert.ok(c, `no claim with content ${JSON.stringify(content)}; got ${JSON.stringify(claims.map((x) => x.text))}`);
  return c;
}

describe('claims: speaker resolution of descriptions', () => {
  it('keeps a joint source whole, also when the first name ends in a lowercase particle ("al-Abadi"), and gives it no speaker', () => {
    const text = joinLines(
      'Border',
      '',
      'Prime Minister Karim al-Nouri and President Fuad Salem strongly condemned the deployment as a violation of sovereignty.',
    );
    const claims = analyse(text, [
      ['Karim al-Nouri', 'person', 'karim-al-nouri'],
      ['Fuad Salem', 'person', 'fuad-salem'],
    ]);
    const c = find(claims, 'the deployment as a violation of sovereignty');
    assert.strictEqual(c.source?.text, 'Prime Minister Karim al-Nouri and President Fuad Salem');
    assert.strictEqual(c.speaker, null);
  });

  it('takes the whole possessive phrase as the subject of ", saying" and gives a representative to its principal', () => {
    const text = joinLines(
      'Border',
      '',
      "Now Carthia's ambassador to the UN is striking a conciliatory tone, saying Valmora will try to settle the dispute.",
    );
    const claims = analyse(text, [
      ['Carthia', 'country', 'carthia'],
      ['UN', 'organization', 'united-nations'],
      ['Valmora', 'city', 'valmora'],
    ]);
    const c = find(claims, 'Valmora will try to settle the dispute');
    assert.strictEqual(c.source?.text, "Carthia's ambassador to the UN");
    assert.strictEqual(c.speaker, 'carthia');
  });

  it('leaves a possessor\'s person who is no representative unresolved ("Carthia\'s most powerful general")', () => {
    const text = joinLines(
      'Border',
      '',
      "This began in June when Carthia's most powerful general vowed to surprise the world with his next move.",
    );
    const claims = analyse(text, [['Carthia', 'country', 'carthia']]);
    const c = find(claims, 'to surprise the world with his next move');
    assert.strictEqual(c.source?.text, "Carthia's most powerful general");
    assert.strictEqual(c.speaker, null);
  });

  it('gives "X\'s spokesman" the person the document titles spokesman, before or after', () => {
    const text = joinLines(
      'Border',
      '',
      "Prime Minister Omar Haddad's spokesman told reporters that any operation must be cleared by the government.",
      '',
      '"This is our affair," spokesman Sami Noor told reporters.',
    );
    const claims = analyse(text, [
      ['Omar Haddad', 'person', 'omar-haddad'],
      ['Sami Noor', 'person', 'sami-noor'],
    ]);
    assert.strictEqual(find(claims, 'any operation must be cleared by the government').speaker, 'sami-noor');
    assert.strictEqual(find(claims, '"This is our affair,"').speaker, 'sami-noor');
  });

  it('gives "X\'s adviser" no speaker when no adviser is named (an adviser speaks for himself)', () => {
    const text = joinLines('Border', '', "Omar Haddad's adviser told reporters that the talks would resume.");
    const claims = analyse(text, [['Omar Haddad', 'person', 'omar-haddad']]);
    assert.strictEqual(find(claims, 'the talks would resume').speaker, null);
  });
});

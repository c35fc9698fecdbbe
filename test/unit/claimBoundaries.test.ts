import * as assert from 'assert';
import { detectClaims } from '../../server/src/analysis/claims';
import type { Claim } from '../../server/src/analysis/types';
import { loadClaimModel } from '../../server/src/workspace/resources';
import { claimInput, type Named } from './claimInput';
import { joinLines } from './util';

/*
 * Where an attribution's content starts and ends, and which attributions
 * nested in another's content stand on their own (PolNeAR's conventions, as
 * the annotation guidelines adopt them). Each case runs with the rule
 * patterns alone and with the trained model.
 */

const paths: Array<[string, boolean]> = [
  ['patterns', false],
  ['model', true],
];

function claimsOf(sentence: string, names: Named[], withModel: boolean): { text: string; claims: Claim[] } {
  const text = joinLines('Report', '', sentence);
  const input = claimInput(text, names, { aliases: true });
  return { text, claims: detectClaims(withModel ? { ...input, model: loadClaimModel() } : input) };
}

const cueOf = (text: string, c: Claim) => (c.cue ? text.slice(c.cue.start, c.cue.end) : null);

describe('claim boundaries', () => {
  for (const [name, withModel] of paths) {
    describe(`with the ${name}`, () => {
      it('leaves a belief or plan mentioned inside reported speech to the outer claim', () => {
        const { text, claims } = claimsOf('Lopez said the senators believe the bill will pass.', [['Lopez', 'person', 'lopez']], withModel);
        assert.ok(
          claims.some((c) => cueOf(text, c) === 'said'),
          JSON.stringify(claims.map((c) => c.text)),
        );
        assert.ok(!claims.some((c) => cueOf(text, c) === 'believe'), JSON.stringify(claims.map((c) => [cueOf(text, c), c.text])));
      });

      it('keeps reported speech nested in reported speech', () => {
        const { text, claims } = claimsOf(
          'Lopez said Mr. Hale told him that the vote would be delayed.',
          [
            ['Lopez', 'person', 'lopez'],
            ['Hale', 'person', 'hale'],
          ],
          withModel,
        );
        assert.ok(
          claims.some((c) => cueOf(text, c) === 'told'),
          JSON.stringify(claims.map((c) => [cueOf(text, c), c.text])),
        );
      });
    });
  }
});

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

      it('continues the statement in a quote that is a sentence of its own, however short', () => {
        const sentence = '"There was carnage on the road," Bouhlel said. "Bodies everywhere."';
        const { text, claims } = claimsOf(sentence, [['Bouhlel', 'person', 'bouhlel']], withModel);
        const c = claims.find((x) => cueOf(text, x) === 'said');
        assert.strictEqual(c?.text, sentence);
      });

      it('continues the statement in a quote after a sentence-initial conjunction', () => {
        const sentence = '“I don’t think it’s do or die,” Lopez said outside the building. But “the candidacy is strengthened by it.”';
        const { text, claims } = claimsOf(sentence, [['Lopez', 'person', 'lopez']], withModel);
        const c = claims.find((x) => cueOf(text, x) === 'said');
        assert.strictEqual(c?.text, sentence);
      });

      it('starts the content of an attribution in a relative clause at the pronoun that fills its gap', () => {
        const { text, claims } = claimsOf(
          'The group cited a plan which Lopez said was unworkable.',
          [['Lopez', 'person', 'lopez']],
          withModel,
        );
        assert.strictEqual(claims.find((x) => cueOf(text, x) === 'said')?.text, 'which Lopez said was unworkable');
        const dubbed = claimsOf('He mocked Cruz, whom Lopez dubbed “the little senator.”', [['Lopez', 'person', 'lopez']], withModel);
        assert.strictEqual(dubbed.claims.find((x) => cueOf(dubbed.text, x) === 'dubbed')?.text, 'whom Lopez dubbed “the little senator.”');
      });

      it('keeps the content after the cue where the relative pronoun is no gap in it', () => {
        const { text, claims } = claimsOf(
          'It was the rally at which Lopez said that the plan was unworkable.',
          [['Lopez', 'person', 'lopez']],
          withModel,
        );
        assert.strictEqual(claims.find((x) => cueOf(text, x) === 'said')?.text, 'the plan was unworkable');
      });

      it('ends the content of an attribution in a sentence-initial adverbial clause at the comma closing the clause', () => {
        const { text, claims } = claimsOf(
          'While Lopez has said he opposes sending troops abroad, his administration carves out exceptions for special forces.',
          [['Lopez', 'person', 'lopez']],
          withModel,
        );
        assert.strictEqual(claims.find((x) => cueOf(text, x) === 'said')?.text, 'he opposes sending troops abroad');
      });

      it('does the same after "despite" and after an opening "Well,", and leaves the preposition out of the source', () => {
        const names: Named[] = [
          ['Dunford', 'person', 'dunford'],
          ['Abadi', 'person', 'abadi'],
        ];
        for (const lead of ['Despite', 'Well, despite']) {
          const { text, claims } = claimsOf(
            `${lead} Dunford’s contention that Abadi promised not to enlist Moscow’s help, just days later Iraq gave Moscow the green light.`,
            names,
            withModel,
          );
          const c = claims.find((x) => cueOf(text, x) === 'contention');
          assert.strictEqual(c?.text, 'Abadi promised not to enlist Moscow’s help', lead);
          assert.strictEqual(c.source && text.slice(c.source.start, c.source.end), 'Dunford', lead);
        }
      });

      it('ends the content at a quote closing on a comma when a participle clause follows', () => {
        const { text, claims } = claimsOf(
          'Lopez said there is “only one strong conservative in a position to win this race,” adding that his rivals attack him for it.',
          [['Lopez', 'person', 'lopez']],
          withModel,
        );
        assert.strictEqual(
          claims.find((x) => cueOf(text, x) === 'said')?.text,
          'there is “only one strong conservative in a position to win this race,”',
        );
      });

      it('ends the content at ", and" when a second clause brings its own cue', () => {
        const { text, claims } = claimsOf(
          'Three-quarters of the voters said they were very worried about the economy, and more than 4 in 10 said Lopez would be best at handling it.',
          [['Lopez', 'person', 'lopez']],
          withModel,
        );
        assert.strictEqual(
          claims.find((x) => cueOf(text, x) === 'said')?.text,
          'they were very worried about the economy',
          JSON.stringify(claims.map((c) => [cueOf(text, c), c.text])),
        );
      });

      it('ends an object or infinitive where a second predicate of the same subject begins', () => {
        const names: Named[] = [['Lopez', 'person', 'lopez']];
        const a = claimsOf('Lopez attacked her Spanish skills and even questioned her identity.', names, withModel);
        assert.strictEqual(a.claims.find((x) => cueOf(a.text, x) === 'attacked')?.text, 'her Spanish skills');
        const b = claimsOf('Lopez vowed to block the bill and has repeatedly called it a disgrace.', names, withModel);
        assert.strictEqual(b.claims.find((x) => cueOf(b.text, x) === 'vowed')?.text, 'to block the bill');
      });

      it('ends the content at the comma closing a fronted clause after a linking word or a measure of time', () => {
        const names: Named[] = [
          ['Carson', 'person', 'carson'],
          ['Obama', 'person', 'obama'],
        ];
        const a = claimsOf('But if Carson implied that he would not criticize Cruz, he did not follow the rule.', names, withModel);
        assert.strictEqual(a.claims.find((x) => cueOf(a.text, x) === 'implied')?.text, 'he would not criticize Cruz');
        const b = claimsOf('A few weeks after Obama announced that the war would go on, the forces bombed a hospital.', names, withModel);
        assert.strictEqual(b.claims.find((x) => cueOf(b.text, x) === 'announced')?.text, 'the war would go on');
      });

      it('takes a particle or manner adverb and its preposition into a cue from the data-derived list', () => {
        const names: Named[] = [
          ['Trump', 'person', 'trump'],
          ['Manafort', 'person', 'manafort'],
        ];
        const { text, claims } = claimsOf('Trump lashed out at Khan. Manafort bragged prematurely about his success.', names, withModel);
        const lashed = claims.find((x) => cueOf(text, x)?.startsWith('lashed'));
        assert.deepStrictEqual([cueOf(text, lashed as Claim), lashed?.text], ['lashed out at', 'Khan']);
        const bragged = claims.find((x) => cueOf(text, x)?.startsWith('bragged'));
        assert.deepStrictEqual([cueOf(text, bragged as Claim), bragged?.text], ['bragged prematurely about', 'his success']);
      });

      it('takes the subject of seem or appear into the content, with no source', () => {
        const { text, claims } = claimsOf('In the past few days, the politician seemed to be shrinking in stature.', [], withModel);
        const c = claims.find((x) => cueOf(text, x)?.startsWith('seemed'));
        assert.deepStrictEqual([c?.text, c?.source], ['the politician seemed to be shrinking in stature', null]);
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

describe('claim boundaries across paragraphs and quotes (patterns)', () => {
  const names: Named[] = [
    ['Viguerie', 'person', 'viguerie'],
    ['Cruz', 'person', 'ted-cruz'],
    ['Zamili', 'person', 'zamili'],
    ['The New York Times', 'organization', 'nyt'],
  ];
  const claimsIn = (...paragraphs: string[]) => {
    const text = joinLines('Report', '', ...paragraphs.flatMap((p, i) => (i ? ['', p] : [p])));
    return detectClaims(claimInput(text, names, { aliases: true }));
  };

  it('continues the statement in the next paragraph when that paragraph is only a quote (PolNeAR joins them)', () => {
    const claims = claimsIn(
      '“Cruz is the best conservative candidate since Reagan,” Viguerie told reporters in an interview.',
      '“He is what we have waited for. He checks all our boxes.”',
    );
    const told = claims.find((c) => c.cue?.text === 'told');
    assert.strictEqual(
      told?.text,
      '“Cruz is the best conservative candidate since Reagan,” Viguerie told reporters in an interview.\n\n“He is what we have waited for. He checks all our boxes.”',
      JSON.stringify(claims.map((c) => c.text)),
    );
  });

  it('joins a run of quote paragraphs, up to one with a cue of its own', () => {
    const own = claimsIn('“Cruz is the best candidate,” Viguerie said.', '“We will win,” Cruz said.');
    assert.deepStrictEqual(
      own.map((c) => c.text),
      ['“Cruz is the best candidate,”', '“We will win,”'],
    );
    const run = claimsIn('“Cruz is the best candidate,” Viguerie said.', '“He checks all our boxes.”', '“He will win,” Cruz said.');
    assert.deepStrictEqual(
      run.map((c) => c.text),
      ['“Cruz is the best candidate,” Viguerie said.\n\n“He checks all our boxes.”', '“He will win,”'],
    );
  });

  it('ends content at a closing quote followed by another source and its cue', () => {
    const claims = claimsIn(
      'Officials accused Zamili “of using his position to run a rogue unit of the militia,” The New York Times reported.',
    );
    const accused = claims.find((c) => c.cue?.text === 'accused');
    assert.strictEqual(
      accused?.text,
      'Zamili “of using his position to run a rogue unit of the militia,”',
      JSON.stringify(claims.map((c) => c.text)),
    );
  });
});

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { AnalysisBudget } from '../../server/src/analysis/budget';
import { detectClaims, MAX_CLAIM_OVERLAP } from '../../server/src/analysis/claims';
import { buildContext } from '../../server/src/analysis/claims/context';
import { finish } from '../../server/src/analysis/claims/output';
import { ruleDrafts } from '../../server/src/analysis/claims/rules';
import { analyzeDocument } from '../../server/src/analysis/pipeline';
import { parseStructure } from '../../server/src/analysis/structure';
import { splitSentences, tokenize } from '../../server/src/analysis/tokenize';
import type { Claim } from '../../server/src/analysis/types';
import { loadResources, loadClaimModel } from '../../server/src/workspace/resources';
import { joinLines, seedsDir } from './util';

/*
 * The claim rules look a few tokens around each cue. These tests put the cue
 * at the very end of the document, where "one token past the cue" does not
 * exist (a truncated scraped article, or a user typing a new attribution).
 */

describe('claims at the end of the document', () => {
  const quotes: Array<[string, string]> = [
    ['"', '"'],
    ['“', '”'],
    ["'", "'"],
    ['‘', '’'],
  ];
  const cues = ['said', 'says', 'added', 'told', 'claimed', 'Said', 'warned', 'insisted', 'wrote'];

  it('a quote followed by a speech verb and nothing else does not crash the analysis', () => {
    const res = loadResources();
    for (const [open, close] of quotes) {
      for (const cue of cues) {
        for (const text of [
          `${open}Yes,${close} ${cue}`,
          `${open}Yes,${close} ${cue} `,
          `${open}Yes,${close} ${cue}\n`,
          `Report\n\nHe left. ${open}Yes,${close} ${cue}`,
          `Yes, ${cue}`,
          `, ${cue}`,
        ]) {
          assert.doesNotThrow(() => analyzeDocument(text, res), `${JSON.stringify(text)}`);
        }
      }
    }
  });

  it('still attributes the quote once the source is typed after the cue', () => {
    const text = 'Report\n\n“We will win,” said Barack Obama';
    const a = analyzeDocument(text, loadResources());
    const c = a.claims.find((x) => x.text === '“We will win,”');
    assert.ok(c, JSON.stringify(a.claims.map((x) => x.text)));
    assert.strictEqual(c.source?.text, 'Barack Obama');
    assert.strictEqual(c.cue?.text, 'said');
  });
});

describe('claims on run-on text', function () {
  this.timeout(60_000);
  const runOn = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

  /** The patterns' drafts of a text through the output stage: the worst case the bounds must hold for, whatever the model keeps. */
  function boundedRuleClaims(text: string, budget: AnalysisBudget): Claim[] {
    const tokens = tokenize(text);
    const ctx = buildContext(text, tokens, splitSentences(text, tokens), parseStructure(text), [], []);
    return finish(ctx, ruleDrafts(ctx), budget, undefined);
  }

  it('repeated cues with no sentence end give claims linear in the input, with a warning', () => {
    const res = loadResources();
    for (const unit of ['according to ', 'he said ', 'reportedly ']) {
      const text = runOn(unit, 64 * 1024);
      const a = analyzeDocument(text, res);
      assert.ok(JSON.stringify(a.claims).length <= 20 * text.length, `${JSON.stringify(unit)}: model output`);
      // The patterns alone propose a claim per cue, nested to the end: the budget has to cut them.
      const budget = new AnalysisBudget(text.length);
      const size = JSON.stringify(boundedRuleClaims(text, budget)).length;
      assert.ok(size <= 20 * text.length, `${JSON.stringify(unit)}: ${size} bytes of claims for ${text.length} of text`);
      assert.ok(
        budget.warnings.some((w) => w.startsWith('claims:')),
        `${JSON.stringify(unit)}: ${JSON.stringify(budget.warnings)}`,
      );
    }
  });

  it(`covers no character with more than ${MAX_CLAIM_OVERLAP} claims`, () => {
    const text = runOn('Obama said that ', 20_000);
    const claims = boundedRuleClaims(text, new AnalysisBudget(text.length));
    assert.ok(claims.length > MAX_CLAIM_OVERLAP);
    const events = claims
      .flatMap((c): Array<[number, number]> => [
        [c.start, 1],
        [c.end, -1],
      ])
      .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let depth = 0;
    for (const [, d] of events) assert.ok((depth += d) <= MAX_CLAIM_OVERLAP);
  });

  it('a document over the analysis budget keeps its first claims and says where it stopped', () => {
    const text = joinLines(
      'Talks Stall',
      '',
      'Mira Kovac said the city could run out of money.',
      'Omar Haddad said the budget was balanced.',
      'Lena Ruiz said the audit was late.',
    );
    const tokens = tokenize(text);
    const input = {
      text,
      tokens,
      sentences: splitSentences(text, tokens),
      structure: parseStructure(text),
      mentions: [],
      entities: [],
      model: loadClaimModel(),
    };
    assert.strictEqual(detectClaims({ ...input, budget: new AnalysisBudget(text.length) }).length, 3);
    const budget = new AnalysisBudget(text.length, 0, 550);
    const claims = detectClaims({ ...input, budget });
    assert.deepStrictEqual(
      claims.map((c) => c.text),
      ['the city could run out of money', 'the budget was balanced'],
    );
    assert.deepStrictEqual(budget.warnings, [
      `claims: the document is over the analysis budget; claims starting at offset ${text.indexOf('the audit')} or later are not reported`,
    ]);
  });

  it('ordinary articles stay within budget and carry no warning', () => {
    const res = loadResources();
    for (const f of fs.readdirSync(seedsDir).filter((x) => x.endsWith('.txt'))) {
      assert.strictEqual(analyzeDocument(fs.readFileSync(path.join(seedsDir, f), 'utf8'), res).warnings, undefined, f);
    }
  });
});

import * as assert from 'assert';
import { analyzeDocument } from '../../server/src/analysis/pipeline';
import { loadResources } from '../../server/src/resources';

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
        for (const text of [`${open}Yes,${close} ${cue}`, `${open}Yes,${close} ${cue} `, `${open}Yes,${close} ${cue}\n`, `Report\n\nHe left. ${open}Yes,${close} ${cue}`, `Yes, ${cue}`, `, ${cue}`]) {
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

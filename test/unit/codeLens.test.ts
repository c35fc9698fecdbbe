import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Claim, DocumentAnalysis } from '../../server/src/analysis/types';
import { claimLensTitle } from '../../server/src/lsp/features/codeLens';
import type { IndexedDocument } from '../../server/src/workspace/documentIndex';

const TEXT = 'Numerous reports suggest that Turkey allegedly sent troops, which may stay.';

function claim(cue: string, hedges: string[]): Claim {
  const at = TEXT.indexOf(cue);
  return {
    start: TEXT.indexOf('Turkey'),
    end: TEXT.length - 1,
    text: TEXT.slice(TEXT.indexOf('Turkey'), TEXT.length - 1),
    cue: { start: at, end: at + cue.length, text: cue },
    source: { start: 0, end: 16, text: 'Numerous reports' },
    speaker: null,
    hedges,
    section: 'comments',
    handle: 'reader1',
    form: 'indirect',
  };
}

function doc(c: Claim): IndexedDocument {
  const analysis: DocumentAnalysis = {
    length: TEXT.length,
    structure: { headline: null, byline: null, blocks: [], commentsStart: null },
    tokens: [],
    sentences: [],
    mentions: [],
    entities: [],
    demonyms: [],
    claims: [c],
  };
  return { uri: 'file:///ws/a.txt', version: 1, document: TextDocument.create('file:///ws/a.txt', 'plaintext', 1, TEXT), analysis };
}

describe('claim code lens', () => {
  it('names source, cue, the hedges other than the cue, the comment handle and the tags', () => {
    const c = claim('suggest', ['suggest', 'allegedly', 'may']);
    assert.strictEqual(
      claimLensTitle(doc(c), c, ['disputed']),
      '$(comment-discussion) Numerous reports · suggest · hedged: allegedly, may · comment by reader1 · $(tag) disputed',
    );
  });

  it('quotes a punctuation cue', () => {
    const c = { ...claim('suggest', []), cue: { start: 0, end: 1, text: ':' } };
    assert.match(claimLensTitle(doc(c), c), / · “:” · /);
  });
});

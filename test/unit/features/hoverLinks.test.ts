import * as assert from 'assert';
import type { DocumentAnalysis } from '../../../server/src/analysis/types';
import { hover } from '../../../server/src/lsp/features/hover';
import { escapeMarkdown } from '../../../common/markdownText';
import { context, emptyAnalysis, indexedDocument, indexOf } from './synthetic';

/*
 * GFM (VS Code renders hovers with marked, GFM on) turns bare URLs, `www.`
 * names and e-mail addresses into links by itself. Text from a document is
 * shown as text: no link may come out of it.
 */
const URL = 'https://evil.example/login?next=x';
const TEXT = `Anonymous wrote "see ${URL} or www.evil.example or mail boss@evil.example".\n`;

/** What CommonMark shows for the backslash escapes: the text the reader sees. */
function unescape(markdown: string): string {
  return markdown
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Places GFM autolink literals would start (http(s)/ftp scheme, www., e-mail), outside our own [text](target) links. */
function autolinks(markdown: string): string[] {
  const withoutTargets = markdown.replace(/\]\([^)]*\)/g, ']');
  return withoutTargets.match(/(?:https?|ftp):\/\/\S*|www\.\S*|[A-Za-z0-9._+-]+@[A-Za-z0-9-_]+\.\S*/gi) ?? [];
}

function analysis(): DocumentAnalysis {
  const content = TEXT.indexOf('"');
  const cue = TEXT.indexOf('wrote');
  return {
    ...emptyAnalysis(TEXT),
    claims: [
      {
        start: content,
        end: TEXT.lastIndexOf('"') + 1,
        text: TEXT.slice(content, TEXT.lastIndexOf('"') + 1),
        cue: { start: cue, end: cue + 5, text: 'wrote' },
        source: { start: 0, end: 9, text: 'www.source.example' },
        speaker: null,
        hedges: [],
        section: 'comments',
        handle: 'ops@evil.example',
        form: 'direct',
      },
    ],
  };
}

describe('hovers and bare URLs', () => {
  it('escapeMarkdown breaks every GFM autolink and the reader still sees the text as written', () => {
    for (const text of [
      URL,
      'ftp://x.example/a',
      'www.evil.example',
      'WWW.Evil.Example',
      'boss@evil.example',
      'a [link](https://x.example) <https://y.example>',
    ]) {
      const md = escapeMarkdown(text);
      assert.deepStrictEqual(autolinks(md), [], md);
      assert.strictEqual(unescape(md), text);
    }
  });

  it('a claim hover shows the URL, the www. name and the address from the text without linking them', async () => {
    const doc = indexedDocument('file:///ws/links.txt', TEXT, analysis());
    const index = await indexOf(doc);
    const h = hover(doc, doc.document.positionAt(TEXT.indexOf('login')), context({ index }));
    const value = (h?.contents as { value: string } | undefined)?.value ?? '';
    assert.deepStrictEqual(autolinks(value), []);
    const shown = unescape(value);
    for (const text of [URL, 'www.evil.example', 'boss@evil.example', 'www.source.example', 'ops@evil.example'])
      assert.ok(shown.includes(text), `${text} not shown in ${value}`);
  });
});

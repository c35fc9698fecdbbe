import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import MarkdownIt from 'markdown-it';
import { quoteSelectors } from '../../common/anchoring';
import type { Annotation } from '../../common/annotations';
import { writeReport, type ReportDocument } from '../../server/src/lsp/features/report';
import { blockQuote, escapeInline, escapeLine, linkTarget } from '../../server/src/lsp/features/reportMarkdown';
import { loadResources } from '../../server/src/workspace/resources';
import { InlineAnalysisService } from '../../server/src/workspace/analysisService';
import { DocumentIndex } from '../../server/src/workspace/documentIndex';
import { workspaceEntities } from '../../server/src/workspace/workspaceEntities';
import { seedsDir } from './util';

// VS Code's Markdown preview is markdown-it (HTML on, linkify on); what it renders is what the reader sees.
const md = new MarkdownIt({ html: true, linkify: true });
const NASTY = 'a *b* _c_ [d](command:x) <b>e</b> `f` $g$ ~~h~~ &amp; \\ | i';

/** The text content of rendered HTML, entities decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

let n = 0;
function annotation(text: string, exact: string, body: { tags: string[]; note?: string }, extra: Partial<Annotation> = {}): Annotation {
  const start = text.indexOf(exact);
  assert.ok(start >= 0, exact);
  const q = quoteSelectors(text, start, start + exact.length);
  const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  return {
    id,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    kind: 'passage',
    target: {
      position: { type: 'TextPositionSelector', start, end: start + exact.length },
      quote: { type: 'TextQuoteSelector', exact, prefix: q.prefix, suffix: q.suffix },
      hash: '',
    },
    body,
    ...extra,
  } as Annotation;
}

describe('report Markdown escaping', () => {
  it('a tag or note holding *, [, <, a backtick (and the rest) renders literally', () => {
    for (const s of [NASTY, '*', '[', '<', '`', '<script>alert(1)</script>', '[x]: /y', '**bold**']) {
      const html = md.renderInline(escapeInline(s));
      assert.strictEqual(textOf(html), s, html);
      assert.doesNotMatch(html, /<(em|strong|a|code|b|s|script)\b/, html);
    }
  });

  it('a line cannot open a heading, list, quote, rule or code block', () => {
    for (const s of ['# title', '- item', '+ item', '1. first', '2) second', '> quote', '---', '===', '    indented code', '```', '~~~']) {
      const html = md.render(escapeLine(s));
      assert.match(html, /^<p>[^<]*<\/p>\n$/, `${s} → ${html}`);
      assert.strictEqual(textOf(html).trim(), s.trim());
    }
  });

  it('a block quote keeps lines and paragraph breaks, escaped', () => {
    const html = md.render(blockQuote('one *x*\n\n\n# two\n'));
    assert.strictEqual(html, '<blockquote>\n<p>one *x*</p>\n<p># two</p>\n</blockquote>\n');
  });

  it('links are relative paths with a line fragment, segments percent-encoded', () => {
    assert.strictEqual(linkTarget('sub dir/a (1).txt', 12), 'sub%20dir/a%20%281%29.txt#L12');
    assert.strictEqual(linkTarget('../ws/a.txt', null), '../ws/a.txt');
  });
});

describe('report', function () {
  this.timeout(60_000);
  const name = '001_e776aff8290555f3.txt';
  const uri = `file:///seeds/${name}`;
  const text = fs.readFileSync(path.join(seedsDir, name), 'utf8');
  // As in the file (it holds a no-break space).
  const PASSAGE = text.slice(text.indexOf('Numerous reports'), text.indexOf('soldiers') + 'soldiers'.length);
  let index: DocumentIndex;

  before(async () => {
    index = new DocumentIndex(new InlineAnalysisService(loadResources));
    await index.update(uri, text, 1);
  });

  const report = (annotations: Annotation[], withIndex = true) => {
    const doc: ReportDocument = { uri, name, link: `docs/${name}`, text, annotations };
    return writeReport({
      documents: [doc],
      index: withIndex ? workspaceEntities(index) : undefined,
      describe: () => ({ name: 'other', link: 'other' }),
    });
  };

  it('lists each tag with its passages as block quotes, their notes and a citation linking document and line', () => {
    const out = report([annotation(text, PASSAGE, { tags: ['unverified', 'troops'], note: 'Which reports?' })]);
    const line = text.slice(0, text.indexOf(PASSAGE)).split('\n').length;
    const cite = `[001\\_e776aff8290555f3.txt, line ${line}](docs/${name}#L${line})`;
    assert.ok(out.includes(`### troops\n\n> ${PASSAGE}\n\n${cite} · also tagged unverified\n\n**Note:** Which reports?\n`), out);
    assert.ok(out.indexOf('### troops') < out.indexOf('### unverified'), 'tags in alphabetical order');
    const html = md.render(out);
    assert.ok(html.includes(`<a href="docs/${name}#L${line}">001_e776aff8290555f3.txt, line ${line}</a>`), html);
  });

  it('a tag and a note holding Markdown stay literal in the rendered report', () => {
    const out = report([annotation(text, PASSAGE, { tags: ['*urgent* [check]', '<b>x</b> `y`'], note: NASTY })]);
    const html = md.render(out);
    for (const s of ['*urgent* [check]', '<b>x</b> `y`', NASTY]) assert.ok(textOf(html).includes(s), `${s} not literal in\n${html}`);
    assert.doesNotMatch(html.replace(/<strong>Note:<\/strong>/g, ''), /<(em|strong|code|b|s)>/);
    assert.doesNotMatch(html, /href="command:/);
  });

  it('lists notes without tags after the tags, and a passage no longer found with its stored quote', () => {
    const orphan = annotation(text, PASSAGE, { tags: [], note: 'lost' });
    orphan.target = {
      ...orphan.target,
      position: { ...orphan.target.position, start: 0, end: 5 },
      quote: { type: 'TextQuoteSelector', exact: 'words that are gone', prefix: '', suffix: '' },
    };
    const out = report([annotation(text, 'Turkish forces', { tags: [], note: 'Whose forces?' }), orphan]);
    const notes = out.slice(out.indexOf('## Notes without tags'));
    assert.match(
      notes,
      /> Turkish forces\n\n\[001\\_e776aff8290555f3\.txt, line \d+\]\(docs\/001_e776aff8290555f3\.txt#L\d+\)\n\n\*\*Note:\*\* Whose forces\?/,
    );
    assert.match(
      notes,
      /> words that are gone\n\n\[001\\_e776aff8290555f3\.txt\]\(docs\/001_e776aff8290555f3\.txt\) \(passage not found in the current text\)/,
    );
    assert.ok(out.indexOf('## Tags') < out.indexOf('## Notes without tags'));
  });

  it('for a tagged actor, lists their claims in the documents', () => {
    const tag = annotation(text, 'Hakim al-Zamili', { tags: ['key source'], note: 'Chairs *the* committee.' }, {
      kind: 'entity-tag',
      entity: { id: 'hakim-al-zamili', name: 'Hakim al-Zamili', type: 'person' },
    } as Partial<Annotation>);
    const out = report([tag]);
    const claims = out.slice(out.indexOf('## Claims of tagged actors'));
    assert.match(claims, /### Hakim al-Zamili\n\n\*person\* · tagged key source\n\n\*\*Note:\*\* Chairs \\\*the\\\* committee\./);
    assert.match(claims, /- “Turkey with a military operation[^\n]*” — threatened · \[001\\_e776aff8290555f3\.txt, line \d+\]/);
    assert.match(out, /Entities tagged key source: Hakim al-Zamili/);
    assert.match(report([tag], false), /not analysed/);
  });
});

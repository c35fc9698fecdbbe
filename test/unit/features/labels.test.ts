import * as assert from 'assert';
import { defaultSettings } from '../../../common/settings';
import type { DocumentAnalysis } from '../../../server/src/analysis/types';
import { codeLenses } from '../../../server/src/lsp/features/codeLens';
import { documentSymbols } from '../../../server/src/lsp/features/documentSymbols';
import { hover } from '../../../server/src/lsp/features/hover';
import { LABEL_MAX, truncate } from '../../../server/src/lsp/features/markdown';
import { entityAt } from '../../../server/src/lsp/features/entityAt';
import { WorkspaceOverviewService } from '../../../server/src/lsp/features/workspaceOverview';
import { SHOW_ALL } from '../../../server/src/lsp/features/claimFilter';
import { workspaceSymbols } from '../../../server/src/lsp/features/workspaceSymbols';
import type { DocumentIndex } from '../../../server/src/workspace/documentIndex';
import { workspaceEntities } from '../../../server/src/workspace/workspaceEntities';
import { context, emptyAnalysis, indexedDocument, indexOf, NEVER } from './synthetic';

/*
 * A run of capitalised words can make one entity of megabytes. Whatever the
 * engine lets through, nothing shown (hover, outline, lens, symbol list,
 * sidebar) grows with it. (1 MB here: the cross-document registry, which
 * the index runs, takes seconds per megabyte of name.)
 */
const NAME = 'Aa Bb '.repeat(175_000).trim();
const TEXT = `${NAME} said "it" in ${NAME}.\n`;
const URI = 'file:///ws/long.txt';

function analysis(): DocumentAnalysis {
  const cue = NAME.length + 1;
  const content = TEXT.indexOf('"it"');
  const place = TEXT.lastIndexOf(NAME);
  return {
    ...emptyAnalysis(TEXT),
    structure: {
      headline: null,
      byline: null,
      blocks: [{ start: 0, end: TEXT.length - 1, kind: 'comment', section: 'comments', handle: NAME, handleSpan: { start: 0, end: 4 } }],
      commentsStart: 0,
    },
    mentions: [
      { start: 0, end: NAME.length, text: NAME, kind: 'actor', type: 'person', id: 'aa' },
      { start: place, end: place + NAME.length, text: NAME, kind: 'place', type: 'city', id: 'bb' },
    ],
    entities: [
      {
        id: 'aa',
        canonical: NAME,
        kind: 'actor',
        type: 'person',
        aliases: [NAME, `${NAME} Cc`],
        mentions: [0],
        descriptions: [{ start: 0, end: NAME.length, text: NAME, sentence: { start: 0, end: TEXT.length } }],
      },
      { id: 'bb', canonical: NAME, kind: 'place', type: 'city', aliases: [], mentions: [1], descriptions: [], facts: { country: NAME } },
    ],
    demonyms: [],
    claims: [
      {
        start: content,
        end: content + 4,
        text: '"it"',
        cue: { start: cue, end: cue + 4, text: 'said' },
        source: { start: 0, end: NAME.length, text: NAME },
        speaker: null,
        hedges: [],
        section: 'comments',
        handle: NAME,
        form: 'direct',
      },
    ],
  };
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

describe('labels of a 1 MB entity', function () {
  this.timeout(30_000);
  const doc = indexedDocument(URI, TEXT, analysis());
  let index: DocumentIndex;
  before(async () => {
    index = await indexOf(doc);
  });
  const at = (offset: number) => doc.document.positionAt(offset);
  const longest = (value: unknown) => Math.max(0, ...strings(value).map((s) => s.length));

  it('truncate keeps short text, cuts long text with an ellipsis and never splits a surrogate pair', () => {
    assert.strictEqual(truncate('  a \n b ', 10), 'a b');
    assert.strictEqual(truncate(NAME, 10), 'Aa Bb Aa…');
    assert.strictEqual(truncate('abcdefgh😀xyz', 10), 'abcdefgh…');
    assert.strictEqual(truncate(' '.repeat(1000) + 'x'.repeat(20), 10), 'xxxxxxxxx…');
  });

  it('hovers on the person, the place and the claim stay short', async () => {
    for (const offset of [2, TEXT.lastIndexOf(NAME) + 2, TEXT.indexOf('said') + 1]) {
      const h = hover(doc, at(offset), context({ index }));
      assert.ok(h, `no hover at ${offset}`);
      const value = (h.contents as { value: string }).value;
      assert.ok(value.length < 2000, `hover at ${offset} is ${value.length} characters`);
    }
  });

  it('outline names, lens titles and entityAt names are at most LABEL_MAX characters', () => {
    for (const s of documentSymbols(doc, context()).flatMap((g) => [g, ...(g.children ?? [])])) {
      assert.ok(s.name.length <= LABEL_MAX && (s.detail ?? '').length <= LABEL_MAX, `${s.name.length}/${s.detail?.length}`);
    }
    for (const lens of codeLenses(doc, defaultSettings, context()))
      assert.ok(lens.command!.title.length <= 3 * LABEL_MAX, String(lens.command!.title.length));
    const hit = entityAt(doc, at(2));
    assert.ok(hit);
    assert.ok(longest(hit) <= LABEL_MAX, String(longest(hit)));
  });

  it('workspace symbols and the sidebar send short names, claims and contexts', async () => {
    assert.ok(longest(workspaceSymbols('aa', context({ index }))) <= Math.max(LABEL_MAX, URI.length));
    const sidebar = new WorkspaceOverviewService(workspaceEntities(index));
    const overview = await sidebar.overview('', NEVER, SHOW_ALL);
    assert.deepStrictEqual(
      overview.entities.map((e) => e.name.length),
      [LABEL_MAX, LABEL_MAX],
    );
    assert.ok(longest(overview.speakers.map((s) => s.name)) <= LABEL_MAX);
    const claims = await sidebar.speakerClaims(overview.speakers[0].key, '', NEVER, SHOW_ALL);
    assert.strictEqual(claims.length, 1);
    assert.ok(claims[0].speaker.length <= LABEL_MAX && claims[0].text.length <= 300);
    const mentions = sidebar.entityMentions(overview.entities[0].id, URI);
    assert.ok(mentions.length === 1 && mentions[0].context.length <= 2 * 60 + LABEL_MAX, String(mentions[0]?.context.length));
  });
});

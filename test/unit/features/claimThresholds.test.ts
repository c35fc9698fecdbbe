import * as assert from 'assert';
import { defaultSettings, parseSettings, type Settings } from '../../../common/settings';
import type { Claim, DocumentAnalysis, EntityCluster, EntityMention } from '../../../server/src/analysis/types';
import { isAnaphoricSource } from '../../../server/src/lsp/features/anaphoricSource';
import { claimScore, claimThresholds, isShown, SHOW_ALL, shownClaims } from '../../../server/src/lsp/features/claimFilter';
import { codeLenses } from '../../../server/src/lsp/features/codeLens';
import { documentSymbols } from '../../../server/src/lsp/features/documentSymbols';
import { edgeEvidence } from '../../../server/src/lsp/features/edgeEvidence';
import { buildNetworkData } from '../../../server/src/lsp/features/networkData';
import { entityIds } from '../../../server/src/lsp/features/viewData';
import { UNRESOLVED_KEY, WorkspaceOverviewService } from '../../../server/src/lsp/features/workspaceOverview';
import { createDossierService } from '../../../server/src/lsp/service';
import { AnnotationIndex } from '../../../server/src/workspace/annotationIndex';
import { DocumentIndex } from '../../../server/src/workspace/documentIndex';
import { workspaceEntities } from '../../../server/src/workspace/workspaceEntities';
import { makeDocument, resolver } from '../viewFixtures';
import { context, emptyAnalysis, indexedDocument, NEVER, PreparedAnalyses } from './synthetic';

/*
 * The editor shows a claim only when its confidence reaches the threshold of
 * its section (`dossier.claims.minConfidence`, stricter in reader comments),
 * and never names a speaker "they": an unresolved pronoun or description is
 * grouped as "unresolved".
 */

const URI = 'file:///ws/claims.txt';
const LINES = [
  'Hakim al-Zamili said the army would enter Mosul.',
  'They say the border is closed.',
  'The ministry denied the report.',
  'A Pentagon spokesman said talks failed.',
  'reader1: Iraq better call US to help you.',
  'reader2: Officials claim nothing works.',
];
const TEXT = LINES.join('\n') + '\n';
const COMMENTS_START = TEXT.indexOf('reader1');

/** A claim on one line: `source cue content`, found by their text. */
function claim(line: number, source: string, cue: string, speaker: string | null, score: number | undefined): Claim {
  const at = TEXT.indexOf(LINES[line]);
  const s = TEXT.indexOf(source, at);
  const c = TEXT.indexOf(cue, s + source.length);
  const end = at + LINES[line].length - 1;
  const out: Claim = {
    start: c + cue.length + 1,
    end,
    text: TEXT.slice(c + cue.length + 1, end),
    cue: { start: c, end: c + cue.length, text: cue },
    source: { start: s, end: s + source.length, text: source },
    speaker,
    hedges: [],
    section: at >= COMMENTS_START ? 'comments' : 'article',
    form: 'indirect',
  };
  if (score !== undefined) out.score = score;
  return out;
}

function analysis(): DocumentAnalysis {
  const mention: EntityMention = { start: 0, end: 15, text: 'Hakim al-Zamili', kind: 'actor', type: 'person', id: 'zamili' };
  const entity: EntityCluster = {
    id: 'zamili',
    canonical: 'Hakim al-Zamili',
    kind: 'actor',
    type: 'person',
    aliases: [],
    mentions: [0],
    descriptions: [],
  };
  return {
    ...emptyAnalysis(TEXT),
    structure: {
      headline: null,
      byline: null,
      blocks: [{ start: COMMENTS_START, end: TEXT.length - 1, kind: 'comment', section: 'comments' }],
      commentsStart: COMMENTS_START,
    },
    mentions: [mention],
    entities: [entity],
    claims: [
      claim(0, 'Hakim al-Zamili', 'said', 'zamili', 0.9),
      claim(1, 'They', 'say', null, 0.8),
      claim(2, 'The ministry', 'denied', null, 0.6),
      claim(3, 'A Pentagon spokesman', 'said', null, 0.3),
      claim(4, 'Iraq better', 'call', null, 0.6),
      // No score: a detector (or an older index) without confidences is fully trusted.
      claim(5, 'Officials', 'claim', null, undefined),
    ],
  };
}

const doc = indexedDocument(URI, TEXT, analysis());

/** The document, indexed alone. */
async function indexed(): Promise<DocumentIndex> {
  const index = new DocumentIndex(new PreparedAnalyses().add(doc));
  await index.update(URI, TEXT, 1);
  return index;
}

/** The language service over the indexed document, asking `settings` for the settings at each request. */
async function serviceOver(settings: () => Settings, log?: (message: string) => void) {
  return createDossierService({
    index: await indexed(),
    annotations: new AnnotationIndex(),
    documents: { get: () => undefined },
    settings: { get: () => Promise.resolve(settings()) },
    ...(log ? { log } : {}),
  });
}

const withClaims = (claims: Partial<Settings['claims']>): Settings => parseSettings({ claims }).settings;
const sources = (claims: readonly Claim[]) => claims.map((c) => c.source?.text);
const lensTitles = (settings: Settings) => codeLenses(doc, settings, context()).map((l) => l.command?.title ?? '');

describe('claims: confidence thresholds in the editor', () => {
  it('defaults: 0.5 in the article, a stricter 0.7 in reader comments; a missing score counts as 1', () => {
    assert.strictEqual(defaultSettings.claims.minConfidence, 0.5);
    assert.strictEqual(defaultSettings.claims.minConfidenceInComments, 0.7);
    assert.strictEqual(claimScore({}), 1);
    assert.strictEqual(claimScore({ score: 0.25 }), 0.25);
    const t = claimThresholds(defaultSettings);
    // The same score passes in the article and fails in the comments.
    assert.strictEqual(isShown({ score: 0.6, section: 'article' }, t), true);
    assert.strictEqual(isShown({ score: 0.6, section: 'comments' }, t), false);
    assert.deepStrictEqual(sources(shownClaims(doc.analysis.claims, t)), ['Hakim al-Zamili', 'They', 'The ministry', 'Officials']);
  });

  it('a changed setting changes what is shown; the other threshold keeps its default', () => {
    const strict = withClaims({ minConfidence: 0.85 });
    assert.strictEqual(strict.claims.minConfidenceInComments, 0.7);
    assert.deepStrictEqual(sources(shownClaims(doc.analysis.claims, claimThresholds(strict))), ['Hakim al-Zamili', 'Officials']);
    const lenient = withClaims({ minConfidence: 0, minConfidenceInComments: 0.5 });
    assert.deepStrictEqual(sources(shownClaims(doc.analysis.claims, claimThresholds(lenient))), sources(doc.analysis.claims));
    // Out of range: the defaults, and the problem is reported.
    const bad = parseSettings({ claims: { minConfidence: 2 } });
    assert.deepStrictEqual(bad.settings, defaultSettings);
    assert.match(bad.problems.join(), /dossier\.claims\.minConfidence/);
  });

  it('all shown: the same array comes back (nothing allocated)', () => {
    assert.strictEqual(shownClaims(doc.analysis.claims, SHOW_ALL), doc.analysis.claims);
  });

  it('lenses and the outline hide claims below the threshold', () => {
    assert.strictEqual(lensTitles(defaultSettings).length, 4);
    assert.strictEqual(lensTitles(withClaims({ minConfidence: 0.85 })).length, 2);
    const outlineClaims = (settings: Settings) =>
      documentSymbols(doc, context({ claims: claimThresholds(settings) })).find((s) => s.name === 'Claims')?.children?.length ?? 0;
    assert.strictEqual(outlineClaims(defaultSettings), 3, 'article claims at 0.9, 0.8 and 0.6');
    assert.strictEqual(outlineClaims(withClaims({ minConfidence: 0.7 })), 2);
    assert.strictEqual(outlineClaims(withClaims({ minConfidence: 0 })), 4);
  });

  it('the service applies the setting when it changes (lenses, outline, hover, status bar and sidebar)', async () => {
    let settings = defaultSettings;
    const service = await serviceOver(
      () => settings,
      (m) => assert.fail(m),
    );
    const cuePosition = doc.document.positionAt(TEXT.indexOf('denied') + 1);
    const state = async () => ({
      lenses: (await service.codeLenses({ textDocument: { uri: URI } }, NEVER)).length,
      stats: (await service.documentStats({ uri: URI }, NEVER))?.claims,
      hover: JSON.stringify((await service.hover({ textDocument: { uri: URI }, position: cuePosition }, NEVER))?.contents ?? null),
      speakers: (await service.workspaceOverview({ filter: '' }, NEVER)).speakers.reduce((n, s) => n + s.claimCount, 0),
    });
    const before = await state();
    assert.deepStrictEqual({ ...before, hover: before.hover.includes('Cue: “denied”') }, { lenses: 4, stats: 4, hover: true, speakers: 4 });
    settings = withClaims({ minConfidence: 0.85 });
    const after = await state();
    assert.deepStrictEqual({ ...after, hover: after.hover }, { lenses: 2, stats: 2, hover: 'null', speakers: 2 });
  });

  it('the network and its evidence count only the claims shown', () => {
    const base = makeDocument('file:///ws/n.txt', 'Alice said Bob lied.', [
      { name: 'Alice', type: 'person' },
      { name: 'Bob', type: 'person' },
    ], [{ speaker: 'alice', content: 'Bob lied' }]); // prettier-ignore
    const weak = { ...base, analysis: { ...base.analysis, claims: base.analysis.claims.map((c) => ({ ...c, score: 0.4 })) } };
    const claimEdges = (claims = SHOW_ALL) =>
      buildNetworkData([weak], entityIds(resolver()), { claims }).edges.filter((e) => e.kind === 'claim').length;
    assert.strictEqual(claimEdges(), 1);
    assert.strictEqual(claimEdges(claimThresholds(defaultSettings)), 0);
    const evidence = (claims = SHOW_ALL) =>
      edgeEvidence([weak], resolver(), { kind: 'claim', source: 'alice', target: 'bob', claims }).total;
    assert.strictEqual(evidence(), 1);
    assert.strictEqual(evidence(claimThresholds(defaultSettings)), 0);
  });
});

describe('claims: unresolved speakers', () => {
  it('a pronoun or a bare description is anaphoric; a source with a name is not', () => {
    for (const s of [
      'they',
      'They',
      'he',
      'She',
      'it',
      'We',
      'the company',
      'The ministry',
      'officials',
      'Senior officials',
      'the senior official',
    ])
      assert.strictEqual(isAnaphoricSource(s), true, s);
    for (const s of ['Hakim al-Zamili', 'the Foreign Ministry', 'US officials', 'A Pentagon spokesman', 'critics', 'the sky', 'Theyre', ''])
      assert.strictEqual(isAnaphoricSource(s), false, s);
  });

  it('the sidebar groups unresolved pronouns and descriptions as "Unresolved"; named sources keep their written name', async () => {
    const sidebar = new WorkspaceOverviewService(workspaceEntities(await indexed()));
    const all = (await sidebar.overview('', NEVER, SHOW_ALL)).speakers;
    assert.deepStrictEqual(
      all.map((s) => [s.name, s.resolved, s.claimCount]),
      [
        ['Unresolved', false, 3],
        ['A Pentagon spokesman', false, 1],
        ['Hakim al-Zamili', true, 1],
        ['Iraq better', false, 1],
      ],
    );
    assert.ok(!all.some((s) => /^(they|the ministry|officials)$/i.test(s.name)), 'no speaker is named by a pronoun');
    const unresolved = all.find((s) => s.name === 'Unresolved');
    assert.strictEqual(unresolved?.key, UNRESOLVED_KEY);
    const claims = await sidebar.speakerClaims(UNRESOLVED_KEY, '', NEVER, SHOW_ALL);
    assert.deepStrictEqual(
      claims.map((c) => [c.speaker, c.speakerId, c.text]),
      [
        ['Unresolved', null, 'the border is closed'],
        ['Unresolved', null, 'the report'],
        ['Unresolved', null, 'nothing works'],
      ],
    );
    // The threshold applies to the sidebar too: at the defaults the spokesman (0.3) and the comment at 0.6 are gone.
    const shown = (await sidebar.overview('', NEVER, claimThresholds(defaultSettings))).speakers;
    assert.deepStrictEqual(
      shown.map((s) => [s.name, s.claimCount]),
      [
        ['Unresolved', 3],
        ['Hakim al-Zamili', 1],
      ],
    );
  });

  it('lenses and the outline say "unresolved", the hover too with the source as written', async () => {
    const titles = lensTitles(withClaims({ minConfidence: 0, minConfidenceInComments: 0 }));
    assert.deepStrictEqual(
      titles.map((t) => t.split(' · ')[0].replace('$(comment-discussion) ', '')),
      ['Hakim al-Zamili', 'unresolved', 'unresolved', 'A Pentagon spokesman', 'Iraq better', 'unresolved'],
    );
    const outline = documentSymbols(doc, context({ claims: SHOW_ALL })).find((s) => s.name === 'Claims');
    assert.deepStrictEqual(
      outline?.children?.map((c) => c.name),
      ['Hakim al-Zamili', 'unresolved', 'unresolved', 'A Pentagon spokesman'],
    );
    const service = await serviceOver(() => defaultSettings);
    const h = await service.hover({ textDocument: { uri: URI }, position: doc.document.positionAt(TEXT.indexOf('say ') + 1) }, NEVER);
    const value = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.match(value, /Speaker: \*unresolved\* \(as “They”\)/);
    assert.match(value, /Confidence: 80 %/);
  });
});

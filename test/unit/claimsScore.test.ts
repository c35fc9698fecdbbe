import * as assert from 'assert';
import {
  addDocument,
  atConfidence,
  emptyCounts,
  pairClaims,
  prf,
  report,
  spanJaccard,
  type ScoredClaim,
} from '../../scripts/eval/claimsScore';
import { cueType } from '../../scripts/eval/cueType';

/* The arithmetic of `npm run eval`'s claims tables, on cases small enough to count by hand. */

const s = (start: number, end: number, text?: string) => ({ start, end, ...(text !== undefined ? { text } : {}) });
const claim = (content: [number, number], more: Partial<ScoredClaim> = {}): ScoredClaim => ({
  content: s(...content),
  cue: null,
  source: null,
  ...more,
});
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe('claims scoring (npm run eval)', () => {
  it('Jaccard of character spans', () => {
    close(spanJaccard(s(0, 10), s(5, 15)), 5 / 15);
    close(spanJaccard(s(0, 10), s(0, 10)), 1);
    close(spanJaccard(s(0, 10), s(10, 20)), 0);
    close(spanJaccard(s(0, 0), s(0, 0)), 0);
  });

  it('pairs one-to-one, best Jaccard first', () => {
    const gold = [claim([0, 10]), claim([10, 20])];
    const pred = [claim([0, 12]), claim([0, 10])];
    // P2 takes A (J 1); P1 is left with B at J 2/20.
    assert.deepStrictEqual(
      pairClaims(gold, pred, (j) => j >= 0.5),
      [[0, 1]],
    );
    assert.deepStrictEqual(
      pairClaims(gold, pred, (j) => j > 0),
      [
        [0, 1],
        [1, 0],
      ],
    );
  });

  it('P/R/F1 from counts', () => {
    const m = prf(2, 4, 5);
    close(m.precision, 0.4);
    close(m.recall, 0.5);
    close(m.f1, (2 * 0.4 * 0.5) / 0.9);
    assert.deepStrictEqual(prf(0, 0, 0), { matched: 0, precision: 0, recall: 0, f1: 0 });
  });

  it('J ≥ 0.5, exact and overlap counts; source and speaker accuracy of the J ≥ 0.5 pairs; recall per cue type', () => {
    const text = 'x'.repeat(200);
    const gold: ScoredClaim[] = [
      claim([0, 10], { cue: s(20, 24, 'said'), source: s(30, 40), speaker: 'a' }),
      claim([50, 60], { cue: s(62, 74, 'according to'), source: null, speaker: null }),
      claim([100, 110], { cue: s(90, 95, 'plans'), source: s(80, 88), speaker: 'b' }),
      claim([150, 160], { cue: s(140, 141, ':'), source: s(130, 135), speaker: 'c' }),
    ];
    const pred: ScoredClaim[] = [
      // exact, source exact, speaker right
      claim([0, 10], { source: s(30, 40), speaker: 'a' }),
      // J 10/12, no source (right), a guessed speaker (wrong)
      claim([50, 62], { source: null, speaker: 'z' }),
      // J 4/14: overlap only
      claim([100, 104]),
      // J 10/11, source J 2/8 (wrong), speaker right
      claim([150, 161], { source: s(129, 131), speaker: 'c' }),
      // matches nothing
      claim([180, 190]),
    ];
    const counts = emptyCounts();
    addDocument(counts, gold, pred, text, true);
    const r = report(counts);
    assert.strictEqual(r.gold, 4);
    assert.strictEqual(r.predicted, 5);
    assert.deepStrictEqual([r.jaccard.matched, r.exact.matched, r.overlap.matched], [3, 1, 4]);
    close(r.jaccard.precision, 3 / 5);
    close(r.jaccard.recall, 3 / 4);
    close(r.exact.f1, (2 * (1 / 5) * (1 / 4)) / (1 / 5 + 1 / 4));
    close(r.overlap.recall, 1);
    close(r.sourceAccuracy, 2 / 3);
    close(r.speakerAccuracy, 2 / 3);
    assert.deepStrictEqual(r.cueRecall['say/tell'], { gold: 1, recall: 1 });
    assert.deepStrictEqual(r.cueRecall['according to'], { gold: 1, recall: 1 });
    assert.deepStrictEqual(r.cueRecall['belief, intention'], { gold: 1, recall: 0 });
    assert.deepStrictEqual(r.cueRecall.punctuation, { gold: 1, recall: 1 });
    assert.ok(Number.isNaN(r.cueRecall.noun.recall) && r.cueRecall.noun.gold === 0);
  });

  it('without speakers in the gold, speaker accuracy is not a number; without pairs, neither is source accuracy', () => {
    const counts = emptyCounts();
    addDocument(counts, [claim([0, 10])], [claim([0, 10])], '', false);
    assert.ok(Number.isNaN(report(counts).speakerAccuracy));
    close(report(counts).sourceAccuracy, 1);
    const none = emptyCounts();
    addDocument(none, [claim([0, 10])], [], '', false);
    assert.ok(Number.isNaN(report(none).sourceAccuracy));
  });

  it('the gold cue is read from the text when its span has none (PolNeAR)', () => {
    const text = 'They said so.';
    const counts = emptyCounts();
    addDocument(counts, [claim([10, 12], { cue: s(5, 9) })], [], text, false);
    assert.strictEqual(counts.cueGold['say/tell'], 1);
  });

  it('confidence: a claim without a score counts as 1', () => {
    const pred = [claim([0, 1], { score: 0.2 }), claim([1, 2]), claim([2, 3], { score: 0.5 })];
    assert.deepStrictEqual(
      atConfidence(pred, 0.5).map((c) => c.content.start),
      [1, 2],
    );
  });

  it('cue types', () => {
    const cases: Array<[string | null, string]> = [
      ['said', 'say/tell'],
      ['has said', 'say/tell'],
      ['said in a phone interview', 'say/tell'],
      ['Told', 'say/tell'],
      ['according to', 'according to'],
      [':', 'punctuation'],
      ['―', 'punctuation'],
      ['an agreement', 'noun'],
      ['statement', 'noun'],
      ['called for', 'speech act'],
      ['warned', 'speech act'],
      ['criticized', 'speech act'],
      ['plans', 'belief, intention'],
      ['supports', 'belief, intention'],
      ['believes', 'belief, intention'],
      ['shows', 'evidence, report'],
      ['reported', 'evidence, report'],
      ['has faced ridicule online', 'other'],
      ['in', 'other'],
      [null, 'no cue'],
    ];
    for (const [cue, type] of cases) assert.strictEqual(cueType(cue), type, String(cue));
  });
});

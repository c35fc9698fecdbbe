import * as assert from 'assert';
import { LabelVotes } from '../../server/src/analysis/entities/labelVotes';
import type { NerLabel } from '../../server/src/analysis/ner';

/** The majority rule as detectMentions had it: a Map of counts in first-seen order, a tied best is no label. */
function mapWinner(labels: readonly NerLabel[]): NerLabel | null {
  const v = new Map<NerLabel, number>();
  for (const l of labels) v.set(l, (v.get(l) ?? 0) + 1);
  let best: NerLabel | null = null;
  let bestN = 0;
  let tie = false;
  for (const [l, n] of v) {
    if (n > bestN) {
      best = l;
      bestN = n;
      tie = false;
    } else if (n === bestN) tie = true;
  }
  return best && !tie ? best : null;
}

describe('mentions: label votes', () => {
  it('elects the same label as the Map tally for every sequence of up to five votes', () => {
    const LABELS: NerLabel[] = ['PER', 'ORG', 'LOC', 'MISC'];
    let checked = 0;
    const walk = (seq: NerLabel[]) => {
      if (seq.length > 0) {
        const votes = new LabelVotes();
        for (const l of seq) votes.add(l);
        assert.strictEqual(votes.winner(), mapWinner(seq), seq.join(' '));
        checked++;
      }
      if (seq.length < 5) for (const l of LABELS) walk([...seq, l]);
    };
    walk([]);
    assert.strictEqual(checked, 4 + 16 + 64 + 256 + 1024);
  });

  it('gives no label on a tie and the majority otherwise', () => {
    const votes = new LabelVotes();
    votes.add('PER');
    votes.add('ORG');
    assert.strictEqual(votes.winner(), null);
    votes.add('ORG');
    assert.strictEqual(votes.winner(), 'ORG');
  });
});

import * as assert from 'assert';
import { blockAt, parseStructure } from '../../server/src/analysis/structure';
import { joinLines } from './util';

describe('parseStructure', () => {
  it('finds headline, byline, paragraphs and picture-style comments', () => {
    const text = joinLines(
      'Big News Today',
      '',
      "Jane Roe's picture",
      '',
      'First paragraph.',
      '',
      'Comment viewing options',
      '',
      "reader1's picture",
      'reader1 (not verified) Dec 6, 2015',
      '',
      'I disagree.',
      "other_guy's picture",
      'Me too.',
    );
    const s = parseStructure(text);
    assert.strictEqual(text.slice(s.headline!.start, s.headline!.end), 'Big News Today');
    assert.strictEqual(text.slice(s.byline!.start, s.byline!.end), "Jane Roe's picture");
    assert.strictEqual(s.commentsStart, text.indexOf('Comment viewing options'));
    const comments = s.blocks.filter((b) => b.kind === 'comment');
    assert.deepStrictEqual(
      comments.map((c) => c.handle),
      ['reader1', 'other_guy'],
    );
    assert.ok(text.slice(comments[0].start, comments[0].end).endsWith('I disagree.'));
    assert.strictEqual(blockAt(s, text.indexOf('First'))?.kind, 'paragraph');
  });

  it('finds bullet-style comment handles', () => {
    const text = joinLines('Headline', '', 'Body text.', '', '  • someone', '    Well, no.', '  • other', '    Yes.');
    const s = parseStructure(text);
    assert.strictEqual(s.commentsStart, text.indexOf('•'));
    assert.deepStrictEqual(
      s.blocks.filter((b) => b.kind === 'comment').map((b) => b.handle),
      ['someone', 'other'],
    );
    const first = s.blocks.find((b) => b.handle === 'someone')!;
    assert.strictEqual(text.slice(first.handleSpan!.start, first.handleSpan!.end), 'someone');
  });

  it('marks block quotes introduced by another outlet', () => {
    const text = joinLines('Headline', '', "Here's NBC (with context):", '', 'Quoted one.', '', '', 'Quoted two.', '', 'Author again.');
    const kinds = parseStructure(text).blocks.map((b) => b.kind);
    assert.deepStrictEqual(kinds, ['headline', 'blockquote-intro', 'blockquote', 'blockquote', 'paragraph']);
  });

  it('recognises numbered comment lists after a responses header', () => {
    const text = joinLines(
      'Headline',
      '',
      'By A Writer | (Site)',
      '',
      'Body.',
      '',
      '3 Responses',
      '',
      '  1. First comment.',
      '',
      '  2. Second comment.',
    );
    const s = parseStructure(text);
    assert.ok(s.byline);
    assert.strictEqual(s.commentsStart, text.indexOf('3 Responses'));
    assert.deepStrictEqual(
      s.blocks.filter((b) => b.kind === 'comment').map((b) => b.handle),
      ['#1', '#2'],
    );
  });

  it('handles empty and whitespace-only text', () => {
    assert.deepStrictEqual(parseStructure('').blocks, []);
    assert.strictEqual(parseStructure('   \n\n ').headline, null);
  });
});

import * as assert from 'assert';
import type { NerLabel, NerSpan } from '../../server/src/analysis/ner';
import { splitCoordinations } from '../../server/src/analysis/ner/coordination';
import { tokenize } from '../../server/src/analysis/tokenize';
import type { Token } from '../../server/src/analysis/types';

/** Spans given as [surface, label] in document order, each matched at its first occurrence after the previous one. */
function spansOf(text: string, tokens: Token[], spans: Array<[string, NerLabel]>): NerSpan[] {
  let from = 0;
  return spans.map(([surface, label]) => {
    const start = text.indexOf(surface, from);
    const end = start + surface.length;
    from = end;
    const tokenStart = tokens.findIndex((t) => t.start === start);
    const tokenEnd = tokens.findIndex((t) => t.end === end) + 1;
    assert.ok(start >= 0 && tokenStart >= 0 && tokenEnd > tokenStart, surface);
    return { start, end, label, tokenStart, tokenEnd };
  });
}

function split(text: string, spans: Array<[string, NerLabel]>): string[] {
  const tokens = tokenize(text);
  return splitCoordinations(spansOf(text, tokens, spans), tokens).map((s) => `${text.slice(s.start, s.end)}/${s.label}`);
}

describe('ner: coordinated names', () => {
  it('splits "A and B" when both halves stand alone elsewhere in the document, each with its own type', () => {
    const text = 'Mercantile and Commerce did not return calls. Mercantile is a bank. Commerce fell.';
    assert.deepStrictEqual(
      split(text, [
        ['Mercantile and Commerce', 'PER'],
        ['Mercantile', 'ORG'],
        ['Commerce', 'ORG'],
      ]),
      ['Mercantile/ORG', 'Commerce/ORG', 'Mercantile/ORG', 'Commerce/ORG'],
    );
    const or = 'Someone will grab Braves or Cubs. The Braves won. The Cubs lost.';
    assert.deepStrictEqual(
      split(or, [
        ['Braves or Cubs', 'ORG'],
        ['Braves', 'ORG'],
        ['Cubs', 'ORG'],
      ]),
      ['Braves/ORG', 'Cubs/ORG', 'Braves/ORG', 'Cubs/ORG'],
    );
  });

  it('keeps a name whose halves do not both stand alone, and names joined by "&"', () => {
    const text = 'The Test and County Cricket Board said so. The County Cricket Board met. Marks & Spencer and Marks rose.';
    assert.deepStrictEqual(
      split(text, [
        ['Test and County Cricket Board', 'ORG'],
        ['County Cricket Board', 'ORG'],
        ['Marks & Spencer', 'ORG'],
        ['Marks', 'PER'],
      ]),
      ['Test and County Cricket Board/ORG', 'County Cricket Board/ORG', 'Marks & Spencer/ORG', 'Marks/PER'],
    );
  });

  it('returns the spans untouched when no span has an inner "and" / "or"', () => {
    const text = 'Leeds beat Southampton and Leeds rose.';
    const tokens = tokenize(text);
    const spans = spansOf(text, tokens, [
      ['Leeds', 'ORG'],
      ['Southampton', 'ORG'],
      ['Leeds', 'ORG'],
    ]);
    assert.strictEqual(splitCoordinations(spans, tokens), spans);
  });
});

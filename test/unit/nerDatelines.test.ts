import * as assert from 'assert';
import { datelinePlaces } from '../../server/src/analysis/ner/datelines';
import { tokenize } from '../../server/src/analysis/tokenize';
import { analyzeDocument } from '../../server/src/analysis/pipeline';
import { loadResources } from '../../server/src/workspace/resources';

/** The dateline places of a text, as strings. */
function places(text: string): string[] {
  const tokens = tokenize(text);
  return datelinePlaces(text, tokens).map(([s, e]) => text.slice(tokens[s].start, tokens[e - 1].end));
}

describe('ner: datelines', () => {
  it('finds the place before a date or an agency credit at a line start', () => {
    assert.deepStrictEqual(places('Baseball standings .\nNEW YORK 1996-08-30\nMajor League Baseball standings .'), ['NEW YORK']);
    assert.deepStrictEqual(places('Baratelli to coach Nice .\nNICE , France 1996-08-30\nFormer goalkeeper .'), ['NICE']);
    assert.deepStrictEqual(places('WASHINGTON (Reuters) - The Senate voted on Friday.'), ['WASHINGTON']);
    assert.deepStrictEqual(places('SAN JOSE, Calif., Aug 30 (Reuters) - Shares rose.'), ['SAN JOSE']);
  });
  it('leaves alone a byline on the line before, a name inside a sentence and a line without a date', () => {
    assert.deepStrictEqual(places('Tajik troops take town .\nYuri Kushko\nTAVILDARA , Tajikistan 1996-08-30\nTroops .'), ['TAVILDARA']);
    assert.deepStrictEqual(places('Shares of Magna rose on 1996-08-30 in New York 1996-08-30.'), []);
    assert.deepStrictEqual(places('NEW YORK\n1996-08-30'), []);
    assert.deepStrictEqual(places('Reply\nDated 2011-09-13 20:44:18\nGreat post.'), []);
    assert.deepStrictEqual(places('Madrid beat Barcelona 2-1 on Saturday.'), []);
  });
  it('types the dateline place as a place in a story where the same name is a club', () => {
    const text = [
      'SOCCER - BARATELLI TO COACH NICE .',
      'NICE , France 1996-08-30',
      'Former international goalkeeper Dominique Baratelli is to coach struggling French first division side Nice , the club said on Friday .',
      'Nice , who have two points from four games , sacked their coach .',
    ].join('\n');
    const mentions = analyzeDocument(text, loadResources()).mentions;
    const at = (start: number) => mentions.find((m) => m.start === start);
    const dateline = at(text.indexOf('NICE , France'));
    assert.ok(dateline, 'the dateline NICE is a mention');
    assert.strictEqual(dateline.kind, 'place', `${dateline.text}: ${dateline.type}`);
    // The club keeps its own type: the dateline is no vote for the other occurrences.
    assert.strictEqual(at(text.indexOf('Nice ,'))?.type, 'organization');
  });
});

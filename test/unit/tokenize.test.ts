import * as assert from 'assert';
import { MAX_SENTENCE_TOKENS, splitSentences, tokenize } from '../../server/src/analysis/tokenize';

const words = (text: string) => tokenize(text).map((t) => t.text);

describe('tokenize', () => {
  it('splits punctuation and possessives but keeps hyphenated names and abbreviations', () => {
    assert.deepStrictEqual(words("Iraq's al-Zamili met U.S. envoys, Gen. Dunford."), [
      'Iraq',
      "'s",
      'al-Zamili',
      'met',
      'U.S.',
      'envoys',
      ',',
      'Gen.',
      'Dunford',
      '.',
    ]);
  });
  it('keeps inner apostrophes and splits curly possessives', () => {
    assert.deepStrictEqual(words('Kata’ib Hezbollah’s fighters'), ['Kata’ib', 'Hezbollah', '’s', 'fighters']);
  });
  it('keeps the period of a capitalised state abbreviation, which may still end a sentence', () => {
    const text = 'Johnnie Wilson, of Springfield, Va., said so. He lives in Richmond, Va. He fell ill. Then';
    assert.deepStrictEqual(words(text).slice(0, 8), ['Johnnie', 'Wilson', ',', 'of', 'Springfield', ',', 'Va.', ',']);
    assert.ok(words(text).includes('ill'), 'a lowercase word keeps its sentence period apart');
    assert.strictEqual(splitSentences(text, tokenize(text)).length, 4);
  });
  it('splits contractions', () => {
    assert.deepStrictEqual(words("they wouldn't ask"), ['they', 'would', "n't", 'ask']);
  });
  it('keeps a bare "n’t" whole, with no empty token before it', () => {
    for (const text of ["I don 't know, n't", 'Al n’t want', "N'T"]) {
      const toks = tokenize(text);
      assert.ok(
        toks.every((t) => t.start < t.end),
        JSON.stringify(toks),
      );
      for (const t of toks) assert.strictEqual(text.slice(t.start, t.end), t.text);
    }
    assert.deepStrictEqual(words('Al n’t want'), ['Al', 'n’t', 'want']);
  });
  it('never cuts a long word between the halves of a surrogate pair', () => {
    for (const prefix of ['', 'x', 'Tru']) {
      const text = prefix + '\u{1d400}'.repeat(300) + ' said';
      const toks = tokenize(text);
      assert.strictEqual(toks.map((t) => t.text).join(''), text.replace(' ', ''));
      for (const t of toks) {
        const a = t.text.charCodeAt(0);
        const z = t.text.charCodeAt(t.text.length - 1);
        assert.ok(!(a >= 0xdc00 && a <= 0xdfff), `a token starts with a low surrogate at ${t.start}`);
        assert.ok(!(z >= 0xd800 && z <= 0xdbff), `a token ends with a high surrogate at ${t.end}`);
      }
    }
  });
  it('keeps numbers with separators', () => {
    assert.deepStrictEqual(words('about 1,300 soldiers, 3.5 km'), ['about', '1,300', 'soldiers', ',', '3.5', 'km']);
  });
  it('gives offsets into the original text', () => {
    const text = '  “Hello,” he said.';
    for (const t of tokenize(text)) assert.strictEqual(text.slice(t.start, t.end), t.text);
  });
  it('bounds token length on pathological input', () => {
    const text = 'a'.repeat(100_000);
    const toks = tokenize(text);
    assert.ok(toks.every((t) => t.end - t.start <= 200));
    assert.strictEqual(toks.map((t) => t.text).join(''), text);
  });
});

describe('splitSentences', () => {
  const sentences = (text: string) => {
    const toks = tokenize(text);
    return splitSentences(text, toks).map((s) => text.slice(s.start, s.end));
  };
  it('splits at sentence punctuation followed by a capital', () => {
    assert.deepStrictEqual(sentences('Turkey sent troops. Iraq objected! Why?'), ['Turkey sent troops.', 'Iraq objected!', 'Why?']);
  });
  it('does not split after abbreviations and initials', () => {
    assert.deepStrictEqual(sentences('Gen. Joe Dunford met Mr. Abadi in the U.S. on Friday.'), [
      'Gen. Joe Dunford met Mr. Abadi in the U.S. on Friday.',
    ]);
  });
  it('does not split after a number sign before its number ("the No. 2 Republican")', () => {
    assert.deepStrictEqual(sentences('John Cornyn, the No. 2 Republican in the Senate, said so. Vol. 3 of the report is out.'), [
      'John Cornyn, the No. 2 Republican in the Senate, said so.',
      'Vol. 3 of the report is out.',
    ]);
    // "no." that ends a sentence still does, before a capital or a number.
    assert.deepStrictEqual(sentences('The answer was no. 2016 was a bad year.'), ['The answer was no.', '2016 was a bad year.']);
  });
  it('keeps closing quotes with their sentence', () => {
    assert.deepStrictEqual(sentences('He said "no." Then he left.'), ['He said "no."', 'Then he left.']);
  });
  it('always splits at line breaks', () => {
    assert.deepStrictEqual(sentences('Headline here\nBody starts'), ['Headline here', 'Body starts']);
  });
  it(`cuts run-on text with no sentence end every ${MAX_SENTENCE_TOKENS} tokens, closing marks included`, () => {
    for (const text of ['according to '.repeat(5_000), `He said.${'"'.repeat(100_000)} Then`]) {
      const toks = tokenize(text);
      const ss = splitSentences(text, toks);
      assert.ok(ss.length > 1);
      assert.ok(ss.every((s) => s.tokenEnd - s.tokenStart <= MAX_SENTENCE_TOKENS));
      assert.deepStrictEqual([ss[0].tokenStart, ss[ss.length - 1].tokenEnd], [0, toks.length]);
      for (let i = 1; i < ss.length; i++) assert.strictEqual(ss[i].tokenStart, ss[i - 1].tokenEnd);
    }
  });
});

describe('tokenize: sentence ends with a missing space', () => {
  const sentences = (text: string) => {
    const toks = tokenize(text);
    return splitSentences(text, toks).map((s) => text.slice(s.start, s.end));
  };
  it('splits a word, a period and a capitalised word written together', () => {
    assert.deepStrictEqual(words('the Internatioanal Tribune.Or maybe'), ['the', 'Internatioanal', 'Tribune', '.', 'Or', 'maybe']);
    assert.deepStrictEqual(words('bombed Iraq.Plus the rest'), ['bombed', 'Iraq', '.', 'Plus', 'the', 'rest']);
    assert.deepStrictEqual(sentences('They bombed Iraq.Plus they lied.'), ['They bombed Iraq.', 'Plus they lied.']);
  });
  it('splits a capitalised word from a lowercase word that is no domain ending', () => {
    assert.deepStrictEqual(words('Turkey.turkey is a bird'), ['Turkey', '.', 'turkey', 'is', 'a', 'bird']);
  });
  it('keeps initials, dotted abbreviations and times whole', () => {
    assert.deepStrictEqual(words('J. R. R. Tolkien and J.R.R. Tolkien'), ['J.', 'R.', 'R.', 'Tolkien', 'and', 'J.R.R.', 'Tolkien']);
    assert.deepStrictEqual(words('the U.S. at 5 p.m. on Friday, e.g. today'), [
      'the',
      'U.S.',
      'at',
      '5',
      'p.m.',
      'on',
      'Friday',
      ',',
      'e.g.',
      'today',
    ]);
    assert.deepStrictEqual(sentences('J. R. R. Tolkien met U.S. envoys.'), ['J. R. R. Tolkien met U.S. envoys.']);
  });
  it('keeps domain names, URLs, file names and decimals whole', () => {
    assert.deepStrictEqual(words('see example.com, Amazon.com and report.pdf'), [
      'see',
      'example.com',
      ',',
      'Amazon.com',
      'and',
      'report.pdf',
    ]);
    assert.deepStrictEqual(
      words('https://www.bbc.co.uk/news and www.Reuters.com/world').filter((w) => w.length > 1),
      ['https', 'www.bbc.co.uk', 'news', 'and', 'www.Reuters.com', 'world'],
    );
    assert.deepStrictEqual(words('it rose 3.5 percent to 1,300.25'), ['it', 'rose', '3.5', 'percent', 'to', '1,300.25']);
  });
  it('keeps abbreviations glued to a name and all-caps product names', () => {
    assert.deepStrictEqual(words('St.Louis and ASP.NET'), ['St.Louis', 'and', 'ASP.NET']);
  });
  it('cuts a long run of punctuation into tokens of up to 200 marks, and keeps the marks of ordinary text one a token', () => {
    // 12 MB of "!?.,;:" was 12 million tokens (2.4 GB, 53 s through the CLI); now a token per 200 marks.
    const run = '!?.,;:'.repeat(1000);
    const toks = tokenize(`Stop ${run} now`);
    const marks = toks.filter((t) => t.text !== 'Stop' && t.text !== 'now');
    assert.strictEqual(marks.length, 30);
    assert.ok(marks.every((t) => t.end - t.start <= 200 && t.text === run.slice(t.start - 5, t.end - 5)));
    assert.strictEqual(marks[0].start, 5);
    assert.strictEqual(marks[marks.length - 1].end, 5 + run.length);
    // Fifteen marks in a row, an ellipsis, "?!" and quotes stay a token each, as the tagger was trained.
    assert.strictEqual(words(`Why${'?'.repeat(15)} Oh?! “No…”`).length, 1 + 15 + 1 + 2 + 1 + 1 + 1 + 1);
    // Non-ASCII marks count as marks; a run of sixteen becomes one token.
    assert.deepStrictEqual(words(`a ${'…'.repeat(16)} b`), ['a', '…'.repeat(16), 'b']);
  });
});

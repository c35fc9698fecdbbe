import * as assert from 'assert';
import { ABBREVIATIONS, keepsPeriod } from '../../server/src/analysis/tokenize';

// keepsPeriod answers a word longer than any abbreviation from its characters; this is its definition for every word.
const STATES =
  'ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex vt va wash wis wyo';
const STATE_SET = new Set(STATES.split(' '));
function byDefinition(word: string): boolean {
  const lower = word.toLowerCase();
  const capitalised = word.length > 1 && /[A-Z]/.test(word.charAt(0));
  return (
    word.includes('.') || ABBREVIATIONS.has(lower) || (word.length === 1 && /[A-Z]/.test(word)) || (capitalised && STATE_SET.has(lower))
  );
}

const WORDS = [
  ...[...ABBREVIATIONS, ...STATE_SET].flatMap((w) => [w, w.toUpperCase(), w.charAt(0).toUpperCase() + w.slice(1), w + 'x', 'x' + w, w + w]),
  ...['J', 'j', 'said', 'Obama', 'approx', 'Approx', 'approxi', 'U.S', 'U.S.A', 'www.bbc', 'example.com', 'p.m', 'a.m.x', '3.5', '1,000'],
  ...['İstanbul', 'İ', 'Calİf', 'K', '\u212a', '\u212aans', '\u212aansas', 'ß', 'Straße', 'Zürich', 'σ', 'ΣΑ', 'AT&T', 'al-Zamili'],
  ...['abcdef', 'abcdefg', 'abcdefgh', 'abcde.f', 'abcdef.g', 'abcdefg.h', 'a.b.c.d.e.f.g', 'wash', 'Wash', 'WASH', 'Washington'],
];

describe('tokenize: which words keep their period', () => {
  it('keepsPeriod answers as its definition does, long or short, ASCII or not', () => {
    for (const w of WORDS) {
      const text = `The ${w}. Next`;
      assert.strictEqual(keepsPeriod(text, 4, 4 + w.length), byDefinition(w), JSON.stringify(w));
    }
  });
});

import * as assert from 'assert';
import { hasLower, isCapitalised, isPossessiveOrPunct } from '../../server/src/analysis/entities/candidates';

// The mention stage's word tests answer ASCII words from char codes; these are their definitions by the case mappings.
const byMappings = {
  isCapitalised: (s: string) => s.charAt(0).toLowerCase() !== s.charAt(0),
  hasLower: (s: string) => s.toUpperCase() !== s,
  isPossessiveOrPunct: (t: string) => t === "'s" || t === '’s' || t === "'S" || t === "'" || t === '’' || !/[\p{L}\p{N}]/u.test(t),
};

const WORDS = [
  ...['', 'a', 'A', 'z', 'Z', '0', '9', '.', ',', '-', '@', '[', '`', '{', '~', "'", '’', "'s", '’s', "'S", "'S'", '’S'],
  ...['Obama', 'obama', 'OBAMA', 'McCain', 'U.S.', 'al-Zamili', 'Al-Zamili', 'iPhone', '1990s', '--', '...', 'AT&T', 'x-ray'],
  ...['Éric', 'éric', 'ÉRIC', 'Zürich', 'ZÜRICH', 'ß', 'STRASSE', 'Straße', 'ǅ', 'ǆ', 'Σ', 'σ', 'ﬀ', 'İstanbul', 'ı'],
  ...['Ωmega', 'ΩMEGA', '日本', '١٢٣', '“', '”', '—', '½', '²', 'Ⅻ', 'ⅻ', '🙂', 'A🙂', 'a🙂', '🙂a', 'ABCé', 'ABCÉ'],
];

describe('entities: candidate word tests', () => {
  for (const [name, test] of [
    ['isCapitalised', isCapitalised],
    ['hasLower', hasLower],
    ['isPossessiveOrPunct', isPossessiveOrPunct],
  ] as const) {
    it(`${name} answers as the case mappings do, ASCII or not`, () => {
      for (const w of WORDS) assert.strictEqual(test(w), byMappings[name](w), JSON.stringify(w));
    });
  }
});

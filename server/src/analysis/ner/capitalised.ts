import type { Gazetteer } from '../gazetteer';
import type { Sentence, Token } from '../types';
import type { NerSpan, Tagger } from '.';

/** Interim tagger until the trained model lands: gazetteer places and capitalised runs. */
export function capitalisedTagger(gazetteer: Gazetteer): Tagger {
  return {
    tag(text: string, tokens: Token[], sentences: Sentence[]): NerSpan[] {
      const spans: NerSpan[] = [];
      for (const s of sentences) {
        let k = s.tokenStart;
        while (k < s.tokenEnd) {
          const t = tokens[k].text;
          if (!/^\p{Lu}/u.test(t) && !/^al-\p{Lu}/u.test(t)) {
            k++;
            continue;
          }
          let e = k + 1;
          while (e < s.tokenEnd && (/^\p{Lu}/u.test(tokens[e].text) || /^al-/.test(tokens[e].text))) e++;
          const name = text.slice(tokens[k].start, tokens[e - 1].end);
          const place = gazetteer.lookup(name);
          const first = k === s.tokenStart;
          if (place) spans.push({ start: tokens[k].start, end: tokens[e - 1].end, label: 'LOC', tokenStart: k, tokenEnd: e });
          else if (!(first && e - k === 1) && !gazetteer.demonym(name))
            spans.push({ start: tokens[k].start, end: tokens[e - 1].end, label: e - k >= 2 ? 'PER' : 'ORG', tokenStart: k, tokenEnd: e });
          k = e;
        }
      }
      return spans;
    },
  };
}

import { detectMentions } from '../../server/src/analysis/entities/mentions';
import { Gazetteer } from '../../server/src/analysis/gazetteer';
import type { NerLabel, NerSpan, Tagger } from '../../server/src/analysis/ner';
import type { AnalysisResources } from '../../server/src/analysis/resources';
import { splitSentences, tokenize } from '../../server/src/analysis/tokenize';
import type { Token } from '../../server/src/analysis/types';
import { engineData, loadClaimModel } from '../../server/src/workspace/resources';

/*
 * The mention stage on a scripted tagger, for its unit tests (mentions.test.ts, mentionRules.test.ts): the tagger
 * labels the given strings, so that the stage's own rules alone decide the outcome.
 */
export const gazetteer = new Gazetteer({
  countries: [
    { id: 'iraq', name: 'Iraq', cca2: 'IQ', aliases: [], demonyms: ['Iraqi'], capital: 'Baghdad', lat: 33, lon: 44, independent: true },
    { id: 'iran', name: 'Iran', cca2: 'IR', aliases: [], demonyms: ['Iranian'], capital: 'Tehran', lat: 32, lon: 53, independent: true },
    {
      id: 'united-states',
      name: 'United States',
      cca2: 'US',
      aliases: ['US', 'USA'],
      demonyms: ['American'],
      capital: 'Washington',
      lat: 38,
      lon: -97,
      independent: true,
    },
  ],
  cities: [
    ['Baghdad', 'IQ', 33.3, 44.4, 7000000, 'PPLC'],
    ['Sinjar', 'IQ', 36.3, 41.9, 40000, 'PPL'],
  ],
  regions: [],
});

/** A scripted tagger: labels the given surface strings wherever they occur as whole tokens. */
function fakeTagger(labels: Array<[string, NerLabel]>): Tagger {
  return {
    tag(text: string, tokens: Token[]): NerSpan[] {
      const out: NerSpan[] = [];
      for (const [name, label] of labels) {
        let from = 0;
        for (;;) {
          const at = text.indexOf(name, from);
          if (at < 0) break;
          from = at + name.length;
          const ts = tokens.findIndex((t) => t.start === at);
          const te = tokens.findIndex((t) => t.end === at + name.length);
          if (ts >= 0 && te >= ts) out.push({ start: at, end: at + name.length, label, tokenStart: ts, tokenEnd: te + 1 });
        }
      }
      return out.sort((a, b) => a.start - b.start);
    },
  };
}

export function mentions(text: string, labels: Array<[string, NerLabel]>): Array<[string, string]> {
  const res: AnalysisResources = { gazetteer, tagger: fakeTagger(labels), claims: loadClaimModel(), ...engineData() };
  const tokens = tokenize(text);
  return detectMentions(text, tokens, splitSentences(text, tokens), res).map((m) => [m.text, m.type]);
}

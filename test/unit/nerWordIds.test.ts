import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { PerceptronTagger } from '../../server/src/analysis/ner/model';
import type { ModelFile } from '../../server/src/analysis/ner/modelFile';
import { splitSentences, tokenize } from '../../server/src/analysis/tokenize';
import { dataDir, loadResources } from '../../server/src/workspace/resources';

function docOf(text: string): { words: string[]; sentences: Array<readonly [number, number]> } {
  const tokens = tokenize(text);
  return { words: tokens.map((t) => t.text), sentences: splitSentences(text, tokens).map((s) => [s.tokenStart, s.tokenEnd] as const) };
}

describe('ner: word ids of the feature extractor', () => {
  it("the tagger's cached word scores follow the extractor when it forgets its words and reuses their ids", () => {
    const tagger = loadResources().tagger as PerceptronTagger;
    const dir = path.join(__dirname, '../../../media/samples');
    const [a, b] = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .slice(0, 2)
      .map((f) => docOf(fs.readFileSync(path.join(dir, f), 'utf8')));
    const closed = new Set(['the', 'of']);
    tagger.setClosedWords(closed);
    try {
      const before = tagger.emissions(a).slice(0, a.words.length * 9);
      // Installing closed words makes the extractor forget every word: the other document's words take their ids first.
      tagger.setClosedWords(closed);
      tagger.emissions(b);
      const after = tagger.emissions(a).slice(0, a.words.length * 9);
      assert.deepStrictEqual(after, before);
    } finally {
      // The tagger is shared with the other tests: it gets the model's own closed words back.
      const model = JSON.parse(fs.readFileSync(path.join(dataDir(), 'ner-model.json'), 'utf8')) as ModelFile;
      tagger.setClosedWords(model.closed ? new Set(model.closed.split(' ')) : null);
    }
  });
});

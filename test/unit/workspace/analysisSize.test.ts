import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Claim } from '../../../server/src/analysis/types';
import { loadResources } from '../../../server/src/workspace/resources';
import { analysisWeight, checkAnalysisSize } from '../../../server/src/workspace/analysisSize';
import { InlineAnalysisService } from '../../../server/src/workspace/analysisService';
import { seedsDir } from '../util';
import { emptyAnalysis } from '../features/synthetic';

describe('analysis size guard', () => {
  it('real documents are far below the limit, and the estimate is close to their JSON', async () => {
    const text = fs.readFileSync(path.join(seedsDir, '000_13ab4ecdb79973bb.txt'), 'utf8');
    const analysis = await new InlineAnalysisService(loadResources).analyze(text);
    const json = JSON.stringify(analysis).length;
    const weight = analysisWeight(analysis);
    assert.ok(weight > json / 3 && weight < json * 3, `estimate ${weight}, JSON ${json}`);
    assert.doesNotThrow(() => checkAnalysisSize(analysis, text.length));
  });

  it('an analysis out of all proportion to its document (claims spanning the whole run-on text) is refused', () => {
    const text = 'according to '.repeat(5000); // 65 KB, no sentence end
    const claims: Claim[] = [];
    for (let i = 0; i < 5000; i++) {
      claims.push({
        start: i * 13,
        end: text.length,
        text: text.slice(i * 13),
        cue: null,
        source: null,
        speaker: null,
        hedges: [],
        section: 'article',
        form: 'according-to',
      });
    }
    assert.throws(
      () => checkAnalysisSize({ ...emptyAnalysis(text), claims }, text.length),
      /analysis too large: about \d+\.\d MB for a document of 0\.1 MB/,
    );
  });
});

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { setFlagsFromString } from 'v8';
import { getHeapStatistics } from 'v8';
import { runInNewContext } from 'vm';
import { analyzeDocument } from '../../server/src/analysis/pipeline';
import { ownString } from '../../server/src/analysis/ownString';
import { loadResources } from '../../server/src/workspace/resources';
import { seedsDir } from './util';

// The engine's caches outlive documents. A name cut from a text and kept in one of them must not keep the whole
// text alive: an indexing thread's heap then grew by a full document per new document and was replaced again and again.

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function retainedHeap(): number {
  collect();
  collect();
  return getHeapStatistics().used_heap_size;
}

/** Copy i of a sample text with a new official in it: a name no cache has seen, long enough to be cut as a view. */
function variant(text: string, i: number): string {
  const id = i.toString(36);
  return `${text}\n\nMunir Qadhimi${id} al-Rubaie${id}, a district official, said the talks would go on.\n`;
}

describe('engine caches and document texts', () => {
  it('ownString copies: equal text, usable as a key', () => {
    const text = 'Hakim al-Zamili said on Tuesday that the Sadrist movement would stay.';
    const cut = text.slice(0, 15);
    const own = ownString(cut);
    assert.strictEqual(own, 'Hakim al-Zamili');
    assert.strictEqual(new Map([[own, 1]]).get(cut), 1);
  });

  it('analysing many new documents keeps far less than their texts alive', function () {
    this.timeout(120000);
    const res = loadResources();
    const sample = fs.readFileSync(
      path.join(
        seedsDir,
        fs
          .readdirSync(seedsDir)
          .filter((f) => f.endsWith('.txt'))
          .sort()[0],
      ),
      'utf8',
    );
    for (let i = 0; i < 20; i++) analyzeDocument(variant(sample, 100000 + i), res);
    const before = retainedHeap();
    const n = 150;
    let textBytes = 0;
    for (let i = 0; i < n; i++) {
      const text = variant(sample, i);
      textBytes += text.length;
      analyzeDocument(text, res);
    }
    const grown = retainedHeap() - before;
    // Each new document adds its new words and names to the caches, a small fraction of its text; before the
    // caches copied what they keep, the growth was more than the texts themselves.
    assert.ok(grown < textBytes / 2, `heap grew ${Math.round(grown / 1024)} KB for ${Math.round(textBytes / 1024)} KB of text`);
  });
});

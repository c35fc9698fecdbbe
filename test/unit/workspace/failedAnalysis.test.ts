import * as assert from 'assert';
import type { DocumentAnalysis } from '../../../server/src/analysis/types';
import { analyzeDocument } from '../../../server/src/analysis/pipeline';
import type { AnalysisService } from '../../../server/src/workspace/analysisService';
import { DocumentIndex } from '../../../server/src/workspace/documentIndex';
import { loadResources } from '../../../server/src/workspace/resources';
import { createDossierService } from '../../../server/src/lsp/service';
import { AnnotationIndex } from '../../../server/src/workspace/annotationIndex';
import { defaultSettings } from '../../../common/settings';
import { InMemoryDocuments, NEVER } from '../lsp/inMemory';

/*
 * An open document whose analysis fails (a thread out of memory on a huge
 * run-on text, out of time, an analysis too large): every request on it asks
 * the index again. The same text and version fail at once with the same
 * reason; only an edit runs the analysis again.
 */
describe('document index: a failed analysis of an open document', () => {
  const URI = 'file:///ws/huge.txt';

  /** Fails while `failing`, else analyses; counts the runs. */
  class Flaky implements AnalysisService {
    runs = 0;
    failing = true;
    analyze(text: string): Promise<DocumentAnalysis> {
      this.runs++;
      return this.failing
        ? Promise.reject(new Error('analysis ran out of memory'))
        : Promise.resolve(analyzeDocument(text, loadResources()));
    }
    dispose(): void {}
  }

  it('is not run again for the same text and version, and is after an edit', async () => {
    const service = new Flaky();
    const index = new DocumentIndex(service);
    const text = '!?.,;:'.repeat(1000);
    for (let i = 0; i < 5; i++) await assert.rejects(index.update(URI, text, 1), /analysis ran out of memory/);
    assert.strictEqual(service.runs, 1, 'one run for five requests');
    // An edit: a new version is analysed again (and now succeeds).
    service.failing = false;
    const edited = text + ' Barack Obama said so.';
    assert.strictEqual((await index.update(URI, edited, 2)).version, 2);
    assert.strictEqual(service.runs, 2);
    // Closed (the index then takes the file's text, version -1) and reopened with the failing text: tried again.
    service.failing = true;
    await assert.rejects(index.update(URI, text, 1), /out of memory/);
    await assert.rejects(index.update(URI, 'the file', -1, undefined, true), /out of memory/);
    await assert.rejects(index.update(URI, text, 1), /out of memory/);
    assert.strictEqual(service.runs, 5);
    // Removed from the index (the file is gone): tried again too.
    index.remove(URI);
    await assert.rejects(index.update(URI, text, 1), /out of memory/);
    assert.strictEqual(service.runs, 6);
  });

  it('a file read from disk (version -1) is not remembered: the next indexing run tries it again', async () => {
    const service = new Flaky();
    const index = new DocumentIndex(service);
    await assert.rejects(index.update(URI, 'x', -1, undefined, true));
    await assert.rejects(index.update(URI, 'x', -1, undefined, true));
    assert.strictEqual(service.runs, 2);
  });

  it('the language service answers every request at once and logs the failure once', async () => {
    const service = new Flaky();
    const index = new DocumentIndex(service);
    const documents = new InMemoryDocuments();
    const logs: string[] = [];
    const dossier = createDossierService({
      index,
      annotations: new AnnotationIndex(),
      documents,
      settings: { get: () => Promise.resolve(defaultSettings) },
      log: (m) => logs.push(m),
    });
    documents.open(URI, '!?.,;:'.repeat(1000));
    const textDocument = { uri: URI };
    assert.deepStrictEqual(await dossier.documentSymbols({ textDocument }, NEVER), []);
    assert.deepStrictEqual(await dossier.codeLenses({ textDocument }, NEVER), []);
    assert.deepStrictEqual(await dossier.foldingRanges({ textDocument }, NEVER), []);
    assert.strictEqual(await dossier.hover({ textDocument, position: { line: 0, character: 3 } }, NEVER), null);
    assert.strictEqual(service.runs, 1);
    assert.strictEqual(logs.length, 1, logs.join('\n'));
    assert.match(logs[0], /analysis ran out of memory/);
  });
});

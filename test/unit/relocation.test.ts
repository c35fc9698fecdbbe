import * as assert from 'assert';
import type { Annotation, Sidecar } from '../../common/annotations';
import { matchOrphans, renamedPath, sidecarDocumentHash } from '../../client/src/annotations/relocation';
import { passage } from './sidecarFixtures';

/* Issue 11, finding 13: the pure parts of following a renamed document. */

describe('relocation (renamed documents, orphaned sidecars)', () => {
  it('maps a renamed file, and the files inside a renamed folder, and nothing else', () => {
    assert.strictEqual(renamedPath('/ws/a.txt', '/ws/a.txt', '/ws/b.txt'), '/ws/b.txt');
    assert.strictEqual(renamedPath('/ws/news/a.txt', '/ws/news', '/ws/archive'), '/ws/archive/a.txt');
    assert.strictEqual(renamedPath('/ws/news/2024/a.txt', '/ws/news', '/ws/old/news'), '/ws/old/news/2024/a.txt');
    assert.strictEqual(renamedPath('/ws/newsletter/a.txt', '/ws/news', '/ws/archive'), null, 'a sibling sharing a prefix');
    assert.strictEqual(renamedPath('/ws/a.txt.bak', '/ws/a.txt', '/ws/b.txt'), null);
    assert.strictEqual(renamedPath('C:\\ws\\news\\a.txt', 'C:\\ws\\news', 'C:\\ws\\old'), 'C:\\ws\\old\\a.txt', 'Windows paths');
  });

  it("a sidecar's document hash: the one it stores, else the one most of its annotations were saved with", () => {
    const withHash = (hash: string): Annotation => {
      const a = passage(0, 3, ['x']);
      return { ...a, target: { ...a.target, hash } };
    };
    const sidecar = (annotations: Annotation[], documentHash?: string): Sidecar => ({
      version: 1,
      document: 'a.txt',
      ...(documentHash ? { documentHash } : {}),
      annotations,
      deleted: [],
    });
    assert.strictEqual(sidecarDocumentHash(sidecar([withHash('fnv64:1')], 'fnv64:9')), 'fnv64:9');
    assert.strictEqual(
      sidecarDocumentHash(sidecar([withHash('fnv64:1'), withHash('fnv64:2'), withHash('fnv64:2'), withHash('')])),
      'fnv64:2',
    );
    assert.strictEqual(sidecarDocumentHash(sidecar([withHash('')])), null, 'migrated annotations carry no hash');
  });

  it('pairs an orphaned sidecar with the one document that has its text, and guesses nothing', () => {
    const orphans = [
      { docPath: '/ws/gone.txt', hash: 'h1' },
      { docPath: '/ws/twin1.txt', hash: 'h2' },
      { docPath: '/ws/twin2.txt', hash: 'h2' },
      { docPath: '/ws/common.txt', hash: 'h3' },
      { docPath: '/ws/lonely.txt', hash: 'h4' },
    ];
    const candidates = [
      { docPath: '/ws/renamed.txt', hash: 'h1' },
      { docPath: '/ws/copy.txt', hash: 'h2' },
      { docPath: '/ws/c1.txt', hash: 'h3' },
      { docPath: '/ws/c2.txt', hash: 'h3' },
      { docPath: '/ws/unrelated.txt', hash: 'h9' },
    ];
    assert.deepStrictEqual(
      matchOrphans(orphans, candidates).map((m) => [m.orphan.docPath, m.docPath]),
      [['/ws/gone.txt', '/ws/renamed.txt']],
      'two orphans with one text, or one orphan with two candidates, are left to the user',
    );
    assert.deepStrictEqual(
      matchOrphans([{ docPath: '/ws/a.txt', hash: 'h' }], [{ docPath: '/ws/a.txt', hash: 'h' }]),
      [],
      'never the same path',
    );
  });
});

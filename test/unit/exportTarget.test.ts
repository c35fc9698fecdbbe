import * as assert from 'assert';
import { isExportSource, suggestedBratPath } from '../../client/src/annotations/exportTarget';

/* Issue 11, finding 9, in the editor: Export Annotations never writes over a document or its sidecar. */
describe('Export Annotations targets (issue 11, finding 9)', () => {
  const documents = ['/ws/victim.txt', '/ws/victim.ann', '/ws/notes/Story.md'];

  it('a document or its sidecar is never a target, in any letter case', () => {
    assert.ok(isExportSource('/ws/victim.ann', documents));
    assert.ok(isExportSource('/ws/victim.txt.annotations.json', documents));
    assert.ok(isExportSource('/ws/notes/story.md', documents));
    assert.ok(!isExportSource('/ws/victim.txt.ann', documents));
    assert.ok(!isExportSource('/ws/annotations.csv', documents));
  });

  it('the suggested .ann file is never a document', () => {
    assert.strictEqual(suggestedBratPath('/ws/victim.txt', documents), '/ws/victim.txt.ann', 'victim.ann is a document');
    assert.strictEqual(suggestedBratPath('/ws/victim.ann', documents), '/ws/victim.ann.ann');
    assert.strictEqual(suggestedBratPath('/ws/notes/Story.md', documents), '/ws/notes/Story.ann');
    assert.strictEqual(suggestedBratPath('/ws/.hidden', documents), '/ws/.hidden.ann');
    assert.strictEqual(suggestedBratPath('/ws/a.b/README', documents), '/ws/a.b/README.ann');
  });
});

import * as assert from 'assert';
import { SIDEBAR_PAGE, type OverviewEntity, type OverviewMention } from '../../common/protocol';
import { installFakeVscode } from './fakeVscode';

/*
 * The sidebar's Actors and Places trees page through long lists: an entity's
 * documents, and its mentions in one document, SIDEBAR_PAGE at a time, with a
 * "N more …" node that fetches the next page when expanded.
 */

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the stand-in for `vscode` is installed
const { EntityTree } = require('../../client/src/views/entityTree') as typeof import('../../client/src/views/entityTree');
type Tree = InstanceType<typeof EntityTree>;
type Node = Awaited<ReturnType<Tree['getChildren']>>[number];

const URI = 'file:///ws/long.txt';
const MENTIONS = 2 * SIDEBAR_PAGE + 50;
const entity: OverviewEntity = {
  id: 'zamili',
  name: 'Hakim al-Zamili',
  kind: 'actor',
  type: 'person',
  mentionCount: MENTIONS,
  documentCount: 1,
};
const mention = (i: number): OverviewMention => ({
  uri: URI,
  start: { line: i, character: 0 },
  end: { line: i, character: 6 },
  context: `Zamili ${i}`,
});

function tree(): { tree: Tree; asked: number[] } {
  const asked: number[] = [];
  const model = {
    onDidChange: () => ({ dispose: () => undefined }),
    data: { entities: [entity], speakers: [], documents: 1, truncated: false },
    documents: async () => [{ uri: URI, mentionCount: MENTIONS }],
    mentions: async (_id: string, _uri: string, offset = 0) => {
      asked.push(offset);
      return Array.from({ length: Math.max(0, Math.min(SIDEBAR_PAGE, MENTIONS - offset)) }, (_, k) => mention(offset + k));
    },
  };
  return { tree: new EntityTree(model as never, 'actor'), asked };
}

describe('sidebar entity tree', () => {
  it('pages a document’s mentions: a page, then "N more mentions…" that fetches the next', async () => {
    const { tree: t, asked } = tree();
    const [top] = await t.getChildren();
    const [doc] = await t.getChildren(top);
    assert.strictEqual(doc.kind, 'document');
    const seen: string[] = [];
    let node: Node | undefined = doc;
    const labels: string[] = [];
    while (node) {
      const children: Node[] = await t.getChildren(node);
      node = undefined;
      for (const c of children) {
        if (c.kind === 'mention') seen.push(c.mention.context);
        else {
          node = c;
          labels.push(String(t.getTreeItem(c).label));
        }
      }
    }
    assert.deepStrictEqual(asked, [0, SIDEBAR_PAGE, 2 * SIDEBAR_PAGE]);
    assert.deepStrictEqual(
      seen,
      Array.from({ length: MENTIONS }, (_, i) => `Zamili ${i}`),
    );
    assert.deepStrictEqual(labels, [`${MENTIONS - SIDEBAR_PAGE} more mentions…`, `${MENTIONS - 2 * SIDEBAR_PAGE} more mentions…`]);
  });
});

import * as assert from 'assert';
import MarkdownIt from 'markdown-it';
import { pathToFileURL } from 'url';
import { linkTarget } from '../../../server/src/lsp/features/reportMarkdown';
import { inMemoryWorkspace, NEVER, withCursor, CURSOR } from './inMemory';

/*
 * Links in hovers and the report point at documents whose file names may hold
 * an unbalanced parenthesis ("smile :).txt", "draft (2.txt"): each link must
 * still be one link, to that file.
 */

/** The destinations of the links in rendered Markdown (markdown-it refuses file: links unless told otherwise). */
function hrefs(markdown: string): string[] {
  const md = new MarkdownIt();
  md.validateLink = () => true;
  return [...md.render(markdown).matchAll(/<a href="([^"]*)"/g)].map((m) => decodeURIComponent(m[1].replace(/&amp;/g, '&')));
}

describe('links to documents whose names hold parentheses', function () {
  this.timeout(30_000);
  const text = 'Barack Obama said that Iraq is fine.\n';
  const names = ['/ws/smile :).txt', '/ws/draft (2.txt', '/ws/x](javascript:alert(1)).txt'];

  it('a hover links each other document and each claim to that document', async () => {
    const a = pathToFileURL('/ws/a.txt').toString();
    const others = names.map((n) => pathToFileURL(n).toString());
    const files: Record<string, string> = { [a]: withCursor(`Barack Ob${CURSOR}ama said that Iraq is fine.\n`).text };
    for (const uri of others) files[uri] = text;
    const ws = await inMemoryWorkspace(files);
    const h = await ws.service.hover({ textDocument: { uri: a }, position: withCursor(`Barack Ob${CURSOR}ama`).position }, NEVER);
    const value = (h?.contents as { value: string }).value;
    const links = hrefs(value);
    for (const n of names) {
      const uri = decodeURIComponent(pathToFileURL(n).toString());
      assert.ok(links.includes(`${uri}#L1`), `a link to ${n} in ${JSON.stringify(links)} from ${value}`);
    }
    assert.ok(
      links.every((l) => l.startsWith('file:///ws/')),
      JSON.stringify(links),
    );
  });

  it("a report's link target stays one link", () => {
    for (const name of ['smile :).txt', 'draft (2.txt', 'a (1).txt']) {
      assert.deepStrictEqual(hrefs(`[x](${linkTarget(`sub/${name}`, 3)})`), [`sub/${name}#L3`]);
    }
  });
});

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './util';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The map and network pages show document text: it must never become markup, and nothing may come from the network. */
describe('webview pages', () => {
  it('never parse strings as HTML (no innerHTML, outerHTML, insertAdjacentHTML, document.write)', () => {
    for (const file of sources(path.join(repoRoot, 'client', 'webview'))) {
      const text = fs.readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment)\b/, file);
    }
  });

  it('the bundles fetch nothing: no remote origin, no fetch or XMLHttpRequest', () => {
    for (const view of ['map', 'network']) {
      const bundle = fs.readFileSync(path.join(repoRoot, 'dist', 'webview', `${view}.js`), 'utf8');
      const urls = (bundle.match(/\bhttps?:\/\/[^\s"'`)]+/g) ?? []).filter((u) => u !== 'http://www.w3.org/2000/svg');
      assert.deepStrictEqual(urls, [], `${view}.js names remote origins`);
      assert.doesNotMatch(bundle, /\bfetch\(|XMLHttpRequest|WebSocket|importScripts/, `${view}.js loads something`);
    }
  });

  it('the page allows nothing by default and only its own nonce-tagged script', () => {
    const html = fs.readFileSync(path.join(repoRoot, 'client', 'src', 'webviews', 'html.ts'), 'utf8');
    assert.match(html, /default-src 'none'/);
    assert.match(html, /script-src 'nonce-\$\{nonce\}'/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|https?:/);
  });
});

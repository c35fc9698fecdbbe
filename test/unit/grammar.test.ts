import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { repoRoot, seedsDir } from './util';

/*
 * The TextMate grammar tokenized as VS Code does (vscode-textmate over the
 * Oniguruma WASM build), on the seeds.
 */

const grammarFile = path.join(repoRoot, 'syntaxes', 'source-document.tmLanguage.json');

async function loadGrammar(): Promise<textmate.IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) =>
      scope === 'text.dossier-source' ? textmate.parseRawGrammar(fs.readFileSync(grammarFile, 'utf8'), grammarFile) : null,
  });
  const grammar = await registry.loadGrammar('text.dossier-source');
  if (!grammar) throw new Error('grammar did not load');
  return grammar;
}

/** Scopes of each line, as "text → innermost scope" for the tokens that carry a Dossier scope. */
function tokenizeLines(grammar: textmate.IGrammar, text: string): Array<Array<{ text: string; scope: string }>> {
  let stack = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens
      .map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scope: t.scopes[t.scopes.length - 1] }))
      .filter((t) => t.scope !== 'text.dossier-source');
  });
}

const seed = (name: string) => fs.readFileSync(path.join(seedsDir, name), 'utf8');

describe('TextMate grammar', () => {
  let grammar: textmate.IGrammar;
  before(async () => {
    grammar = await loadGrammar();
  });

  it('is contributed for the dossier-source language in package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { grammars: Array<{ language: string; scopeName: string; path: string }> };
    };
    const g = pkg.contributes.grammars.find((x) => x.language === 'dossier-source');
    assert.ok(g, 'a grammar for dossier-source');
    assert.strictEqual(g.scopeName, 'text.dossier-source');
    assert.strictEqual(path.resolve(repoRoot, g.path), grammarFile);
  });

  it('marks the headline, the byline, quotations, the comment section and comment headers in a seed', () => {
    const lines = tokenizeLines(grammar, seed('000_13ab4ecdb79973bb.txt'));
    assert.deepStrictEqual(lines[0], [
      {
        text: 'Iraq May Seek "Direct Military Intervention From Russia" To Expel Turkish Troops',
        scope: 'markup.heading.headline.dossier-source',
      },
    ]);
    assert.deepStrictEqual(lines[2], [{ text: "Tyler Durden's picture", scope: 'markup.italic.byline.dossier-source' }]);
    assert.deepStrictEqual(lines[4], [], 'a plain body paragraph has no structural scope');
    const quote = lines[8].find((t) => t.scope === 'string.quoted.double.curly.dossier-source');
    assert.strictEqual(quote?.text, "“Did Turkey Just Invade Iraq To Protect Erdogan's ISIS Oil Smuggling Routes?,”");
    assert.deepStrictEqual(
      lines[73].map((t) => t.scope),
      ['markup.heading.comments.dossier-source'],
    );
    assert.deepStrictEqual(
      lines[77].map((t) => t.scope),
      ['entity.name.tag.comment-header.dossier-source'],
    );
  });

  it('marks "By ..." bylines and the introduction of a quoted block', () => {
    assert.deepStrictEqual(
      tokenizeLines(grammar, seed('004_e53c0ad875243b71.txt'))[2].map((t) => t.scope),
      ['markup.italic.byline.dossier-source'],
    );
    const intro = tokenizeLines(grammar, seed('003_141fa247b765b002.txt'))[24];
    assert.strictEqual(intro[0].scope, 'markup.quote.intro.dossier-source');
  });

  it('stays on one line: an unclosed quotation does not colour the rest of the document', () => {
    const lines = tokenizeLines(grammar, 'Headline\n\nHe said "this never ends\n\nNext paragraph without quotes.');
    assert.deepStrictEqual(lines[2], []);
    assert.deepStrictEqual(lines[4], []);
  });
});

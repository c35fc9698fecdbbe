import * as assert from 'assert';
import * as path from 'path';
import { ESLint } from 'eslint';
import { repoRoot } from './util';

/*
 * The layer rules of ARCHITECTURE.md live in eslint.config.mjs (npm run lint
 * checks the tree). This checks the config itself: an import that crosses a
 * layer, linted as if it were in that layer's folder, is an error.
 */

// Without type information (the probes are not in any tsconfig), so the type-aware rules are off here.
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parserOptions: { projectService: false } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  ],
});

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(repoRoot, file) });
  return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

const use = (name: string) => `\nexport const used = ${name};\n`;

describe('lint: the layers', function () {
  this.timeout(30_000);

  it('server/src/analysis imports no Node built-in, no LSP and no VS Code', async () => {
    for (const spec of [
      'fs',
      'node:fs',
      'path',
      'node:worker_threads',
      'crypto',
      'util',
      'vscode',
      'vscode-languageserver',
      'vscode-languageserver-textdocument',
    ]) {
      const found = await restricted('server/src/analysis/probe.ts', `import * as m from '${spec}';${use('m')}`);
      assert.strictEqual(found.length, 1, `server/src/analysis may not import ${spec}`);
    }
    assert.deepStrictEqual(await restricted('server/src/analysis/probe.ts', `import { z } from 'zod';${use('z')}`), []);
  });

  it('no server code imports vscode; LSP and Node are fine outside analysis/', async () => {
    assert.strictEqual((await restricted('server/src/probe.ts', `import * as vscode from 'vscode';${use('vscode')}`)).length, 1);
    assert.strictEqual((await restricted('server/src/workspace/probe.ts', `import vscode = require('vscode');${use('vscode')}`)).length, 1);
    assert.deepStrictEqual(
      await restricted(
        'server/src/probe.ts',
        `import * as fs from 'fs';\nimport { TextDocuments } from 'vscode-languageserver';${use('[fs, TextDocuments]')}`,
      ),
      [],
    );
  });

  it('the client does not import server code', async () => {
    assert.strictEqual(
      (await restricted('client/src/probe.ts', `import { analyze } from '../../server/src/analysis/pipeline';${use('analyze')}`)).length,
      1,
    );
    assert.deepStrictEqual(
      await restricted(
        'client/src/probe.ts',
        `import * as vscode from 'vscode';\nimport { SIDECAR_SUFFIX } from '../../common/annotations';${use('[vscode, SIDECAR_SUFFIX]')}`,
      ),
      [],
    );
  });

  it('common imports neither vscode nor the client nor the server', async () => {
    for (const spec of ['vscode', '../server/src/analysis/types', '../client/src/log']) {
      assert.strictEqual(
        (await restricted('common/probe.ts', `import * as m from '${spec}';${use('m')}`)).length,
        1,
        `common may not import ${spec}`,
      );
    }
  });

  it('the server logs through the connection, not console (except the command-line tools)', async () => {
    const lint = async (file: string) =>
      (await eslint.lintText('console.log("x");\n', { filePath: path.join(repoRoot, file) }))[0].messages.map((m) => m.ruleId);
    assert.deepStrictEqual(await lint('server/src/lsp/features/probe.ts'), ['no-console']);
    assert.deepStrictEqual(await lint('server/src/cli/cli.ts'), []);
  });
});

// ESLint: the layering of ARCHITECTURE.md as import rules, plus the promise
// and logging rules that bugs came from. Type-aware (typescript-eslint's
// project service reads tsconfig.json, and test/vscode/tsconfig.json there).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// A regex, not gitignore-style groups: a group 'util' would also match a relative './util/search'.
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const nodeBuiltins = `^(node:)?(${builtinModules
  .filter((m) => !m.startsWith('_'))
  .map(escape)
  .join('|')})(/.*)?$`;

/** no-restricted-imports for TypeScript (it also sees `import x = require(...)`). */
const restrict = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });

const noVscode = { group: ['vscode'], message: 'Only the client (client/src) may import vscode.' };
const noServer = { regex: '/server/', message: 'The client talks to the server over LSP only (shared types live in common/).' };
const noClientOrServer = { regex: '/(client|server)/', message: 'common/ is shared by client and server and imports neither.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'samples/**', 'test-results/**', '.vscode-test/**', '**/*.d.ts'] },
  js.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `_` marks a parameter or binding that is there for its position only.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },

  // The layers (replaces the import regexes of test/unit/architecture.test.ts).
  {
    files: ['client/src/**/*.ts'],
    rules: restrict(noServer),
  },
  {
    files: ['common/**/*.ts'],
    rules: restrict(noVscode, noClientOrServer),
  },
  {
    files: ['server/src/**/*.ts'],
    rules: {
      ...restrict(noVscode),
      // The server's stdout may be the LSP channel; log through connection.console (main.ts redirects console).
      'no-console': 'error',
    },
  },
  {
    // The analysis engine is pure: no editor, no LSP, no Node built-ins (it runs in a worker, the CLI and the tests alike).
    files: ['server/src/analysis/**/*.ts'],
    rules: restrict(
      { regex: '^vscode', message: 'server/src/analysis is pure: no VS Code and no LSP.' },
      { regex: nodeBuiltins, message: 'server/src/analysis is pure: no Node built-ins; I/O comes in through AnalysisResources.' },
    ),
  },
  {
    // The command-line tools print to the terminal; main.ts is where console is redirected to the LSP connection.
    files: ['server/src/cli/**/*.ts', 'server/src/lsp/main.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // textRect() runs in the browser page (playwright's page.evaluate).
    files: ['scripts/e2e/uiChecks.mjs'],
    languageOptions: { globals: { document: 'readonly', NodeFilter: 'readonly' } },
  },
);

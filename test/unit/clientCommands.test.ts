import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { EDIT_ANNOTATION_COMMAND, SHOW_DETAILS_COMMAND } from '../../common/protocol';
import { FakeUri, installFakeVscode, registered, shown } from './fakeVscode';
import { repoRoot } from './util';

/*
 * Issue 12, deliverable 2: one command table. The client's command module is
 * loaded against a small stand-in for `vscode` (commands, messages), so the
 * table, its guard and its wrapper are checked in plain Node.
 */

type CommandsModule = typeof import('../../client/src/commands');
type MessagesModule = typeof import('../../client/src/messages');

function clientSources(dir = path.join(repoRoot, 'client', 'src')): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? clientSources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('client command table', () => {
  let commands: CommandsModule;
  let messages: InstanceType<MessagesModule['Messages']>;
  let running = false;
  const calls: string[] = [];
  const annotations = new Proxy(
    {},
    {
      get: (_t, name: string) => (args: unknown) => {
        calls.push(name);
        if ((args as { tags?: string[] } | undefined)?.tags?.[0] === 'boom') throw new Error('boom: the sidecar is read-only');
        return name;
      },
    },
  );

  let uninstall: () => void;
  before(() => {
    uninstall = installFakeVscode();
    /* eslint-disable @typescript-eslint/no-require-imports */
    commands = require('../../client/src/commands') as CommandsModule;
    messages = new (require('../../client/src/messages') as MessagesModule).Messages();
    /* eslint-enable @typescript-eslint/no-require-imports */
    const context = { subscriptions: [] as unknown[], extensionUri: FakeUri.file('/ext') };
    const client = { isRunning: () => running, restart: async () => undefined };
    commands.registerCommands(context as never, {
      client: client as never,
      messages,
      store: {} as never,
      annotations: annotations as never,
      overview: {} as never,
      sidebar: {} as never,
      views: {} as never,
    });
  });
  after(() => uninstall());
  beforeEach(() => {
    shown.length = 0;
    calls.length = 0;
  });

  it('registers every contributed command, and only those, in one place', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { commands: Array<{ command: string }> };
    };
    assert.deepStrictEqual([...registered.keys()].sort(), pkg.contributes.commands.map((c) => c.command).sort());
    const elsewhere = clientSources().filter(
      (f) => !f.endsWith(path.join('commands', 'index.ts')) && /\bregisterCommand\(/.test(fs.readFileSync(f, 'utf8')),
    );
    assert.deepStrictEqual(elsewhere, [], 'no command registered outside client/src/commands/index.ts');
  });

  it('the command ids the server puts in lenses are the shared constants', () => {
    assert.ok(registered.has(SHOW_DETAILS_COMMAND));
    assert.ok(registered.has(EDIT_ANNOTATION_COMMAND));
    const literal = clientSources().filter((f) =>
      /['"](_dossier\.showDetails|dossier\.editAnnotation)['"]/.test(fs.readFileSync(f, 'utf8')),
    );
    assert.deepStrictEqual(literal, [], 'no client file spells them out');
  });

  it('a command that needs the language server is refused with a hint while it is not running; the others run', async () => {
    running = false;
    for (const id of [
      'dossier.tagEntity',
      'dossier.correctDetection',
      'dossier.exportAnnotations',
      'dossier.importAnnotations',
      'dossier.filterViews',
      SHOW_DETAILS_COMMAND,
    ]) {
      assert.strictEqual(await registered.get(id)!(), undefined);
    }
    assert.deepStrictEqual(calls, [], 'none of them ran');
    assert.strictEqual(shown.length, 6);
    assert.ok(shown.every((m) => m.level === 'warning' && /language server is not running/.test(m.message)));
    shown.length = 0;
    assert.strictEqual(
      await registered.get('dossier.tagSelection')!({ tags: ['fine'] }),
      'tagSelection',
      'annotations are the client’s: no server needed',
    );
    assert.deepStrictEqual(shown, []);
  });

  it('a failing command is logged and shown once, and resolves to undefined', async () => {
    running = true;
    assert.strictEqual(await registered.get('dossier.tagEntity')!({ tags: ['boom'] }), undefined);
    assert.strictEqual(await registered.get('dossier.addNote')!({ tags: 7 }), undefined, 'invalid arguments are refused');
    assert.deepStrictEqual(calls, ['tagEntity']);
    assert.deepStrictEqual(
      shown.map((m) => m.level),
      ['error', 'error'],
    );
    assert.strictEqual(shown[0].message, 'Dossier: boom: the sidecar is read-only');
    assert.match(shown[1].message, /^Dossier: invalid command arguments: tags: /);
    assert.deepStrictEqual(messages.shownErrors.slice(-2), [shown[0].message, shown[1].message]);
  });
});

import { SidecarStore, type SidecarFailure } from '../../client/src/annotations/sidecarFile';
import { nodeSidecarFs } from '../../client/src/annotations/sidecarFs';
import { passage, TEXT } from '../unit/sidecarFixtures';

/*
 * One writer of the multi-process test (sidecarProcesses.test.ts), run with
 * child_process.fork: the extension's own sidecar store and file system
 * adapter, without `vscode`. It adds its own annotations and removes any it
 * sees, flushing and re-reading the file (as the file watcher would) at
 * random, then reports what it did.
 */

export interface WorkerStart {
  docPath: string;
  name: string;
  ops: number;
}

export type WorkerReport =
  { type: 'done'; added: string[]; removed: string[]; failures: SidecarFailure[] } | { type: 'final'; ids: string[] };

const send = (report: WorkerReport) => new Promise<void>((resolve) => process.send!(report, () => resolve()));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

process.once('message', (start: WorkerStart) => {
  void run(start).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
});

async function run({ docPath, name, ops }: WorkerStart): Promise<void> {
  const store = new SidecarStore({ fs: nodeSidecarFs, extend: (s) => s, writeDelayMs: 1, lock: { staleMs: 10_000, timeoutMs: 30_000 } });
  const failures: SidecarFailure[] = [];
  store.onDidFail((f) => failures.push(f));
  const state = await store.ensure(docPath);
  const added: string[] = [];
  const removed: string[] = [];
  for (let i = 0; i < ops; i++) {
    const visible = state.sidecar.annotations;
    if (Math.random() < 0.3 && visible.length) {
      const victim = pick(visible);
      store.remove(docPath, victim.id);
      removed.push(victim.id);
    } else {
      const start = Math.floor(Math.random() * (TEXT.length - 8));
      added.push(store.add(docPath, passage(start, start + 5, [`${name}-${i}`]), { start, end: start + 5 }).id);
    }
    const r = Math.random();
    if (r < 0.5) await store.flush();
    else if (r < 0.8) await store.sync(state.sidecarPath);
    else await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
  }
  await store.flush();
  await send({ type: 'done', added, removed, failures });
  // Once every writer is done: read the file as the watcher would, and report what is in memory.
  process.once('message', () => {
    void (async () => {
      await store.sync(state.sidecarPath);
      await store.flush();
      await send({ type: 'final', ids: store.get(docPath)!.sidecar.annotations.map((a) => a.id) });
      store.dispose();
      process.disconnect();
    })();
  });
}

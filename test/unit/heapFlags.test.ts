import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { threadHeapResets } from '../../server/src/lsp/heapFlags';

/*
 * The server's process may start with a big initial old generation for its
 * own heap (common/serverFlags.ts); its analysis threads must not take it.
 */

describe('heap flags of the server process', () => {
  it('resets the initial old generation for threads only when the process was given one', () => {
    for (const argv of [
      ['--initial-old-space-size=400'],
      ['--nolazy', '--initial_old_space_size=200'],
      ['--initial-old-space-size', '400'],
    ])
      assert.deepStrictEqual(threadHeapResets(argv), ['--initial-old-space-size=0'], argv.join(' '));
    for (const argv of [[], ['--max-old-space-size=4096'], ['--inspect=6019', '--nolazy']])
      assert.deepStrictEqual(threadHeapResets(argv), [], argv.join(' '));
  });

  // A thread that keeps 200 MB needs no full collection under a 400 MB initial old generation, and does under V8's default.
  const THREAD = `
    const { parentPort } = require('worker_threads');
    const { PerformanceObserver, constants } = require('perf_hooks');
    let full = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++; }).observe({ entryTypes: ['gc'] });
    const keep = [];
    for (let i = 0; i < 200; i++) keep.push(new Array(100000).fill(i));
    // keep is read when answering, so that it stays alive until then.
    setTimeout(() => parentPort.postMessage(full + (keep.length > 0 ? 0 : 1)), 50);`;

  function fullCollectionsInThread(reset: boolean): number {
    const heapFlags = path.join(__dirname, '..', '..', 'server', 'src', 'lsp', 'heapFlags.js');
    const main = `
      if (${reset}) require(${JSON.stringify(heapFlags)}).threadsAtDefaultHeap(process.execArgv);
      new (require('worker_threads').Worker)(${JSON.stringify(THREAD)}, { eval: true }).on('message', (n) => console.log(n));`;
    return Number(
      execFileSync(process.execPath, ['--initial-old-space-size=400', '-e', main], { encoding: 'utf8', timeout: 30_000 }).trim(),
    );
  }

  it('gives analysis threads made after it the default initial heap', function () {
    this.timeout(60_000);
    assert.strictEqual(fullCollectionsInThread(false), 0, 'without the reset the thread takes the 400 MB start');
    assert.ok(fullCollectionsInThread(true) >= 1, 'with the reset the thread collects at the default size');
  });
});

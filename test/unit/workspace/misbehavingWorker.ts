import { parentPort } from 'worker_threads';
import type { WorkerRequest, WorkerResponse } from '../../../server/src/workspace/workerProtocol';

/*
 * An analysis thread for the pool's tests, speaking the worker protocol: the
 * text says what to do. "explode" allocates until the heap limit ends the
 * thread, "hang" never answers, "throw" fails; anything else is analysed as
 * an empty document.
 */
const port = parentPort;
if (port) {
  port.on('message', (req: WorkerRequest) => {
    let res: WorkerResponse;
    if (req.text === 'explode') {
      const hoard: number[][] = [];
      for (;;) hoard.push(new Array<number>(1_000_000).fill(hoard.length));
    } else if (req.text === 'hang') {
      for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    } else if (req.text === 'throw') {
      res = { id: req.id, error: 'this document breaks the engine' };
    } else {
      const text = req.text;
      res = {
        id: req.id,
        analysis: {
          length: text.length,
          structure: { headline: null, byline: null, blocks: [], commentsStart: null },
          tokens: [],
          sentences: [],
          mentions: [],
          entities: [],
          demonyms: [],
          claims: [],
        },
      };
    }
    port.postMessage(res);
  });
}

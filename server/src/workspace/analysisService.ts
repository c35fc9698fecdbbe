import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { analyzeDocument } from '../analysis/pipeline';
import type { AnalysisResources } from '../analysis/resources';
import { AnalysisCancelled, type DocumentAnalysis } from '../analysis/types';
import { checkAnalysisSize } from './analysisSize';
import { onCancelled, type CancelToken } from './cancellation';
import { compact } from './compact';
import type { ShardTarget } from './cache/shardFile';
import type { ShardResult, WorkerRequest, WorkerResponse } from './workerProtocol';

export interface AnalysisService {
  /** `background` work (indexing from disk) always leaves the calling thread. */
  analyze(text: string, token?: CancelToken, background?: boolean): Promise<DocumentAnalysis>;
  /**
   * Background analysis for the persistent index, when the service can make
   * and write the shard where it analyses (a thread): the summary, not the
   * analysis.
   */
  analyzeToShard?(text: string, target: ShardTarget, token?: CancelToken): Promise<ShardResult>;
  dispose(): void;
}

/** Analyses on the calling thread: for tests and hosts without worker threads. */
export class InlineAnalysisService implements AnalysisService {
  constructor(private readonly resources: () => AnalysisResources) {}

  analyze(text: string, token?: CancelToken): Promise<DocumentAnalysis> {
    try {
      const analysis = compact(analyzeDocument(text, this.resources(), token));
      checkAnalysisSize(analysis, text.length);
      return Promise.resolve(analysis);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  dispose(): void {}
}

export interface PoolOptions {
  /** Threads for background indexing; what the user looks at may use one more. */
  size: number;
  /** Texts shorter than this (and not background) are analysed inline; 0: never. */
  inlineBelow?: number;
  /** Heap limit of each thread: a runaway analysis ends its thread, not the server. */
  heapMb?: number;
  /** How long an analysis of this many characters may take before its thread is ended. */
  timeoutMs?: (textLength: number) => number;
  /**
   * A thread whose heap after a full collection grew by more than this since
   * its first such measure is replaced by a fresh one between analyses: the
   * engine's caches grow with the new words and names it sees, up to their
   * bounds (about 2.5 KB per new document of a big folder), and a leak would
   * grow without them. Infinity: never; a negative allowance
   * replaces every thread after each analysis past its first (for tests:
   * a heap can shrink between two analyses).
   */
  recycleGrowthMb?: number;
}

/** Growth of an analysis thread's heap before it is replaced (it holds about 50 MB once the model and gazetteer are loaded). */
const DEFAULT_RECYCLE_GROWTH_MB = 64;

interface Job {
  text: string;
  background: boolean;
  /** Write the shard there and answer with its summary (analyzeToShard) rather than the analysis. */
  shard: ShardTarget | undefined;
  /** Shared with the worker: set to stop the analysis between stages. */
  flag: Int32Array;
  buffer: SharedArrayBuffer;
  settled: boolean;
  resolve(a: DocumentAnalysis | ShardResult): void;
  reject(e: Error): void;
  dispose(): void;
}

/** What the pool did, for logs and for tests that count work instead of timing it. */
export interface PoolStats {
  analysed: number;
  /** Analyses a worker abandoned between stages because they were cancelled. */
  stoppedEarly: number;
  failed: number;
  /** Threads replaced because their heap grew past recycleGrowthMb. */
  recycled: number;
}

/**
 * A small pool of worker threads so that analysis never blocks the thread
 * that answers requests. Background indexing uses at most `size` threads;
 * what the user is looking at may use one more, so it never waits behind a
 * big document being indexed. A thread that runs out of memory or time is
 * ended and replaced: one bad document fails alone.
 */
export class WorkerAnalysisService implements AnalysisService {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, { job: Job; timer: NodeJS.Timeout }>();
  /** Each thread's heap at its first measure (after a full collection), the baseline of its growth. */
  private readonly firstHeap = new WeakMap<Worker, number>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private disposed = false;
  readonly stats: PoolStats = { analysed: 0, stoppedEarly: 0, failed: 0, recycled: 0 };
  private readonly heapMb: number;
  private readonly timeoutMs: (textLength: number) => number;

  constructor(
    private readonly script: string,
    private readonly options: PoolOptions,
    private readonly inline?: InlineAnalysisService,
  ) {
    this.heapMb = options.heapMb ?? defaultHeapMb(options.size);
    // Ten times the engine's bar (2 s per 100 KB), and a minute for the model to load.
    this.timeoutMs = options.timeoutMs ?? ((n) => 60_000 + 0.2 * n);
  }

  /**
   * The pool when dist/worker.js sits beside the running bundle, else inline
   * analysis. With inlineBelow 0 the calling thread never analyses, so it
   * never holds the model and its garbage collections stay short.
   */
  static create(resources: () => AnalysisResources, dir: string, size: number, inlineBelow = 0, prewarm = true): AnalysisService {
    const inline = new InlineAnalysisService(resources);
    const script = path.join(dir, 'worker.js');
    if (!fs.existsSync(script)) return inline;
    const pool = new WorkerAnalysisService(script, { size, inlineBelow }, inline);
    if (prewarm) pool.prewarm();
    return pool;
  }

  analyze(text: string, token?: CancelToken, background = false): Promise<DocumentAnalysis> {
    if (this.inline && !background && text.length < (this.options.inlineBelow ?? 0)) return this.inline.analyze(text, token);
    return this.submit(text, token, background, undefined) as Promise<DocumentAnalysis>;
  }

  analyzeToShard(text: string, target: ShardTarget, token?: CancelToken): Promise<ShardResult> {
    return this.submit(text, token, true, target) as Promise<ShardResult>;
  }

  private submit(
    text: string,
    token: CancelToken | undefined,
    background: boolean,
    shard: ShardTarget | undefined,
  ): Promise<DocumentAnalysis | ShardResult> {
    if (token?.isCancellationRequested || this.disposed) return Promise.reject(new AnalysisCancelled());
    return new Promise((resolve, reject) => {
      const buffer = new SharedArrayBuffer(4);
      const job: Job = {
        text,
        background,
        shard,
        buffer,
        flag: new Int32Array(buffer),
        settled: false,
        resolve: (a) => settle(() => resolve(a)),
        reject: (e) => settle(() => reject(e)),
        dispose: () => undefined,
      };
      const settle = (done: () => void) => {
        if (job.settled) return;
        job.settled = true;
        job.dispose();
        done();
      };
      // What the user is looking at goes before the background indexing queue.
      if (background) this.queue.push(job);
      else this.queue.unshift(job);
      if (token) job.dispose = onCancelled(token, () => this.cancel(job)).dispose;
      this.pump();
    });
  }

  /** Starts the threads now, so that they load the model while the editor is still starting. */
  prewarm(): void {
    while (this.idle.length + this.busy.size < this.options.size) this.idle.push(this.spawn());
  }

  /** A queued job leaves the queue; a running one is told to stop at the next stage. Either way its caller hears at once. */
  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    else Atomics.store(job.flag, 0, 1);
    job.reject(new AnalysisCancelled());
  }

  private pump(): void {
    while (this.queue.length && !this.disposed) {
      // Foreground jobs sit at the front of the queue, so the head decides.
      const head = this.queue[0];
      let backgroundBusy = 0;
      for (const { job } of this.busy.values()) if (job.background) backgroundBusy++;
      if (head.background && backgroundBusy >= this.options.size) return;
      let worker = this.idle.pop();
      if (!worker && this.busy.size < this.options.size + 1) worker = this.spawn();
      if (!worker) return;
      const job = this.queue.shift() as Job;
      const ms = this.timeoutMs(job.text.length);
      const w = worker;
      const timer = setTimeout(() => this.end(w, new Error(`analysis took longer than ${Math.round(ms / 1000)} s`)), ms);
      this.busy.set(worker, { job, timer });
      const req: WorkerRequest = { id: this.nextId++, text: job.text, cancel: job.buffer, shard: job.shard };
      worker.postMessage(req);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    worker.unref();
    worker.on('message', (res: WorkerResponse) => {
      const entry = this.busy.get(worker);
      // A thread ended for its time limit may still have had an answer on its way.
      if (!entry) return;
      this.busy.delete(worker);
      clearTimeout(entry.timer);
      if (this.outgrown(worker, res.heap)) {
        // Ended between analyses; pump starts a fresh thread when there is work.
        this.stats.recycled++;
        void worker.terminate();
      } else {
        this.idle.push(worker);
      }
      if ('analysis' in res) {
        this.stats.analysed++;
        entry.job.resolve(res.analysis);
      } else if ('shard' in res) {
        this.stats.analysed++;
        entry.job.resolve(res.shard);
      } else if ('cancelled' in res) {
        this.stats.stoppedEarly++;
        entry.job.reject(new AnalysisCancelled());
      } else {
        this.stats.failed++;
        entry.job.reject(new Error(res.error));
      }
      this.pump();
    });
    worker.on('error', (err) => this.end(worker, err));
    worker.on('exit', (code) => {
      if (code !== 0) this.end(worker, new Error(`analysis thread exited with code ${code}`));
    });
    return worker;
  }

  /** Whether the thread's heap, measured after a full collection, grew past the allowance since its first such measure. */
  private outgrown(worker: Worker, heap: number | undefined): boolean {
    const growth = this.options.recycleGrowthMb ?? DEFAULT_RECYCLE_GROWTH_MB;
    if (growth === Infinity) return false;
    const first = this.firstHeap.get(worker);
    // A negative allowance replaces the thread after its first answer, whatever its heap did.
    if (growth < 0) {
      if (first === undefined) this.firstHeap.set(worker, heap ?? 0);
      return first !== undefined;
    }
    // Measured only after a full collection (see analysisWorker.ts): the first measure is the baseline.
    if (heap === undefined) return false;
    if (first === undefined) this.firstHeap.set(worker, heap);
    return first !== undefined && heap > first + growth * 1048576;
  }

  /** Ends a thread (out of memory, out of time or crashed): its job fails, the others go on, a new thread takes its place. */
  private end(worker: Worker, err: Error): void {
    const entry = this.busy.get(worker);
    this.busy.delete(worker);
    const i = this.idle.indexOf(worker);
    if (i >= 0) this.idle.splice(i, 1);
    if (entry) {
      clearTimeout(entry.timer);
      this.stats.failed++;
      entry.job.reject(describe(err));
      void worker.terminate();
    }
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
    for (const w of [...this.idle, ...this.busy.keys()]) void w.terminate();
    for (const { timer } of this.busy.values()) clearTimeout(timer);
    for (const job of this.queue.splice(0)) job.reject(new AnalysisCancelled());
  }
}

function describe(err: Error): Error {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ERR_WORKER_OUT_OF_MEMORY' ? new Error('analysis ran out of memory') : err;
}

/** A share of the machine's memory per thread, between 1 and 4 GB; DOSSIER_WORKER_HEAP_MB overrides. */
function defaultHeapMb(size: number): number {
  const env = Number(process.env.DOSSIER_WORKER_HEAP_MB);
  if (Number.isInteger(env) && env >= 64) return env;
  const totalMb = os.totalmem() / 1048576;
  return Math.round(Math.max(1024, Math.min(4096, totalMb / (size + 2))));
}

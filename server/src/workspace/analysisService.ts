import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { analyzeDocument } from '../analysis/pipeline';
import type { AnalysisResources } from '../analysis/resources';
import { AnalysisCancelled, type Cancellation, type DocumentAnalysis } from '../analysis/types';
import { compact } from './compact';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

export interface AnalysisService {
  /** `background` work (indexing from disk) always leaves the calling thread. */
  analyze(text: string, token?: Cancellation, background?: boolean): Promise<DocumentAnalysis>;
  dispose(): void;
}

/** Analyses on the calling thread: for tests and hosts without worker threads. */
export class InlineAnalysisService implements AnalysisService {
  constructor(private readonly resources: () => AnalysisResources) {}

  analyze(text: string, token?: Cancellation): Promise<DocumentAnalysis> {
    try {
      return Promise.resolve(compact(analyzeDocument(text, this.resources(), token)));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  dispose(): void {}
}

interface Job {
  req: WorkerRequest;
  background: boolean;
  token?: Cancellation;
  resolve(a: DocumentAnalysis): void;
  reject(e: Error): void;
}

/**
 * A small pool of worker threads so that analysis never blocks the thread
 * that answers requests. Background indexing uses at most `size` threads;
 * what the user is looking at may use one more, so it never waits behind a
 * big document being indexed. Small texts can run inline (`inlineBelow`),
 * where a thread hop would cost more than it saves.
 */
export class WorkerAnalysisService implements AnalysisService {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private disposed = false;

  constructor(
    private readonly script: string,
    private readonly size: number,
    private readonly inline: InlineAnalysisService,
    private readonly inlineBelow: number,
  ) {}

  /**
   * The pool when dist/worker.js sits beside the running bundle, else inline
   * analysis. With inlineBelow 0 the calling thread never analyses, so it
   * never holds the model and its garbage collections stay short.
   */
  static create(resources: () => AnalysisResources, dir: string, size: number, inlineBelow = 0): AnalysisService {
    const inline = new InlineAnalysisService(resources);
    const script = path.join(dir, 'worker.js');
    if (!fs.existsSync(script)) return inline;
    const pool = new WorkerAnalysisService(script, size, inline, inlineBelow);
    pool.prewarm();
    return pool;
  }

  analyze(text: string, token?: Cancellation, background = false): Promise<DocumentAnalysis> {
    if (!background && text.length < this.inlineBelow) return this.inline.analyze(text, token);
    return new Promise((resolve, reject) => {
      const job: Job = { req: { id: this.nextId++, text }, background, token, resolve, reject };
      // What the user is looking at goes before the background indexing queue.
      if (background) this.queue.push(job);
      else this.queue.unshift(job);
      this.pump();
    });
  }

  /** Starts the threads now, so that they load the model while the editor is still starting. */
  prewarm(): void {
    while (this.idle.length + this.busy.size < this.size) this.idle.push(this.spawn());
  }

  private pump(): void {
    while (this.queue.length && !this.disposed) {
      // Foreground jobs sit at the front of the queue, so the head decides.
      const head = this.queue[0];
      const backgroundBusy = [...this.busy.values()].filter((j) => j.background).length;
      if (head.background && backgroundBusy >= this.size) return;
      let worker = this.idle.pop();
      if (!worker && this.busy.size < this.size + 1) worker = this.spawn();
      if (!worker) return;
      const job = this.queue.shift() as Job;
      if (job.token?.isCancellationRequested) {
        this.idle.push(worker);
        job.reject(new AnalysisCancelled());
        continue;
      }
      this.busy.set(worker, job);
      worker.postMessage(job.req);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.script);
    worker.unref();
    worker.on('message', (res: WorkerResponse) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle.push(worker);
      if (job) {
        if ('error' in res) job.reject(new Error(res.error));
        else job.resolve(res.analysis);
      }
      this.pump();
    });
    worker.on('error', (err) => this.fail(worker, err));
    worker.on('exit', (code) => {
      if (code !== 0) this.fail(worker, new Error(`analysis worker exited with code ${code}`));
    });
    return worker;
  }

  private fail(worker: Worker, err: Error): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    const i = this.idle.indexOf(worker);
    if (i >= 0) this.idle.splice(i, 1);
    job?.reject(err);
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
    for (const w of [...this.idle, ...this.busy.keys()]) void w.terminate();
    for (const job of this.queue.splice(0)) job.reject(new AnalysisCancelled());
  }
}

import { pathToFileURL } from 'url';
import * as path from 'path';
import type { DocumentAnalysis } from '../../analysis/types';
import { compact } from '../compact';
import { engineVersion } from './engineVersion';
import { ShardStore, textHash } from './shardStore';
import { summarize } from './summary';
import { linePositions } from './linePositions';

/**
 * The CLI's `--cache DIR`: a file whose shard matches its text and the engine
 * is not analysed again; new analyses are written as shards (the same ones
 * the language server reads, so a folder indexed by either serves both).
 * The CLI never prunes: one cache folder may serve several runs over
 * different files.
 */
export class CachedAnalyzer {
  private readonly store: ShardStore;
  private readonly writes = new Set<Promise<void>>();
  readonly stats = { fromCache: 0, analysed: 0, writeFailures: 0 };
  /** Why the first shard that could not be written was not (a folder that cannot be made, a full disk). */
  firstWriteError: unknown;

  constructor(
    dir: string,
    private readonly analyzeText: (text: string) => DocumentAnalysis,
    engine = engineVersion(),
  ) {
    this.store = new ShardStore(dir, engine);
  }

  analyze(file: string, text: string): DocumentAnalysis {
    const uri = pathToFileURL(path.resolve(file)).toString();
    const hash = textHash(text);
    const stored = this.store.readFull(uri, hash, text);
    if (stored) {
      this.stats.fromCache++;
      return stored.analysis;
    }
    const analysis = compact(this.analyzeText(text));
    this.stats.analysed++;
    const summary = summarize(analysis, linePositions(text));
    const write = this.store.write(uri, hash, summary, { text, analysis }).catch((err: unknown) => {
      if (!this.stats.writeFailures++) this.firstWriteError = err;
    });
    this.writes.add(write);
    void write.then(() => this.writes.delete(write));
    return analysis;
  }

  /** Waits for the shards still being written. */
  async flush(): Promise<void> {
    await Promise.all([...this.writes]);
  }
}

import type { DocumentAnalysis } from '../analysis/types';
import type { ShardTarget } from './cache/shardFile';

/**
 * An analysis made for the persistent index, never copied whole to the
 * server's thread: the analysis thread writes the shard itself and answers
 * with the summary, encoded as in the shard (one string to copy, not
 * thousands of small objects, and decoded straight into the server's pooled
 * names).
 */
export interface ShardResult {
  /** encodeSummary's JSON. */
  summary: string;
  /** Only when the thread could not write the shard: the payload (cache/payload.ts), for the server to keep and write. */
  payload?: Uint8Array;
  /** The bytes of the shard the thread wrote: the workspace manifest records it without a stat of the file. */
  size?: number;
  warnings?: string[];
}

export interface WorkerRequest {
  id: number;
  text: string;
  /**
   * One Int32 the requesting thread sets to 1 to stop the analysis. The
   * worker is busy analysing and reads no messages meanwhile, so the flag is
   * shared memory, looked at between the engine's stages.
   */
  cancel: SharedArrayBuffer;
  /** Write the shard there and answer with a ShardResult instead of the analysis. */
  shard?: ShardTarget;
}

export type WorkerAnswer =
  | { id: number; analysis: DocumentAnalysis }
  | { id: number; shard: ShardResult }
  | { id: number; error: string }
  | { id: number; cancelled: true };

/**
 * An answer and, when a full collection ran since the previous answer, the bytes of heap the thread
 * uses after it (the engine's caches grow with the vocabulary it has seen).
 */
export type WorkerResponse = WorkerAnswer & { heap?: number };

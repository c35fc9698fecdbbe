import type { DocumentAnalysis } from '../analysis/types';
import type { DocumentSummary } from './cache/summary';

/** An analysis made for the persistent index: its summary and its shard's compressed payload, never copied whole to the server's thread. */
export interface ShardResult {
  summary: DocumentSummary;
  /** gzip of JSON { text, analysis } (see cache/shardStore.ts). */
  payload: Uint8Array;
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
  /** Answer with a ShardResult instead of the analysis. */
  shard?: boolean;
}

export type WorkerResponse =
  | { id: number; analysis: DocumentAnalysis }
  | { id: number; shard: ShardResult }
  | { id: number; error: string }
  | { id: number; cancelled: true };

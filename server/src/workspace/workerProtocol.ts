import type { DocumentAnalysis } from '../analysis/types';

export interface WorkerRequest {
  id: number;
  text: string;
  /**
   * One Int32 the requesting thread sets to 1 to stop the analysis. The
   * worker is busy analysing and reads no messages meanwhile, so the flag is
   * shared memory, looked at between the engine's stages.
   */
  cancel: SharedArrayBuffer;
}

export type WorkerResponse = { id: number; analysis: DocumentAnalysis } | { id: number; error: string } | { id: number; cancelled: true };

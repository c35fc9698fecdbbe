import type { DocumentAnalysis } from '../analysis/types';

export interface WorkerRequest {
  id: number;
  text: string;
}

export type WorkerResponse = { id: number; analysis: DocumentAnalysis } | { id: number; error: string };

import * as fs from 'fs';
import * as path from 'path';
import type { DocumentAnalysis } from '../analysis/types';
import type { ReadResult } from '../workspace/readDocument';
import { analysisWarnings, decodeWarning } from './output';

/** One file's outcome in `dossier analyze`: its analysis and warnings, or why it was skipped. */
export type FileResult =
  { file: string; ok: true; analysis: DocumentAnalysis; warnings: string[] } | { file: string; ok: false; reason: string };

/** Why a file's analysis failed, as every analysing thread reports it. */
export function analysisFailed(err: unknown): string {
  return `analysis failed: ${err instanceof Error ? err.message : String(err)}`;
}

/** A thread's script beside the running code: its name in the bundle (dist/), then as compiled by tsc. */
export function scriptBeside(dir: string, names: readonly string[]): string | null {
  for (const name of names) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  return null;
}

/** A file read (or not) and analysed: a failed read or an analysis that throws becomes a failed result naming the file. */
export function fileResult(file: string, doc: ReadResult, analyze: (text: string) => DocumentAnalysis): FileResult {
  if (!doc.ok) return { file, ok: false, reason: doc.reason };
  let analysis: DocumentAnalysis;
  try {
    analysis = analyze(doc.text);
  } catch (err) {
    return { file, ok: false, reason: analysisFailed(err) };
  }
  const warnings = analysisWarnings(analysis).map((w) => `warning: ${w}`);
  const decoding = decodeWarning(doc);
  return { file, ok: true, analysis, warnings: decoding ? [decoding, ...warnings] : warnings };
}

import type { DocumentAnalysis } from '../analysis/types';
import type { ReadResult } from '../workspace/readDocument';
import { analysisWarnings, decodeWarning } from './output';

/** One file's outcome in `dossier analyze`: its analysis and warnings, or why it was skipped. */
export type FileResult =
  { file: string; ok: true; analysis: DocumentAnalysis; warnings: string[] } | { file: string; ok: false; reason: string };

/** A file read (or not) and analysed: a failed read or an analysis that throws becomes a failed result naming the file. */
export function fileResult(file: string, doc: ReadResult, analyze: (text: string) => DocumentAnalysis): FileResult {
  if (!doc.ok) return { file, ok: false, reason: doc.reason };
  let analysis: DocumentAnalysis;
  try {
    analysis = analyze(doc.text);
  } catch (err) {
    return { file, ok: false, reason: `analysis failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  const warnings = analysisWarnings(analysis).map((w) => `warning: ${w}`);
  const decoding = decodeWarning(doc);
  return { file, ok: true, analysis, warnings: decoding ? [decoding, ...warnings] : warnings };
}

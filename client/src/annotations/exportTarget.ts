import { SIDECAR_SUFFIX } from '../../../common/annotations';

/*
 * Pure path rules for the Export Annotations command (no vscode), so that
 * they are unit-tested in plain Node. Paths are URI paths ("/"-separated).
 */

/** Case-folded, since macOS and Windows compare names so: "A.ann" is "a.ann" there. */
const key = (p: string): string => p.normalize('NFC').toLowerCase();

/**
 * Whether an export would write over a document it reads or its sidecar —
 * whatever the save dialog's own "replace?" prompt was answered, an export
 * never destroys its source.
 */
export function isExportSource(target: string, documents: readonly string[]): boolean {
  const t = key(target);
  return documents.some((d) => key(d) === t || key(d + SIDECAR_SUFFIX) === t);
}

/**
 * The .ann file suggested for a document: its name with .ann for its
 * extension (brat pairs X.txt with X.ann), or its whole name plus .ann when
 * that is a document itself (a document named victim.ann, or victim.txt next
 * to it).
 */
export function suggestedBratPath(docPath: string, documents: readonly string[]): string {
  const slash = docPath.lastIndexOf('/');
  const dot = docPath.lastIndexOf('.');
  const preferred = (dot > slash + 1 ? docPath.slice(0, dot) : docPath) + '.ann';
  return isExportSource(preferred, documents) ? docPath + '.ann' : preferred;
}

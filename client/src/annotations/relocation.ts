import type { Sidecar } from '../../../common/annotations';

/*
 * Pure helpers for documents that move: where a renamed path goes, and which
 * orphaned sidecar (its document is gone) belongs to which document, by the
 * hash of the text. No `vscode`, no file system: unit-tested in plain Node.
 */

/** Where `path` is after `from` was renamed to `to`: `from` itself, or anything inside it when it is a folder; null if unaffected. */
export function renamedPath(path: string, from: string, to: string): string | null {
  if (path === from) return to;
  const inside = path.length > from.length && path.startsWith(from) && (path[from.length] === '/' || path[from.length] === '\\');
  return inside ? to + path.slice(from.length) : null;
}

/**
 * The hash of the text a sidecar was written for: its `documentHash`, or
 * for files written before it existed, the hash most of its annotations
 * were saved with. Null when unknown.
 */
export function sidecarDocumentHash(sidecar: Sidecar): string | null {
  if (sidecar.documentHash) return sidecar.documentHash;
  const counts = new Map<string, number>();
  for (const a of sidecar.annotations) if (a.target.hash) counts.set(a.target.hash, (counts.get(a.target.hash) ?? 0) + 1);
  let best: string | null = null;
  let most = 0;
  for (const [hash, n] of counts) {
    if (n > most) [best, most] = [hash, n];
  }
  return best;
}

export interface Orphan {
  /** The path of the missing document the sidecar was for. */
  docPath: string;
  hash: string;
}

export interface Candidate {
  docPath: string;
  hash: string;
}

/**
 * Pairs each orphan with the one candidate document whose text has its hash.
 * Nothing is guessed: an orphan matching several documents, or a document
 * matched by several orphans, is left out.
 */
export function matchOrphans(orphans: readonly Orphan[], candidates: readonly Candidate[]): Array<{ orphan: Orphan; docPath: string }> {
  const byHash = new Map<string, Candidate[]>();
  for (const c of candidates) byHash.set(c.hash, [...(byHash.get(c.hash) ?? []), c]);
  const orphansPerHash = new Map<string, number>();
  for (const o of orphans) orphansPerHash.set(o.hash, (orphansPerHash.get(o.hash) ?? 0) + 1);
  const out: Array<{ orphan: Orphan; docPath: string }> = [];
  for (const orphan of orphans) {
    const matches = (byHash.get(orphan.hash) ?? []).filter((c) => c.docPath !== orphan.docPath);
    if (matches.length === 1 && orphansPerHash.get(orphan.hash) === 1) out.push({ orphan, docPath: matches[0].docPath });
  }
  return out;
}

import * as path from 'path';
import { fileURLToPath } from 'url';
import type { Annotation } from '../../../../common/annotations';
import type { ReportDocument } from './report';

/*
 * Names and links of documents in a report, shared by the server and
 * `dossier report`: the name is the path relative to the folder the document
 * is in, the link its path relative to where the report is saved.
 */

export interface ReportPaths {
  /** Folders the documents are named relative to (the workspace folders, or the CLI's folder). */
  folders: readonly string[];
  /** The folder the report is saved in; links are relative to it. */
  base: string;
}

export function describeDocument(uri: string, paths: ReportPaths): { name: string; link: string } {
  if (!uri.startsWith('file:')) return { name: uri, link: uri };
  const file = fileURLToPath(uri);
  const folder = paths.folders.find((f) => !path.relative(f, file).startsWith('..') && !path.isAbsolute(path.relative(f, file)));
  const name = folder ? path.relative(folder, file) : path.basename(file);
  const rel = path.relative(paths.base, file);
  // Another drive (Windows): only an absolute link can reach it.
  const link = path.isAbsolute(rel) ? uri : rel;
  return { name: toSlashes(name), link: toSlashes(link) };
}

export function reportDocument(uri: string, text: string, annotations: readonly Annotation[], paths: ReportPaths): ReportDocument {
  return { uri, text, annotations, ...describeDocument(uri, paths) };
}

function toSlashes(p: string): string {
  return p.split(path.sep).join('/');
}

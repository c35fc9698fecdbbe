import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { anchor, CodePointIndex } from '../../../common/anchoring';
import { annotationSchema, textHash, type Annotation } from '../../../common/annotations';
import {
  exportAnnotationsRequest,
  importAnnotationsRequest,
  type AnnotationExportFormat,
  type ImportedAnnotation,
} from '../../../common/protocol';
import { isExportSource, suggestedBratPath } from './exportTarget';
import { baseName } from './sidecarPaths';
import type { AnnotationStore, Placement } from './store';

/*
 * Export and import. The formats are rendered and parsed by the language
 * server (the same code as `dossier export`); the client gathers documents,
 * converts W3C code point offsets back to UTF-16 with the document text, and
 * writes files.
 */

export interface ExportArgs {
  format?: AnnotationExportFormat;
  /** The file to write (a URI string or Uri). */
  target?: string | vscode.Uri;
  /** Only the active document, or every document with annotations (default for w3c and csv). */
  scope?: 'document' | 'workspace';
}

export interface ImportArgs {
  file?: string | vscode.Uri;
}

const EXTENSIONS: Record<AnnotationExportFormat, string> = { w3c: 'jsonld', csv: 'csv', brat: 'ann' };

function asUri(u: string | vscode.Uri): vscode.Uri {
  return typeof u === 'string' ? (/^[a-z][\w+.-]*:/i.test(u) && !/^[a-z]:[\\/]/i.test(u) ? vscode.Uri.parse(u) : vscode.Uri.file(u)) : u;
}

function requireServer(client: LanguageClient): void {
  if (!client.isRunning()) throw new Error('the language server is not running. Try "Dossier: Restart Language Server".');
}

export async function exportAnnotations(
  store: AnnotationStore,
  client: LanguageClient,
  args: ExportArgs = {},
): Promise<vscode.Uri | undefined> {
  requireServer(client);
  const format =
    args.format ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'W3C Web Annotation (JSON-LD)', format: 'w3c' as const },
          { label: 'CSV', format: 'csv' as const },
          { label: 'brat standoff (.ann, this document)', format: 'brat' as const },
        ],
        { title: 'Dossier: Export Annotations — format' },
      )
    )?.format;
  if (!format) return undefined;
  const active = vscode.window.activeTextEditor?.document.uri;
  let scope = args.scope ?? (format === 'brat' ? 'document' : undefined);
  if (!scope) {
    scope =
      active && store.get(active)?.sidecar.annotations.length
        ? (
            await vscode.window.showQuickPick(
              [
                { label: 'All annotated documents', scope: 'workspace' as const },
                { label: `This document (${baseName(active.path)})`, scope: 'document' as const },
              ],
              { title: 'Dossier: Export Annotations — which documents' },
            )
          )?.scope
        : 'workspace';
    if (!scope) return undefined;
  }
  const states =
    scope === 'document'
      ? active && store.get(active)
        ? [store.get(active)!]
        : []
      : store.all().filter((s) => s.sidecar.annotations.length);
  if (!states.length)
    throw new Error(scope === 'document' ? 'this document has no annotations' : 'there are no annotations in this workspace');
  const documents = [];
  for (const state of states) {
    const { annotations, text } = await store.snapshot(state);
    if (text === null) continue;
    documents.push({ uri: state.docUri.toString(), name: vscode.workspace.asRelativePath(state.docUri, false), text, annotations });
  }
  // Every document the store knows, not only those exported: none of them, nor its sidecar, is a place to export to.
  const annotated = store.all().map((s) => s.docUri);
  let target = args.target ? asUri(args.target) : undefined;
  if (!target) {
    const first = states[0].docUri;
    const suggested =
      format === 'brat'
        ? first.with({
            path: suggestedBratPath(
              first.path,
              annotated.map((u) => u.path),
            ),
          })
        : vscode.Uri.joinPath(first, '..', `annotations.${EXTENSIONS[format]}`);
    target = await vscode.window.showSaveDialog({
      defaultUri: suggested,
      title: 'Dossier: Export Annotations',
      filters: { [format.toUpperCase()]: [EXTENSIONS[format], ...(format === 'w3c' ? ['json'] : [])] },
    });
    if (!target) return undefined;
  }
  const scheme = target.scheme;
  if (
    isExportSource(
      target.path,
      annotated.filter((u) => u.scheme === scheme).map((u) => u.path),
    )
  ) {
    throw new Error(`${baseName(target.path)} is an annotated document or its sidecar: choose another file to export to`);
  }
  const { content } = await client.sendRequest(exportAnnotationsRequest, { format, documents });
  await vscode.workspace.fs.writeFile(target, Buffer.from(content, 'utf8'));
  if (!args.target)
    void vscode.window.showInformationMessage(
      `Dossier: exported ${documents.reduce((n, d) => n + d.annotations.length, 0)} annotations to ${baseName(target.path)}.`,
    );
  return target;
}

export interface ImportReport {
  imported: number;
  orphaned: number;
  skipped: number;
  /** Sources that match no document of the workspace. */
  missing: string[];
}

export async function importAnnotations(
  store: AnnotationStore,
  client: LanguageClient,
  args: ImportArgs = {},
): Promise<ImportReport | undefined> {
  requireServer(client);
  let file = args.file ? asUri(args.file) : undefined;
  if (!file) {
    file = (
      await vscode.window.showOpenDialog({
        title: 'Dossier: Import Annotations (W3C Web Annotation JSON-LD)',
        canSelectMany: false,
        filters: { 'W3C JSON-LD': ['jsonld', 'json'] },
      })
    )?.[0];
    if (!file) return undefined;
  }
  const content = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
  const parsed = await client.sendRequest(importAnnotationsRequest, { content });
  const report: ImportReport = { imported: 0, orphaned: 0, skipped: parsed.skipped, missing: [] };
  const bySource = new Map<string, ImportedAnnotation[]>();
  for (const a of parsed.annotations) bySource.set(a.source, [...(bySource.get(a.source) ?? []), a]);
  for (const [source, items] of bySource) {
    const docUri = await findDocument(source);
    const text = docUri ? await store.textOf(docUri) : null;
    if (!docUri || text === null) {
      report.missing.push(source);
      report.skipped += items.length;
      continue;
    }
    const cp = new CodePointIndex(text);
    const hash = textHash(text);
    const annotations: Annotation[] = [];
    const placements = new Map<string, Placement>();
    for (const item of items) {
      const converted = toAnnotation(item, text, cp, hash);
      if (!converted) {
        report.skipped++;
        continue;
      }
      annotations.push(converted.annotation);
      placements.set(converted.annotation.id, converted.placement);
      if (!converted.placement) report.orphaned++;
    }
    report.imported += await store.merge(docUri, annotations, placements);
  }
  if (!args.file) {
    const extra = [
      report.orphaned ? `${report.orphaned} could not be placed (shown as orphaned)` : '',
      report.skipped ? `${report.skipped} skipped` : '',
      report.missing.length ? `documents not found: ${report.missing.map((m) => baseName(m)).join(', ')}` : '',
    ].filter(Boolean);
    void vscode.window.showInformationMessage(
      `Dossier: imported ${report.imported} annotations${extra.length ? ` (${extra.join('; ')})` : ''}.`,
    );
  }
  return report;
}

/** The workspace document a W3C source names: the same URI if it exists, else a file with the same name. */
async function findDocument(source: string): Promise<vscode.Uri | undefined> {
  let uri: vscode.Uri | undefined;
  try {
    uri = vscode.Uri.parse(source, true);
    await vscode.workspace.fs.stat(uri);
    return uri;
  } catch {
    // Exported on another machine or from another folder: match by file name.
  }
  const name = baseName(uri?.path ?? source);
  if (!name) return undefined;
  const found = await vscode.workspace.findFiles(`**/${name.replace(/[[\]{}*?]/g, '?')}`, '**/node_modules/**', 2);
  return found.length === 1 ? found[0] : undefined;
}

/** Converts code points to UTF-16, re-anchors by quote, and validates the result as a sidecar annotation. */
function toAnnotation(
  item: ImportedAnnotation,
  text: string,
  cp: CodePointIndex,
  hash: string,
): { annotation: Annotation; placement: Placement } | null {
  const start = item.position ? cp.toUtf16(item.position.start) : 0;
  const end = item.position ? cp.toUtf16(item.position.end) : 0;
  const quote =
    item.quote ??
    (item.position && end > start && end <= text.length ? { exact: text.slice(start, end), prefix: '', suffix: '' } : undefined);
  if (!quote) return null;
  const at = anchor(text, {
    start,
    end: item.position ? end : start + quote.exact.length,
    exact: quote.exact,
    prefix: quote.prefix,
    suffix: quote.suffix,
  });
  const now = new Date().toISOString();
  const candidate = {
    id: item.id ?? randomUUID(),
    created: item.created ?? item.modified ?? now,
    modified: item.modified ?? item.created ?? now,
    kind: item.kind,
    ...(item.entity ? { entity: item.entity } : {}),
    ...(item.correction ? { correction: item.correction } : {}),
    target: {
      position: { type: 'TextPositionSelector', start: at?.start ?? start, end: at?.end ?? Math.max(start, end) },
      quote: { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
      hash: at ? hash : '',
    },
    body: { tags: item.tags, ...(item.note !== undefined ? { note: item.note } : {}) },
  };
  const parsed = annotationSchema.safeParse(candidate);
  if (!parsed.success) return null;
  return { annotation: parsed.data, placement: at ? { start: at.start, end: at.end } : null };
}

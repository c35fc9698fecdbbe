import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { parseSidecar, SIDECAR_SUFFIX, type Annotation } from '../../../common/annotations';
import { applyCorrections } from '../analysis/corrections';
import { defaultSettings } from '../../../common/settings';
import { claimThresholds } from '../lsp/features/claimFilter';
import { writeReport, type ReportDocument } from '../lsp/features/report';
import { describeDocument, reportDocument, type ReportPaths } from '../lsp/features/reportDocuments';
import { loadResources } from '../workspace/resources';
import { AnnotationIndex } from '../workspace/annotationIndex';
import { WorkerAnalysisService } from '../workspace/analysisService';
import { DocumentIndex } from '../workspace/documentIndex';
import { workspaceEntities } from '../workspace/workspaceEntities';
import { readDocument } from '../workspace/readDocument';
import { findDocuments } from '../workspace/scanner';
import { reasonOf } from '../workspace/export/walk';
import { DEFAULT_MAX_BYTES } from './sizeLimit';

/*
 * `dossier report <folder> [--out FILE]`: the Markdown report of the
 * annotations in the folder's sidecars, the same text as the editor's
 * "Dossier: Write Report". Links are relative to the --out file's folder, or
 * to <folder> when the report goes to stdout.
 */

export const REPORT_USAGE = `  dossier report [--out FILE] <folder>   Markdown report of the sidecars under folder: tagged passages by tag,
                                        notes without tags, claims of tagged actors (stdout, or FILE)`;

export class ReportUsageError extends Error {}

const DEFAULT_INCLUDE = ['**/*.txt'];
const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**'];

export function parseReportArgs(argv: readonly string[]): { folder: string; out?: string } {
  let out: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out' || arg === '-o') {
      out = argv[++i];
      if (!out) throw new ReportUsageError('--out needs a file name');
    } else if (arg.startsWith('--out=')) out = arg.slice(6);
    else if (arg.startsWith('-') && arg !== '-') throw new ReportUsageError(`unknown option ${arg}`);
    else rest.push(arg);
  }
  if (rest.length !== 1) throw new ReportUsageError('report takes one folder');
  return { folder: rest[0], ...(out ? { out } : {}) };
}

export interface ReportIo {
  stdout(s: string): Promise<void>;
  stderr(s: string): void;
}

/**
 * 0 on success, 2 when some sidecar or document could not be read (the rest is still reported). `readSidecar` is a
 * seam: tests make one sidecar fail as EACCES does for a user, which chmod cannot do when the tests run as root.
 */
export async function runReport(
  argv: readonly string[],
  io: ReportIo,
  readSidecar: (file: string) => Promise<string> = (file) => fs.readFile(file, 'utf8'),
): Promise<number> {
  const { folder, out } = parseReportArgs(argv);
  const root = path.resolve(folder);
  if (!(await fs.stat(root).catch(() => null))?.isDirectory()) throw new ReportUsageError(`${folder} is not a folder`);
  const paths: ReportPaths = { folders: [root], base: out ? path.dirname(path.resolve(out)) : root };
  let failed = false;
  const annotations = new AnnotationIndex();
  const documents: ReportDocument[] = [];
  for (const sidecarFile of await findDocuments([root], [`**/*${SIDECAR_SUFFIX}`], DEFAULT_EXCLUDE)) {
    const file = sidecarFile.slice(0, -SIDECAR_SUFFIX.length);
    let content: string;
    try {
      content = await readSidecar(sidecarFile);
    } catch (err) {
      // One sidecar that cannot be read (permission denied, removed since the folder was listed) leaves the others.
      io.stderr(`dossier: ${sidecarFile}: ${reasonOf(err)} (its annotations are not in the report)\n`);
      failed = true;
      continue;
    }
    const parsed = parseSidecar(content, path.basename(file));
    if (!parsed.ok) {
      io.stderr(`dossier: ${sidecarFile}: ${parsed.error}\n`);
      failed = true;
      continue;
    }
    const read = await readDocument(file);
    if (!read.ok) {
      io.stderr(`dossier: ${file}: ${read.reason} (its annotations are not in the report)\n`);
      failed = true;
      continue;
    }
    const uri = pathToFileURL(file).toString();
    annotations.set(uri, parsed.sidecar.annotations);
    documents.push(reportDocument(uri, read.text, parsed.sidecar.annotations, paths));
  }
  // Claims need the analysis of every document (a tagged actor may speak anywhere); only done when an actor is tagged.
  const index = documents.some((d) => d.annotations.some(isActorTag)) ? await analyseFolder(root, annotations, io) : undefined;
  // The claims the editor shows by default (`dossier.claims.*`): the report reads like the editor.
  const markdown = writeReport({
    documents,
    index: index && workspaceEntities(index),
    describe: (uri) => describeDocument(uri, paths),
    claims: claimThresholds(defaultSettings),
  });
  if (out) {
    await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true });
    await fs.writeFile(path.resolve(out), markdown);
  } else await io.stdout(markdown);
  return failed ? 2 : 0;
}

function isActorTag(a: Annotation): boolean {
  return a.kind === 'entity-tag' && (a.entity.type === undefined || a.entity.type === 'person' || a.entity.type === 'organization');
}

/** The folder's documents analysed as the language server does it: corrections applied, entities joined across documents. */
async function analyseFolder(root: string, annotations: AnnotationIndex, io: ReportIo): Promise<DocumentIndex> {
  const threads = Math.max(1, Math.min(4, (os.availableParallelism?.() ?? os.cpus().length) - 1));
  const service = WorkerAnalysisService.create(loadResources, __dirname, threads);
  const index = new DocumentIndex(service, (uri, text, analysis) => applyCorrections(analysis, annotations.corrections(uri, text)));
  try {
    const files = await findDocuments([root], DEFAULT_INCLUDE, DEFAULT_EXCLUDE);
    let next = 0;
    const lane = async () => {
      while (next < files.length) {
        const file = files[next++];
        // Over the editor's default size, skipped as the editor's index skips it, and said: its claims are missing.
        const read = await readDocument(file, DEFAULT_MAX_BYTES);
        if (!read.ok) {
          if (read.tooLarge) io.stderr(`dossier: ${file}: ${read.reason}, skipped (its claims are not in the report)\n`);
          continue;
        }
        await index.update(pathToFileURL(file).toString(), read.text, 0, undefined, true).catch((err: unknown) => {
          io.stderr(`dossier: ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
        });
      }
    };
    await Promise.all(Array.from({ length: threads + 1 }, lane));
  } finally {
    service.dispose();
  }
  return index;
}

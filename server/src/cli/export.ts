import { promises as fs } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { z } from 'zod';
import type { Annotation } from '../../../common/annotations';
import { parseSidecar, SIDECAR_SUFFIX } from '../../../common/annotations';
import { readDocument } from '../workspace/readDocument';
import { toBrat } from '../workspace/export/brat';
import type { ExportDocument } from '../workspace/export/documents';
import { EXPORT_FORMATS, exportStream } from '../workspace/export';
import { openOutput, pathKey, planBratTargets, preferredBratTarget, type Output } from '../workspace/export/output';
import { findSidecars, nodeExportFs, reasonOf, type ExportFs } from '../workspace/export/walk';

export const EXPORT_USAGE = `  dossier export --format w3c|csv|brat [--out <file|dir>] [--force] <folder>
                                        export the annotations of every sidecar under folder:
                                        w3c and csv to stdout or --out file; brat one .ann per
                                        document, next to it or under the --out directory.
                                        Existing files are not overwritten without --force`;

const exportArgs = z.object({
  format: z.enum(EXPORT_FORMATS, { errorMap: () => ({ message: '--format must be w3c, csv or brat' }) }),
  out: z.string().min(1).optional(),
  force: z.boolean(),
  folder: z.string().min(1, 'export needs a folder'),
});

export class ExportUsageError extends Error {}

export function parseExportArgs(argv: readonly string[]): z.infer<typeof exportArgs> {
  let format: string | undefined;
  let out: string | undefined;
  let force = false;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--format' || arg === '-f') format = argv[++i];
    else if (arg.startsWith('--format=')) format = arg.slice(9);
    else if (arg === '--out' || arg === '-o') out = argv[++i];
    else if (arg.startsWith('--out=')) out = arg.slice(6);
    else if (arg === '--force') force = true;
    else if (arg.startsWith('-')) throw new ExportUsageError(`unknown option ${arg}`);
    else rest.push(arg);
  }
  if (rest.length > 1) throw new ExportUsageError('export takes one folder');
  const parsed = exportArgs.safeParse({ format, out, force, folder: rest[0] ?? '' });
  if (!parsed.success) throw new ExportUsageError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

export interface ExportIo {
  stdout(s: string): Promise<void>;
  stderr(s: string): void;
}

interface Source {
  file: string;
  name: string;
  annotations: readonly Annotation[];
}

/**
 * `dossier export`: 0 on success, 2 when something was skipped — a folder,
 * sidecar or document that could not be read, an output file that was not
 * written over — and the rest exported.
 */
export async function runExport(argv: readonly string[], io: ExportIo, fsApi: ExportFs = nodeExportFs): Promise<number> {
  const { format, out, force, folder } = parseExportArgs(argv);
  const root = path.resolve(folder);
  const stat = await fs.stat(root).catch(() => null);
  if (!stat?.isDirectory()) throw new ExportUsageError(`${folder} is not a folder`);
  let failed = false;
  const problem = (file: string, reason: string): void => {
    io.stderr(`dossier: ${file}: ${reason}\n`);
    failed = true;
  };
  const sidecars = await findSidecars(root, fsApi, problem);
  // Never an output: the documents and sidecars found, even with --force.
  const reserved = new Set<string>();
  const sources: Source[] = [];
  for (const sidecarFile of sidecars) {
    const file = sidecarFile.slice(0, -SIDECAR_SUFFIX.length);
    reserved.add(pathKey(sidecarFile)).add(pathKey(file));
    let content: string;
    try {
      content = await fsApi.readFile(sidecarFile);
    } catch (err) {
      problem(sidecarFile, `${reasonOf(err)} (its annotations are not exported)`);
      continue;
    }
    const sidecar = parseSidecar(content, path.basename(file));
    if (!sidecar.ok) problem(sidecarFile, sidecar.error);
    else sources.push({ file, name: path.relative(root, file).split(path.sep).join('/'), annotations: sidecar.sidecar.annotations });
  }
  // Documents are read one at a time and let go: an export of a corpus holds one text at once.
  const load = async (s: Source): Promise<ExportDocument | null> => {
    const read = await readDocument(s.file);
    if (read.ok) return { uri: pathToFileURL(s.file).toString(), name: s.name, text: read.text, annotations: s.annotations };
    problem(s.file, `${read.reason} (its annotations are not exported)`);
    return null;
  };

  if (format === 'brat') {
    const outDir = out ? path.resolve(out) : undefined;
    if (outDir && (await fs.stat(outDir).catch(() => null))?.isDirectory() === false)
      throw new ExportUsageError(`--out ${out} is not a folder`);
    const bases = sources.map((s) => (outDir ? path.join(outDir, ...s.name.split('/')) : s.file));
    const targets = planBratTargets(bases, reserved);
    let written = 0;
    for (const [i, source] of sources.entries()) {
      const doc = await load(source);
      if (!doc) continue;
      const target = targets[i];
      const preferred = preferredBratTarget(bases[i]);
      if (target !== preferred)
        io.stderr(
          `dossier: ${source.file}: its annotations go to ${target}: ${preferred} ${reserved.has(pathKey(preferred)) ? 'is a document' : "is another document's"}\n`,
        );
      try {
        await fs.mkdir(path.dirname(target), { recursive: true });
      } catch (err) {
        problem(path.dirname(target), reasonOf(err));
        continue;
      }
      if (await writeAll(await openOutput(target, force), target, [toBrat(doc)])) written++;
    }
    io.stderr(`dossier: wrote ${written} .ann file${written === 1 ? '' : 's'}\n`);
    return failed ? 2 : 0;
  }

  const stream = exportStream(format);
  async function* chunks(): AsyncGenerator<string> {
    yield stream.head();
    for (const s of sources) {
      const doc = await load(s);
      if (doc) yield stream.document(doc);
    }
    yield stream.tail();
  }
  if (!out) {
    for await (const chunk of chunks()) await io.stdout(chunk);
  } else {
    const target = path.resolve(out);
    if (reserved.has(pathKey(target))) problem(target, 'is a document or sidecar being exported, not overwritten');
    else await writeAll(await openOutput(target, force), target, chunks());
  }
  return failed ? 2 : 0;

  /** Writes and commits one output; a refusal or failure is reported naming the file. */
  async function writeAll(
    output: Output | { error: string },
    target: string,
    content: Iterable<string> | AsyncIterable<string>,
  ): Promise<boolean> {
    if ('error' in output) {
      problem(target, output.error);
      return false;
    }
    try {
      for await (const chunk of content) await output.write(chunk);
      await output.commit();
      return true;
    } catch (err) {
      await output.abort();
      problem(target, reasonOf(err));
      return false;
    }
  }
}

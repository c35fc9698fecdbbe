import { promises as fs } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { z } from 'zod';
import { parseSidecar, SIDECAR_SUFFIX } from '../../../common/annotations';
import { readDocument } from '../workspace/readDocument';
import { toBrat } from './brat';
import type { ExportDocument } from './documents';
import { EXPORT_FORMATS, renderExport } from './index';

export const EXPORT_USAGE = `  dossier export --format w3c|csv|brat [--out <file|dir>] <folder>
                                        export the annotations of every sidecar under folder:
                                        w3c and csv to stdout or --out file; brat one .ann per
                                        document, next to it or under the --out directory`;

const exportArgs = z.object({
  format: z.enum(EXPORT_FORMATS, { errorMap: () => ({ message: '--format must be w3c, csv or brat' }) }),
  out: z.string().min(1).optional(),
  folder: z.string().min(1, 'export needs a folder'),
});

export class ExportUsageError extends Error {}

export function parseExportArgs(argv: readonly string[]): z.infer<typeof exportArgs> {
  let format: string | undefined;
  let out: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--format' || arg === '-f') format = argv[++i];
    else if (arg.startsWith('--format=')) format = arg.slice(9);
    else if (arg === '--out' || arg === '-o') out = argv[++i];
    else if (arg.startsWith('--out=')) out = arg.slice(6);
    else if (arg.startsWith('-')) throw new ExportUsageError(`unknown option ${arg}`);
    else rest.push(arg);
  }
  if (rest.length > 1) throw new ExportUsageError('export takes one folder');
  const parsed = exportArgs.safeParse({ format, out, folder: rest[0] ?? '' });
  if (!parsed.success) throw new ExportUsageError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

export interface ExportIo {
  stdout(s: string): Promise<void>;
  stderr(s: string): void;
}

/** `dossier export`: 0 on success, 2 when some sidecar or document could not be read (the rest is still exported). */
export async function runExport(argv: readonly string[], io: ExportIo): Promise<number> {
  const { format, out, folder } = parseExportArgs(argv);
  const root = path.resolve(folder);
  const stat = await fs.stat(root).catch(() => null);
  if (!stat?.isDirectory()) throw new ExportUsageError(`${folder} is not a folder`);
  let failed = false;
  const docs: Array<ExportDocument & { file: string }> = [];
  for (const sidecarFile of await findSidecars(root)) {
    const file = sidecarFile.slice(0, -SIDECAR_SUFFIX.length);
    const name = path.relative(root, file).split(path.sep).join('/');
    const sidecar = parseSidecar(await fs.readFile(sidecarFile, 'utf8'), path.basename(file));
    if (!sidecar.ok) {
      io.stderr(`dossier: ${sidecarFile}: ${sidecar.error}\n`);
      failed = true;
      continue;
    }
    const read = await readDocument(file);
    if (!read.ok) {
      io.stderr(`dossier: ${file}: ${read.reason} (its annotations are not exported)\n`);
      failed = true;
      continue;
    }
    docs.push({ file, uri: pathToFileURL(file).toString(), name, text: read.text, annotations: sidecar.sidecar.annotations });
  }
  if (format === 'brat') {
    for (const doc of docs) {
      const target = out ? path.join(path.resolve(out), doc.name.replace(/\.[^./]*$/, '') + '.ann') : doc.file.replace(/\.[^./\\]*$/, '') + '.ann';
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, toBrat(doc));
    }
    io.stderr(`dossier: wrote ${docs.length} .ann file${docs.length === 1 ? '' : 's'}\n`);
  } else {
    const content = renderExport(format, docs);
    if (out) await fs.writeFile(path.resolve(out), content);
    else await io.stdout(content);
  }
  return failed ? 2 : 0;
}

async function findSidecars(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') out.push(...(await findSidecars(full)));
    } else if (e.isFile() && e.name.endsWith(SIDECAR_SUFFIX)) out.push(full);
  }
  return out;
}

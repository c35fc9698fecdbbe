import { z } from 'zod';
import type { DocumentAnalysis } from '../analysis/types';
import { analyzeJsonl, defaultJobs } from './corpus';
import { sayAbout, writeStdout } from './io';
import { JsonDocumentsWriter, writeAll, type Write } from './json';
import { analysisWarnings, decodeWarning, summaryLines } from './output';
import { readDocument, type ReadResult } from '../workspace/readDocument';
import { CachedAnalyzer } from '../workspace/cache/cachedAnalyzer';

export class UsageError extends Error {}

const analyzeArgs = z
  .object({
    json: z.boolean(),
    jsonl: z.boolean(),
    jobs: z.number().int().min(1).max(256),
    cache: z.string().min(1).optional(),
    files: z.array(z.string().min(1)),
  })
  .refine((a) => a.jsonl || a.files.length > 0, 'analyze needs at least one file')
  .refine((a) => !(a.json && a.jsonl), '--json and --jsonl exclude each other')
  .refine((a) => !(a.cache && a.jsonl), '--cache works with files, not --jsonl');

export function parseAnalyze(argv: readonly string[]): z.infer<typeof analyzeArgs> {
  let json = false;
  let jsonl = false;
  let jobs = defaultJobs();
  let cache: string | undefined;
  const files: string[] = [];
  let optionsDone = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!optionsDone && arg === '--') optionsDone = true;
    else if (!optionsDone && arg === '--json') json = true;
    else if (!optionsDone && arg === '--jsonl') jsonl = true;
    else if (!optionsDone && (arg === '--jobs' || arg === '-j')) jobs = Number(argv[++i]);
    else if (!optionsDone && arg.startsWith('--jobs=')) jobs = Number(arg.slice(7));
    else if (!optionsDone && arg === '--cache') cache = argv[++i] ?? '';
    else if (!optionsDone && arg.startsWith('--cache=')) cache = arg.slice(8);
    else if (!optionsDone && arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  const parsed = analyzeArgs.safeParse({ json, jsonl, jobs, cache, files });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

export type FileResult =
  { file: string; ok: true; analysis: DocumentAnalysis; warnings: string[] } | { file: string; ok: false; reason: string };

/**
 * Reads and analyses the files one at a time, in order. A file that cannot
 * be read, or whose analysis throws, becomes a failed result naming it; the
 * files after it are still analysed. One at a time, so that only one
 * document and its analysis are in memory.
 */
export async function* analyzeFiles(
  files: readonly string[],
  analyze: (text: string, file: string) => DocumentAnalysis,
  read: (file: string) => Promise<ReadResult> = readDocument,
): AsyncGenerator<FileResult> {
  for (const file of files) {
    const doc = await read(file);
    if (!doc.ok) {
      yield { file, ok: false, reason: doc.reason };
      continue;
    }
    let analysis: DocumentAnalysis;
    try {
      analysis = analyze(doc.text, file);
    } catch (err) {
      yield { file, ok: false, reason: `analysis failed: ${err instanceof Error ? err.message : String(err)}` };
      continue;
    }
    const warnings = analysisWarnings(analysis).map((w) => `warning: ${w}`);
    const decoding = decodeWarning(doc);
    yield { file, ok: true, analysis, warnings: decoding ? [decoding, ...warnings] : warnings };
  }
}

/** `dossier analyze`: 0 when every file was analysed, 2 when some were skipped (and named on stderr). */
export async function analyze(
  argv: readonly string[],
  analyzeText: (text: string) => DocumentAnalysis,
  write: Write = writeStdout,
): Promise<number> {
  const { json, jsonl, jobs, cache, files } = parseAnalyze(argv);
  if (jsonl) return (await analyzeJsonl(files, jobs, write)) ? 0 : 2;
  let failed = false;
  const out = json ? new JsonDocumentsWriter(write) : null;
  const cached = cache ? new CachedAnalyzer(cache, analyzeText) : undefined;
  const run = cached ? (text: string, file: string) => cached.analyze(file, text) : analyzeText;
  for await (const result of analyzeFiles(files, run)) {
    if (!result.ok) {
      sayAbout(result.file, result.reason);
      failed = true;
      continue;
    }
    for (const w of result.warnings) sayAbout(result.file, w);
    if (out) await out.document(result.file, result.analysis);
    else await writeAll(lines(summaryLines(result.file, result.analysis)), write);
  }
  if (out) await out.close();
  await cached?.flush();
  return failed ? 2 : 0;
}

/** Summary lines, a blank line after the document, batched so that a write is not one line. */
function* lines(summary: Iterable<string>): Generator<string> {
  let buf = '';
  for (const line of summary) {
    buf += line + '\n';
    if (buf.length >= 1 << 16) {
      yield buf;
      buf = '';
    }
  }
  yield buf + '\n';
}

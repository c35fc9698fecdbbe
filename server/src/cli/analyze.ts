import { z } from 'zod';
import type { DocumentAnalysis } from '../analysis/types';
import { analyzeJsonl } from './corpus';
import { defaultJobs, dropEarlyTagThread, PARALLEL_FROM, workerCount } from './tagThread';
import { analyzeInParallel } from './parallel';
import { runJsonJob } from './jsonJob';
import { say, sayAbout, writeStdout } from './io';
import { fileErrorMessage } from './fileErrors';
import { JsonDocumentsWriter, writeAll, type Write, type WriteBytes } from './json';
import { summaryLines } from './output';
import { fileResult, type FileResult } from './fileResult';
import { analyzePipelined, type CompleteAnalysis } from './pipelined';
import type { ReadResult } from '../workspace/readDocument';
import { claimScore } from '../lsp/features/claimFilter';
import { CachedAnalyzer } from '../workspace/cache/cachedAnalyzer';
import { DEFAULT_MAX_BYTES, MAX_SIZE_USAGE, maxBytesOf, readInput } from './sizeLimit';

export class UsageError extends Error {}

const CONFIDENCE = '--min-confidence needs a number between 0 and 1';
const JOBS = '--jobs needs a whole number of threads from 1 to 256';

const analyzeArgs = z
  .object({
    json: z.boolean(),
    jsonl: z.boolean(),
    jobs: z.number({ invalid_type_error: JOBS }).int(JOBS).min(1, JOBS).max(256, JOBS),
    cache: z.string().min(1).optional(),
    files: z.array(z.string().min(1)),
    minConfidence: z.number({ invalid_type_error: CONFIDENCE }).min(0, CONFIDENCE).max(1, CONFIDENCE).optional(),
    claimsModel: z.boolean(),
    maxSize: z.number({ invalid_type_error: MAX_SIZE_USAGE }).min(0, MAX_SIZE_USAGE).optional(),
  })
  .refine((a) => a.jsonl || a.files.length > 0, 'analyze needs at least one file')
  .refine((a) => !(a.json && a.jsonl), '--json and --jsonl exclude each other')
  .refine((a) => !(a.jsonl && a.minConfidence !== undefined), '--min-confidence applies to --json and the summary, not --jsonl')
  .refine((a) => !(a.cache && a.jsonl), '--cache works with files, not --jsonl');

/** The options of `dossier analyze`; `maxBytes` is `--max-size` in bytes (Infinity for no limit). */
export type AnalyzeArgs = Omit<z.infer<typeof analyzeArgs>, 'maxSize'> & { maxBytes: number };

export function parseAnalyze(argv: readonly string[]): AnalyzeArgs {
  let json = false;
  let jsonl = false;
  let jobs = defaultJobs();
  let minConfidence: number | undefined;
  let cache: string | undefined;
  let claimsModel = false;
  let maxSize: number | undefined;
  const files: string[] = [];
  let optionsDone = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!optionsDone && arg === '--') optionsDone = true;
    else if (!optionsDone && arg === '--json') json = true;
    else if (!optionsDone && arg === '--jsonl') jsonl = true;
    else if (!optionsDone && (arg === '--jobs' || arg === '-j')) jobs = number(argv[++i]);
    else if (!optionsDone && arg.startsWith('--jobs=')) jobs = number(arg.slice(7));
    else if (!optionsDone && arg === '--min-confidence') minConfidence = number(argv[++i]);
    else if (!optionsDone && arg.startsWith('--min-confidence=')) minConfidence = number(arg.slice(17));
    else if (!optionsDone && arg === '--cache') cache = argv[++i] ?? '';
    else if (!optionsDone && arg.startsWith('--cache=')) cache = arg.slice(8);
    else if (!optionsDone && arg === '--claims-model') claimsModel = true;
    else if (!optionsDone && arg === '--max-size') maxSize = number(argv[++i]);
    else if (!optionsDone && arg.startsWith('--max-size=')) maxSize = number(arg.slice(11));
    else if (!optionsDone && arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  const parsed = analyzeArgs.safeParse({ json, jsonl, jobs, cache, files, minConfidence, claimsModel, maxSize });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const { maxSize: mb, ...args } = parsed.data;
  return { ...args, maxBytes: mb === undefined ? DEFAULT_MAX_BYTES : maxBytesOf(mb) };
}

/** A flag's number; a missing or empty value is NaN, which the schema rejects ("" would be 0 to Number). */
const number = (s: string | undefined) => (s === undefined || s.trim() === '' ? NaN : Number(s));

export type { FileResult } from './fileResult';

/**
 * Reads and analyses the files one at a time, in order. A file that cannot
 * be read, or whose analysis throws, becomes a failed result naming it; the
 * files after it are still analysed. One at a time, so that only one
 * document and its analysis are in memory.
 */
export async function* analyzeFiles(
  files: readonly string[],
  analyze: (text: string, file: string) => DocumentAnalysis,
  read: (file: string) => Promise<ReadResult> = (file) => readInput(file, DEFAULT_MAX_BYTES),
): AsyncGenerator<FileResult> {
  // The next file is read while this one is analysed.
  let reading = files.length ? read(files[0]) : null;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const doc = await (reading as Promise<ReadResult>);
    reading = i + 1 < files.length ? read(files[i + 1]) : null;
    yield fileResult(file, doc, (text) => analyze(text, file));
  }
}

/** The two-thread pipeline (pipelined.ts): the tagging thread's script, and this thread's stages after tagging. */
export interface Pipeline {
  script: string;
  stages: () => CompleteAnalysis;
}

/**
 * `dossier analyze`: 0 when every file was analysed, 2 when some were skipped (and named on stderr).
 * On two threads (two cores, or --jobs 2), with `pipeline`, the JSON and the summary come from the
 * pipeline; from three threads, with `workerScript` (the CLI's thread script), `--json` runs on threads
 * each analysing whole documents.
 */
export async function analyze(
  argv: readonly string[],
  analyzeText: (text: string) => DocumentAnalysis,
  write: Write = writeStdout,
  workerScript: string | null = null,
  writeBytes: WriteBytes = writeStdout,
  pipeline: Pipeline | null = null,
): Promise<number> {
  const { json, jsonl, jobs, cache, files, minConfidence, claimsModel, maxBytes } = parseAnalyze(argv);
  // Resources load on first use, here and in every thread (which inherit the environment), and the
  // persistent index's version records the choice, so the switch travels the way the editor's setting does.
  if (claimsModel) process.env.DOSSIER_CLAIMS_MODEL = '1';
  if (jsonl) {
    dropEarlyTagThread();
    return (await analyzeJsonl(files, jobs, write, maxBytes)) ? 0 : 2;
  }
  const threads = workerCount(jobs, files.length);
  // A handful of files does not pay for a second thread's start-up. --cache runs on this thread alone: its hits are not analysed.
  const pipelined = pipeline !== null && threads === 2 && !cache && files.length >= PARALLEL_FROM;
  // A tagging thread started as the process started, on a guess from the arguments (tagThread.ts), that no pipeline takes.
  if (!pipelined) dropEarlyTagThread();
  // --min-confidence is applied on this thread, below.
  if (!pipelined && json && minConfidence === undefined && !cache && workerScript && threads > 1 && files.length >= PARALLEL_FROM)
    return analyzeJsonOnThreads(files, threads, workerScript, write, writeBytes, maxBytes);
  let failed = false;
  const out = json ? new JsonDocumentsWriter(write) : null;
  const cached = cache ? new CachedAnalyzer(cache, analyzeText) : undefined;
  const run = cached ? (text: string, file: string) => cached.analyze(file, text) : analyzeText;
  const results =
    pipeline && pipelined
      ? analyzePipelined(files, pipeline.script, pipeline.stages, maxBytes)
      : analyzeFiles(files, run, (file) => readInput(file, maxBytes));
  for await (const result of results) {
    if (!result.ok) {
      sayAbout(result.file, result.reason);
      failed = true;
      continue;
    }
    for (const w of result.warnings) sayAbout(result.file, w);
    // Without the flag every claim is written, with its score: the contract's reader chooses.
    const analysis =
      minConfidence === undefined
        ? result.analysis
        : { ...result.analysis, claims: result.analysis.claims.filter((c) => claimScore(c) >= minConfidence) };
    if (out) await out.document(result.file, analysis);
    else await writeAll(lines(summaryLines(result.file, analysis)), write);
  }
  if (out) await out.close();
  await cached?.flush();
  // The output is complete without the cache, but the user asked for one: say that it was not written, and why.
  if (cached?.stats.writeFailures) say(`--cache ${cache}: ${cacheFailure(cached)}`);
  return failed ? 2 : 0;
}

/**
 * `--json` on threads, this one among them: each reads, analyses and writes
 * its files' JSON; the documents come out in input order, as on one thread.
 * Worth it from two cores: a thread's start-up (loading the model) is paid
 * once per thread.
 */
async function analyzeJsonOnThreads(
  files: readonly string[],
  threads: number,
  script: string,
  write: Write,
  writeBytes: WriteBytes,
  maxBytes: number,
): Promise<number> {
  let failed = false;
  const out = new JsonDocumentsWriter(write);
  for await (const result of analyzeInParallel(files, threads, script, maxBytes, runJsonJob)) {
    if (!result.ok) {
      sayAbout(result.file, result.reason);
      failed = true;
      continue;
    }
    for (const w of result.warnings) sayAbout(result.file, w);
    await out.bytes(result.bytes, writeBytes);
  }
  await out.close();
  return failed ? 2 : 0;
}

/** `N analyses were not saved in the cache: <reason>`, the reason as a file error is worded elsewhere. */
function cacheFailure(cached: CachedAnalyzer): string {
  const n = cached.stats.writeFailures;
  const err = cached.firstWriteError;
  const reason = fileErrorMessage(err) ?? (err instanceof Error ? err.message : String(err));
  return `${n} ${n === 1 ? 'analysis was' : 'analyses were'} not saved (${reason})`;
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

import * as readline from 'readline';
import { z } from 'zod';
import type { AnalysisResources } from '../analysis/resources';
import type { DocumentAnalysis } from '../analysis/types';
import { sayAbout, say } from './io';
import { documentJson, writeAll, type Write } from './json';
import { analysisWarnings, decodeWarning } from './output';
import { analysisFailed } from './fileResult';
import { loadResources } from '../workspace/resources';
import { WorkerAnalysisService, type AnalysisService } from '../workspace/analysisService';
import { readInput, tooLargeReason } from './sizeLimit';

/*
 * Corpus mode: `dossier analyze --jsonl` streams one JSON object per document,
 * analysed in parallel over worker threads, in input order, so that it can run
 * under GNU parallel, Hadoop Streaming or Spark's pipe().
 */

const stdinDocument = z.object({ id: z.union([z.string(), z.number()]).optional(), file: z.string().optional(), text: z.string() });

type Input =
  | { kind: 'file'; file: string }
  | { kind: 'text'; id?: string | number; file?: string; text: string }
  | { kind: 'bad'; line: number; reason: string };

/** Characters of text in flight past which --jsonl waits for the oldest document: a few big ones, or many articles. */
const HELD_BUDGET = 64 << 20;

async function* stdinInputs(): AsyncGenerator<Input> {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n++;
    const line = raw.trim();
    if (!line) continue;
    if (!line.startsWith('{')) {
      yield { kind: 'file', file: line };
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      yield { kind: 'bad', line: n, reason: 'not valid JSON' };
      continue;
    }
    const doc = stdinDocument.safeParse(json);
    if (doc.success) yield { kind: 'text', ...doc.data };
    else yield { kind: 'bad', line: n, reason: doc.error.issues.map((i) => `${i.path.join('.') || 'document'}: ${i.message}`).join('; ') };
  }
}

async function* fileInputs(files: readonly string[]): AsyncGenerator<Input> {
  for (const file of files) yield { kind: 'file', file };
}

/** How a pool of `size` analysis threads is made; a seam so that tests can see the size asked for. */
export type CreateService = (resources: () => AnalysisResources, dir: string, size: number, inlineBelow: number) => AnalysisService;

import { workerCount } from './tagThread';

export { defaultJobs, workerCount } from './tagThread';

interface Loaded {
  text: string;
  name: string;
  extra: Record<string, unknown>;
}

interface Analysed {
  name: string;
  extra: Record<string, unknown>;
  analysis: DocumentAnalysis;
}

export async function analyzeJsonl(
  files: readonly string[],
  jobs: number,
  write: Write,
  maxBytes: number,
  createService: CreateService = WorkerAnalysisService.create,
  heldBudget = HELD_BUDGET,
): Promise<boolean> {
  const threads = workerCount(jobs, files.length ? files.length : null);
  // Every document goes to the pool (inlineBelow 0) as background work, so exactly `threads` threads work.
  const service = createService(loadResources, __dirname, threads, 0);
  let failed = false;
  // Documents in flight, in input order, with the length of their text.
  const window: Array<{ result: Promise<Analysed | null>; size: number }> = [];
  const limit = threads * 4;
  // Text in flight: an analysis takes tens of times its text, so past the budget the next document waits for the oldest.
  let held = 0;
  /** The input's text and name, or null when it is skipped (and said on stderr). */
  const load = async (input: Input): Promise<Loaded | null> => {
    if (input.kind === 'bad') {
      say(`stdin line ${input.line}: ${input.reason}`);
      return null;
    }
    if (input.kind === 'file') {
      const read = await readInput(input.file, maxBytes);
      if (!read.ok) {
        sayAbout(input.file, read.reason);
        return null;
      }
      const warning = decodeWarning(read);
      if (warning) sayAbout(input.file, warning);
      return { text: read.text, name: input.file, extra: {} };
    }
    const name = input.file ?? (input.id !== undefined ? String(input.id) : '-');
    const tooLarge = tooLargeReason(Buffer.byteLength(input.text), maxBytes);
    if (tooLarge) {
      sayAbout(name, tooLarge);
      return null;
    }
    return { text: input.text, name, extra: input.id !== undefined ? { id: input.id } : {} };
  };
  const run = async ({ text, name, extra }: Loaded): Promise<Analysed | null> => {
    try {
      const analysis = await service.analyze(text, undefined, true);
      for (const w of analysisWarnings(analysis)) sayAbout(name, `warning: ${w}`);
      return { name, extra, analysis };
    } catch (err) {
      sayAbout(name, analysisFailed(err));
      failed = true;
      return null;
    }
  };
  const flush = async (all: boolean) => {
    while (window.length && (all || window.length >= limit || (held > heldBudget && window.length > 1))) {
      const entry = window.shift() as { result: Promise<Analysed | null>; size: number };
      const out = await entry.result;
      held -= entry.size;
      // Written piece by piece: one line of a huge document can be longer than a string may be.
      if (out !== null) {
        await writeAll(documentJson(out.name, out.analysis, out.extra), write);
        await write('\n');
      }
    }
  };
  try {
    for await (const input of files.length ? fileInputs(files) : stdinInputs()) {
      const doc = await load(input);
      if (!doc) {
        failed = true;
        continue;
      }
      held += doc.text.length;
      window.push({ result: run(doc), size: doc.text.length });
      await flush(false);
    }
    await flush(true);
  } finally {
    service.dispose();
  }
  return !failed;
}

import * as os from 'os';
import * as readline from 'readline';
import { z } from 'zod';
import { toContract } from './cliOutput';
import { loadResources } from './resources';
import { WorkerAnalysisService } from './workspace/analysisService';
import { readDocument } from './workspace/readDocument';

/*
 * Corpus mode: `dossier analyze --jsonl` streams one JSON object per document,
 * analysed in parallel over worker threads, in input order, so that it can run
 * under GNU parallel, Hadoop Streaming or Spark's pipe().
 */

const stdinDocument = z.object({ id: z.union([z.string(), z.number()]).optional(), file: z.string().optional(), text: z.string() });

type Input = { kind: 'file'; file: string } | { kind: 'text'; id?: string | number; file?: string; text: string } | { kind: 'bad'; line: number; reason: string };

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

async function* fileInputs(files: string[]): AsyncGenerator<Input> {
  for (const file of files) yield { kind: 'file', file };
}

export async function analyzeJsonl(files: string[], jobs: number, write: (s: string) => Promise<void>): Promise<boolean> {
  // Every document goes to the pool (inlineBelow 0) as background work, so exactly `jobs` threads work.
  const service = WorkerAnalysisService.create(loadResources, __dirname, jobs, 0);
  let failed = false;
  const window: Array<Promise<string | null>> = [];
  const limit = Math.max(1, jobs) * 4;
  const run = async (input: Input): Promise<string | null> => {
    if (input.kind === 'bad') {
      process.stderr.write(`dossier: stdin line ${input.line}: ${input.reason}\n`);
      failed = true;
      return null;
    }
    let text: string;
    let name: string;
    const extra: Record<string, unknown> = {};
    if (input.kind === 'file') {
      const read = await readDocument(input.file);
      if (!read.ok) {
        process.stderr.write(`dossier: ${input.file}: ${read.reason}\n`);
        failed = true;
        return null;
      }
      text = read.text;
      name = input.file;
    } else {
      text = input.text;
      name = input.file ?? (input.id !== undefined ? String(input.id) : '-');
      if (input.id !== undefined) extra.id = input.id;
    }
    try {
      const analysis = await service.analyze(text, undefined, true);
      return JSON.stringify({ ...extra, ...toContract(name, analysis) });
    } catch (err) {
      process.stderr.write(`dossier: ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      failed = true;
      return null;
    }
  };
  const flush = async (all: boolean) => {
    while (window.length && (all || window.length >= limit)) {
      const out = await (window.shift() as Promise<string | null>);
      if (out !== null) await write(out + '\n');
    }
  };
  try {
    for await (const input of files.length ? fileInputs(files) : stdinInputs()) {
      window.push(run(input));
      await flush(false);
    }
    await flush(true);
  } finally {
    service.dispose();
  }
  return !failed;
}

export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

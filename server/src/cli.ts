import { z } from 'zod';
import { analyzeDocument } from './analysis/pipeline';
import { analyzeJsonl, defaultJobs } from './cliCorpus';
import { EXPORT_USAGE, ExportUsageError, runExport } from './export/cli';
import { toContract, summary, type ContractDocument } from './cliOutput';
import { loadResources } from './resources';
import { readDocument } from './workspace/readDocument';
import { REPORT_USAGE, ReportUsageError, runReport } from './reportCli';

const USAGE = `Usage:
  dossier analyze [--json] <file...>   analyse documents; --json prints the version 1 contract
  dossier analyze --jsonl [--jobs N] [file...]
                                        one JSON object per line and document, in input order, N threads;
                                        without files, reads paths or {"id","text"} JSON lines from stdin
${EXPORT_USAGE}
${REPORT_USAGE}
  dossier lsp --stdio                   run the language server over stdio
  dossier help                          this text`;

const analyzeArgs = z
  .object({
    json: z.boolean(),
    jsonl: z.boolean(),
    jobs: z.number().int().min(1).max(256),
    files: z.array(z.string().min(1)),
  })
  .refine((a) => a.jsonl || a.files.length > 0, 'analyze needs at least one file')
  .refine((a) => !(a.json && a.jsonl), '--json and --jsonl exclude each other');

class UsageError extends Error {}

function parseAnalyze(argv: string[]): z.infer<typeof analyzeArgs> {
  let json = false;
  let jsonl = false;
  let jobs = defaultJobs();
  const files: string[] = [];
  let optionsDone = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!optionsDone && arg === '--') optionsDone = true;
    else if (!optionsDone && arg === '--json') json = true;
    else if (!optionsDone && arg === '--jsonl') jsonl = true;
    else if (!optionsDone && (arg === '--jobs' || arg === '-j')) jobs = Number(argv[++i]);
    else if (!optionsDone && arg.startsWith('--jobs=')) jobs = Number(arg.slice(7));
    else if (!optionsDone && arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  const parsed = analyzeArgs.safeParse({ json, jsonl, jobs, files });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

async function analyze(argv: string[]): Promise<number> {
  const { json, jsonl, jobs, files } = parseAnalyze(argv);
  if (jsonl) return (await analyzeJsonl(files, jobs, write)) ? 0 : 2;
  const res = loadResources();
  let failed = false;
  const docs: ContractDocument[] = [];
  for (const file of files) {
    const read = await readDocument(file);
    if (!read.ok) {
      process.stderr.write(`dossier: ${file}: ${read.reason}\n`);
      failed = true;
      continue;
    }
    if (read.invalidUtf8) process.stderr.write(`dossier: ${file}: warning: not valid UTF-8, invalid bytes replaced\n`);
    const analysis = analyzeDocument(read.text, res);
    if (json) docs.push(toContract(file, analysis));
    else process.stdout.write(summary(file, analysis) + '\n\n');
  }
  if (json) await write(JSON.stringify({ version: 1, documents: docs }) + '\n');
  return failed ? 2 : 0;
}

function write(s: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(s)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'analyze':
        return await analyze(rest);
      case 'export':
        return await runExport(rest, { stdout: write, stderr: (s) => process.stderr.write(s) });
      case 'report':
        return await runReport(rest, { stdout: write, stderr: (s) => process.stderr.write(s) });
      case 'lsp': {
        if (!rest.some((a) => a === '--stdio' || a.startsWith('--socket') || a === '--node-ipc')) throw new UsageError('lsp needs a transport: --stdio');
        // Loaded lazily so that `analyze` does not pay for the LSP libraries.
        const { main } = await import('./main');
        main();
        return -1;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE + '\n');
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof ExportUsageError || err instanceof ReportUsageError) {
      process.stderr.write(`dossier: ${err.message}\n${USAGE}\n`);
      return 1;
    }
    process.stderr.write(`dossier: ${err instanceof Error ? err.message : String(err)}\n`);
    return 3;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`dossier: ${String(err)}\n`);
      process.exitCode = 3;
    },
  );
}

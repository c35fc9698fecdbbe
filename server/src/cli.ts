import { z } from 'zod';
import { analyzeDocument } from './analysis/pipeline';
import { toContract, summary, type ContractDocument } from './cliOutput';
import { loadResources } from './resources';
import { readDocument } from './workspace/readDocument';

const USAGE = `Usage:
  dossier analyze [--json] <file...>   analyse documents; --json prints the version 1 contract
  dossier lsp --stdio                   run the language server over stdio
  dossier help                          this text`;

const analyzeArgs = z.object({
  json: z.boolean(),
  files: z.array(z.string().min(1)).min(1, 'analyze needs at least one file'),
});

class UsageError extends Error {}

function parseAnalyze(argv: string[]): z.infer<typeof analyzeArgs> {
  let json = false;
  const files: string[] = [];
  let optionsDone = false;
  for (const arg of argv) {
    if (!optionsDone && arg === '--') optionsDone = true;
    else if (!optionsDone && arg === '--json') json = true;
    else if (!optionsDone && arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  const parsed = analyzeArgs.safeParse({ json, files });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

async function analyze(argv: string[]): Promise<number> {
  const { json, files } = parseAnalyze(argv);
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
    if (err instanceof UsageError) {
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

import { setBatchFlags } from './earlyStart';
import { analyzeDocument, completeFromMentions, completeFromSpans } from '../analysis/pipeline';
import { analyze, UsageError, type Pipeline } from './analyze';
import { exitQuietlyOnClosedPipe, say, writeStdout } from './io';
import { fileErrorMessage } from './fileErrors';
import { printable } from '../../../common/printable';
import { EXPORT_USAGE, ExportUsageError, runExport } from './export';
import { loadResources, loadResourcesTaggingElsewhere } from '../workspace/resources';
import { jsonWorkerScript } from './parallel';
import { tagWorkerScript, type CompleteAnalysis } from './pipelined';
import { REPORT_USAGE, ReportUsageError, runReport } from './report';

const USAGE = `Usage:
  dossier analyze [--json] [--jobs N] [--min-confidence N] [--cache DIR] [--claims-model] [--max-size MB] <file...>
                                        analyse documents; --json prints the version 1 contract, every claim
                                        with its score (0..1); --jobs caps the threads (default: all cores);
                                        --min-confidence drops claims scored below N;
                                        --cache keeps analyses in DIR (the persistent index) and reuses them;
                                        --claims-model adds the trained claims model (experimental, slower);
                                        --max-size skips documents over MB (default 50, as the editor; 0: none)
  dossier analyze --jsonl [--jobs N] [--claims-model] [--max-size MB] [file...]
                                        one JSON object per line and document, in input order, N threads;
                                        without files, reads paths or {"id","text"} JSON lines from stdin
${EXPORT_USAGE}
${REPORT_USAGE}
  dossier lsp --stdio                   run the language server over stdio
  dossier help                          this text`;

/** `dossier analyze`'s two-thread pipeline: tagging on the thread of tagWorker.ts, the later stages here. */
function pipelineStages(): Pipeline | null {
  const script = tagWorkerScript(__dirname);
  if (!script) return null;
  const stages = (): CompleteAnalysis => {
    const res = loadResourcesTaggingElsewhere();
    return (text, layout, tagged) =>
      tagged.mentions ? completeFromMentions(text, layout, tagged.mentions, res) : completeFromSpans(text, layout, tagged.spans, res);
  };
  return { script, stages };
}

/**
 * The export's standard output. CSV cells keep their text exactly (control characters included) for the file or
 * program that reads them; only a terminal is shown the characters it would otherwise obey (an escape sequence
 * in a passage could set its title or clipboard). Rows end in CR LF (RFC 4180), kept as they are.
 */
const exportStdout = (s: string): Promise<void> => writeStdout(process.stdout.isTTY ? s.split('\r\n').map(printable).join('\r\n') : s);

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'analyze':
        exitQuietlyOnClosedPipe();
        return await analyze(
          rest,
          (text) => analyzeDocument(text, loadResources()),
          writeStdout,
          jsonWorkerScript(__dirname),
          writeStdout,
          pipelineStages(),
        );
      case 'export':
        exitQuietlyOnClosedPipe();
        return await runExport(rest, { stdout: exportStdout, stderr: (s) => process.stderr.write(printable(s)) });
      case 'report':
        exitQuietlyOnClosedPipe();
        return await runReport(rest, { stdout: writeStdout, stderr: (s) => process.stderr.write(printable(s)) });
      case 'lsp': {
        if (!rest.some((a) => a === '--stdio' || a.startsWith('--socket') || a === '--node-ipc'))
          throw new UsageError('lsp needs a transport: --stdio');
        // Loaded lazily so that `analyze` does not pay for the LSP libraries.
        const { main } = await import('../lsp/main');
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
    // A path the user gave that cannot be written or read: their input, like an unreadable document (exit 2).
    const fileError = fileErrorMessage(err);
    if (fileError) {
      say(fileError);
      return 2;
    }
    say(err instanceof Error ? err.message : String(err));
    return 3;
  }
}

/** Runs the CLI with `argv` (the process's arguments after the script) and sets the exit code. */
export function main(argv: readonly string[]): void {
  void runCli([...argv]).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`dossier: ${String(err)}\n`);
      process.exitCode = 3;
    },
  );
}

// Run directly (compiled by tsc, or dist/cliMain.js): the batch flags, and no early thread (the pipeline starts its own).
if (require.main === module) {
  setBatchFlags(process.argv.slice(2));
  main(process.argv.slice(2));
}
